/**
 * Synthetic monitoring inside workerd with real local D1, R2 and Durable Objects: the
 * checks API, scheduling through the worker's scheduled handler with an injected clock,
 * the fan-out to one runner object per region (one run per region per slot, none twice
 * after a restart), incidents, heartbeats, and a certificate expiring in 5 days read
 * over a `connect()` socket. Targets are Node servers from test/synthetics-global-setup.ts.
 */
import { createExecutionContext, createScheduledController, env, SELF, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, inject, it } from "vitest";
import worker from "../workers/index";
import { createApiKey, createProject } from "../workers/control/store";
import { slotStart } from "./schedule";
import { dispatcherFor } from "../alerting/routing/sink";
import type { WebhookPayload } from "../alerting/notify/webhook";

const target = inject("syntheticsTarget");
const tlsTarget = inject("syntheticsTls");
const receiver = inject("receiverUrl");

let n = 0;
async function project() {
  const id = `syn${Date.now().toString(36)}${n++}`;
  await createProject(env.DB, id, id);
  const { key } = await createApiKey(env.DB, id, "t", ["ingest", "read", "admin"]);
  const { key: readOnly } = await createApiKey(env.DB, id, "r", ["read"]);
  return { id, key, readOnly };
}

async function api(key: string, method: string, path: string, body?: unknown) {
  const res = await SELF.fetch(`http://x${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : null) as Record<string, any> };
}

/** The worker's own scheduled handler, at an injected time, awaited to the end. */
async function tick(timeMs: number) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: new Date(timeMs), cron: "* * * * *" }), env, ctx);
  await waitOnExecutionContext(ctx);
}

async function runnerIds(region: string, checkId: string): Promise<string[]> {
  const stub = env.REGION_RUNNER.get(env.REGION_RUNNER.idFromName(`region:${region}`));
  return (await stub.runIds()).filter((id) => id.includes(`/${checkId}.`));
}

async function query(key: string, q: string) {
  const res = await api(key, "POST", "/api/v1/query", { query: q, from: "now-1h", to: "now+1h" });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json.rows as unknown[][];
}

// A fixed future minute for the injected clock, far from any real slot another test uses.
const BASE = slotStart(60, Date.UTC(2031, 0, 1)) + 30_000;

describe("checks API", { timeout: 30_000 }, () => {
  it("creates, lists, updates and deletes; bad input changes nothing and names each field", async () => {
    const p = await project();
    const bad = await api(p.key, "POST", "/api/v1/checks", { name: "home", intervalMinutes: 2, request: { url: "gopher://x" } });
    expect(bad.status).toBe(400);
    expect(bad.json.problems).toEqual([
      { path: "intervalMinutes", message: "must be one of 1, 5, 10, 15, 30, 60 (got 2)" },
      { path: "request.url", message: "must start with http:// or https:// (or a {{variable}})" },
    ]);
    expect((await api(p.key, "GET", "/api/v1/checks")).json.checks).toEqual([]);
    expect((await api(p.key, "POST", "/api/v1/checks", "{not json")).status).toBe(400);

    const created = await api(p.key, "POST", "/api/v1/checks", { name: "home", regions: ["weur"], request: { url: `${target}/ok` } });
    expect(created.status).toBe(201);
    const id = created.json.check.id as string;
    expect(created.json.check.definition).toMatchObject({ name: "home", type: "http", regions: ["weur"], request: { url: `${target}/ok`, method: "GET" } });
    expect((await api(p.key, "POST", "/api/v1/checks", { name: "home", request: { url: `${target}/ok` } })).status).toBe(409);
    const denied = await api(p.readOnly, "POST", "/api/v1/checks", { name: "x", request: { url: `${target}/ok` } });
    expect(denied).toEqual({ status: 401, json: { error: "API key lacks the 'admin' scope" } });

    const updated = await api(p.key, "PUT", `/api/v1/checks/${id}`, { ...created.json.check.definition, intervalMinutes: 1 });
    expect(updated.status).toBe(200);
    expect(updated.json.check.definition.intervalMinutes).toBe(1);

    // Another project sees none of it.
    const other = await project();
    expect((await api(other.key, "GET", `/api/v1/checks/${id}`)).status).toBe(404);
    expect((await api(other.key, "DELETE", `/api/v1/checks/${id}`)).status).toBe(404);
    expect((await api(other.key, "GET", "/api/v1/checks")).json.checks).toEqual([]);

    expect((await api(p.key, "DELETE", `/api/v1/checks/${id}`)).status).toBe(204);
    expect((await api(p.key, "GET", `/api/v1/checks/${id}`)).status).toBe(404);
  });

  it("stores secrets write-only: names are listed, values never returned", async () => {
    const p = await project();
    expect((await api(p.key, "PUT", "/api/v1/checks/secrets/api-token", { value: "x" })).status).toBe(400);
    expect((await api(p.key, "PUT", "/api/v1/checks/secrets/API_TOKEN", { value: "tok-123456" })).status).toBe(200);
    const list = await api(p.key, "GET", "/api/v1/checks/secrets");
    expect(list.json.secrets.map((s: { name: string }) => s.name)).toEqual(["API_TOKEN"]);
    expect(JSON.stringify(list.json)).not.toContain("tok-123456");
  });
});

describe("runs inside workerd against misbehaving servers", { timeout: 60_000 }, () => {
  it("reports 500s, wrong bodies, slow answers, redirect loops and timeouts from a runner object", async () => {
    const p = await project();
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      ["fail", { request: { url: `${target}/fail` } }, "failed", /^status in \["2xx"\] failed \(actual 500\)$/],
      ["wrong body", { request: { url: `${target}/wrong-body` }, assertions: [{ type: "json", target: "$.status", operator: "eq", value: "ok" }] }, "failed", /^json \$\.status eq "ok" failed \(actual "degraded"\)$/],
      ["slow", { request: { url: `${target}/slow?ms=400` }, assertions: [{ type: "response_time", operator: "lt", value: 100 }] }, "failed", /^response_time lt 100 failed/],
      ["loop", { request: { url: `${target}/loop-a` } }, "error", /^redirect loop: .*\/loop-a → .*\/loop-b → .*\/loop-a$/],
      ["hang", { request: { url: `${target}/hang`, timeoutMs: 500 } }, "error", /^timed out after 500 ms$/],
      ["refused", { request: { url: "http://127.0.0.1:1/" } }, "error", /^request failed/],
    ];
    for (const [name, def, status, error] of cases) {
      const { json } = await api(p.key, "POST", "/api/v1/checks", { name, regions: ["weur"], ...def });
      const run = await api(p.key, "POST", `/api/v1/checks/${json.check.id}/run`);
      expect(run.status).toBe(200);
      expect([name, run.json.runs[0].status]).toEqual([name, status]);
      expect(run.json.runs[0].error).toMatch(error);
    }
  });
});

describe("scheduled runs", { timeout: 60_000 }, () => {
  it("runs a due check once per region per slot, never twice after a restart, and the results are queryable", async () => {
    const p = await project();
    const regions = ["weur", "enam", "apac"];
    const { json } = await api(p.key, "POST", "/api/v1/checks", {
      name: "fan-out",
      intervalMinutes: 5,
      regions,
      request: { url: `${target}/ok` },
      assertions: [{ type: "json", target: "$.status", operator: "eq", value: "ok" }],
    });
    const id = json.check.id as string;

    await tick(BASE);
    await tick(BASE + 60_000); // same 5-minute slot: not due again
    for (const r of regions) expect(await runnerIds(r, id)).toEqual([`${p.id}/${id}.${r}.${slotStart(5, BASE)}`]);

    // A restart that lost the D1 bookkeeping re-dispatches the slot: the runners refuse it.
    await env.DB.prepare("UPDATE checks SET last_slot = NULL WHERE id = ?").bind(id).run();
    await tick(BASE + 120_000);
    for (const r of regions) expect(await runnerIds(r, id)).toHaveLength(1);

    await tick(BASE + 5 * 60_000); // next slot
    for (const r of regions) expect(await runnerIds(r, id)).toHaveLength(2);

    const rows = await query(p.key, `checks | where check_id == "${id}" | summarize runs = count(), up = countif(ok), slots = dcount(scheduled_at) by region | sort by region asc`);
    expect(rows).toEqual([["apac", 2, 2, 2], ["enam", 2, 2, 2], ["weur", 2, 2, 2]]);
    // After a flush the same rows come from Parquet in R2, not doubled.
    expect((await api(p.key, "POST", "/api/v1/admin/flush")).status).toBe(200);
    const flushed = await query(p.key, `checks | where check_id == "${id}" | summarize runs = count(), p50 = percentile(duration_ms, 50) by region | sort by region asc`);
    expect(flushed.map((r) => r.slice(0, 2))).toEqual([["apac", 2], ["enam", 2], ["weur", 2]]);
    expect(flushed.every((r) => typeof r[2] === "number")).toBe(true);

    const listed = await api(p.key, "GET", "/api/v1/checks");
    const status = listed.json.checks[0].regions.map((s: { region: string; status: string; httpStatusCode: number }) => [s.region, s.status, s.httpStatusCode]);
    expect(status).toEqual([["apac", "ok", 200], ["enam", "ok", 200], ["weur", "ok", 200]]);
  });

  it("opens an incident after M runs failing in N regions and resolves it on recovery", async () => {
    const p = await project();
    const key = `inc${n}`;
    const { json } = await api(p.key, "POST", "/api/v1/checks", {
      name: "health",
      intervalMinutes: 1,
      regions: ["weur", "enam"],
      incident: { minFailingRegions: 2, consecutiveRuns: 2 },
      request: { url: `${target}/health/${key}` },
    });
    const id = json.check.id as string;
    const t = BASE + 2 * 3_600_000;
    const open = async () => (await api(p.key, "GET", "/api/v1/checks/incidents?status=open")).json.incidents as Record<string, any>[];

    await tick(t);
    await fetch(`${target}/control/down/${key}`);
    await tick(t + 60_000);
    expect(await open()).toEqual([]); // one failing run: not yet
    await tick(t + 120_000);
    const incidents = await open();
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ checkId: id, kind: "failure", severity: "critical", regions: ["enam", "weur"], lastError: expect.stringContaining("actual 503") });
    await tick(t + 180_000);
    expect(await open()).toHaveLength(1); // still the same one

    await fetch(`${target}/control/up/${key}`);
    await tick(t + 240_000);
    expect(await open()).toEqual([]);
    const all = (await api(p.key, "GET", `/api/v1/checks/incidents?check=${id}`)).json.incidents;
    expect(all).toHaveLength(1);
    expect(all[0].status).toBe("resolved");
    const alerts = (await api(p.key, "GET", `/api/v1/checks/incidents?format=alerts`)).json.alerts;
    expect(alerts[0]).toMatchObject({ status: "resolved", fingerprint: `synthetics:${id}:failure`, labels: { source: "synthetics", kind: "failure", severity: "critical" } });
    // Incidents of one project are not another's.
    const other = await project();
    expect((await api(other.key, "GET", "/api/v1/checks/incidents")).json.incidents).toEqual([]);
  });

  it("a heartbeat that stops pinging opens an incident; a ping resolves it", async () => {
    const p = await project();
    const { json } = await api(p.key, "POST", "/api/v1/checks", { name: "nightly backup", type: "heartbeat", intervalMinutes: 5, graceMinutes: 1 });
    const check = json.check;
    expect(check.heartbeatUrl).toMatch(/^http:\/\/x\/api\/v1\/heartbeat\/[\w-]{24}$/);
    const created = Date.now();

    await tick(created + 5 * 60_000); // within period + grace
    expect((await api(p.key, "GET", "/api/v1/checks/incidents?status=open")).json.incidents).toEqual([]);
    await tick(created + 7 * 60_000);
    const open = (await api(p.key, "GET", "/api/v1/checks/incidents?status=open")).json.incidents;
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ kind: "heartbeat_missing", lastError: "never pinged" });

    const ping = await SELF.fetch(check.heartbeatUrl as string, { method: "POST" });
    expect(ping.status).toBe(200);
    expect((await api(p.key, "GET", "/api/v1/checks/incidents?status=open")).json.incidents).toEqual([]);
    expect((await SELF.fetch("http://x/api/v1/heartbeat/not-a-real-token-at-all")).status).toBe(404);
    const rows = await query(p.key, `checks | where check_id == "${check.id}" | summarize n = count() by ok | sort by ok asc`);
    expect(rows).toEqual([[false, 1], [true, 1]]);
  });

  it("routes a check incident through alerting: the on-call webhook hears it open, then resolve", async () => {
    const p = await project();
    const bucket = `syn-${p.id}`;
    expect((await api(p.key, "POST", "/api/v1/contact-points", { name: "ops", integrations: [{ kind: "webhook", send_resolved: true, settings: { url: `${receiver}/hook/${bucket}` } }] })).status).toBe(201);
    expect((await api(p.key, "PUT", "/api/v1/alerting/config", { route: { receiver: "ops", group_by: ["alertname"], group_wait: "0s", group_interval: "1m" } })).status).toBe(200);
    const { json } = await api(p.key, "POST", "/api/v1/checks", { name: "nightly export", type: "heartbeat", intervalMinutes: 5, graceMinutes: 1 });
    const check = json.check;
    const created = Date.now();
    const received = async () => ((await (await fetch(`${receiver}/log/${bucket}`)).json()) as { body: WebhookPayload }[]).map((r) => r.body);

    await tick(created + 7 * 60_000); // past period + grace: the incident opens and is handed over
    await dispatcherFor(env, p.id).tick(p.id, created + 7 * 60_000);
    let got = await received();
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ status: "firing", receiver: "ops", groupLabels: { alertname: "nightly export" } });
    expect(got[0].alerts[0].labels).toMatchObject({ source: "synthetics", check_id: check.id, kind: "heartbeat_missing" });

    expect((await SELF.fetch(check.heartbeatUrl as string, { method: "POST" })).status).toBe(200);
    // The ping resolves the incident at once (wall clock); the next tick hands the resolution over.
    await tick(Date.now() + 60_000);
    await dispatcherFor(env, p.id).tick(p.id, created + 9 * 60_000);
    got = await received();
    expect(got).toHaveLength(2);
    expect(got[1]).toMatchObject({ status: "resolved", receiver: "ops" });
  });

  it("reads a certificate expiring in 5 days over a connect() socket and raises the expiry warning", async () => {
    const p = await project();
    const { json } = await api(p.key, "POST", "/api/v1/checks", { name: "tls", intervalMinutes: 1, regions: ["weur"], request: { url: tlsTarget } });
    const id = json.check.id as string;

    const run = await api(p.key, "POST", `/api/v1/checks/${id}/run`);
    expect(run.status).toBe(200);
    const row = run.json.runs[0];
    // workerd's fetch rightly refuses the self-signed certificate; the socket probe still reads it.
    expect(row.status).toBe("error");
    expect(row.error).toMatch(/^request failed: TLS handshake failed/);
    expect(row.ssl_subject).toBe("expiring.test");
    expect(row.ssl_days_remaining).toBeGreaterThan(4.9);
    expect(row.ssl_days_remaining).toBeLessThanOrEqual(5.01);
    const warning = JSON.parse(row.assertions).find((a: { type: string }) => a.type === "ssl_expiry");
    expect(warning).toMatchObject({ pass: false, warning: true, expected: 14 });

    await tick(BASE + 4 * 3_600_000);
    const incidents = (await api(p.key, "GET", "/api/v1/checks/incidents?status=open")).json.incidents;
    expect(incidents.map((i: { kind: string }) => i.kind)).toContain("ssl_expiry");
    expect(incidents.find((i: { kind: string }) => i.kind === "ssl_expiry").summary).toMatch(/^certificate for expiring\.test expires in 4\.9|5\.0 days/);
  });
});
