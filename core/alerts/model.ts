/**
 * The alert as it crosses from rule evaluation (alerting/rules, the AlertState object) to
 * notification routing (alerting/routing, the dispatcher): the same shape as an alert posted
 * to Prometheus Alertmanager, so its routing semantics and webhook payload carry over.
 */

/** ok → pending → firing → resolved; no-data and error are states of their own. */
export type AlertSeriesState = "ok" | "pending" | "firing" | "resolved" | "nodata" | "error";

export type Severity = "critical" | "warning" | "info";

/** One alert instance: one rule × one group (`by service.name, route`). */
export interface AlertInstance {
  projectId: string;
  ruleId: string;
  ruleName: string;
  /** Stable hash of the sorted labels (incl. `alertname`): identifies the instance across evaluations. */
  fingerprint: string;
  /** Includes `alertname` (the rule name), `severity`, the group-by values, and the rule's labels. */
  labels: Record<string, string>;
  /** Rendered templates: `summary`, `description`, `runbook_url`, … */
  annotations: Record<string, string>;
  status: "firing" | "resolved";
  /** epoch ms */
  startsAt: number;
  /** epoch ms; null while firing */
  endsAt: number | null;
  /** The evaluated value that decided the state (null for no-data). */
  value: number | null;
  /** Link back to the rule in the dashboard. */
  generatorURL: string;
}

/** A row of the alert history (D1 `alert_history`): every state change and every notification attempt. */
export type AlertHistoryKind =
  | "state" // a series changed state
  | "notification" // a notification was sent, failed or retried
  | "escalation" // an escalation level was reached
  | "ack" // acknowledged
  | "silenced"; // suppressed by a silence, mute interval or inhibition

export interface AlertHistoryEvent {
  projectId: string;
  at: number;
  kind: AlertHistoryKind;
  ruleId: string | null;
  fingerprint: string | null;
  /** For state: the new state. For notification: sent | failed | retrying. */
  status: string;
  /** For state: the previous state; for notification: the receiver name. */
  detail: string | null;
  /** Free-form JSON: labels, value, error text, attempt number, receiver kind. */
  data: Record<string, unknown>;
}
