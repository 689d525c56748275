/**
 * One DuckDB-WASM database per isolate, created inside workerd and kept across requests.
 *
 * - The `.wasm` is imported as a module (wrangler's CompiledWasm rule): workerd refuses
 *   to compile WebAssembly from bytes, so the bindings' `instantiateWasm` hook is
 *   replaced by a synchronous `new WebAssembly.Instance(module, imports)`.
 * - The EH build (wasm exceptions; workerd's V8 has them) is the only one bundled:
 *   18.1 MB raw, 4.2 MB gzip. The MVP build (22 MB) is never needed.
 * - The instance is cached as an object, never as a pending promise: a promise created
 *   by one request cannot be awaited by another in workerd. Two cold requests may both
 *   instantiate; the first to finish is kept and the other is dropped.
 * - Settings are fixed at open and then locked (sandbox.ts): user SQL cannot SET
 *   anything afterwards, including the memory limit.
 * - The wasm stack is moved to a larger region of its own (see WASM_STACK_BYTES).
 */
import duckdbWasm from "@duckdb/duckdb-wasm/dist/duckdb-eh.wasm";
import { hideProcess, loadDuckDBLib, type DuckDBBindingsLike, type DuckDBLib } from "./duckdb-lib";
import { RangeRuntime } from "./runtime";
import { lockdownStatements, type EngineSettings } from "./sandbox";

export interface DuckDBInstance {
  lib: DuckDBLib;
  bindings: DuckDBBindingsLike;
  runtime: RangeRuntime;
  /** The one connection queries run on (DuckDB-WASM is single-threaded here). */
  conn: number;
  version: string;
  settings: EngineSettings;
  /** WebAssembly memory size now (it only grows). */
  memoryBytes(): number;
  /** Set when this instance must not be reused (memory over budget, internal error). */
  poisoned?: string;
}

let cached: DuckDBInstance | undefined;

/**
 * DuckDB-WASM 1.28 is linked with a 64 KiB stack that sits right above its static data,
 * and nothing checks it. Ordinary queries use 17–26 KB of it and a 90-term sum 48 KB
 * (measured); SQL text and parameters are copied onto it too. An overflow silently
 * overwrites that data: after `SELECT 1+1+…` with 200 terms, or 66 KB of SQL, every
 * later query on the instance failed ("memory access out of bounds"). So the instance
 * runs on a stack of this size allocated in its heap; sandbox.ts caps the text and
 * parameters well inside it.
 */
export const WASM_STACK_BYTES = 2 * 1024 * 1024;

export const DEFAULT_SETTINGS: EngineSettings = {
  memoryBudgetBytes: 96 * 1024 * 1024,
  // DuckDB's own limit on buffer-managed memory, inside the budget: the rest of the
  // heap is the binary's data, the allocator and the Parquet reader's buffers.
  duckdbMemoryLimitBytes: 48 * 1024 * 1024,
};

/** The isolate's database, created on first use. */
export async function getDuckDB(settings: EngineSettings = DEFAULT_SETTINGS): Promise<DuckDBInstance> {
  if (cached && !cached.poisoned) return cached;
  const fresh = await createDuckDB(settings);
  if (cached && !cached.poisoned) return cached; // another request won the race
  cached = fresh;
  return fresh;
}

/** Forget the cached instance (its memory is freed when unreferenced). */
export function dropDuckDB(instance?: DuckDBInstance): void {
  if (!instance || cached === instance) cached = undefined;
}

export async function createDuckDB(settings: EngineSettings = DEFAULT_SETTINGS): Promise<DuckDBInstance> {
  const lib = await loadDuckDBLib();
  const runtime = new RangeRuntime(lib);
  const bundles = {
    mvp: { mainModule: "duckdb-mvp.wasm", mainWorker: "" },
    eh: { mainModule: "duckdb-eh.wasm", mainWorker: "" },
  };
  const bindings = await lib.createDuckDB(bundles, new lib.VoidLogger(), runtime);
  bindings.instantiateWasm = (imports, success) => {
    // The glue calls the runtime through this global (one runtime per isolate: the
    // last instance created wins, which is the cached one).
    (globalThis as { DUCKDB_RUNTIME?: unknown }).DUCKDB_RUNTIME = runtime;
    const instance = new WebAssembly.Instance(duckdbWasm, imports);
    success(instance, duckdbWasm);
    return instance.exports;
  };
  const g = globalThis as { location?: unknown };
  // The glue reads location.href for its script directory; nothing is fetched from it.
  g.location ??= { href: "https://monoscope-edge.invalid/" };
  // The glue decides "am I Node?" synchronously when instantiate() starts, so hiding
  // `process` across that first synchronous part is enough.
  const restore = hideProcess();
  let instantiating: Promise<unknown>;
  try {
    instantiating = bindings.instantiate();
  } finally {
    restore();
  }
  await instantiating;
  // The stack grows down from the top of its region (kept 16-byte aligned); the old
  // 64 KiB is never used again. Nothing has run yet, so no frame lives on the old one.
  const stack = bindings.mod._malloc(WASM_STACK_BYTES);
  bindings.mod.stackRestore((stack + WASM_STACK_BYTES) & ~15);
  bindings.open({ query: { castDecimalToDouble: true } });
  const conn = bindings.connect().useUnsafe((_b, id) => id);
  for (const sql of lockdownStatements(settings)) bindings.runQuery(conn, sql);
  return {
    lib,
    bindings,
    runtime,
    conn,
    version: bindings.getVersion(),
    settings,
    memoryBytes: () => bindings.mod.HEAPU8.buffer.byteLength,
  };
}
