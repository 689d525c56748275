// The blocking browser bindings ship without a declaration for this entry point; the
// part the engine uses is typed in duckdb-lib.ts.
declare module "@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs";
