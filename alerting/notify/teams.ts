/**
 * Microsoft Teams through a Workflows webhook ("Post to a channel when a webhook request is
 * received"): a message whose one attachment is an Adaptive Card
 * (https://learn.microsoft.com/en-us/connectors/teams/?tabs=text1#microsoft-teams-webhook).
 */
import { alertLine, title, type NotificationMessage } from "./message";

export function teamsPayload(m: NotificationMessage, settings: { title?: string }): Record<string, unknown> {
  const head = settings.title ? `${settings.title} ${title(m)}` : title(m);
  const first = m.alerts.find((a) => a.status === "firing");
  const actions: Record<string, unknown>[] = [{ type: "Action.OpenUrl", title: "Open", url: m.externalURL }];
  if (first && m.actions[first.fingerprint]) {
    actions.push({ type: "Action.OpenUrl", title: "Acknowledge", url: m.actions[first.fingerprint].ack });
    actions.push({ type: "Action.OpenUrl", title: "Resolve", url: m.actions[first.fingerprint].resolve });
  }
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body: [
            { type: "TextBlock", size: "Large", weight: "Bolder", wrap: true, color: m.status === "firing" ? "Attention" : "Good", text: head },
            ...m.alerts.slice(0, 20).map((a) => ({
              type: "FactSet",
              facts: [
                { title: a.status === "firing" ? "Firing" : "Resolved", value: alertLine(a) },
                ...Object.entries(a.labels).map(([k, v]) => ({ title: k, value: v })),
              ],
            })),
          ],
          actions,
        },
      },
    ],
  };
}
