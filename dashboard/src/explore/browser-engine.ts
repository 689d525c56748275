/**
 * Queries in the browser (a lazy chunk): DuckDB-WASM 1.28 in a Web Worker runs the SQL
 * the server compiled, reading Parquet row groups straight from R2 through the storage
 * API's range requests (and the buffered rows the server sent inline). Exploration then
 * costs the server a plan and some byte ranges, not CPU.
 */
import * as duckdb from "@duckdb/duckdb-wasm";
import { decodeResult } from "../../../wasm-query/engine/result";
import { api, type QueryResult } from "../api";

interface BrowserPlan {
  sql: string;
  params: unknown[];
  files: { name: string; url: string; bytes: number }[];
  hot: { name: string; base64: string }[];
  max_rows: number;
}

let database: Promise<duckdb.AsyncDuckDB> | null = null;

/** Below this many bytes of Parquet, files are downloaded whole rather than range-read. */
const WHOLE_FILES_BYTES = 64 * 1024 * 1024;

function db(): Promise<duckdb.AsyncDuckDB> {
  database ??= (async () => {
    const worker = new Worker("/assets/duckdb/duckdb-browser-eh.worker.js");
    const instance = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
    await instance.instantiate(new URL("/assets/duckdb/duckdb-eh.wasm", location.href).href);
    await instance.open({ query: { castDecimalToDouble: true } });
    return instance;
  })();
  return database;
}

const unbase64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

export async function runInBrowser(query: string, range: { from: string; to: string }): Promise<QueryResult> {
  const started = performance.now();
  const plan = await api<BrowserPlan>("/api/v1/query/plan", { query, from: range.from, to: range.to });
  const d = await db();
  // Names are per query (f0.parquet…): register them afresh each time.
  const names = [...plan.files.map((f) => f.name), ...plan.hot.map((h) => h.name)];
  // Small scans: download the files whole, six at a time, and hand DuckDB buffers — its
  // HTTP file system would otherwise make one synchronous range request per 16 KiB page
  // (~10x slower measured by bench:dashboard). Large scans keep range requests, which
  // read only the row groups and columns the query touches.
  const total = plan.files.reduce((n, f) => n + f.bytes, 0);
  if (total <= WHOLE_FILES_BYTES) {
    const queue = [...plan.files];
    const fetchOne = async () => {
      for (let f = queue.shift(); f; f = queue.shift()) {
        const res = await fetch(f.url, { credentials: "same-origin" });
        if (!res.ok) throw new Error(`reading ${f.name}: ${res.status} ${res.statusText}`);
        await d.registerFileBuffer(f.name, new Uint8Array(await res.arrayBuffer()));
      }
    };
    await Promise.all(Array.from({ length: Math.min(6, queue.length) }, fetchOne));
  } else {
    for (const f of plan.files) await d.registerFileURL(f.name, new URL(f.url, location.href).href, duckdb.DuckDBDataProtocol.HTTP, false);
  }
  for (const h of plan.hot) await d.registerFileBuffer(h.name, unbase64(h.base64));
  const conn = await d.connect();
  try {
    const id = conn.useUnsafe((_, c) => c);
    const statement = await d.createPrepared(id, plan.sql);
    const ipc = await d.runPrepared(id, statement, plan.params);
    await d.closePrepared(id, statement);
    const { columns, rows } = decodeResult(ipc);
    return {
      columns,
      rows: rows.slice(0, plan.max_rows),
      truncated: rows.length > plan.max_rows,
      stats: {
        sql: plan.sql,
        files: plan.files.length,
        hot_files: plan.hot.length,
        hot_rows: 0,
        bytes_read: 0,
        bytes_fetched: plan.files.reduce((n, f) => n + f.bytes, 0),
        rows_scanned: 0,
        batches: 1,
        approximate: false,
        wasm_bytes: 0,
        ms: Math.round(performance.now() - started),
        engine: "browser",
      },
    };
  } finally {
    await conn.close();
    for (const n of names) await d.dropFile(n).catch(() => {});
  }
}
