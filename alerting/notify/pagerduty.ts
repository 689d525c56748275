/**
 * PagerDuty Events API v2 (https://developer.pagerduty.com/docs/events-api-v2/trigger-events/):
 * one event per notification, `trigger` while the group fires and `resolve` when it is
 * resolved, with a `dedup_key` derived from the group key so every re-notification updates
 * the same incident (Alertmanager hashes the group key the same way).
 */
import { alertLine, common, title, type NotificationMessage } from "./message";

export const PAGERDUTY_EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";

export type PagerDutySeverity = "critical" | "error" | "warning" | "info";

export interface PagerDutyEvent {
  routing_key: string;
  event_action: "trigger" | "resolve" | "acknowledge";
  dedup_key: string;
  payload?: {
    summary: string;
    source: string;
    severity: PagerDutySeverity;
    timestamp?: string;
    component?: string;
    group?: string;
    class?: string;
    custom_details: Record<string, unknown>;
  };
  links?: { href: string; text: string }[];
  client?: string;
  client_url?: string;
}

const SEVERITIES: Record<string, PagerDutySeverity> = {
  critical: "critical",
  page: "critical",
  error: "error",
  high: "error",
  warning: "warning",
  warn: "warning",
  info: "info",
  low: "info",
  none: "info",
};

/** Our `severity` label to PagerDuty's four; the integration's setting wins, "error" when unknown (Alertmanager's default). */
export function pagerDutySeverity(label: string | undefined, configured?: string): PagerDutySeverity {
  if (configured && configured in SEVERITIES) return SEVERITIES[configured];
  return (label && SEVERITIES[label.toLowerCase()]) || "error";
}

/** Hex SHA-256 of the group key: stable across notifications, at most 255 characters as PagerDuty requires. */
export async function dedupKey(groupKey: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(groupKey));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export function pagerDutyEvent(
  m: NotificationMessage,
  settings: { routing_key: string; severity?: string; client?: string },
  key: string,
  action: "trigger" | "resolve" | "acknowledge" = m.status === "firing" ? "trigger" : "resolve",
): PagerDutyEvent {
  if (action !== "trigger") return { routing_key: settings.routing_key, event_action: action, dedup_key: key };
  const firing = m.alerts.filter((a) => a.status === "firing");
  const labels = common(m.alerts, "labels");
  const first = firing[0] ?? m.alerts[0];
  const links = [{ href: m.externalURL, text: "Open in Monoscope" }];
  if (first?.generatorURL) links.push({ href: first.generatorURL, text: "Alert rule" });
  if (first && m.actions[first.fingerprint]) links.push({ href: m.actions[first.fingerprint].ack, text: "Acknowledge in Monoscope" });
  return {
    routing_key: settings.routing_key,
    event_action: "trigger",
    dedup_key: key,
    payload: {
      // PagerDuty truncates summaries at 1024 characters; we cut first so the cut is ours.
      summary: `${title(m)}${first ? `: ${alertLine(first)}` : ""}`.slice(0, 1024),
      source: first?.labels["service.name"] ?? first?.labels.service ?? first?.labels.instance ?? "monoscope",
      severity: pagerDutySeverity(labels.severity ?? first?.labels.severity, settings.severity),
      timestamp: first ? new Date(first.startsAt).toISOString() : undefined,
      component: labels["service.name"] ?? labels.service,
      group: labels.alertname,
      class: labels.alertname,
      custom_details: {
        firing: firing.map((a) => ({ labels: a.labels, annotations: a.annotations, value: a.value })),
        num_firing: firing.length,
        num_resolved: m.alerts.length - firing.length,
        group_labels: m.groupLabels,
      },
    },
    links,
    client: settings.client ?? "Monoscope Edge",
    client_url: m.externalURL,
  };
}
