/**
 * The edge engine: `query(sql, params, { files })` → `{ columns, rows, stats }`.
 *
 * Per query:
 * 1. The SQL must be one read-only statement (sandbox.ts), checked before any I/O.
 * 2. Each file's footer is read from its source (one R2 suffix read) and parsed.
 * 3. The column chunks of the needed columns in the row groups that overlap the time
 *    range are fetched (coalesced range reads, ≤ 6 in flight) into RangeFiles, outside
 *    the wasm heap, within `prefetchBudgetBytes`.
 * 4. Synchronously: the files are registered, the statement runs, the files are
 *    dropped. No other request can run in between (one isolate thread, no await), so a
 *    query only ever sees its own files.
 * 5. If DuckDB read a byte we had not fetched (the column hint was incomplete, or no
 *    hint was given), the query failed cleanly; the missing column chunks are fetched
 *    and it runs again (bounded attempts).
 * After the query, if the wasm heap grew past the budget, the instance is retired (its
 * heap cannot shrink) and the next query gets a fresh one.
 */
import { getDuckDB, dropDuckDB, DEFAULT_SETTINGS, type DuckDBInstance } from "./duckdb-worker";
import { FOOTER_GUESS, alignToPages, chunkAt, coalesce, fileLayout, footerLength, keptRowGroups, neededChunks, type FileLayout } from "./parquet-plan";
import { RangeFile } from "./range-file";
import { countRows, decodeResult, toArrowStream, type ResultColumn } from "./result";
import { MISS_PREFIX } from "./runtime";
import { assertReadOnlyQuery, SandboxError, type EngineSettings } from "./sandbox";
import { FileNotFoundError, inParallel, type ByteSource } from "./source";
import type { ValueFilter } from "./prune";

export type EngineErrorCode = "forbidden_statement" | "file_not_found" | "over_budget" | "out_of_memory" | "query_error" | "too_many_refetches" | "timeout";

export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface QueryOptions {
  /** The Parquet files the SQL may read, by `source.name`. */
  files?: ByteSource[];
  /**
   * Top-level columns the query reads (the compiler knows them). Omitted: none are
   * prefetched and the engine learns them from misses (one extra run per column).
   * "all": every column of the kept row groups.
   */
  columns?: string[] | "all";
  /** Time range [fromUs, toUs) used to skip row groups by their timestamp statistics. */
  fromUs?: number;
  toUs?: number;
  /** Equality filters of the query, to skip row groups by their min/max (prune.ts). */
  filters?: readonly ValueFilter[];
  /** Bytes of Parquet held in JS memory at once (isolate: 128 MB in all); more → fan-out. */
  prefetchBudgetBytes?: number;
  /** Files read by one DuckDB statement at most (each open reader costs DuckDB memory). */
  maxFilesPerBatch?: number;
  maxAttempts?: number;
  /** Epoch ms after which the query stops with `timeout` (checked before each fetch and run). */
  deadlineMs?: number;
}

/** One statement and its `?` parameters. */
export interface SqlText {
  sql: string;
  params: unknown[];
}

/**
 * What to run, in terms of the file names DuckDB will see. `split` is how the query runs
 * when its files do not fit the budget at once: `partial` on each batch of files, its
 * rows collected in a table, then `final` over that table (compileSplit builds both).
 */
export interface QueryPlan {
  whole(fileNames: string[]): SqlText;
  split?: {
    partial(fileNames: string[]): SqlText;
    final(table: string): SqlText;
    /** Once the partial results hold this many rows, later batches cannot change the answer. */
    enoughRows?: number;
  };
}

export interface QueryStats {
  files: number;
  /** Bytes fetched from the sources (footers included). */
  bytesFetched: number;
  /** Range requests made. */
  requests: number;
  /** Bytes DuckDB actually read through the runtime. */
  bytesRead: number;
  attempts: number;
  /** Reads DuckDB made that we had not prefetched (each cost a rerun). */
  misses: number;
  /** Rows in the row groups kept after time pruning (what DuckDB may scan). */
  rowsScanned: number;
  /** Batches the files were read in (1 = no fan-out). */
  batches: number;
  wasmBytesBefore: number;
  wasmBytesAfter: number;
  ms: number;
  /** True when the instance was retired after this query (heap over budget). */
  retired: boolean;
}

export interface QueryResult {
  columns: ResultColumn[];
  rows: unknown[][];
  stats: QueryStats;
}

export const DEFAULT_PREFETCH_BUDGET = 24 * 1024 * 1024;
export const DEFAULT_MAX_FILES_PER_BATCH = 48;
const DEFAULT_MAX_ATTEMPTS = 8;

export interface Engine {
  /** Run raw SQL over `options.files` (no fan-out). */
  query(sql: string, params?: unknown[], options?: QueryOptions): Promise<QueryResult>;
  /** Run a plan, fanning out over batches of files when they exceed the budget. */
  run(plan: QueryPlan, options?: QueryOptions): Promise<QueryResult>;
  /** Same, answering with DuckDB's Arrow IPC stream untouched. */
  runArrow(plan: QueryPlan, options?: QueryOptions): Promise<{ ipc: Uint8Array; stats: QueryStats }>;
}

export function createEngine(settings: EngineSettings = DEFAULT_SETTINGS): Engine {
  const raw = (sql: string, params: unknown[]): QueryPlan => ({ whole: () => ({ sql, params }) });
  return {
    async query(sql, params = [], options = {}) {
      const { ipc, stats } = await execute(settings, raw(sql, params), options);
      return { ...decodeResult(ipc), stats };
    },
    async run(plan, options = {}) {
      const { ipc, stats } = await execute(settings, plan, options);
      return { ...decodeResult(ipc), stats };
    },
    async runArrow(plan, options = {}) {
      const { ipc, stats } = await execute(settings, plan, options);
      return { ipc: toArrowStream(ipc), stats };
    },
  };
}

interface OpenFile {
  source: ByteSource;
  file: RangeFile;
  layout: FileLayout;
  /** Shared by all files of a query: a column learned from one file's miss is needed in all. */
  columns: Set<string> | "all";
  rowGroups: Set<number>;
}

/**
 * One query at a time per isolate. The DuckDB instance, its engine-named files (`f0.parquet`…)
 * and the file layer behind them are shared by the isolate, and a query yields to the event
 * loop between its steps (fetches, batches): a second query interleaved there would register
 * its own `f0.parquet` under the first. DuckDB-WASM runs one statement at a time on this
 * thread anyway, so queuing costs no throughput; a queued query's wait counts against its deadline.
 */
let queueTail: Promise<unknown> = Promise.resolve();

function execute(settings: EngineSettings, plan: QueryPlan, options: QueryOptions): Promise<{ ipc: Uint8Array; stats: QueryStats }> {
  const run = queueTail.then(() => {
    checkDeadline(options);
    return executeAlone(settings, plan, options);
  });
  queueTail = run.catch(() => undefined);
  return run;
}

async function executeAlone(settings: EngineSettings, plan: QueryPlan, options: QueryOptions): Promise<{ ipc: Uint8Array; stats: QueryStats }> {
  const started = Date.now();
  const db = await getDuckDB(settings);
  const budget = options.prefetchBudgetBytes ?? DEFAULT_PREFETCH_BUDGET;
  const stats: QueryStats = {
    files: options.files?.length ?? 0,
    bytesFetched: 0,
    requests: 0,
    bytesRead: 0,
    attempts: 0,
    misses: 0,
    rowsScanned: 0,
    batches: 1,
    wasmBytesBefore: db.memoryBytes(),
    wasmBytesAfter: 0,
    ms: 0,
    retired: false,
  };
  const names = new Set<string>();
  for (const s of options.files ?? []) {
    if (names.has(s.name)) throw new EngineError("query_error", `file listed twice: ${s.name}`);
    names.add(s.name);
  }
  const columns = options.columns === "all" ? "all" : new Set(options.columns ?? []);
  const files = await inParallel((options.files ?? []).map((source) => () => openFile(source, columns, stats)));
  const need = files.map((f) => plannedBytes(f, options));
  for (const f of files) {
    const kept = keptRowGroups(f.layout, { fromUs: options.fromUs, toUs: options.toUs, filters: options.filters });
    for (const rg of f.layout.rowGroups) if (kept.has(rg.index)) stats.rowsScanned += rg.rows;
  }
  const total = need.reduce((a, b) => a + b, 0);
  const maxFiles = options.maxFilesPerBatch ?? DEFAULT_MAX_FILES_PER_BATCH;
  let ipc: Uint8Array;
  if ((total <= budget && files.length <= maxFiles) || !plan.split) {
    if (total > budget) throw overBudget(total, budget);
    ipc = await runWithRefetch(db, plan.whole(files.map((f) => f.file.name)), files, options, stats, budget);
  } else {
    ipc = await fanOut(db, plan.split, files, need, options, stats, budget, maxFiles);
  }
  stats.wasmBytesAfter = db.memoryBytes();
  if (stats.wasmBytesAfter > settings.memoryBudgetBytes) {
    db.poisoned = `wasm heap ${stats.wasmBytesAfter} > budget ${settings.memoryBudgetBytes}`;
    dropDuckDB(db);
    stats.retired = true;
  }
  stats.ms = Date.now() - started;
  return { ipc, stats };
}

/**
 * DuckDB-WASM cannot be interrupted inside a statement (it runs synchronously on this
 * thread), so the deadline is checked between the steps: fetches, runs and batches.
 * One step is bounded by the prefetch budget.
 */
function checkDeadline(options: QueryOptions): void {
  if (options.deadlineMs !== undefined && Date.now() > options.deadlineMs) {
    throw new EngineError("timeout", "the query took longer than its time limit; narrow the time range or add filters");
  }
}

function overBudget(bytes: number, budget: number): EngineError {
  return new EngineError("over_budget", `the query needs ${bytes} bytes of Parquet at once, over the ${budget}-byte budget; narrow the time range`);
}

/**
 * Batches of files within the budget: each runs the partial step, its rows go into a
 * table inside DuckDB (its buffer manager holds them within memory_limit), and the
 * batch's bytes are released before the next is fetched. The final step reads the table.
 */
async function fanOut(
  db: DuckDBInstance,
  split: NonNullable<QueryPlan["split"]>,
  files: OpenFile[],
  need: number[],
  options: QueryOptions,
  stats: QueryStats,
  budget: number,
  maxFiles: number,
): Promise<Uint8Array> {
  const batches: OpenFile[][] = [];
  let current: OpenFile[] = [];
  let bytes = 0;
  files.forEach((f, i) => {
    if (need[i] > budget) throw overBudget(need[i], budget);
    if (current.length && (bytes + need[i] > budget || current.length >= maxFiles)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(f);
    bytes += need[i];
  });
  if (current.length) batches.push(current);
  stats.batches = batches.length;
  // Not guessable, and never in compiled SQL (the compiler only names schema columns).
  const table = `__partial_${crypto.randomUUID().replace(/-/g, "")}`;
  let created = false;
  let rows = 0;
  try {
    for (const [i, batch] of batches.entries()) {
      checkDeadline(options);
      const ipc = await runWithRefetch(db, split.partial(batch.map((f) => f.file.name)), batch, options, stats, budget);
      for (const f of batch) f.file.release();
      rows += insertPartial(db, table, ipc, !created);
      created = true;
      if (split.enoughRows !== undefined && rows >= split.enoughRows) {
        // `take N` (or plain rows up to the cap) is answered: skip the remaining batches.
        stats.batches = i + 1;
        break;
      }
    }
    // `return await`: the finally below must not drop the table before the final step ran.
    return await runWithRefetch(db, split.final(table), [], options, stats, budget);
  } finally {
    if (created) {
      try {
        db.bindings.runQuery(db.conn, `DROP TABLE IF EXISTS "${table}"`);
      } catch {
        // The instance is in trouble (e.g. out of memory); the next query gets a fresh one.
        db.poisoned = "could not drop a partial-results table";
        dropDuckDB(db);
      }
    }
  }
}

/** Appends a batch's partial rows to the table (creating it first); returns their count. */
function insertPartial(db: DuckDBInstance, table: string, ipc: Uint8Array, create: boolean): number {
  const stream = toArrowStream(ipc);
  try {
    db.bindings.insertArrowFromIPCStream(db.conn, stream, { name: table, create });
  } catch (e) {
    throw classify(e as Error, db);
  }
  return countRows(stream);
}

/** Bytes `f` still needs fetched for this query (page-aligned, coalesced). */
function plannedBytes(f: OpenFile, options: QueryOptions): number {
  let n = f.file.heldBytes;
  for (const [start, end] of gapsToFetch(f, options)) n += end - start;
  return n;
}

function gapsToFetch(f: OpenFile, options: QueryOptions, misses: { start: number; end: number }[] = []): [number, number][] {
  const chunks = neededChunks(f.layout, {
    columns: f.columns === "all" ? undefined : f.columns,
    rowGroups: f.rowGroups,
    fromUs: options.fromUs,
    toUs: options.toUs,
    filters: options.filters,
  });
  const wanted = [...chunks, ...misses].map((r) => alignToPages(r.start, r.end, f.layout.size));
  const gaps = wanted.flatMap((r) => f.file.missing(r.start, r.end).map(([start, end]) => ({ start, end })));
  return coalesce(gaps);
}

/** Fetch what the files lack, run; on a read miss learn the columns, fetch, run again. */
async function runWithRefetch(db: DuckDBInstance, text: SqlText, files: OpenFile[], options: QueryOptions, stats: QueryStats, budget: number): Promise<Uint8Array> {
  try {
    assertReadOnlyQuery(db.bindings, text.sql, text.params);
  } catch (e) {
    if (e instanceof SandboxError) throw new EngineError("forbidden_statement", e.message, { cause: e });
    // The tokenizer runs inside DuckDB: a trap there retires the instance like any other.
    throw classify(e as Error, db);
  }
  await prefetch(files, options, stats, budget);
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  for (let attempt = 1; ; attempt++) {
    checkDeadline(options);
    stats.attempts++;
    const outcome = runOnce(db, text.sql, text.params, files);
    stats.bytesRead += files.reduce((n, f) => n + f.file.stats.bytesServed, 0);
    const misses = files.flatMap((f) => f.file.stats.misses.map((m) => ({ f, m })));
    // A result is only trusted if no read missed: DuckDB 0.9 can swallow the failed read
    // under a LIMIT and answer with fewer rows (measured: `SELECT * … LIMIT 5` gave 0).
    if ("ipc" in outcome && misses.length === 0) return outcome.ipc;
    if ("error" in outcome && misses.length === 0) throw classify(outcome.error, db);
    stats.misses += misses.length;
    if (attempt >= maxAttempts) throw new EngineError("too_many_refetches", `query still reading unfetched bytes after ${attempt} runs`);
    for (const { f, m } of misses) learn(f, m.start, m.end);
    await prefetch(files, options, stats, budget, misses);
  }
}

async function openFile(source: ByteSource, columns: Set<string> | "all", stats: QueryStats): Promise<OpenFile> {
  let tail: Uint8Array;
  let size: number;
  try {
    ({ bytes: tail, size } = await source.tail(FOOTER_GUESS));
  } catch (e) {
    if (e instanceof FileNotFoundError) throw new EngineError("file_not_found", e.message, { cause: e });
    throw e;
  }
  stats.requests++;
  stats.bytesFetched += tail.length;
  const need = footerLength(tail);
  if (need > tail.length) {
    // A footer bigger than the guess: fetch the rest once.
    const rest = await source.range(size - need, size - tail.length);
    stats.requests++;
    stats.bytesFetched += rest.length;
    const whole = new Uint8Array(need);
    whole.set(rest, 0);
    whole.set(tail, rest.length);
    tail = whole;
  }
  const file = new RangeFile(source.name, size);
  const layout = fileLayout(tail, size);
  // Keep only the footer's pages (DuckDB reads whole 16 KiB pages), not the whole guess.
  const keepFrom = Math.max(size - tail.length, alignToPages(layout.footerStart, size, size).start);
  file.add(keepFrom, tail.slice(keepFrom - (size - tail.length)));
  return { source, file, layout, columns, rowGroups: new Set() };
}

/** Fetch what each file still lacks for its needed chunks (plus exact missed ranges). */
async function prefetch(files: OpenFile[], options: QueryOptions, stats: QueryStats, budget: number, misses: { f: OpenFile; m: { start: number; end: number } }[] = []): Promise<void> {
  const jobs: (() => Promise<void>)[] = [];
  let planned = files.reduce((n, f) => n + f.file.heldBytes, 0);
  for (const f of files) {
    const gaps = gapsToFetch(f, options, misses.filter((x) => x.f === f).map((x) => x.m));
    for (const [start, end] of gaps) {
      planned += end - start;
      jobs.push(async () => {
        f.file.add(start, await f.source.range(start, end));
        stats.requests++;
        stats.bytesFetched += end - start;
      });
    }
  }
  if (planned > budget) throw overBudget(planned, budget);
  checkDeadline(options);
  await inParallel(jobs);
}

/** A miss inside a column chunk: that column (in every kept row group) and that row group are needed. */
function learn(f: OpenFile, start: number, end: number): void {
  for (let at = start; at < end; ) {
    const chunk = chunkAt(f.layout, at);
    if (!chunk) break; // outside column data (e.g. an index): prefetch() fetches the exact range
    if (f.columns !== "all") f.columns.add(chunk.column);
    f.rowGroups.add(chunk.rowGroup);
    at = chunk.end;
  }
}

/** Register, run, drop: synchronous, so no other request's files are ever visible. */
function runOnce(db: DuckDBInstance, sql: string, params: unknown[], files: OpenFile[]): { ipc: Uint8Array } | { error: Error } {
  const { bindings, runtime, conn, lib } = db;
  for (const f of files) {
    f.file.stats.misses.length = 0;
    f.file.stats.bytesServed = 0;
  }
  runtime.missed = false;
  const registered: string[] = [];
  let statement = -1;
  try {
    for (const f of files) {
      runtime.allow(f.file);
      bindings.registerFileHandle(f.file.name, null, lib.DuckDBDataProtocol.BROWSER_FILEREADER, false);
      registered.push(f.file.name);
    }
    statement = bindings.createPrepared(conn, sql);
    return { ipc: bindings.runPrepared(conn, statement, params) };
  } catch (e) {
    return { error: e as Error };
  } finally {
    // After a trap these calls can throw too: the instance is then retired, never reused
    // with another query's files still registered.
    try {
      if (statement >= 0) bindings.closePrepared(conn, statement);
      for (const name of registered) bindings.dropFile(name);
    } catch (e) {
      db.poisoned = `cleanup failed: ${(e as Error).message}`;
      dropDuckDB(db);
    }
    runtime.disallowAll();
  }
}

function classify(error: Error, db: DuckDBInstance): EngineError {
  const message = error.message ?? String(error);
  if (message.includes(MISS_PREFIX)) return new EngineError("query_error", "internal: unexpected read miss", { cause: error });
  // A trap (RuntimeError) leaves DuckDB's C++ state unknown: never reuse that instance.
  if (error instanceof WebAssembly.RuntimeError || /Out of Memory Error|could not allocate/i.test(message)) {
    db.poisoned = message;
    dropDuckDB(db);
    return new EngineError("out_of_memory", message, { cause: error });
  }
  return new EngineError("query_error", message, { cause: error });
}
