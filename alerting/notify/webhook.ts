/**
 * Alertmanager's webhook payload, version 4 (https://prometheus.io/docs/alerting/latest/configuration/#webhook_config),
 * so receivers written for Alertmanager work unchanged. A firing alert's endsAt is Go's
 * zero time, as Alertmanager sends it.
 */
import { common, iso, type NotificationMessage } from "./message";

export interface WebhookPayload {
  version: "4";
  groupKey: string;
  truncatedAlerts: number;
  status: "firing" | "resolved";
  receiver: string;
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  externalURL: string;
  alerts: {
    status: "firing" | "resolved";
    labels: Record<string, string>;
    annotations: Record<string, string>;
    startsAt: string;
    endsAt: string;
    generatorURL: string;
    fingerprint: string;
  }[];
}

/** Go's encoding/json writes map keys sorted; so do we, so payloads compare equal to Alertmanager's. */
function sorted(map: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(map).sort().map((k) => [k, map[k]]));
}

export function webhookPayload(m: NotificationMessage, maxAlerts = 0): WebhookPayload {
  const alerts = maxAlerts > 0 ? m.alerts.slice(0, maxAlerts) : m.alerts;
  return {
    version: "4",
    groupKey: m.groupKey,
    truncatedAlerts: m.truncatedAlerts + (m.alerts.length - alerts.length),
    status: m.status,
    receiver: m.receiver,
    groupLabels: sorted(m.groupLabels),
    commonLabels: sorted(common(m.alerts, "labels")),
    commonAnnotations: sorted(common(m.alerts, "annotations")),
    externalURL: m.externalURL,
    alerts: alerts.map((a) => ({
      status: a.status,
      labels: sorted(a.labels),
      annotations: sorted(a.annotations),
      startsAt: iso(a.startsAt),
      endsAt: iso(a.status === "firing" ? null : a.endsAt),
      generatorURL: a.generatorURL,
      fingerprint: a.fingerprint,
    })),
  };
}
