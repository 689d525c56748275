/**
 * The dispatcher inside workerd with real D1 and a real Durable Object, delivering to a
 * real HTTP receiver on loopback. Time is injected: every call passes its own `now`
 * (far in the future, so the object's real alarm never fires during a test and the
 * steps below are the only flushes).
 */
import { env } from "cloudflare:test";
import { describe, expect, inject, it } from "vitest";
import type { AlertInstance } from "../../core/alerts/model";
import { createProject } from "../../workers/control/store";
import { saveConfig, upsertContactPoint, saveSilence } from "../../alerting/store/routing-store";
import { savePolicy, saveSchedule, setUserContactPoints } from "../../alerting/store/oncall-store";
import { listHistory } from "../../alerting/history";
import { createDispatcherSink, dispatcherFor } from "../../alerting/routing/sink";
import type { RouteConfig } from "../../alerting/routing/config";
import type { Integration } from "../../alerting/notify/contact-points";
import type { WebhookPayload } from "../../alerting/notify/webhook";

const receiver = inject("receiverUrl");
const T0 = Date.UTC(2100, 0, 4, 12, 0); // a Monday, long after any real alarm could fire
const S = 1000;
const M = 60_000;

let n = 0;
async function setup(route: RouteConfig, receivers: Record<string, Integration[]>, extra: { inhibit_rules?: { source_matchers: string[]; target_matchers: string[]; equal?: string[] }[] } = {}) {
  const projectId = `disp${Date.now().toString(36)}${n++}`;
  await createProject(env.DB, projectId, projectId);
  const ids: Record<string, string> = {};
  for (const [name, integrations] of Object.entries(receivers)) ids[name] = (await upsertContactPoint(env.DB, projectId, { name, integrations })).id;
  await saveConfig(env.DB, projectId, { route, inhibit_rules: extra.inhibit_rules ?? [], time_intervals: [] }, "test");
  return { projectId, ids, stub: dispatcherFor(env, projectId), sink: createDispatcherSink(env) };
}

const hook = (bucket: string, sendResolved = true): Integration => ({ kind: "webhook", send_resolved: sendResolved, settings: { url: `${receiver}/hook/${bucket}` } });

async function received<T = WebhookPayload>(bucket: string): Promise<T[]> {
  const res = await fetch(`${receiver}/log/${bucket}`);
  return ((await res.json()) as { body: T }[]).map((r) => r.body);
}

function alert(projectId: string, fp: string, labels: Record<string, string>, status: "firing" | "resolved" = "firing", startsAt = T0 - 5 * M): AlertInstance {
  return {
    projectId,
    ruleId: "rule-1",
    ruleName: labels.alertname ?? "A",
    fingerprint: fp,
    labels: { alertname: "HighErrorRate", ...labels },
    annotations: { summary: `errors high on ${labels.instance ?? fp}` },
    status,
    startsAt,
    endsAt: status === "resolved" ? T0 + 80 * M : null,
    value: 42,
    generatorURL: "http://localhost/alerting/rules/rule-1",
  };
}

describe("dispatcher timings (Alertmanager's group_wait, group_interval, repeat_interval)", () => {
  it("one grouped notification after group_wait, a second only when the group changed, a repeat after repeat_interval, then resolved", async () => {
    const bucket = `timing${n}`;
    const { projectId, stub, sink } = await setup({ receiver: "team", group_by: ["alertname"], group_wait: "30s", group_interval: "5m", repeat_interval: "1h" }, { team: [hook(bucket)] });
    const fire = (fps: string[], now: number) => sink.receive(projectId, fps.map((fp) => alert(projectId, fp, { instance: fp })), now);

    await fire(["a", "b"], T0);
    await fire(["a", "b", "c"], T0 + 10 * S); // joins within group_wait
    expect((await stub.tick(projectId, T0 + 29 * S)).flushed).toBe(0);
    expect(await received(bucket)).toHaveLength(0);

    await stub.tick(projectId, T0 + 30 * S);
    let got = await received(bucket);
    expect(got).toHaveLength(1);
    expect(got[0].alerts.map((a) => a.fingerprint)).toEqual(["a", "b", "c"]);
    expect(got[0]).toMatchObject({ version: "4", status: "firing", receiver: "team", groupLabels: { alertname: "HighErrorRate" }, groupKey: '{}:{alertname="HighErrorRate"}', truncatedAlerts: 0 });
    expect(got[0].commonLabels).toEqual({ alertname: "HighErrorRate" });

    // The evaluator re-sends every minute; nothing changed at the next group_interval: no notification.
    await fire(["a", "b", "c"], T0 + 4 * M);
    expect((await stub.tick(projectId, T0 + 30 * S + 5 * M)).notifications).toBe(0);
    expect(await received(bucket)).toHaveLength(1);

    // A new alert joins: notified at the next group_interval, not before.
    await fire(["a", "b", "c", "d"], T0 + 6 * M);
    expect((await stub.tick(projectId, T0 + 7 * M)).flushed).toBe(0);
    await stub.tick(projectId, T0 + 30 * S + 10 * M);
    got = await received(bucket);
    expect(got).toHaveLength(2);
    expect(got[1].alerts.map((a) => a.fingerprint)).toEqual(["a", "b", "c", "d"]);

    // Unchanged: repeated only once repeat_interval (1h) has passed since the last send (T0+10m30s).
    for (let t = T0 + 30 * S + 15 * M; t <= T0 + 30 * S + 70 * M; t += 5 * M) {
      await fire(["a", "b", "c", "d"], t - S);
      await stub.tick(projectId, t);
    }
    got = await received(bucket);
    expect(got).toHaveLength(2);
    await fire(["a", "b", "c", "d"], T0 + 75 * M);
    await stub.tick(projectId, T0 + 30 * S + 75 * M);
    got = await received(bucket);
    expect(got).toHaveLength(3);
    expect(got[2].alerts).toHaveLength(4);

    // All resolve: one resolved notification, and the group is gone.
    await sink.receive(projectId, ["a", "b", "c", "d"].map((fp) => alert(projectId, fp, { instance: fp }, "resolved")), T0 + 80 * M);
    await stub.tick(projectId, T0 + 30 * S + 80 * M);
    got = await received(bucket);
    expect(got).toHaveLength(4);
    expect(got[3].status).toBe("resolved");
    expect(got[3].alerts.every((a) => a.status === "resolved" && a.endsAt !== "0001-01-01T00:00:00Z")).toBe(true);
    expect((await stub.debugState()).groups).toEqual([]);

    const history = await listHistory(env.DB, projectId, { kind: "notification" });
    expect(history.filter((h) => h.status === "sent")).toHaveLength(4);
  });

  it("survives a restart without losing or repeating a notification: state is in the object's storage", async () => {
    const bucket = `restart${n}`;
    const { projectId, sink } = await setup({ receiver: "team", group_by: ["alertname"], group_wait: "30s", group_interval: "5m" }, { team: [hook(bucket)] });
    await sink.receive(projectId, [alert(projectId, "x", {})], T0);
    // A fresh stub (a new isolate would see the same): the group and its timer are in SQLite.
    const again = dispatcherFor(env, projectId);
    expect((await again.debugState()).groups).toHaveLength(1);
    await again.tick(projectId, T0 + 30 * S);
    await again.tick(projectId, T0 + 30 * S); // a duplicate alarm delivery
    await sink.receive(projectId, [alert(projectId, "x", {})], T0 + 5 * M);
    await dispatcherFor(env, projectId).tick(projectId, T0 + 30 * S + 5 * M);
    expect(await received(bucket)).toHaveLength(1);
  });
});

describe("routing to receivers", () => {
  it("continue sends to two receivers; the first matching child stops the walk otherwise", async () => {
    const [b1, b2, b3] = [`r1-${n}`, `r2-${n}`, `r3-${n}`];
    const { projectId, stub, sink } = await setup(
      {
        receiver: "fallback",
        group_wait: "10s",
        routes: [
          { matchers: ['team="db"'], receiver: "db", continue: true },
          { matchers: ['severity=~"critical|page"'], receiver: "pager" },
        ],
      },
      { fallback: [hook(b3)], db: [hook(b1)], pager: [hook(b2)] },
    );
    await sink.receive(projectId, [alert(projectId, "d1", { team: "db", severity: "critical" }), alert(projectId, "w1", { team: "web", severity: "warning" })], T0);
    await stub.tick(projectId, T0 + 10 * S);
    expect((await received(b1)).map((p) => p.alerts.map((a) => a.fingerprint))).toEqual([["d1"]]);
    expect((await received(b2)).map((p) => p.alerts.map((a) => a.fingerprint))).toEqual([["d1"]]);
    expect((await received(b3)).map((p) => p.alerts.map((a) => a.fingerprint))).toEqual([["w1"]]);
  });

  it("a contact point with several integrations: each gets its own format (webhook, Teams, Slack)", async () => {
    const tag = `multi${n}`;
    const { projectId, stub, sink } = await setup(
      { receiver: "all", group_wait: "0s" },
      { all: [hook(`${tag}-hook`), { kind: "teams", send_resolved: true, settings: { url: `${receiver}/hook/${tag}-teams` } }, { kind: "slack", send_resolved: false, settings: { url: `${receiver}/hook/${tag}-slack`, channel: "#ops" } }] },
    );
    await sink.receive(projectId, [alert(projectId, "m1", { instance: "a" })], T0);
    await stub.tick(projectId, T0);
    expect((await received(`${tag}-hook`))[0].version).toBe("4");
    const [teams] = await received<any>(`${tag}-teams`);
    expect(teams.type).toBe("message");
    expect(teams.attachments[0].content.type).toBe("AdaptiveCard");
    expect(teams.attachments[0].content.body[0].text).toBe("[FIRING:1] HighErrorRate");
    const [slack] = await received<any>(`${tag}-slack`);
    expect(slack.channel).toBe("#ops");
    expect(slack.blocks[0]).toEqual({ type: "header", text: { type: "plain_text", text: "[FIRING:1] HighErrorRate", emoji: true } });
  });

  it("retries a receiver answering 500, then succeeds, and the history shows each attempt", async () => {
    const bucket = `retry${n}`;
    const { projectId, stub, sink } = await setup({ receiver: "flaky", group_wait: "0s" }, { flaky: [hook(bucket)] });
    await fetch(`${receiver}/plan/${bucket}`, { method: "PUT", body: "[500, 502]" });
    await sink.receive(projectId, [alert(projectId, "f", {})], T0);
    await stub.tick(projectId, T0);
    expect(await received(bucket)).toHaveLength(3);
    const history = await listHistory(env.DB, projectId, { kind: "notification" });
    expect(history.map((h) => [h.status, h.data.attempt, h.data.httpStatus]).reverse()).toEqual([
      ["retrying", 1, 500],
      ["retrying", 2, 502],
      ["sent", 3, 200],
    ]);
  });

  it("a failed delivery is not logged, so the next group_interval tries again", async () => {
    const bucket = `fail${n}`;
    const { projectId, stub, sink } = await setup({ receiver: "down", group_wait: "0s", group_interval: "1m" }, { down: [hook(bucket)] });
    await fetch(`${receiver}/plan/${bucket}`, { method: "PUT", body: "[500, 500, 500, 500]" });
    await sink.receive(projectId, [alert(projectId, "f", {})], T0);
    await stub.tick(projectId, T0);
    expect((await listHistory(env.DB, projectId, { kind: "notification" }))[0].status).toBe("failed");
    await sink.receive(projectId, [alert(projectId, "f", {})], T0 + M);
    await stub.tick(projectId, T0 + M);
    expect(await received(bucket)).toHaveLength(5);
    expect((await listHistory(env.DB, projectId, { kind: "notification" }))[0].status).toBe("sent");
  });

  it("PagerDuty: trigger, acknowledge (acked in Monoscope), resolve with the same dedup_key and the Events v2 fields", async () => {
    const bucket = `pd${n}`;
    const pd: Integration = { kind: "pagerduty", send_resolved: true, settings: { routing_key: "R0UTINGKEY0000000000000000000000", url: `${receiver}/hook/${bucket}` } };
    const { projectId, stub, sink } = await setup({ receiver: "pd", group_by: ["alertname"], group_wait: "0s", group_interval: "1m" }, { pd: [pd] });
    await sink.receive(projectId, [alert(projectId, "p1", { severity: "warning", "service.name": "checkout" })], T0);
    await stub.tick(projectId, T0);
    await stub.ack(projectId, "p1", "ann", T0 + 10 * S);
    await sink.receive(projectId, [alert(projectId, "p1", { severity: "warning", "service.name": "checkout" }, "resolved")], T0 + 30 * S);
    await stub.tick(projectId, T0 + M);
    const [trigger, acknowledge, resolve] = await received<Record<string, any>>(bucket);
    expect(trigger.routing_key).toBe("R0UTINGKEY0000000000000000000000");
    expect(trigger.event_action).toBe("trigger");
    expect(trigger.dedup_key).toMatch(/^[0-9a-f]{64}$/);
    expect(trigger.payload.summary.length).toBeLessThanOrEqual(1024);
    expect(trigger.payload).toMatchObject({ source: "checkout", severity: "warning", component: "checkout", class: "HighErrorRate" });
    expect(typeof Date.parse(trigger.payload.timestamp)).toBe("number");
    expect(trigger.links[0].href).toMatch(/^http/);
    expect(acknowledge).toEqual({ routing_key: trigger.routing_key, event_action: "acknowledge", dedup_key: trigger.dedup_key });
    expect(resolve).toEqual({ routing_key: trigger.routing_key, event_action: "resolve", dedup_key: trigger.dedup_key });
  });
});

describe("suppression", () => {
  it("a silence holds an alert back; an expired one lets it through; the history says so", async () => {
    const bucket = `sil${n}`;
    const { projectId, stub, sink } = await setup({ receiver: "team", group_by: ["instance"], group_wait: "0s", group_interval: "1m" }, { team: [hook(bucket)] });
    await saveSilence(env.DB, projectId, { id: "s1", matchers: [{ name: "instance", type: "=", value: "i1" }], startsAt: T0 - M, endsAt: T0 + 2 * M, createdBy: "t", comment: "maintenance", fingerprint: null, createdAt: T0, updatedAt: T0 });
    await sink.receive(projectId, [alert(projectId, "i1", { instance: "i1" }), alert(projectId, "i2", { instance: "i2" })], T0);
    await stub.tick(projectId, T0);
    expect((await received(bucket)).map((p) => p.alerts[0].fingerprint)).toEqual(["i2"]);
    const groups = await stub.alertGroups(projectId, T0);
    expect(groups.find((g) => g.labels.instance === "i1")!.alerts[0].status_detail).toMatchObject({ state: "suppressed", silencedBy: ["s1"] });
    await sink.receive(projectId, [alert(projectId, "i1", { instance: "i1" }), alert(projectId, "i2", { instance: "i2" })], T0 + 2 * M);
    await stub.tick(projectId, T0 + 2 * M);
    expect((await received(bucket)).map((p) => p.alerts[0].fingerprint)).toEqual(["i2", "i1"]);
    const silenced = await listHistory(env.DB, projectId, { kind: "silenced" });
    expect(silenced.map((h) => [h.fingerprint, h.status]).reverse()).toEqual([["i1", "silenced"], ["i1", "unsuppressed"]]);
  });

  it("a firing critical inhibits the warning of the same cluster only", async () => {
    const bucket = `inh${n}`;
    const { projectId, stub, sink } = await setup({ receiver: "team", group_by: ["..."], group_wait: "0s" }, { team: [hook(bucket)] }, {
      inhibit_rules: [{ source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'], equal: ["cluster"] }],
    });
    await sink.receive(projectId, [alert(projectId, "c", { severity: "critical", cluster: "eu" }), alert(projectId, "w-eu", { severity: "warning", cluster: "eu" }), alert(projectId, "w-us", { severity: "warning", cluster: "us" })], T0);
    await stub.tick(projectId, T0);
    expect((await received(bucket)).map((p) => p.alerts[0].fingerprint).sort()).toEqual(["c", "w-us"]);
  });

  it("mute until resolved: a silence bound to the fingerprint ends when the alert resolves", async () => {
    const { projectId, sink } = await setup({ receiver: "team" }, { team: [hook(`mur${n}`)] });
    await saveSilence(env.DB, projectId, { id: "m1", matchers: [{ name: "alertname", type: "=", value: "HighErrorRate" }], startsAt: T0 - M, endsAt: T0 + 300 * 86_400_000, createdBy: "t", comment: "known", fingerprint: "z", createdAt: T0, updatedAt: T0 });
    await sink.receive(projectId, [alert(projectId, "z", {})], T0);
    await sink.receive(projectId, [alert(projectId, "z", {}, "resolved")], T0 + 3 * M);
    const row = await env.DB.prepare("SELECT ends_at FROM silences WHERE id = 'm1'").first<{ ends_at: number }>();
    expect(row!.ends_at).toBe(T0 + 3 * M);
  });
});

describe("config changes", () => {
  it("apply to existing groups: a new receiver gets the group's next notification", async () => {
    const [old, fresh] = [`old${n}`, `new${n}`];
    const { projectId, stub, sink } = await setup({ receiver: "old", group_wait: "0s", group_interval: "1m" }, { old: [hook(old)], fresh: [hook(fresh)] });
    await sink.receive(projectId, [alert(projectId, "c1", {})], T0);
    await stub.tick(projectId, T0);
    await saveConfig(env.DB, projectId, { route: { receiver: "fresh", group_wait: "0s", group_interval: "1m" }, inhibit_rules: [], time_intervals: [] }, "t");
    await sink.receive(projectId, [alert(projectId, "c1", {}), alert(projectId, "c2", {})], T0 + M);
    await stub.tick(projectId, T0 + M);
    expect((await received(old)).map((p) => p.alerts.length)).toEqual([1]);
    expect((await received(fresh)).map((p) => p.alerts.length)).toEqual([2]);
  });
});

describe("time intervals", () => {
  it("a route's mute interval holds notifications back; outside it they go out", async () => {
    const bucket = `mute${n}`;
    const projectId = `dispmute${Date.now().toString(36)}${n++}`;
    await createProject(env.DB, projectId, projectId);
    await upsertContactPoint(env.DB, projectId, { name: "team", integrations: [hook(bucket)] });
    await saveConfig(
      env.DB,
      projectId,
      {
        route: { receiver: "team", group_wait: "0s", group_interval: "1m", mute_time_intervals: ["lunch"] },
        inhibit_rules: [],
        // T0 is Monday 12:00 UTC = 13:00 in Berlin.
        time_intervals: [{ name: "lunch", time_intervals: [{ weekdays: ["monday:friday"], times: [{ start_time: "13:00", end_time: "13:30" }], location: "Europe/Berlin" }] }],
      },
      "t",
    );
    const stub = dispatcherFor(env, projectId);
    await createDispatcherSink(env).receive(projectId, [alert(projectId, "m", {})], T0);
    await stub.tick(projectId, T0);
    expect((await stub.alertGroups(projectId, T0))[0].mutedBy).toBe("lunch");
    expect(await received(bucket)).toHaveLength(0);
    await createDispatcherSink(env).receive(projectId, [alert(projectId, "m", {})], T0 + 30 * M);
    await stub.tick(projectId, T0 + 30 * M);
    expect(await received(bucket)).toHaveLength(1);
    expect((await listHistory(env.DB, projectId, { kind: "silenced" })).map((h) => [h.status, h.detail])).toEqual([["muted", "lunch"]]);
  });
});

describe("escalation", () => {
  async function oncallSetup(tag: string) {
    const { projectId, stub, sink, ids } = await setup({ receiver: "unused", routes: [] }, { unused: [], "ann-phone": [hook(`${tag}-ann`)], "bob-phone": [hook(`${tag}-bob`)] });
    const users: Record<string, string> = {};
    for (const name of ["ann", "bob"]) {
      users[name] = crypto.randomUUID();
      await env.DB.prepare("INSERT INTO users (id, email, password_hash, created_at) VALUES (?, ?, 'x', 0)").bind(users[name], `${name}-${projectId}@example.com`).run();
      await env.DB.prepare("INSERT INTO project_members (project_id, user_id, role) VALUES (?, ?, 'member')").bind(projectId, users[name]).run();
      await setUserContactPoints(env.DB, projectId, users[name], [ids[`${name}-phone`]]);
    }
    const sched = crypto.randomUUID();
    await saveSchedule(env.DB, projectId, { id: sched, name: "Secondary", time_zone: "UTC", layers: [{ users: [users.bob], rotation_days: 7, start_date: "2099-12-28", handoff_time: "09:00" }], overrides: [] });
    await savePolicy(env.DB, projectId, { id: crypto.randomUUID(), name: "Primary", repeat: 0, levels: [{ delay_minutes: 5, targets: [{ type: "user", id: users.ann }] }, { delay_minutes: 5, targets: [{ type: "schedule", id: sched }] }] });
    await saveConfig(env.DB, projectId, { route: { receiver: "unused", routes: [{ matchers: ['severity="critical"'], escalation_policy: "Primary", group_wait: "0s", group_interval: "1m" }] }, inhibit_rules: [], time_intervals: [] }, "t");
    return { projectId, stub, sink };
  }

  it("reaches level 2 (the on-call of a schedule) when level 1 does not acknowledge", async () => {
    const tag = `esc${n++}`;
    const { projectId, stub, sink } = await oncallSetup(tag);
    await sink.receive(projectId, [alert(projectId, "e1", { severity: "critical" })], T0);
    await stub.tick(projectId, T0);
    expect(await received(`${tag}-ann`)).toHaveLength(1);
    expect(await received(`${tag}-bob`)).toHaveLength(0);
    await sink.receive(projectId, [alert(projectId, "e1", { severity: "critical" })], T0 + 4 * M);
    await stub.tick(projectId, T0 + 5 * M);
    expect(await received(`${tag}-bob`)).toHaveLength(1);
    expect(await received(`${tag}-ann`)).toHaveLength(1); // not re-paged: nothing changed for ann
    const esc = await listHistory(env.DB, projectId, { kind: "escalation" });
    expect(esc.map((h) => h.status).reverse()).toEqual(["level 1", "level 2"]);
  });

  it("stops after an acknowledgement", async () => {
    const tag = `ack${n++}`;
    const { projectId, stub, sink } = await oncallSetup(tag);
    await sink.receive(projectId, [alert(projectId, "e2", { severity: "critical" })], T0);
    await stub.tick(projectId, T0);
    expect(await stub.ack(projectId, "e2", "ann", T0 + 2 * M)).toEqual({ ok: true, message: "acknowledged" });
    await sink.receive(projectId, [alert(projectId, "e2", { severity: "critical" })], T0 + 4 * M);
    await stub.tick(projectId, T0 + 5 * M);
    await sink.receive(projectId, [alert(projectId, "e2", { severity: "critical" })], T0 + 9 * M);
    await stub.tick(projectId, T0 + 10 * M);
    expect(await received(`${tag}-bob`)).toHaveLength(0);
    const groups = await stub.alertGroups(projectId, T0 + 10 * M);
    expect(groups[0].escalation).toMatchObject({ status: "acked", level: 0 });
    expect(groups[0].alerts[0].acknowledged).toEqual({ by: "ann", at: T0 + 2 * M });
    expect((await listHistory(env.DB, projectId, { kind: "ack" }))[0]).toMatchObject({ fingerprint: "e2", status: "acknowledged", detail: "ann" });
  });
});
