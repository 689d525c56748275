import { describe, expect, it } from "vitest";
import type { AlertInstance } from "../../core/alerts/model";
import { buildRequest } from "./build";
import type { NotificationMessage } from "./message";
import { dedupKey, pagerDutyEvent, pagerDutySeverity } from "./pagerduty";
import { slackPayload } from "./slack";
import { teamsPayload } from "./teams";
import { webhookPayload } from "./webhook";

const alert = (fp: string, labels: Record<string, string>, status: "firing" | "resolved" = "firing"): AlertInstance => ({
  projectId: "p",
  ruleId: "r1",
  ruleName: labels.alertname,
  fingerprint: fp,
  labels,
  annotations: { summary: `${labels.alertname} on ${labels.instance}` },
  status,
  startsAt: Date.UTC(2026, 10, 28, 10, 0),
  endsAt: status === "resolved" ? Date.UTC(2026, 10, 28, 10, 30) : null,
  value: 12,
  generatorURL: "http://m/alerting/rules/r1",
});

const message: NotificationMessage = {
  receiver: "ops",
  groupKey: '{}:{alertname="HighErrors"}',
  status: "firing",
  alerts: [alert("a1", { alertname: "HighErrors", severity: "critical", instance: "a" }), alert("a2", { alertname: "HighErrors", severity: "critical", instance: "b" }, "resolved")],
  groupLabels: { alertname: "HighErrors" },
  truncatedAlerts: 0,
  externalURL: "http://m",
  actions: { a1: { ack: "http://m/ack", resolve: "http://m/resolve" } },
};

describe("webhook payload (Alertmanager version 4)", () => {
  it("has every field of the documented format", () => {
    const p = webhookPayload(message);
    expect(Object.keys(p).sort()).toEqual(["alerts", "commonAnnotations", "commonLabels", "externalURL", "groupKey", "groupLabels", "receiver", "status", "truncatedAlerts", "version"]);
    expect(p.version).toBe("4");
    expect(p.commonLabels).toEqual({ alertname: "HighErrors", severity: "critical" });
    expect(p.commonAnnotations).toEqual({});
    expect(p.alerts[0]).toEqual({
      status: "firing",
      labels: { alertname: "HighErrors", severity: "critical", instance: "a" },
      annotations: { summary: "HighErrors on a" },
      startsAt: "2026-11-28T10:00:00.000Z",
      endsAt: "0001-01-01T00:00:00Z",
      generatorURL: "http://m/alerting/rules/r1",
      fingerprint: "a1",
    });
    expect(p.alerts[1].endsAt).toBe("2026-11-28T10:30:00.000Z");
  });
  it("counts alerts cut by max_alerts in truncatedAlerts", () => {
    const p = webhookPayload(message, 1);
    expect(p.alerts).toHaveLength(1);
    expect(p.truncatedAlerts).toBe(1);
  });
  it("leaves resolved alerts out for an integration without send_resolved, and sends nothing when only resolved remain", async () => {
    const req = await buildRequest(message, { kind: "webhook", send_resolved: false, settings: { url: "http://x" } });
    expect((req!.body as { alerts: unknown[] }).alerts).toHaveLength(1);
    const resolvedOnly = { ...message, status: "resolved" as const, alerts: [message.alerts[1]] };
    expect(await buildRequest(resolvedOnly, { kind: "webhook", send_resolved: false, settings: { url: "http://x" } })).toBeNull();
  });
});

describe("PagerDuty Events API v2", () => {
  it("triggers with the required fields and a stable dedup_key from the group key", async () => {
    const key = await dedupKey(message.groupKey);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(await dedupKey(message.groupKey)).toBe(key);
    const e = pagerDutyEvent(message, { routing_key: "R0UT1NGKEY" }, key);
    expect(e).toMatchObject({ routing_key: "R0UT1NGKEY", event_action: "trigger", dedup_key: key });
    expect(e.payload!.summary).toBe("[FIRING:1] HighErrors: HighErrors on a");
    expect(e.payload!.severity).toBe("critical");
    expect(e.payload!.source).toBe("a");
    expect(e.links!.map((l) => l.text)).toContain("Acknowledge in Monoscope");
  });
  it("resolves with only routing_key, event_action and dedup_key", () => {
    const e = pagerDutyEvent({ ...message, status: "resolved" }, { routing_key: "k" }, "d");
    expect(e).toEqual({ routing_key: "k", event_action: "resolve", dedup_key: "d" });
  });
  it("maps severities to PagerDuty's four, the setting winning", () => {
    expect(pagerDutySeverity("critical")).toBe("critical");
    expect(pagerDutySeverity("warning")).toBe("warning");
    expect(pagerDutySeverity("info")).toBe("info");
    expect(pagerDutySeverity("mystery")).toBe("error");
    expect(pagerDutySeverity("critical", "info")).toBe("info");
  });
});

describe("Slack and Teams", () => {
  it("Slack: Block Kit header, one section per alert, buttons with the signed links", () => {
    const p = slackPayload(message, { channel: "#ops" }) as { channel: string; text: string; blocks: { type: string; elements?: { url: string }[] }[] };
    expect(p.channel).toBe("#ops");
    expect(p.text).toBe("[FIRING:1] HighErrors");
    expect(p.blocks.map((b) => b.type)).toEqual(["header", "section", "section", "actions"]);
    expect(p.blocks[3].elements!.map((e) => e.url)).toEqual(["http://m", "http://m/ack", "http://m/resolve"]);
  });
  it("Teams: a message with one Adaptive Card attachment", () => {
    const p = teamsPayload(message, {}) as { type: string; attachments: { contentType: string; content: { type: string; version: string; actions: { url: string }[] } }[] };
    expect(p.type).toBe("message");
    expect(p.attachments[0].contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(p.attachments[0].content.type).toBe("AdaptiveCard");
    expect(p.attachments[0].content.actions.map((a) => a.url)).toContain("http://m/ack");
  });
});
