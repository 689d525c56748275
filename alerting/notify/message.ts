/**
 * What one notification says, whatever the integration: a group of alerts for a receiver,
 * as Alertmanager hands it to its notifiers (status, group/common labels, alerts), plus
 * the links a person can act on (signed acknowledge/resolve links, the dashboard).
 */
import type { AlertInstance } from "../../core/alerts/model";

export interface AlertActions {
  ack: string;
  resolve: string;
}

export interface NotificationMessage {
  receiver: string;
  groupKey: string;
  /** "firing" when any alert in it fires. */
  status: "firing" | "resolved";
  alerts: AlertInstance[];
  groupLabels: Record<string, string>;
  /** Alerts left out because of an integration's max_alerts. */
  truncatedAlerts: number;
  externalURL: string;
  /** Signed action links per alert fingerprint (absent for test notifications). */
  actions: Record<string, AlertActions>;
  /** Set for "send test notification". */
  test?: boolean;
}

/** Labels (or annotations) every alert of the group shares, as Alertmanager computes them. */
export function common(alerts: AlertInstance[], field: "labels" | "annotations"): Record<string, string> {
  if (alerts.length === 0) return {};
  const out: Record<string, string> = { ...alerts[0][field] };
  for (const a of alerts.slice(1)) for (const k of Object.keys(out)) if (a[field][k] !== out[k]) delete out[k];
  return out;
}

export function statusOf(alerts: AlertInstance[]): "firing" | "resolved" {
  return alerts.some((a) => a.status === "firing") ? "firing" : "resolved";
}

/** One line a person reads first: `[FIRING:2] HighErrorRate api`. */
export function title(m: NotificationMessage): string {
  const firing = m.alerts.filter((a) => a.status === "firing").length;
  const head = m.status === "firing" ? `[FIRING:${firing}]` : "[RESOLVED]";
  const values = Object.keys(m.groupLabels)
    .sort()
    .map((k) => m.groupLabels[k]);
  return `${m.test ? "[TEST] " : ""}${head} ${values.join(" ") || m.alerts[0]?.labels.alertname || m.receiver}`.trim();
}

export function alertLine(a: AlertInstance): string {
  return a.annotations.summary || a.annotations.description || a.labels.alertname || a.fingerprint;
}

export const iso = (ms: number | null) => (ms === null ? "0001-01-01T00:00:00Z" : new Date(ms).toISOString());
