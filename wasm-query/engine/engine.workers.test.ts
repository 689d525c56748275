import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { BASE_US, makeLogs } from "../../core/parquet/fixtures";
import { initParquetWasm } from "../../core/parquet/wasm-worker";
import { encodeParquetChunked } from "../../core/parquet/write";
import type { TableBuilder } from "../../core/columns";
import { DEFAULT_SETTINGS, getDuckDB } from "./duckdb-worker";
import { createEngine, EngineError } from "./engine";
import { planQuery } from "./plan";
import { fileName } from "./relation";
import { r2Source, type ByteSource } from "./source";

/**
 * The edge engine inside workerd: DuckDB-WASM 1.28 reading Parquet from local R2 through
 * range reads, with pruning, read-miss recovery, fan-out and the memory budget.
 */
const ROWS = 40_000;
let table: TableBuilder;
let bytes: Uint8Array;
const KEY = "v1/p1/logs/date=2025-03-04/hour=12/a.parquet";
const range = { fromUs: BASE_US - 60_000_000, toUs: BASE_US + 3_600_000_000 };

/** count() by service.name, computed in JS from the fixture itself. */
function expectedCounts(t: TableBuilder, copies = 1): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < t.rows; i++) {
    const s = t.column("service_name").get(i) as string;
    out.set(s, (out.get(s) ?? 0) + copies);
  }
  return out;
}

const sources = (n: number): ByteSource[] => Array.from({ length: n }, (_, i) => r2Source(env.BUCKET, KEY, fileName(i)));

beforeAll(async () => {
  initParquetWasm();
  table = makeLogs(ROWS, 7);
  bytes = await encodeParquetChunked(table, { rowGroupSize: 10_000 });
  await env.BUCKET.put(KEY, bytes);
});

// The first query starts DuckDB-WASM, which takes seconds on a loaded machine.
describe("edge engine", { timeout: 60_000 }, () => {
  it("answers a compiled query from R2 range reads, reading only the needed columns", async () => {
    const q = planQuery("logs | summarize n = count() by service.name", { timeRange: range });
    const r = await createEngine().run(q.plan, { files: sources(1), columns: q.columns, ...range });
    expect(new Map(r.rows.map(([s, n]) => [s as string, n as number]))).toEqual(expectedCounts(table));
    expect(r.columns).toEqual([{ name: "service_name", type: "VARCHAR" }, { name: "n", type: "BIGINT" }]);
    expect(q.columns).toEqual(["timestamp", "service_name"]);
    expect(r.stats.misses).toBe(0);
    // Two columns of ~40: far less than the file.
    expect(r.stats.bytesFetched).toBeLessThan(bytes.length / 3);
  });

  it("skips row groups outside the time range by their statistics", async () => {
    const all = planQuery("logs | count", { timeRange: range });
    const full = await createEngine().run(all.plan, { files: sources(1), columns: all.columns, ...range });
    // The fixture spans ~30 s; the first 2 s hold few rows.
    const narrow = { fromUs: BASE_US, toUs: BASE_US + 2_000_000 };
    const few = planQuery("logs | count", { timeRange: narrow });
    const part = await createEngine().run(few.plan, { files: sources(1), columns: few.columns, ...narrow });
    let inRange = 0;
    const ts = table.column("timestamp");
    for (let i = 0; i < table.rows; i++) if ((ts.get(i) as number) >= narrow.fromUs && (ts.get(i) as number) < narrow.toUs) inRange++;
    expect(full.rows).toEqual([[ROWS]]);
    expect(part.rows).toEqual([[inRange]]);
    expect(part.stats.bytesFetched).toBeLessThan(full.stats.bytesFetched);
  });

  it("learns columns it was not told about from read misses and still answers right", async () => {
    const q = planQuery('logs | where severity_text == "ERROR" | summarize n = count() by service.name', { timeRange: range });
    const r = await createEngine().run(q.plan, { files: sources(1), columns: [], ...range });
    const errors = new Map<string, number>();
    for (let i = 0; i < table.rows; i++) {
      if (table.column("severity_text").get(i) !== "ERROR") continue;
      const s = table.column("service_name").get(i) as string;
      errors.set(s, (errors.get(s) ?? 0) + 1);
    }
    expect(new Map(r.rows.map(([s, n]) => [s as string, n as number]))).toEqual(errors);
    expect(r.stats.misses).toBeGreaterThan(0);
    expect(r.stats.attempts).toBeGreaterThan(1);
  });

  it("fans out over batches when the files exceed the prefetch budget, with the same answer", async () => {
    const query = "logs | summarize n = count(), errors = countif(severity_text == \"ERROR\"), users = dcount(attributes.session.id) by service.name";
    const q = planQuery(query, { timeRange: range });
    const whole = await createEngine().run(q.plan, { files: sources(3), columns: q.columns, ...range });
    const split = await createEngine().run(q.plan, { files: sources(3), columns: q.columns, ...range, prefetchBudgetBytes: whole.stats.bytesFetched / 2 });
    expect(whole.stats.batches).toBe(1);
    expect(split.stats.batches).toBeGreaterThan(1);
    const sorted = (rows: unknown[][]) => [...rows].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(sorted(split.rows)).toEqual(sorted(whole.rows));
    expect(sorted(whole.rows).map((r) => r[1])).toEqual([...expectedCounts(table, 3).entries()].sort((a, b) => a[0].localeCompare(b[0])).map((e) => e[1]));
  });

  it("stays under the 96 MB wasm budget on a dataset larger than it, by fanning out", async () => {
    // 60 copies of one file: well over 96 MB of Parquet, counted exactly.
    const copies = Math.ceil((120 * 1024 * 1024) / bytes.length);
    const q = planQuery("logs | summarize n = count() by service.name | sort by service.name asc", { timeRange: range });
    const r = await createEngine().run(q.plan, { files: sources(copies), columns: "all", ...range });
    expect(copies * bytes.length).toBeGreaterThan(DEFAULT_SETTINGS.memoryBudgetBytes);
    expect(r.stats.batches).toBeGreaterThan(1);
    expect(new Map(r.rows.map(([s, n]) => [s as string, n as number]))).toEqual(expectedCounts(table, copies));
    expect(r.stats.wasmBytesAfter).toBeLessThanOrEqual(DEFAULT_SETTINGS.memoryBudgetBytes);
    expect((await getDuckDB()).memoryBytes()).toBeLessThanOrEqual(DEFAULT_SETTINGS.memoryBudgetBytes);
  });

  it("caps the files one statement reads, and stops once a take is answered", async () => {
    const q = planQuery("logs | count", { timeRange: range });
    const capped = await createEngine().run(q.plan, { files: sources(10), columns: q.columns, ...range, maxFilesPerBatch: 4 });
    expect(capped.stats.batches).toBe(3);
    expect(capped.rows).toEqual([[10 * ROWS]]);
    // The partial step is `SELECT * … LIMIT 5` with only three columns prefetched: DuckDB
    // 0.9 swallowed the missed reads and answered 0 rows until results read with a miss
    // were refetched and rerun instead of trusted.
    const t = planQuery('logs | where severity_text == "ERROR" | take 5 | project body', { timeRange: range });
    const taken = await createEngine().run(t.plan, { files: sources(6), columns: t.columns, ...range, maxFilesPerBatch: 1 });
    expect(taken.rows).toHaveLength(5);
    expect(taken.stats.batches).toBe(1);
    // With a sort before it, every batch counts.
    const s = planQuery("logs | sort by timestamp desc | take 5 | project body", { timeRange: range });
    expect((await createEngine().run(s.plan, { files: sources(3), columns: s.columns, ...range, maxFilesPerBatch: 1 })).stats.batches).toBe(3);
  });

  it("answers queries started together, each over its own files, as if run alone", async () => {
    // Dashboards start several panel queries at once; each names its files f0, f1… too.
    const queries = ["logs | summarize n = count() by service.name", "logs | count", "logs | summarize n = count() by service.name", "logs | count"];
    const engine = createEngine();
    const results = await Promise.all(
      queries.map((text, i) => {
        const q = planQuery(text, { timeRange: range });
        return engine.run(q.plan, { files: sources(1 + (i % 2)), columns: q.columns, ...range });
      }),
    );
    expect(new Map(results[0].rows.map(([s, n]) => [s as string, n as number]))).toEqual(expectedCounts(table));
    expect(Number(results[1].rows[0][0])).toBe(ROWS * 2);
    expect(new Map(results[2].rows.map(([s, n]) => [s as string, n as number]))).toEqual(expectedCounts(table));
    expect(Number(results[3].rows[0][0])).toBe(ROWS * 2);
  });

  it("answers with zero rows when no file holds the range", async () => {
    const q = planQuery("logs | where body contains \"x\" | project body", { timeRange: range });
    const r = await createEngine().run(q.plan, { files: [], ...range });
    expect(r.rows).toEqual([]);
    const c = planQuery("logs | count", { timeRange: range });
    expect((await createEngine().run(c.plan, { files: [], ...range })).rows).toEqual([[0]]);
  });

  it("reports a file that vanished as file_not_found", async () => {
    const q = planQuery("logs | count", { timeRange: range });
    const err = await createEngine()
      .run(q.plan, { files: [r2Source(env.BUCKET, "v1/p1/logs/gone.parquet", fileName(0))], ...range })
      .then(() => null, (e) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).code).toBe("file_not_found");
  });

  it("stops at its deadline with a timeout error", async () => {
    const q = planQuery("logs | count", { timeRange: range });
    const err = await createEngine()
      .run(q.plan, { files: sources(2), columns: q.columns, ...range, deadlineMs: Date.now() - 1 })
      .then(() => null, (e) => e);
    expect((err as EngineError).code).toBe("timeout");
    expect((err as Error).message).toMatch(/time limit/);
  });

  it("returns Arrow IPC untouched when asked", async () => {
    const q = planQuery("logs | count", { timeRange: range });
    const { ipc } = await createEngine().runArrow(q.plan, { files: sources(1), columns: q.columns, ...range });
    // An Arrow IPC stream starts with a continuation marker.
    expect(new DataView(ipc.buffer, ipc.byteOffset).getUint32(0, true)).toBe(0xffffffff);
  });
});
