/**
 * The alert-routing API through the worker (SELF.fetch) with real D1 and the real
 * dispatcher object: validation answers with field paths and changes nothing, secrets stay
 * masked, project isolation, test send to a real loopback receiver, shifts, grouped
 * alerts with acknowledge, and the signed links (valid, tampered, expired).
 */
import { env, SELF } from "cloudflare:test";
import { describe, expect, inject, it } from "vitest";
import { createApiKey, createProject } from "../../../control/store";
import { createDispatcherSink, dispatcherFor } from "../../../../alerting/routing/sink";
import { linkSecret } from "../../../../alerting/store/oncall-store";
import { signLink } from "../../../../alerting/oncall/signed-link";
import { listHistory } from "../../../../alerting/history";
import type { AlertInstance } from "../../../../core/alerts/model";

const receiver = inject("receiverUrl");
let n = 0;

async function project() {
  const id = `ar${Date.now().toString(36)}${n++}`;
  await createProject(env.DB, id, id);
  const { key } = await createApiKey(env.DB, id, "t", ["ingest", "read", "admin"]);
  const { key: readOnly } = await createApiKey(env.DB, id, "r", ["read"]);
  return { id, key, readOnly };
}

async function call(key: string, method: string, path: string, body?: unknown, raw = false) {
  const res = await SELF.fetch(`http://x${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { "content-type": raw ? "application/yaml" : "application/json" } : {}) },
    body: body === undefined ? undefined : raw ? String(body) : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as any };
}

const hookUrl = (bucket: string) => `${receiver}/hook/${bucket}`;
const received = async (bucket: string) => ((await (await fetch(`${receiver}/log/${bucket}`)).json()) as { body: any }[]).map((r) => r.body);

function alert(projectId: string, fp: string, labels: Record<string, string>): AlertInstance {
  return { projectId, ruleId: "r", ruleName: "Disk", fingerprint: fp, labels: { alertname: "DiskFull", ...labels }, annotations: { summary: "disk full" }, status: "firing", startsAt: Date.now() - 60_000, endsAt: null, value: 97, generatorURL: "http://x/r" };
}

describe("routing config", () => {
  it("refuses an invalid config with every field path and keeps the old one", async () => {
    const p = await project();
    const bad = await call(p.key, "PUT", "/api/v1/alerting/config", {
      route: { receiver: "nobody", group_wait: "soon", routes: [{ matchers: ['team=~"("'], mute_time_intervals: ["nights"] }] },
      inhibit_rules: [{ source_matchers: [], target_matchers: ['a="b"'] }],
    });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { path: string }) => e.path)).toEqual([
      "route.receiver",
      "route.group_wait",
      "route.routes[0].matchers[0]",
      "route.routes[0].mute_time_intervals[0]",
      "inhibit_rules[0].source_matchers",
    ]);
    const now = await call(p.key, "GET", "/api/v1/alerting/config");
    expect(now.json).toMatchObject({ config: { route: { receiver: "default" } }, updated_at: null });
  });

  it("imports an Alertmanager YAML file: receivers become contact points (secrets masked), routes and intervals kept", async () => {
    const p = await project();
    const yaml = `
global:
  slack_api_url: https://hooks.slack.com/services/T000/B000/SECRETSECRET
route:
  receiver: team-slack
  group_by: [alertname, cluster]
  routes:
    - matchers: ['severity="critical"']
      receiver: pager
      mute_time_intervals: [offhours]
      continue: true
    - match_re: { service: "db|cache" }
      receiver: hooks
receivers:
  - name: team-slack
    slack_configs: [{ channel: "#alerts" }]
  - name: pager
    pagerduty_configs: [{ routing_key: "0123456789abcdef0123456789abcdef" }]
  - name: hooks
    webhook_configs: [{ url: "http://127.0.0.1:9/hook", send_resolved: false }]
    msteamsv2_configs: [{ webhook_url: "https://example.webhook.office.com/abc" }]
    email_configs: [{ to: "a@b" }]
inhibit_rules:
  - source_matchers: [severity="critical"]
    target_matchers: [severity="warning"]
    equal: [alertname]
time_intervals:
  - name: offhours
    time_intervals:
      - weekdays: ["saturday", "sunday"]
        location: Europe/Berlin
`;
    const res = await call(p.key, "POST", "/api/v1/alerting/config/import", yaml, true);
    expect(res.json.errors).toBeUndefined();
    expect(res.status).toBe(200);
    expect(res.json.warnings).toEqual(["receivers[2].email_configs: this receiver kind is not supported and was not imported"]);
    expect(res.json.config.route.routes[1].matchers).toEqual(['service=~"^(?:db|cache)$"']);
    const cps = (await call(p.key, "GET", "/api/v1/contact-points")).json.contact_points;
    expect(cps.map((c: { name: string }) => c.name)).toEqual(["hooks", "pager", "team-slack"]);
    const slack = cps.find((c: { name: string }) => c.name === "team-slack").integrations[0];
    expect(slack).toEqual({ kind: "slack", send_resolved: false, settings: { url: "••••CRET", channel: "#alerts" } });
    expect(JSON.stringify(cps)).not.toContain("SECRETSECRET");
    expect(JSON.stringify(cps)).not.toContain("0123456789abcdef0123456789abcdef");
    expect((await call(p.key, "GET", "/api/v1/alerting/config")).json.config.time_intervals[0].name).toBe("offhours");
    const broken = await call(p.key, "POST", "/api/v1/alerting/config/import", "route: [unclosed", true);
    expect(broken.status).toBe(400);
    expect(broken.json.error).toMatch(/not valid YAML/);
  });
});

describe("contact points", () => {
  it("keeps a masked secret on update, is invisible to other projects, and test-sends to the receiver", async () => {
    const p = await project();
    const other = await project();
    const bucket = `test-send-${n}`;
    const created = await call(p.key, "POST", "/api/v1/contact-points", { name: "ops hook", integrations: [{ kind: "webhook", settings: { url: hookUrl(bucket) } }] });
    expect(created.status).toBe(201);
    const masked = created.json.integrations[0].settings.url;
    expect(masked).toMatch(/^••••/);
    const updated = await call(p.key, "PUT", `/api/v1/contact-points/${created.json.id}`, { name: "ops hook", integrations: [{ kind: "webhook", send_resolved: false, settings: { url: masked } }] });
    expect(updated.status).toBe(200);
    expect((await call(other.key, "GET", `/api/v1/contact-points/${created.json.id}`)).status).toBe(404);
    expect((await call(other.key, "POST", `/api/v1/contact-points/${created.json.id}/test`)).status).toBe(404);
    expect((await call(p.readOnly, "POST", `/api/v1/contact-points/${created.json.id}/test`)).status).toBe(401);
    const sent = await call(p.key, "POST", `/api/v1/contact-points/${created.json.id}/test`);
    expect(sent.json).toMatchObject({ ok: true, results: [{ kind: "webhook", outcome: "sent", status: 200 }] });
    const [payload] = await received(bucket);
    expect(payload).toMatchObject({ version: "4", receiver: "ops hook", status: "firing", alerts: [{ labels: { alertname: "TestNotification" } }] });
    const invalid = await call(p.key, "POST", "/api/v1/contact-points", { name: "x", integrations: [{ kind: "pagerduty", settings: { severity: "loud" } }, { kind: "sms" }] });
    expect(invalid.json.errors.map((e: { path: string }) => e.path)).toEqual(["integrations[0].settings.routing_key", "integrations[0].settings.severity", "integrations[1].kind"]);
  });
});

describe("silences", () => {
  it("creates, previews, lists, expires; refuses a silence that matches everything", async () => {
    const p = await project();
    await createDispatcherSink(env).receive(p.id, [alert(p.id, "f1", { host: "db-1" }), alert(p.id, "f2", { host: "web-1" })], Date.now());
    const preview = await call(p.key, "POST", "/api/v1/silences/preview", { matchers: ['host=~"db-.*"'] });
    expect(preview.json.alerts.map((a: { fingerprint: string }) => a.fingerprint)).toEqual(["f1"]);
    const everything = await call(p.key, "POST", "/api/v1/silences", { matchers: ['host=~".*"'], duration: "2h", comment: "x" });
    expect(everything.status).toBe(400);
    expect(everything.json.errors[0].path).toBe("matchers");
    const missing = await call(p.key, "POST", "/api/v1/silences", { matchers: ["host"], endsAt: "yesterday" });
    expect(missing.json.errors.map((e: { path: string }) => e.path)).toEqual(["matchers[0]", "endsAt", "comment"]);
    const created = await call(p.key, "POST", "/api/v1/silences", { matchers: ['host="db-1"'], duration: "2h", comment: "disk swap" });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ status: { state: "active" }, createdBy: expect.stringMatching(/^api-key:/), matchers: [{ name: "host", type: "=", value: "db-1" }] });
    const groups = (await call(p.key, "GET", "/api/v1/alerts")).json.groups;
    const f1 = groups.flatMap((g: any) => g.alerts).find((a: any) => a.fingerprint === "f1");
    expect(f1.status_detail).toMatchObject({ state: "suppressed", silencedBy: [created.json.id] });
    expect((await call(p.key, "DELETE", `/api/v1/silences/${created.json.id}`)).status).toBe(200);
    expect((await call(p.key, "DELETE", `/api/v1/silences/${created.json.id}`)).status).toBe(409);
    const list = (await call(p.key, "GET", "/api/v1/silences")).json.silences;
    expect(list[0].status.state).toBe("expired");
  });
});

describe("on-call API", () => {
  it("schedules with members only, the shift calendar, and policies checked against what exists", async () => {
    const p = await project();
    const ann = crypto.randomUUID();
    await env.DB.prepare("INSERT INTO users (id, email, password_hash, created_at) VALUES (?, ?, 'x', 0)").bind(ann, `ann-${p.id}@example.com`).run();
    await env.DB.prepare("INSERT INTO project_members (project_id, user_id, role) VALUES (?, ?, 'member')").bind(p.id, ann).run();
    const stranger = crypto.randomUUID();
    const layer = { users: [ann], rotation_days: 7, start_date: "2026-01-05", handoff_time: "09:00" };
    const bad = await call(p.key, "POST", "/api/v1/schedules", { name: "Primary", time_zone: "Europe/Berlin", layers: [{ ...layer, users: [stranger] }], overrides: [] });
    expect(bad.json.errors).toEqual([{ path: "layers[0].users[0]", message: `user ${stranger} is not a member of this project` }]);
    const s = await call(p.key, "POST", "/api/v1/schedules", { name: "Primary", time_zone: "Europe/Berlin", layers: [layer], overrides: [] });
    expect(s.status).toBe(201);
    const cal = await call(p.key, "GET", `/api/v1/schedules/${s.json.id}/oncall?from=2026-03-01T00:00:00Z&to=2026-03-15T00:00:00Z`);
    expect(cal.json.shifts).toEqual([{ userId: ann, source: "layer", layer: 0, start: Date.parse("2026-03-01T00:00:00Z"), end: Date.parse("2026-03-15T00:00:00Z") }]);
    expect((await call(p.key, "GET", `/api/v1/schedules/${s.json.id}/oncall?from=2026-03-01&to=2026-06-01`)).status).toBe(400);
    const pol = await call(p.key, "POST", "/api/v1/escalation-policies", { name: "Primary", repeat: 1, levels: [{ delay_minutes: 5, targets: [{ type: "schedule", id: s.json.id }] }, { delay_minutes: 5, targets: [{ type: "user", id: stranger }] }] });
    expect(pol.json.errors).toEqual([{ path: "levels[1].targets[0].id", message: `no user ${stranger} in this project` }]);
    const ok = await call(p.key, "POST", "/api/v1/escalation-policies", { name: "Primary", repeat: 1, levels: [{ delay_minutes: 5, targets: [{ type: "schedule", id: s.json.id }] }] });
    expect(ok.status).toBe(201);
    expect((await call(p.key, "DELETE", `/api/v1/schedules/${s.json.id}`)).status).toBe(409);
    const cfg = await call(p.key, "PUT", "/api/v1/alerting/config", { route: { escalation_policy: "Primary" } });
    expect(cfg.status).toBe(200);
    expect((await call(p.key, "DELETE", `/api/v1/escalation-policies/${ok.json.id}`)).status).toBe(409);
  });
});

describe("external alerts", () => {
  it("accepts Alertmanager's format, routes it, and names bad fields", async () => {
    const p = await project();
    const bad = await call(p.key, "POST", "/api/v1/alerts", [{ labels: { severity: "x", "bad-name": "y" }, startsAt: "never" }]);
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { path: string }) => e.path)).toEqual(["[0].labels.bad-name", "[0].labels.alertname", "[0].startsAt"]);
    expect((await call(p.readOnly, "POST", "/api/v1/alerts", [{ labels: { alertname: "A" } }])).status).toBe(401);
    const ok = await call(p.key, "POST", "/api/v1/alerts", [{ labels: { alertname: "A", job: "api" }, annotations: { summary: "s" } }, { labels: { alertname: "B" }, endsAt: new Date(Date.now() - 1000).toISOString() }]);
    expect(ok.json).toEqual({ accepted: 2 });
    const groups = (await call(p.key, "GET", "/api/v1/alerts")).json.groups;
    expect(groups.flatMap((g: any) => g.alerts.map((a: any) => a.labels.alertname))).toEqual(["A"]);
    expect(groups[0].alerts[0].fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe("acknowledge and resolve", () => {
  async function firingWithLinks() {
    const p = await project();
    const bucket = `links-${n}`;
    await call(p.key, "POST", "/api/v1/contact-points", { name: "chat", integrations: [{ kind: "slack", send_resolved: true, settings: { url: hookUrl(bucket) } }] });
    await call(p.key, "PUT", "/api/v1/alerting/config", { route: { receiver: "chat", group_wait: "0s" } });
    const now = Date.now();
    await createDispatcherSink(env).receive(p.id, [alert(p.id, "fp-1", { host: "db-1" })], now);
    await dispatcherFor(env, p.id).tick(p.id, now);
    const [slack] = await received(bucket);
    const buttons = slack.blocks.find((b: { type: string }) => b.type === "actions").elements as { url: string; text: { text: string } }[];
    const path = (label: string) => new URL(buttons.find((b) => b.text.text === label)!.url).pathname;
    return { p, ack: path("Acknowledge"), resolve: path("Resolve") };
  }

  it("a signed link works without a session: GET shows a confirmation, POST acknowledges", async () => {
    const { p, ack } = await firingWithLinks();
    const page = await SELF.fetch(`http://x${ack}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<form method=\"post\">");
    expect((await call(p.key, "GET", "/api/v1/alerts")).json.groups[0].alerts[0].acknowledged).toBeNull();
    const done = await SELF.fetch(`http://x${ack}`, { method: "POST" });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("acknowledged");
    expect((await call(p.key, "GET", "/api/v1/alerts")).json.groups[0].alerts[0].acknowledged).toMatchObject({ by: "signed link" });
  });

  it("a tampered link is refused with 403, an expired one with 410, and nothing changes", async () => {
    const { p, resolve } = await firingWithLinks();
    const token = resolve.split("/").pop()!;
    const [body, sig] = token.split(".");
    const claims = JSON.parse(atob(body.replace(/-/g, "+").replace(/_/g, "/")));
    const forgedBody = btoa(JSON.stringify({ ...claims, f: "someone-else" })).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    const tampered = await SELF.fetch(`http://x/api/v1/alert-links/${forgedBody}.${sig}`, { method: "POST" });
    expect(tampered.status).toBe(403);
    expect(await tampered.text()).toContain("This link was altered");
    const expiredToken = await signLink(await linkSecret(env), { ...claims, e: Math.floor(Date.now() / 1000) - 1 });
    const expired = await SELF.fetch(`http://x/api/v1/alert-links/${expiredToken}`, { method: "POST" });
    expect(expired.status).toBe(410);
    expect((await call(p.key, "GET", "/api/v1/alerts")).json.groups[0].alerts[0].status).toBe("firing");
    const ok = await SELF.fetch(`http://x${resolve}`, { method: "POST" });
    expect(ok.status).toBe(200);
    expect((await call(p.key, "GET", "/api/v1/alerts")).json.groups).toEqual([]);
    expect((await listHistory(env.DB, p.id, { kind: "state" }))[0]).toMatchObject({ fingerprint: "fp-1", status: "resolved", data: { by: "signed link", manual: true } });
  });

  it("the API acknowledges for the caller's project only", async () => {
    const { p } = await firingWithLinks();
    const other = await project();
    expect((await call(other.key, "POST", "/api/v1/alerts/fp-1/ack")).status).toBe(404);
    expect((await call(p.readOnly, "POST", "/api/v1/alerts/fp-1/ack")).status).toBe(401);
    const res = await call(p.key, "POST", "/api/v1/alerts/fp-1/ack");
    expect(res.json).toMatchObject({ fingerprint: "fp-1", status: "acknowledged" });
  });
});
