/**
 * From a message and one integration of a contact point to the HTTP request that
 * delivers it. Returns null when there is nothing to send (resolved-only messages to an
 * integration without send_resolved), as Alertmanager skips them.
 */
import type { Integration } from "./contact-points";
import type { NotificationMessage } from "./message";
import { dedupKey, pagerDutyEvent, PAGERDUTY_EVENTS_URL } from "./pagerduty";
import { slackPayload } from "./slack";
import { teamsPayload } from "./teams";
import { webhookPayload } from "./webhook";
import type { HttpNotification } from "./deliver";

export function forIntegration(m: NotificationMessage, integration: Integration): NotificationMessage | null {
  if (integration.send_resolved) return m;
  const firing = m.alerts.filter((a) => a.status === "firing");
  if (firing.length === 0) return null;
  return { ...m, alerts: firing };
}

export async function buildRequest(m: NotificationMessage, integration: Integration): Promise<HttpNotification | null> {
  const msg = forIntegration(m, integration);
  if (!msg) return null;
  const s = integration.settings as Record<string, string>;
  switch (integration.kind) {
    case "webhook":
      return { url: s.url, body: webhookPayload(msg, Number(integration.settings.max_alerts ?? 0)) };
    case "slack":
      return { url: s.url, body: slackPayload(msg, s) };
    case "teams":
      return { url: s.url, body: teamsPayload(msg, s) };
    case "pagerduty":
      return { url: s.url || PAGERDUTY_EVENTS_URL, body: pagerDutyEvent(msg, { routing_key: s.routing_key, severity: s.severity, client: s.client }, await dedupKey(msg.groupKey)) };
  }
}
