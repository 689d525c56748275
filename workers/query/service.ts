/**
 * A query request, end to end: time range → plan (compile, with the project's scope) →
 * the data that can hold the range (catalog files + the buffers' hot tier) → the edge
 * engine. Used by the query API; the HTTP concerns stay in api/routes/query.ts.
 */
import { SCHEMA_VERSION, type Signal } from "../../core/schema";
import type { CatalogFile } from "../../durable-objects/catalog/catalog-object";
import type { HotSnapshot } from "../../durable-objects/buffer/types";
import { createEngine, type QueryStats } from "../../wasm-query/engine/engine";
import { planQuery, type PlannedQuery } from "../../wasm-query/engine/plan";
import { fileName } from "../../wasm-query/engine/relation";
import { mayMatch, type ValueFilter } from "../../wasm-query/engine/prune";
import { bytesSource, r2Source, type ByteSource } from "../../wasm-query/engine/source";
import type { VarValue } from "../../wasm-query/language/index";
import { limits, type AppEnv } from "../env";
import { allBufferNames } from "../ingest/shards";
import { parseTimeRange, type TimeRangeUs } from "./time-range";

export interface QueryRequest {
  query: string;
  from?: unknown;
  to?: unknown;
  vars?: Record<string, VarValue>;
  maxRows?: number;
}

export interface PreparedQuery {
  planned: PlannedQuery;
  range: TimeRangeUs;
  maxRows: number;
  nowMs: number;
}

/** Files written under an older schema version are matched by column name (slower; see relation.ts). */
function forData(env: AppEnv, req: QueryRequest, p: PreparedQuery, data: QueryData): PreparedQuery {
  return data.files.some((f) => f.schemaVersion !== SCHEMA_VERSION) ? prepareQuery(env, req, p.nowMs, true) : p;
}

/** Compiles the query for a range (throws QueryError / TimeRangeError on bad input). */
export function prepareQuery(env: AppEnv, req: QueryRequest, nowMs = Date.now(), unionByName = false): PreparedQuery {
  const range = parseTimeRange(req.from, req.to, nowMs);
  const cap = limits(env).queryMaxRows;
  const maxRows = Math.min(cap, req.maxRows ?? cap);
  // One more row than allowed, so the answer can say it was cut.
  const planned = planQuery(req.query, { timeRange: range, vars: req.vars ?? {}, nowUs: nowMs * 1000, maxRows: maxRows + 1, unionByName });
  return { planned, range, maxRows, nowMs };
}

/** What a query reads: catalog files and hot-tier files, as the engine's sources. */
export interface QueryData {
  sources: ByteSource[];
  files: CatalogFile[];
  hot: { files: number; rows: number; bytes: number; truncated: boolean };
}

export async function selectData(env: AppEnv, projectId: string, signal: Signal, range: TimeRangeUs, filters: readonly ValueFilter[] = []): Promise<QueryData> {
  // The hot tier first, then the catalog: a flush that finishes in between has its
  // files listed and its batches excluded below, so nothing is missed or doubled.
  const hot = await hotSnapshots(env, projectId, signal);
  const catalog = env.CATALOG.get(env.CATALOG.idFromName(projectId));
  const listed = await catalog.list({ signal, fromUs: range.fromUs, toUs: range.toUs });
  const files = listed.filter((f) => !hot.some((h) => writtenFromSnapshot(f.key, h)) && fileMayMatch(f, filters));
  const sources: ByteSource[] = files.map((f, i) => r2Source(env.BUCKET, f.key, fileName(i)));
  let n = files.length;
  let bytes = 0;
  for (const h of hot) {
    for (const parquet of h.files) {
      sources.push(bytesSource(fileName(n++), parquet));
      bytes += parquet.byteLength;
    }
  }
  return {
    sources,
    files,
    hot: { files: n - files.length, rows: hot.reduce((a, h) => a + h.rows, 0), bytes, truncated: hot.some((h) => h.truncated) },
  };
}

/** Statistics pruning with the catalog's per-file column stats (no R2 read at all). */
export function fileMayMatch(f: Pick<CatalogFile, "stats">, filters: readonly ValueFilter[]): boolean {
  return filters.every((filter) => {
    const st = f.stats[filter.column];
    if (!st) return true;
    return mayMatch({ min: st.min ?? undefined, max: st.max ?? undefined, distinct: st.distinct, allNull: st.min === null && st.max === null }, filter);
  });
}

async function hotSnapshots(env: AppEnv, projectId: string, signal: Signal): Promise<HotSnapshot[]> {
  const shards = allBufferNames(projectId, signal, limits(env).bufferShards);
  return Promise.all(shards.map(({ name }) => env.BUFFER.get(env.BUFFER.idFromName(name)).hotSnapshot()));
}

/** Flush files are named `s{shard}-{epoch}-{minBatch}-{maxBatch}.parquet` (buffer-object.ts). */
export function writtenFromSnapshot(key: string, h: Pick<HotSnapshot, "shard" | "epoch" | "minBatch" | "maxBatch">): boolean {
  if (h.maxBatch < h.minBatch) return false;
  const m = /\/s(\d+)-([^-/]+)-(\d+)-(\d+)\.parquet$/.exec(key);
  if (!m || Number(m[1]) !== h.shard || m[2] !== h.epoch) return false;
  return Number(m[3]) <= h.maxBatch && Number(m[4]) >= h.minBatch;
}

export interface QueryAnswer {
  columns: { name: string; type: string }[];
  rows: unknown[][];
  truncated: boolean;
  stats: ApiQueryStats;
}

export interface ApiQueryStats {
  sql: string;
  files: number;
  hot_files: number;
  hot_rows: number;
  bytes_read: number;
  bytes_fetched: number;
  rows_scanned: number;
  batches: number;
  approximate: boolean;
  wasm_bytes: number;
  ms: number;
}

function apiStats(p: PreparedQuery, data: QueryData, s: QueryStats): ApiQueryStats {
  return {
    sql: p.planned.sqlFor(data.sources.map((x) => x.name)).sql,
    files: data.files.length,
    hot_files: data.hot.files,
    hot_rows: data.hot.rows,
    bytes_read: s.bytesRead,
    bytes_fetched: s.bytesFetched,
    rows_scanned: s.rowsScanned + data.hot.rows,
    batches: s.batches,
    approximate: s.batches > 1 && p.planned.approximateWhenSplit,
    wasm_bytes: s.wasmBytesAfter,
    ms: s.ms,
  };
}

function engineOptions(env: AppEnv, p: PreparedQuery, data: QueryData) {
  return {
    files: data.sources,
    columns: p.planned.columns,
    fromUs: p.range.fromUs,
    toUs: p.range.toUs,
    filters: p.planned.filters,
    deadlineMs: Date.now() + limits(env).queryTimeoutMs,
  };
}

export async function runQuery(env: AppEnv, projectId: string, req: QueryRequest): Promise<QueryAnswer> {
  const first = prepareQuery(env, req);
  const data = await selectData(env, projectId, first.planned.signal, first.range, first.planned.filters);
  const p = forData(env, req, first, data);
  const r = await createEngine().run(p.planned.plan, engineOptions(env, p, data));
  const truncated = r.rows.length > p.maxRows;
  return { columns: r.columns, rows: truncated ? r.rows.slice(0, p.maxRows) : r.rows, truncated, stats: apiStats(p, data, r.stats) };
}

/** The same, answered as an Arrow IPC stream (rows capped by the SQL at maxRows + 1). */
export async function runQueryArrow(env: AppEnv, projectId: string, req: QueryRequest): Promise<{ ipc: Uint8Array; stats: ApiQueryStats }> {
  const arrowReq = { ...req, maxRows: Math.max(0, (req.maxRows ?? limits(env).queryMaxRows) - 1) };
  const first = prepareQuery(env, arrowReq);
  const data = await selectData(env, projectId, first.planned.signal, first.range, first.planned.filters);
  const p = forData(env, arrowReq, first, data);
  const r = await createEngine().runArrow(p.planned.plan, engineOptions(env, p, data));
  return { ipc: r.ipc, stats: apiStats(p, data, r.stats) };
}

export interface Explanation {
  sql: string;
  params: unknown[];
  signal: Signal;
  columns: string[];
  files: { key: string; bytes: number; rows: number; min_timestamp_us: number; max_timestamp_us: number }[];
  hot: QueryData["hot"];
  total_bytes: number;
}

export async function explainQuery(env: AppEnv, projectId: string, req: QueryRequest): Promise<Explanation> {
  const first = prepareQuery(env, req);
  const data = await selectData(env, projectId, first.planned.signal, first.range, first.planned.filters);
  const p = forData(env, req, first, data);
  const text = p.planned.sqlFor(data.sources.map((s) => s.name));
  return {
    sql: text.sql,
    params: text.params,
    signal: p.planned.signal,
    columns: p.planned.columns,
    files: data.files.map((f) => ({ key: f.key, bytes: f.bytes, rows: f.rows, min_timestamp_us: f.minTimestampUs, max_timestamp_us: f.maxTimestampUs })),
    hot: data.hot,
    total_bytes: data.files.reduce((n, f) => n + f.bytes, 0) + data.hot.bytes,
  };
}

/** What a browser needs to run a query itself (docs/decisions.md, "Queries in the browser"). */
export interface BrowserPlan {
  sql: string;
  params: unknown[];
  signal: Signal;
  /** Parquet files to read with HTTP range requests through the storage API. */
  files: { name: string; url: string; bytes: number }[];
  /** Rows still in the buffers, as small Parquet files inline (base64). */
  hot: { name: string; base64: string }[];
  max_rows: number;
}

export async function browserPlan(env: AppEnv, projectId: string, req: QueryRequest): Promise<BrowserPlan> {
  const first = prepareQuery(env, req);
  const data = await selectData(env, projectId, first.planned.signal, first.range, first.planned.filters);
  const p = forData(env, req, first, data);
  const text = p.planned.sqlFor(data.sources.map((s) => s.name));
  const hotSources = data.sources.slice(data.files.length);
  const hot = await Promise.all(
    hotSources.map(async (s) => {
      const { bytes } = await s.tail(Number.MAX_SAFE_INTEGER);
      let bin = "";
      for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return { name: s.name, base64: btoa(bin) };
    }),
  );
  return {
    sql: text.sql,
    params: text.params,
    signal: p.planned.signal,
    files: data.files.map((f, i) => ({ name: data.sources[i].name, url: `/api/v1/storage/objects/${f.key}?project=${encodeURIComponent(projectId)}`, bytes: f.bytes })),
    hot,
    max_rows: p.maxRows,
  };
}
