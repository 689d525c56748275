/**
 * Builds the browser SDK with esbuild:
 * - `sdk.js`: the script-tag IIFE (core: everything but replay);
 * - `sdk-replay.js`: the replay chunk in script-tag form, loaded only when enabled;
 * - `esm/`: the ESM build for bundlers, replay split into its own chunk.
 * `buildSdk()` is also used by the size-budget test and `npm run bench:sdk`.
 */
import * as esbuild from "esbuild";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const src = path.join(here, "src");

/** The budget of the core (IIFE), min+gzip, in bytes (issue: <= 10 KB). */
export const CORE_BUDGET_GZIP = 10 * 1024;

const common = { bundle: true, minify: true, target: "es2020", platform: "browser", legalComments: "none", logLevel: "warning" };

/** Builds the two script-tag files; with `outdir` unset nothing is written. */
export async function buildScripts(outdir) {
  const write = !!outdir;
  const build = (entry, name) =>
    esbuild.build({ ...common, entryPoints: [path.join(src, entry)], format: "iife", write, outfile: path.join(outdir ?? here, name) });
  const [core, replay] = await Promise.all([build("iife.ts", "sdk.js"), build("replay/iife.ts", "sdk-replay.js")]);
  return { core: write ? null : core.outputFiles[0].contents, replay: write ? null : replay.outputFiles[0].contents };
}

export async function buildEsm(outdir) {
  await esbuild.build({ ...common, entryPoints: [path.join(src, "index.ts")], format: "esm", splitting: true, outdir, chunkNames: "[name]-[hash]" });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(here, "..");
  await buildScripts(path.join(root, "dashboard", "dist"));
  await buildEsm(path.join(here, "dist", "esm"));
}
