/**
 * Loading @duckdb/duckdb-wasm 1.28.0 (DuckDB 0.9.1) in workerd, and the small part of
 * its API the engine uses, typed here (its own .d.ts needs @types/emscripten).
 *
 * Why 1.28.0: 1.29+ no longer links Parquet statically and fetches the extension at run
 * time with synchronous XHR, which workerd cannot do (DESIGN.md, "Query plane").
 *
 * Two workerd hazards are handled here:
 * - With `nodejs_compat` a global `process` exists, and both the bundled js-sha256
 *   (at module evaluation: `eval("require('crypto')")`, refused by workerd) and the
 *   Emscripten glue (at instantiation: `require("fs")`) then take their Node paths.
 *   So the package is imported dynamically, and instantiated, with `process` hidden.
 * - The Emscripten glue reads `globalThis.location` when it thinks it runs in a worker.
 */

/** The Emscripten module, as far as we touch it. */
export interface DuckDBModuleLike {
  HEAPU8: Uint8Array;
  HEAPF64: Float64Array;
  _malloc(size: number): number;
  _free(ptr: number): void;
  /** Sets the wasm stack pointer (one of Emscripten's runtime methods). */
  stackRestore(pointer: number): void;
  ccall(name: string, returns: string | null, argTypes: string[], args: unknown[]): unknown;
}

/** The blocking bindings (DuckDBBindings in the package). */
export interface DuckDBBindingsLike {
  mod: DuckDBModuleLike;
  instantiate(): Promise<unknown>;
  open(config: Record<string, unknown>): void;
  connect(): { useUnsafe<R>(fn: (bindings: DuckDBBindingsLike, conn: number) => R): R; close(): void };
  tokenize(text: string): { offsets: number[]; types: number[] };
  runQuery(conn: number, text: string): Uint8Array;
  createPrepared(conn: number, text: string): number;
  runPrepared(conn: number, statement: number, params: unknown[]): Uint8Array;
  closePrepared(conn: number, statement: number): void;
  insertArrowFromIPCStream(conn: number, buffer: Uint8Array, options: { name: string; create?: boolean; schema?: string }): void;
  registerFileHandle(name: string, handle: unknown, protocol: number, directIO: boolean): void;
  dropFile(name: string): void;
  getVersion(): string;
  /** Overridden per instance: see duckdb-worker.ts. */
  instantiateWasm?: (imports: WebAssembly.Imports, success: (i: WebAssembly.Instance, m: WebAssembly.Module) => void) => unknown;
}

/** The module namespace of duckdb-browser-blocking.mjs, as far as we use it. */
export interface DuckDBLib {
  createDuckDB(bundles: unknown, logger: unknown, runtime: unknown): Promise<DuckDBBindingsLike>;
  VoidLogger: new () => unknown;
  DuckDBDataProtocol: { BUFFER: number; BROWSER_FILEREADER: number };
  TokenType: Record<string, number | string>;
  callSRet(mod: DuckDBModuleLike, name: string, argTypes: string[], args: unknown[]): [number, number, number];
  readString(mod: DuckDBModuleLike, ptr: number, length: number): string;
  dropResponseBuffers(mod: DuckDBModuleLike): void;
  PACKAGE_VERSION: string;
}

/** Hide the global `process`; returns the function that puts it back. */
export function hideProcess(): () => void {
  const g = globalThis as { process?: unknown };
  const saved = Object.getOwnPropertyDescriptor(g, "process");
  if (!saved) return () => {};
  delete g.process;
  return () => Object.defineProperty(g, "process", saved);
}

let lib: DuckDBLib | undefined;

export async function loadDuckDBLib(): Promise<DuckDBLib> {
  // A fixed specifier so wrangler's esbuild bundles it (no code splitting in Workers:
  // the module is inlined and evaluated on first call).
  // Module evaluation is asynchronous, so `process` stays hidden until it is done
  // (a few ms, once per isolate).
  if (lib) return lib;
  const restore = hideProcess();
  try {
    lib = (await import("@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs")) as unknown as DuckDBLib;
  } finally {
    restore();
  }
  return lib;
}
