#!/usr/bin/env node
/**
 * Builds the dashboard (dashboard/src) into dashboard/dist, which the worker serves as
 * static assets. esbuild bundles and splits it: the app shell loads first; the query
 * editor (CodeMirror) and the chart (uPlot) are lazy chunks. `--watch` rebuilds on change.
 */
import * as esbuild from "esbuild";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const src = path.join(root, "dashboard", "src");
const out = path.join(root, "dashboard", "dist");
const watch = process.argv.includes("--watch");

rmSync(out, { recursive: true, force: true });
mkdirSync(path.join(out, "assets"), { recursive: true });

const options = {
  entryPoints: { app: path.join(src, "main.tsx") },
  outdir: path.join(out, "assets"),
  bundle: true,
  splitting: true,
  format: "esm",
  minify: !watch,
  sourcemap: watch ? "inline" : false,
  target: "es2022",
  jsx: "automatic",
  jsxImportSource: "preact",
  loader: { ".css": "css" },
  entryNames: "[name]-[hash]",
  chunkNames: "chunk-[name]-[hash]",
  metafile: true,
  logLevel: "warning",
  define: { "process.env.NODE_ENV": watch ? '"development"' : '"production"' },
};

function writeIndex(metafile) {
  const outputs = Object.entries(metafile.outputs);
  const entry = outputs.find(([, o]) => o.entryPoint?.endsWith("main.tsx"));
  const js = path.basename(entry[0]);
  const css = entry[1].cssBundle ? path.basename(entry[1].cssBundle) : null;
  const html = readFileSync(path.join(root, "dashboard", "index.html"), "utf8")
    .replace("<!--css-->", css ? `<link rel="stylesheet" href="/assets/${css}">` : "")
    .replace("<!--js-->", `<script type="module" src="/assets/${js}"></script>`);
  writeFileSync(path.join(out, "index.html"), html);
}

cpSync(path.join(root, "dashboard", "public"), out, { recursive: true });
// DuckDB-WASM for in-browser queries: its worker script and the EH build of the engine
// (18 MB, fetched only when a user switches to browser mode).
const duckdbDist = path.join(root, "node_modules", "@duckdb", "duckdb-wasm", "dist");
mkdirSync(path.join(out, "assets", "duckdb"), { recursive: true });
for (const f of ["duckdb-browser-eh.worker.js", "duckdb-eh.wasm"]) cpSync(path.join(duckdbDist, f), path.join(out, "assets", "duckdb", f));
if (watch) {
  const ctx = await esbuild.context({ ...options, plugins: [{ name: "index", setup: (b) => b.onEnd((r) => r.metafile && writeIndex(r.metafile)) }] });
  await ctx.watch();
} else {
  const result = await esbuild.build(options);
  writeIndex(result.metafile);
  writeFileSync(path.join(root, "dashboard", "dist-meta.json"), JSON.stringify(result.metafile));
}
