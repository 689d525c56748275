/**
 * `npm run bench:ingest` — the ingest benchmark (decode, end to end, flush, bytes/record).
 *
 * The repository's modules use extensionless imports and TypeScript features that
 * Node's type stripping does not handle (parameter properties), so this file is only a
 * launcher, written to run under `node --experimental-strip-types`: it bundles
 * `run.ts` and everything it imports with the project's esbuild into a temporary
 * folder, then runs the bundle with the same Node. Packages stay external (resolved
 * through a `node_modules` symlink next to the bundle), and every repository module
 * keeps its own `import.meta.url`, so path lookups (parquet-wasm's .wasm, the start
 * script) behave as when run from the source tree.
 *
 * Options (passed through): --only=decode,e2e,flush  --clients=4,8  --e2e-seconds=10
 *   --decode-seconds=1.5  --pool=400 (distinct e2e requests)  --keep-bundle.
 * The table goes to stdout, progress to stderr. Profile the Node side with
 * NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" (the server's workerd is not covered).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequire } from "node:module";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const require = createRequire(import.meta.url);
const esbuild = require("esbuild") as typeof import("esbuild");

const outDir = mkdtempSync(path.join(tmpdir(), "monoscope-bench-"));
const outfile = path.join(outDir, "bench.mjs");
symlinkSync(path.join(root, "node_modules"), path.join(outDir, "node_modules"), "dir");

const keepImportMetaUrl = {
  name: "keep-import-meta-url",
  setup(b: import("esbuild").PluginBuild) {
    b.onLoad({ filter: /\.(ts|mts|js|mjs)$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = readFileSync(args.path, "utf8");
      const contents = source.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href));
      return { contents, loader: args.path.endsWith("ts") ? "ts" : "js" };
    });
  },
};

await esbuild.build({
  entryPoints: [path.join(here, "run.ts")],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: "inline",
  logLevel: "warning",
  absWorkingDir: root,
  plugins: [keepImportMetaUrl],
});

const args = process.argv.slice(2);
const keep = args.includes("--keep-bundle");
if (keep) console.error(`bundle: ${outfile}`);
const child = spawn(process.execPath, ["--enable-source-maps", outfile, ...args.filter((a) => a !== "--keep-bundle")], {
  stdio: "inherit",
  cwd: root,
});
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => {
  if (!keep) rmSync(outDir, { recursive: true, force: true });
  process.exit(code ?? (signal ? 1 : 0));
});
