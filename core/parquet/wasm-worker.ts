/**
 * Worker-side parquet-wasm: the `.wasm` is imported as a module (the CompiledWasm rule
 * in wrangler.toml), since workerd cannot compile wasm from bytes. Importing this file
 * anywhere in the Worker registers the module; the first encode/read instantiates it
 * (or call initParquetWasm() to do it eagerly). Kept apart from wasm.ts so Node code
 * never has to resolve a `.wasm` import.
 */
import wasmModule from "parquet-wasm/esm/parquet_wasm_bg.wasm";
import { ensureParquetWasm, registerParquetWasm } from "./wasm";

registerParquetWasm(wasmModule);

export function initParquetWasm(): void {
  ensureParquetWasm(wasmModule);
}
