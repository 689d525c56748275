/**
 * Runs a benchmark entry (`run.ts`, `query-run.ts`) under plain Node.
 *
 * The repository's modules use extensionless imports and TypeScript features that
 * Node's type stripping does not handle (parameter properties), so the `npm run bench:*`
 * launchers, written to run under `node --experimental-strip-types`, call `launch()`: it
 * bundles the entry and everything it imports with the project's esbuild into a
 * temporary folder, then runs the bundle with the same Node. Packages stay external
 * (resolved through a `node_modules` symlink next to the bundle), and every repository
 * module keeps its own `import.meta.url`, so path lookups (parquet-wasm's .wasm, the
 * start script) behave as when run from the source tree.
 *
 * Arguments are passed through; `--keep-bundle` keeps the bundle and prints its path.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequire } from "node:module";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");

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

/** Bundles `scripts/bench/<entry>` and runs it; exits with its exit code. */
export async function launch(entry: string): Promise<void> {
  const esbuild = createRequire(import.meta.url)("esbuild") as typeof import("esbuild");
  const outDir = mkdtempSync(path.join(tmpdir(), "monoscope-bench-"));
  const outfile = path.join(outDir, "bench.mjs");
  symlinkSync(path.join(root, "node_modules"), path.join(outDir, "node_modules"), "dir");

  await esbuild.build({
    entryPoints: [path.join(here, entry)],
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
}
