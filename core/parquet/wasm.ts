/**
 * One-time parquet-wasm initialisation shared by the worker and Node.
 *
 * workerd refuses to compile WebAssembly from bytes at run time, so inside the Worker
 * the `.wasm` must arrive as an imported `WebAssembly.Module` (see `wasm-worker.ts`,
 * the only file that imports it). Node tests pass the file's bytes instead
 * (`wasm-node.ts`). We always use the `esm` build of parquet-wasm, whose `initSync`
 * accepts either and never fetches anything by itself.
 */
import { initSync } from "parquet-wasm/esm";

let ready = false;
let registered: WebAssembly.Module | BufferSource | undefined;

/** Instantiate now (idempotent). */
export function ensureParquetWasm(module?: WebAssembly.Module | BufferSource): void {
  if (ready) return;
  const source = module ?? registered;
  if (!source) throw new Error("parquet-wasm is not initialised: call ensureParquetWasm(module) first");
  initSync({ module: source });
  ready = true;
}

/**
 * Remember where the wasm comes from without instantiating it (cheap, at import
 * time): the first encode/read then instantiates it. Used by wasm-worker.ts.
 */
export function registerParquetWasm(module: WebAssembly.Module | BufferSource): void {
  registered ??= module;
}

export function parquetWasmReady(): boolean {
  return ready;
}

/** Called by encode/read: instantiates a registered module, or throws a clear error. */
export function assertParquetWasm(): void {
  if (ready) return;
  if (registered) return ensureParquetWasm(registered);
  throw new Error("parquet-wasm is not initialised: import core/parquet/wasm-worker.ts in the Worker (or call ensureParquetWasm())");
}
