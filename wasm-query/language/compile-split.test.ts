import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compile, compileSplit } from "./index.ts";
import { type Engine, nativeEngine, wasmEngine } from "./test-duckdb.ts";

/**
 * Fan-out correctness: a query run whole equals the same query run as partial steps over
 * three disjoint batches of rows plus a final step over their collected results, on
 * DuckDB-WASM 0.9 (the edge engine) and native DuckDB. Percentile merges are approximate
 * (values bucketed to 3 significant digits) and compared within 0.5%.
 */
const F = Date.UTC(2026, 0, 1) * 1000;
const T = F + 3_600_000_000;
const ROWS = 3000;

const DATA = [
  `INSERT INTO logs (timestamp, severity_number, severity_text, body, service_name, http_response_status_code, http_route, attributes)
   SELECT make_timestamp(CAST(${F} + i * 1000000 AS BIGINT)), CASE WHEN i % 7 = 0 THEN 17 ELSE 9 END, CASE WHEN i % 7 = 0 THEN 'ERROR' ELSE 'INFO' END,
          'request ' || i || CASE WHEN i % 11 = 0 THEN ' timeout' ELSE '' END, 'svc-' || (i % 4), CASE WHEN i % 13 = 0 THEN 503 ELSE 200 END,
          '/r/' || (i % 5), MAP(['user', 'retries'], ['u' || (i % 37), CAST(i % 3 AS VARCHAR)])
   FROM range(${ROWS}) t(i)`,
  `INSERT INTO spans (timestamp, trace_id, span_id, name, kind, duration_ns, status_code, service_name, attributes)
   SELECT make_timestamp(CAST(${F} + i * 1000000 AS BIGINT)), 't' || (i % 500), 's' || i, 'op' || (i % 6), 'SERVER',
          CAST(1000 + (i * 7919) % 100000 * 1000 AS BIGINT), CASE WHEN i % 9 = 0 THEN 'ERROR' ELSE 'OK' END, 'svc-' || (i % 3), MAP(['k'], [CAST(i % 10 AS VARCHAR)])
   FROM range(${ROWS}) t(i)`,
];

const QUERIES = [
  "logs | count",
  "logs | summarize count() by service.name",
  "logs | summarize n = count(), errors = countif(severity >= \"ERROR\") by service.name, http.route",
  "logs | summarize error_rate = 100.0 * countif(http.response.status_code >= 500) / count() by http.route | sort by error_rate desc",
  "logs | summarize count() by bin(timestamp, 5m), service.name",
  "logs | summarize dcount(attributes.user) by service.name",
  "logs | summarize users = dcount(attributes.user), errs = dcountif(attributes.user, severity >= \"ERROR\"), n = count()",
  "logs | summarize s = sum(severity_number), a = avg(severity_number), lo = min(timestamp), hi = max(timestamp) by service.name",
  "logs | summarize r = range(timestamp), r2 = range(severity_number)",
  "logs | summarize sd = stdev(severity_number), v = variance(http.response.status_code) by service.name",
  "logs | summarize rate() by bin(timestamp, 10m)",
  "logs | summarize sumif(severity_number, service.name == \"svc-1\"), avgif(severity_number, body contains \"timeout\")",
  "logs | where body contains \"timeout\" | summarize count() by service.name | where count_ > 10",
  "logs | where attributes.retries == \"1\" | extend u = toupper(service.name) | summarize c = count() by u | top 2 by u asc",
  "logs | summarize count() by service.name | take 2 | count",
  "logs | top 5 by body asc",
  "logs | where body contains \"timeout\" | sort by timestamp desc | take 7 | project timestamp, body",
  "logs | sort by timestamp asc | project body, service.name",
  "logs | where severity >= \"ERROR\" | distinct service.name",
  "logs | distinct http.route, service.name | sort by http.route asc, service.name asc",
  "logs | take 10 | count",
  "logs | where http.response.status_code == 503 | project body",
  "spans | summarize count(), errors = countif(status_code == \"ERROR\") by service.name, name",
  "spans | top 10 by duration desc",
];

const APPROXIMATE = [
  "spans | summarize p50(duration), p95(duration), p99(duration) by name",
  "spans | summarize percentiles(duration, 50, 90, 99.9), n = count() by service.name",
  "spans | summarize m = median(duration), slow = percentile(duration, 95) / 1000000, u = dcount(trace_id)",
];

const toJson = (rows: unknown) => JSON.parse(JSON.stringify(rows, (_, v) => (typeof v === "bigint" ? Number(v) : v)));
const canon = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r)).sort();

describe.each([["duckdb-wasm-0.9"], ["duckdb-native"]])("%s", (name) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = name === "duckdb-native" ? await nativeEngine() : await wasmEngine();
    for (const s of DATA) await engine.run(s, []);
  }, 120_000);
  afterAll(() => engine.close());

  /** Whole vs split over three batches (rows by i % 3), collected into a table. */
  async function both(query: string) {
    const opts = { timeRange: { fromUs: F, toUs: T }, nowUs: T, maxRows: 1000 };
    const whole = compile(query, opts);
    let table = "";
    const batches = [0, 1, 2].map((b) => (src: string) => `(SELECT * FROM ${src} WHERE epoch_us(timestamp) % 3 = ${b})`);
    const split = compileSplit(query, { ...opts, finalRelation: "partials", relation: batches[0] });
    await engine.run("DROP TABLE IF EXISTS partials", []);
    for (const [i, rel] of batches.entries()) {
      const p = compileSplit(query, { ...opts, finalRelation: "partials", relation: rel }).partial;
      table = i === 0 ? `CREATE TABLE partials AS ${p.sql}` : `INSERT INTO partials ${p.sql}`;
      await engine.run(table, p.params);
    }
    const expected = toJson(await engine.run(whole.sql, whole.params)) as Record<string, unknown>[];
    const actual = toJson(await engine.run(split.final.sql, split.final.params)) as Record<string, unknown>[];
    return { expected, actual, split };
  }

  it.each(QUERIES)("%s: split equals whole", async (query) => {
    const { expected, actual, split } = await both(query);
    expect(split.approximate).toBe(false);
    expect(expected.length).toBeGreaterThan(0);
    // Floating sums merge in another order: compare numbers to 1e-9 relative.
    const round = (rows: Record<string, unknown>[]) =>
      rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "number" && !Number.isInteger(v) ? Number(v.toPrecision(10)) : v])));
    // Sorted results may order ties differently; a take after a sort has no ties here.
    expect(canon(round(actual))).toEqual(canon(round(expected)));
  });

  it.each(APPROXIMATE)("%s: split is within 0.5% of whole", async (query) => {
    const { expected, actual, split } = await both(query);
    expect(split.approximate).toBe(true);
    expect(actual.length).toBe(expected.length);
    const key = (r: Record<string, unknown>) => String(r.name ?? r.service_name ?? "");
    const byKey = new Map(actual.map((r) => [key(r), r]));
    for (const e of expected) {
      const a = byKey.get(key(e))!;
      expect(a).toBeDefined();
      for (const [k, v] of Object.entries(e)) {
        if (typeof v !== "number") expect(a[k]).toEqual(v);
        // Nearest-rank on buckets vs interpolation: within a bucket (0.5%) plus one rank step.
        else expect(Math.abs((a[k] as number) - v) / Math.max(1, Math.abs(v))).toBeLessThan(0.02);
      }
    }
  });
});

describe("when a fan-out can stop early", () => {
  const opts = { timeRange: { fromUs: F, toUs: T }, nowUs: T, finalRelation: "p" };
  const enough = (q: string, maxRows?: number) => compileSplit(q, { ...opts, maxRows }).enoughRows;
  it("stops after N rows for a take with no ordering before it, or plain rows at the cap", () => {
    expect(enough('logs | where body contains "x" | take 100 | project body')).toBe(100);
    expect(enough("logs | project body", 500)).toBe(500);
    expect(enough("logs | sort by timestamp desc | take 10")).toBeUndefined();
    expect(enough("logs | top 10 by timestamp")).toBeUndefined();
    expect(enough("logs | summarize count() | take 1")).toBeUndefined();
    expect(enough("logs | distinct service.name")).toBeUndefined();
  });
});
