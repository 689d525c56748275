/**
 * Bundle sizes of the dashboard from esbuild's metafile: the app shell (the entry, the
 * chunks it imports statically, its CSS, index.html) and each lazy chunk (what a dynamic
 * import pulls in beyond the shell), gzip. Pure apart from reading the built files.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

interface Output {
  entryPoint?: string;
  imports: { path: string; kind: string }[];
  cssBundle?: string;
}

export interface BundleSize {
  name: string;
  files: number;
  bytes: number;
  gzip: number;
}

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Outputs reachable from `start` through static imports. */
function closure(outputs: Record<string, Output>, start: string): Set<string> {
  const seen = new Set<string>();
  const visit = (p: string) => {
    if (seen.has(p) || !outputs[p]) return;
    seen.add(p);
    for (const i of outputs[p].imports) if (i.kind === "import-statement") visit(i.path);
    if (outputs[p].cssBundle) seen.add(outputs[p].cssBundle!);
  };
  visit(start);
  return seen;
}

export function bundleSizes(root: string, distDir: string): BundleSize[] {
  const meta = JSON.parse(readFileSync(path.join(root, "dashboard", "dist-meta.json"), "utf8")) as { outputs: Record<string, Output> };
  const outputs = meta.outputs;
  const entry = Object.keys(outputs).find((k) => outputs[k].entryPoint?.endsWith("main.tsx"))!;
  const shell = closure(outputs, entry);
  const size = (name: string, files: string[]): BundleSize => ({
    name,
    files: files.length,
    bytes: files.reduce((n, f) => n + readFileSync(path.join(root, f)).length, 0),
    gzip: files.reduce((n, f) => n + gz(path.join(root, f)), 0),
  });
  const rows = [size("app shell (entry + static imports + CSS)", [...shell])];
  rows[0].bytes += readFileSync(path.join(distDir, "index.html")).length;
  rows[0].gzip += gz(path.join(distDir, "index.html"));
  const lazy = new Set(Object.values(outputs).flatMap((o) => o.imports.filter((i) => i.kind === "dynamic-import").map((i) => i.path)));
  for (const chunk of [...lazy].sort()) {
    const own = [...closure(outputs, chunk)].filter((f) => !shell.has(f));
    const label = path.basename(chunk).replace(/^chunk-/, "").replace(/-[A-Z0-9]+\.js$/, "");
    rows.push(size(`lazy: ${label}`, own));
  }
  for (const asset of ["duckdb-browser-eh.worker.js", "duckdb-eh.wasm"]) {
    const file = path.relative(root, path.join(distDir, "assets", "duckdb", asset));
    rows.push(size(`browser mode asset: ${asset}`, [file]));
  }
  return rows;
}
