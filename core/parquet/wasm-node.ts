/**
 * Node-side parquet-wasm initialisation (unit tests, scripts): reads the esm build's
 * `.wasm` bytes from node_modules. Never imported by Worker code.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { ensureParquetWasm } from "./wasm";

export function initParquetWasmNode(): void {
  const require = createRequire(import.meta.url);
  ensureParquetWasm(readFileSync(require.resolve("parquet-wasm/esm/parquet_wasm_bg.wasm")));
}
