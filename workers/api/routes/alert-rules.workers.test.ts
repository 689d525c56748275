/**
 * The alert rules API inside workerd with real D1 and Durable Objects: CRUD with field
 * errors, project isolation, scopes, the preview over ingested data, the history filters.
 */
import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { recordHistory } from "../../../alerting/history";
import { createApiKey, createProject } from "../../control/store";
import { logsPayload } from "../../../test/workers/otlp-json";

const MIN = 60_000;
let n = 0;
async function project() {
  const id = `ar${Date.now().toString(36)}${n++}`;
  await createProject(env.DB, id, id);
  const { key } = await createApiKey(env.DB, id, "t", ["ingest", "read", "admin"]);
  const { key: readOnly } = await createApiKey(env.DB, id, "r", ["read"]);
  return { id, key, readOnly };
}

async function call(key: string, method: string, path: string, body?: unknown) {
  const res = await SELF.fetch(`http://x${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : null) as Record<string, any> };
}

const rule = {
  name: "Slow checkout",
  query: 'logs | where severity_text == "ERROR" | summarize errors = count() by service.name',
  interval: "1m",
  window: "1m",
  for: "2m",
  condition: { kind: "threshold", op: "above", thresholds: { critical: 5, critical_recovery: 2 } },
  labels: { team: "payments" },
  annotations: { summary: "{{ $labels.service_name }}: {{ $value | humanize }}" },
};

describe("alert rules API", () => {
  it("creates, reads, lists, updates, pauses and deletes a rule", async () => {
    const p = await project();
    const created = await call(p.key, "POST", "/api/v1/alert-rules", rule);
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ ...rule, value_column: null, no_data_state: "nodata", severity: "warning", enabled: true });
    const id = created.json.id as string;
    expect(id).toMatch(/^rule_/);

    expect((await call(p.readOnly, "GET", `/api/v1/alert-rules/${id}`)).json).toEqual(created.json);
    const list = await call(p.readOnly, "GET", "/api/v1/alert-rules");
    expect(list.json.rules.map((r: any) => [r.id, r.states])).toEqual([[id, { ok: 0, pending: 0, firing: 0, resolved: 0, nodata: 0, error: 0 }]]);

    const put = await call(p.key, "PUT", `/api/v1/alert-rules/${id}`, { ...rule, window: "5m", for: "0" });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({ window: "5m", for: "0", name: "Slow checkout" });

    const paused = await call(p.key, "PATCH", `/api/v1/alert-rules/${id}`, { enabled: false });
    expect(paused.json).toMatchObject({ enabled: false, window: "5m" });

    expect((await call(p.key, "DELETE", `/api/v1/alert-rules/${id}`)).status).toBe(204);
    expect((await call(p.key, "GET", `/api/v1/alert-rules/${id}`)).status).toBe(404);
    expect((await call(p.key, "DELETE", `/api/v1/alert-rules/${id}`)).status).toBe(404);
  });

  it("refuses bad rules with every field error and changes nothing", async () => {
    const p = await project();
    const bad = await call(p.key, "POST", "/api/v1/alert-rules", { ...rule, query: "logs | summarize count() by servce.name", interval: "30s", condition: { kind: "threshold", op: "sideways" } });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: any) => e.field).sort()).toEqual(["condition.op", "interval", "query"]);
    expect(bad.json.errors.find((e: any) => e.field === "query")).toMatchObject({ from: 28, message: expect.stringMatching(/servce\.name/) });
    expect((await call(p.key, "POST", "/api/v1/alert-rules", "{nope")).status).toBe(400);
    expect((await call(p.key, "POST", "/api/v1/alert-rules", { ...rule, annotations: { big: "x".repeat(70_000) } })).status).toBe(413);
    expect((await call(p.key, "GET", "/api/v1/alert-rules")).json.rules).toEqual([]);

    const ok = await call(p.key, "POST", "/api/v1/alert-rules", rule);
    const dup = await call(p.key, "POST", "/api/v1/alert-rules", rule);
    expect(dup.status).toBe(409);
    expect(dup.json.error).toMatch(/already exists/);
    const badPatch = await call(p.key, "PATCH", `/api/v1/alert-rules/${ok.json.id}`, { for: "forever" });
    expect(badPatch.status).toBe(400);
    expect((await call(p.key, "GET", `/api/v1/alert-rules/${ok.json.id}`)).json.for).toBe("2m");
  });

  it("keeps projects apart and needs the admin scope to change rules", async () => {
    const a = await project();
    const b = await project();
    const created = await call(a.key, "POST", "/api/v1/alert-rules", rule);
    const id = created.json.id;
    expect((await call(b.key, "GET", `/api/v1/alert-rules/${id}`)).status).toBe(404);
    expect((await call(b.key, "PUT", `/api/v1/alert-rules/${id}`, rule)).status).toBe(404);
    expect((await call(b.key, "DELETE", `/api/v1/alert-rules/${id}`)).status).toBe(404);
    expect((await call(b.key, "GET", `/api/v1/alert-rules/${id}/state`)).status).toBe(404);
    expect((await call(b.key, "GET", "/api/v1/alert-rules")).json.rules).toEqual([]);
    // The same name is fine in another project.
    expect((await call(b.key, "POST", "/api/v1/alert-rules", rule)).status).toBe(201);
    expect((await call(a.readOnly, "POST", "/api/v1/alert-rules", { ...rule, name: "other" })).status).toBe(401);
    expect((await call(a.readOnly, "DELETE", `/api/v1/alert-rules/${id}`)).status).toBe(401);
    expect((await call(a.key, "GET", `/api/v1/alert-rules/${id}`)).status).toBe(200);
  });

  it("previews when the rule would have fired over ingested data", async () => {
    const p = await project();
    const M = Math.floor(Date.now() / MIN) * MIN - 30 * MIN;
    for (let k = 0; k < 4; k++) {
      const records = Array.from({ length: 10 }, (_, i) => ({ seq: i, timeMs: M + k * MIN + 1000 + i, severity: "ERROR" }));
      const res = await SELF.fetch("http://x/v1/logs", { method: "POST", headers: { authorization: `Bearer ${p.key}`, "content-type": "application/json" }, body: logsPayload("checkout", records) });
      expect(res.status).toBe(200);
    }
    const r = await call(p.readOnly, "POST", "/api/v1/alert-rules/preview", { rule: { ...rule, no_data_state: "ok" }, from: M - 2 * MIN, to: M + 8 * MIN });
    expect(r.status).toBe(200);
    expect(r.json.steps).toHaveLength(10);
    expect(r.json.fired_at).toEqual([M + 3 * MIN]);
    expect(r.json.changes.map((c: any) => [(c.at - M) / MIN, c.to])).toEqual([[1, "pending"], [3, "firing"], [5, "resolved"], [6, "ok"]]);
    expect(r.json.groups).toEqual([{ labels: { service_name: "checkout" }, values: [null, null, 10, 10, 10, 10, null, null, null, null] }]);
    expect(r.json.thresholds).toEqual({ critical: 5, critical_recovery: 2 });
    // Nothing was stored.
    expect((await call(p.key, "GET", "/api/v1/alert-rules")).json.rules).toEqual([]);

    const tooLong = await call(p.key, "POST", "/api/v1/alert-rules/preview", { rule, from: "now-7d" });
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.error).toMatch(/at most 240/);
    expect((await call(p.key, "POST", "/api/v1/alert-rules/preview", { rule: { ...rule, window: "x" } })).json.errors[0].field).toBe("window");
    expect((await call(p.key, "POST", "/api/v1/alert-rules/preview", { rule, from: "yesterday" })).status).toBe(400);
  });

  it("lists the history with filters, newest first, only the caller's project", async () => {
    const a = await project();
    const b = await project();
    const ev = (projectId: string, at: number, kind: "state" | "notification", ruleId: string, fingerprint: string, status: string) => ({ projectId, at, kind, ruleId, fingerprint, status, detail: null, data: { n: at } });
    await recordHistory(env.DB, [
      ev(a.id, 1000, "state", "r1", "f1", "pending"),
      ev(a.id, 2000, "state", "r1", "f1", "firing"),
      ev(a.id, 3000, "notification", "r1", "f1", "sent"),
      ev(a.id, 4000, "state", "r2", "f2", "firing"),
      ev(b.id, 2500, "state", "r1", "f1", "firing"),
    ]);
    const get = async (q: string) => (await call(a.readOnly, "GET", `/api/v1/alert-history${q}`)).json;
    expect((await get("")).events.map((e: any) => e.at)).toEqual([4000, 3000, 2000, 1000]);
    expect((await get("?rule=r1&kind=state")).events.map((e: any) => e.status)).toEqual(["firing", "pending"]);
    expect((await get("?fingerprint=f1&from=1500&to=3500")).events.map((e: any) => e.at)).toEqual([3000, 2000]);
    expect((await get("?limit=1")).events).toEqual([{ id: expect.any(Number), at: 4000, kind: "state", rule_id: "r2", fingerprint: "f2", status: "firing", detail: null, data: { n: 4000 } }]);
    expect((await call(a.key, "GET", "/api/v1/alert-history?kind=weird")).status).toBe(400);
    expect((await call(a.key, "GET", "/api/v1/alert-history?from=soon")).status).toBe(400);
    expect((await call(a.key, "GET", "/api/v1/alert-history?limit=0")).status).toBe(400);
  });
});
