/**
 * Slack incoming webhook with Block Kit (https://api.slack.com/block-kit): a header, one
 * section per alert (up to Slack's 50-block limit), and buttons that open the signed
 * acknowledge/resolve links. `text` is the notification fallback Slack requires.
 */
import { alertLine, title, type NotificationMessage } from "./message";

const MAX_ALERT_BLOCKS = 20;

export function slackPayload(m: NotificationMessage, settings: { channel?: string; title?: string }): Record<string, unknown> {
  const head = settings.title ? `${settings.title} ${title(m)}` : title(m);
  const shown = m.alerts.slice(0, MAX_ALERT_BLOCKS);
  const blocks: Record<string, unknown>[] = [
    { type: "header", text: { type: "plain_text", text: head.slice(0, 150), emoji: true } },
    ...shown.map((a) => ({
      type: "section",
      text: {
        type: "mrkdwn",
        text: `${a.status === "firing" ? ":red_circle:" : ":large_green_circle:"} *${escape(alertLine(a))}*\n${Object.entries(a.labels)
          .map(([k, v]) => `\`${escape(k)}=${escape(v)}\``)
          .join(" ")}`.slice(0, 3000),
      },
    })),
  ];
  if (m.alerts.length > shown.length) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `and ${m.alerts.length - shown.length} more` }] });
  const buttons: Record<string, unknown>[] = [{ type: "button", text: { type: "plain_text", text: "Open" }, url: m.externalURL }];
  const first = m.alerts.find((a) => a.status === "firing");
  if (first && m.actions[first.fingerprint]) {
    buttons.push({ type: "button", style: "primary", text: { type: "plain_text", text: "Acknowledge" }, url: m.actions[first.fingerprint].ack });
    buttons.push({ type: "button", text: { type: "plain_text", text: "Resolve" }, url: m.actions[first.fingerprint].resolve });
  }
  blocks.push({ type: "actions", elements: buttons });
  return { ...(settings.channel ? { channel: settings.channel } : {}), text: head, blocks };
}

/** Slack's mrkdwn needs &, < and > escaped. */
function escape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
