/**
 * Differential correctness of the query engine: each case in test/differential/cases.ts
 * runs through the HTTP query API (compiler + DuckDB-WASM at the edge, over the catalog's
 * Parquet files) and, as hand-written SQL, through native DuckDB over a mirror of the same
 * files; the answers must be equal (as multisets, or in order when the query sorts).
 *
 * The dataset (test/differential/dataset.ts) is sent with the official OpenTelemetry
 * exporters and flushed before anything is compared, so both sides read the same files.
 * The SQL side reads views that apply the query's time range; rows outside the range
 * exist in the files, and the API must not return them.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { authHeaders, startServer, TEST_API_KEY, type RunningServer } from "./helpers/server";
import { flush, listFiles, mirrorBucket } from "./helpers/storage";
import { CASES, SQL_MACROS, type Case, type CaseSource } from "./differential/cases";
import { diffTables, fromDuckDB, type Json, type Table } from "./differential/compare";
import { FROM_ISO, sendDataset, TO_ISO, type SentCounts } from "./differential/dataset";

const SIGNALS = ["logs", "spans", "metrics"] as const;

let server: RunningServer;
let instance: DuckDBInstance;
let db: DuckDBConnection;
let sent: SentCounts;

beforeAll(async () => {
  server = await startServer();
  sent = await sendDataset(server.url, TEST_API_KEY);
  await flush(server.url);
  // Every acknowledged row is in a catalogued file before anything is compared.
  const want = { logs: sent.logs, spans: sent.spans, metrics: sent.metrics };
  const deadline = Date.now() + 60_000;
  for (;;) {
    const rows = await Promise.all(SIGNALS.map(async (s) => (await listFiles(server.url, s)).reduce((n, f) => n + f.rows, 0)));
    if (SIGNALS.every((s, i) => rows[i] === want[s])) break;
    if (Date.now() > deadline) throw new Error(`catalog holds ${JSON.stringify(rows)} rows, sent ${JSON.stringify(want)}`);
    await flush(server.url);
    await new Promise((r) => setTimeout(r, 500));
  }
  const dir = mkdtempSync(path.join(tmpdir(), "monoscope-differential-"));
  await mirrorBucket(server.url, dir);

  instance = await DuckDBInstance.create(":memory:");
  db = await instance.connect();
  await db.run("SET TimeZone = 'UTC'");
  for (const signal of SIGNALS) {
    const files = `read_parquet('${dir}/v1/default/${signal}/**/*.parquet', hive_partitioning = false)`;
    await db.run(`CREATE VIEW all_${signal} AS SELECT * FROM ${files}`);
    await db.run(
      `CREATE VIEW ${signal} AS SELECT * FROM all_${signal} WHERE timestamp >= TIMESTAMP '${FROM_ISO.slice(0, 19)}' AND timestamp < TIMESTAMP '${TO_ISO.slice(0, 19)}'`,
    );
  }
  for (const statement of SQL_MACROS.split(";").map((s) => s.trim()).filter(Boolean)) await db.run(statement);
}, 300_000);

afterAll(async () => {
  db?.closeSync();
  instance?.closeSync();
  await server?.stop();
});

async function viaApi(c: Case): Promise<Table> {
  const res = await fetch(`${server.url}/api/v1/query`, {
    method: "POST",
    headers: { ...authHeaders(), "content-type": "application/json" },
    body: JSON.stringify({ query: c.query, from: FROM_ISO, to: TO_ISO, vars: c.vars }),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`API answered ${res.status}: ${text.slice(0, 2000)}`);
  const body = JSON.parse(text) as { columns: { name: string }[]; rows: Json[][]; truncated?: boolean; stats: { batches: number; hot_rows: number } };
  if (body.truncated) throw new Error("API answer was truncated");
  // The comparison is exact: one batch (no fan-out merge) over flushed files only.
  if (body.stats.batches > 1 || body.stats.hot_rows > 0) throw new Error(`unexpected fan-out or hot rows: ${JSON.stringify(body.stats)}`);
  return { columns: body.columns.map((c) => c.name), rows: body.rows };
}

async function viaDuckDB(sql: string): Promise<Table> {
  const reader = await db.runAndReadAll(sql);
  return { columns: reader.columnNames(), rows: reader.getRows().map((r) => r.map(fromDuckDB)) };
}

async function sqlCount(sql: string): Promise<number> {
  const { rows } = await viaDuckDB(sql);
  return Number(rows[0][0]);
}

describe("the dataset", () => {
  it("is stored whole, with rows on both sides of the time range", async () => {
    expect(await sqlCount("SELECT count(*) FROM all_logs")).toBe(sent.logs);
    expect(await sqlCount("SELECT count(*) FROM all_spans")).toBe(sent.spans);
    expect(await sqlCount("SELECT count(*) FROM all_metrics")).toBe(sent.metrics);
    expect(await sqlCount("SELECT count(*) FROM logs")).toBe(sent.logsInRange);
    for (const signal of SIGNALS) {
      expect(await sqlCount(`SELECT count(*) FROM all_${signal} WHERE timestamp < TIMESTAMP '${FROM_ISO.slice(0, 19)}'`)).toBeGreaterThan(0);
      expect(await sqlCount(`SELECT count(*) FROM all_${signal} WHERE timestamp >= TIMESTAMP '${TO_ISO.slice(0, 19)}'`)).toBeGreaterThan(0);
      expect(await sqlCount(`SELECT count(*) FROM ${signal}`)).toBeGreaterThan(2000);
    }
    // A row exactly at `from` (inclusive) and one exactly at `to` (exclusive).
    expect(await sqlCount(`SELECT count(*) FROM all_logs WHERE timestamp = TIMESTAMP '${FROM_ISO.slice(0, 19)}'`)).toBe(1);
    expect(await sqlCount(`SELECT count(*) FROM all_logs WHERE timestamp = TIMESTAMP '${TO_ISO.slice(0, 19)}'`)).toBe(1);
  });
});

const label = (c: CaseSource, i: number) => `${String(i + 1).padStart(3, "0")} ${c.query}`;

describe("query language vs hand-written SQL", () => {
  it("has at least 150 cases", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(150);
  });

  CASES.forEach((source, i) => {
    it(label(source, i), async () => {
      const c = "build" in source ? source.build() : source;
      const want = await viaDuckDB(c.sql);
      const got = await viaApi(c);
      const problems = diffTables(got, want, { ordered: c.ordered, anyOf: c.anyOf });
      expect(problems, `${c.query}\n${problems.join("\n")}`).toEqual([]);
    });
  });
});
