/**
 * The query API inside workerd with real local R2, D1 and Durable Objects: rows are
 * queryable straight after the ingest acknowledgement (hot tier) and after a flush
 * (Parquet in R2), never twice, only the caller's project, with errors that say where.
 */
import { env, SELF } from "cloudflare:test";
import { tableFromIPC } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { createApiKey, createProject } from "../../control/store";
import { logsPayload } from "../../../test/workers/otlp-json";

let n = 0;
async function project() {
  const id = `q${Date.now().toString(36)}${n++}`;
  await createProject(env.DB, id, id);
  const { key } = await createApiKey(env.DB, id, "t", ["ingest", "read", "admin"]);
  const { key: ingestOnly } = await createApiKey(env.DB, id, "i", ["ingest"]);
  return { id, key, ingestOnly };
}

const auth = (key: string) => ({ authorization: `Bearer ${key}` });

async function ingest(key: string, service: string, records: { seq: number; timeMs: number; body?: string; severity?: string }[]) {
  const res = await SELF.fetch("http://x/v1/logs", {
    method: "POST",
    headers: { ...auth(key), "content-type": "application/json" },
    body: logsPayload(service, records),
  });
  expect(res.status).toBe(200);
}

async function flush(key: string) {
  const res = await SELF.fetch("http://x/api/v1/admin/flush", { method: "POST", headers: auth(key) });
  expect(res.status).toBe(200);
}

type Answer = { columns: { name: string; type: string }[]; rows: unknown[][]; truncated: boolean; stats: Record<string, unknown> };

async function query(key: string, body: Record<string, unknown>, path = "/api/v1/query", headers: Record<string, string> = {}) {
  const res = await SELF.fetch(`http://x${path}`, {
    method: "POST",
    headers: { ...auth(key), "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Answer & { error?: string; code?: string; range?: { from: number; to: number } } & Record<string, unknown> };
}

const records = (count: number, timeMs: number, from = 0) => Array.from({ length: count }, (_, i) => ({ seq: from + i, timeMs: timeMs + i }));

describe("query API", () => {
  it("answers from the hot tier right after ingest, and from Parquet after a flush, never twice", async () => {
    const p = await project();
    const t = Date.now() - 60_000;
    await ingest(p.key, "api", records(30, t));
    await ingest(p.key, "web", records(12, t, 100));
    const body = { query: "logs | summarize n = count() by service.name | sort by service.name asc", from: "now-1h", to: "now" };
    const hot = await query(p.key, body);
    expect(hot.status).toBe(200);
    expect(hot.json.rows).toEqual([["api", 30], ["web", 12]]);
    expect(hot.json.columns).toEqual([{ name: "service_name", type: "VARCHAR" }, { name: "n", type: "BIGINT" }]);
    expect(hot.json.stats.hot_rows).toBe(42);
    expect(hot.json.stats.files).toBe(0);

    await flush(p.key);
    await ingest(p.key, "api", records(5, t, 200));
    const mixed = await query(p.key, body);
    expect(mixed.json.rows).toEqual([["api", 35], ["web", 12]]);
    expect(mixed.json.stats.files).toBeGreaterThan(0);
    expect(mixed.json.stats.hot_rows).toBe(5);
    expect(typeof mixed.json.stats.sql).toBe("string");
    expect(mixed.json.stats.bytes_read).toBeGreaterThan(0);
  });

  it("skips files whose column statistics rule a filter out", async () => {
    const p = await project();
    const t = Date.now() - 20_000;
    await ingest(p.key, "api", records(6, t));
    await flush(p.key);
    await ingest(p.key, "web", records(9, t, 50));
    await flush(p.key);
    const all = await query(p.key, { query: "logs | count" });
    expect(all.json.rows).toEqual([[15]]);
    expect(all.json.stats.files).toBe(2);
    const api = await query(p.key, { query: 'logs | where service.name == "api" | count' });
    expect(api.json.rows).toEqual([[6]]);
    expect(api.json.stats.files).toBe(1);
    const none = await query(p.key, { query: 'logs | where service.name in ("db", "cache") | count' });
    expect(none.json.rows).toEqual([[0]]);
    expect(none.json.stats.files).toBe(0);
  });

  it("keeps projects apart and the time range closed", async () => {
    const a = await project();
    const b = await project();
    const t = Date.now() - 30_000;
    await ingest(a.key, "a-svc", records(3, t));
    await ingest(a.key, "a-old", records(4, Date.now() - 3 * 3_600_000));
    await ingest(b.key, "b-svc", records(7, t));
    await flush(a.key);
    const q = { query: "logs | summarize count() by service.name", from: "now-1h" };
    expect((await query(a.key, q)).json.rows).toEqual([["a-svc", 3]]);
    expect((await query(b.key, q)).json.rows).toEqual([["b-svc", 7]]);
    // A filter cannot widen the range.
    const wide = await query(a.key, { query: "logs | where timestamp > ago(3650d) or true | count", from: "now-1h" });
    expect(wide.json.rows).toEqual([[3]]);
    const all = await query(a.key, { query: "logs | count", from: "now-4h" });
    expect(all.json.rows).toEqual([[7]]);
  });

  it("binds $variables and returns timestamps and maps as JSON", async () => {
    const p = await project();
    const t = Date.UTC(2026, 0, 1, 0, 0, 0);
    await ingest(p.key, "api", [{ seq: 1, timeMs: t, body: "boom", severity: "ERROR" }, { seq: 2, timeMs: t + 1, body: "fine" }]);
    const r = await query(p.key, {
      query: "logs | where service.name == $svc and body in ($bodies) | project timestamp, body, attributes",
      from: "2025-12-31T23:00:00Z",
      to: "2026-01-01T01:00:00Z",
      vars: { svc: "api", bodies: ["boom"] },
    });
    expect(r.status).toBe(200);
    expect(r.json.rows).toEqual([["2026-01-01T00:00:00.000000Z", "boom", { seq: "1" }]]);
  });

  it("caps rows and says so", async () => {
    const p = await project();
    await ingest(p.key, "api", records(20, Date.now() - 10_000));
    const r = await query(p.key, { query: "logs | project body", max_rows: 5 });
    expect(r.json.rows).toHaveLength(5);
    expect(r.json.truncated).toBe(true);
    const all = await query(p.key, { query: "logs | project body", max_rows: 50 });
    expect(all.json.rows).toHaveLength(20);
    expect(all.json.truncated).toBe(false);
  });

  it("answers Arrow IPC when asked", async () => {
    const p = await project();
    await ingest(p.key, "api", records(4, Date.now() - 10_000));
    const res = await SELF.fetch("http://x/api/v1/query", {
      method: "POST",
      headers: { ...auth(p.key), "content-type": "application/json", accept: "application/vnd.apache.arrow.stream" },
      body: JSON.stringify({ query: "logs | summarize n = count() by service.name" }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.apache.arrow.stream");
    const table = tableFromIPC(new Uint8Array(await res.arrayBuffer()));
    expect(table.numRows).toBe(1);
    expect(table.getChild("service_name")?.get(0)).toBe("api");
    expect(Number(table.getChild("n")?.get(0))).toBe(4);
  });

  it("reports query errors with their range, and bad requests with what is wrong", async () => {
    const p = await project();
    const bad = await query(p.key, { query: "logs | where nosuchfield == 1" });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatch(/unknown field 'nosuchfield'/);
    expect(bad.json.range).toMatchObject({ from: 13, to: 24 });
    expect((await query(p.key, { query: "logs", from: "yesterday" })).json.error).toMatch(/'from' is not a time/);
    expect((await query(p.key, { query: 42 })).json.error).toBe("'query' must be a string");
    expect((await query(p.key, { query: "logs", vars: { x: { a: 1 } } })).status).toBe(400);
    const notJson = await SELF.fetch("http://x/api/v1/query", { method: "POST", headers: auth(p.key), body: "{" });
    expect(notJson.status).toBe(400);
    // Ingest-only keys cannot read.
    const denied = await query(p.ingestOnly, { query: "logs" });
    expect(denied.status).toBe(401);
    expect(denied.json.error).toMatch(/lacks the 'read' scope/);
    // The server keeps serving.
    expect((await query(p.key, { query: "logs | count" })).status).toBe(200);
  });

  it("validates with every diagnostic and its range", async () => {
    const p = await project();
    const r = await query(p.key, { query: "logs | where nosuch == 1 | summarize bogus(x)" }, "/api/v1/query/validate");
    expect(r.status).toBe(200);
    expect(r.json.valid).toBe(false);
    const diagnostics = r.json.diagnostics as { message: string; from: number; to: number }[];
    expect(diagnostics.length).toBeGreaterThanOrEqual(2);
    expect(diagnostics[0]).toMatchObject({ from: 13, to: 19 });
    const ok = await query(p.key, { query: "logs | count" }, "/api/v1/query/validate");
    expect(ok.json).toEqual({ valid: true, diagnostics: [] });
  });

  it("completes fields, attribute keys and values seen in the data", async () => {
    const p = await project();
    await ingest(p.key, "checkout", records(3, Date.now() - 5_000));
    await flush(p.key);
    const labels = async (q: string, cursor = q.length) => {
      const r = await query(p.key, { query: q, cursor }, "/api/v1/query/complete");
      expect(r.status).toBe(200);
      return (r.json.suggestions as { label: string }[]).map((s) => s.label);
    };
    expect(await labels("logs | wh")).toContain("where");
    expect(await labels("logs | where sev")).toContain("severity_text");
    expect(await labels("logs | where attributes.s")).toContain("attributes.seq");
    expect(await labels('logs | where service.name == "ch')).toContain("checkout");
    expect(await labels("logs | summarize p9")).toEqual(expect.arrayContaining(["p95", "p99"]));
  });

  it("explains the SQL and the files before running", async () => {
    const p = await project();
    await ingest(p.key, "api", records(3, Date.now() - 5_000));
    await flush(p.key);
    const r = await query(p.key, { query: "logs | count" }, "/api/v1/query/explain");
    expect(r.status).toBe(200);
    expect(r.json.sql).toMatch(/read_parquet\(\['f0\.parquet'\]/);
    expect(r.json.signal).toBe("logs");
    const files = r.json.files as { key: string; bytes: number; rows: number }[];
    expect(files).toHaveLength(1);
    expect(files[0].key.startsWith(`v1/${p.id}/logs/`)).toBe(true);
    expect(r.json.total_bytes).toBe(files[0].bytes);
  });
});
