/** The size budget of the script-tag core, enforced on every test run (issue: <= 10 KB min+gzip). */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
// @ts-expect-error: plain ESM build script without type declarations
import { buildEsm, buildScripts, CORE_BUDGET_GZIP } from "./build.mjs";

describe("browser SDK size", () => {
  it("keeps the core under its min+gzip budget, with replay out of it", async () => {
    const { core, replay } = (await buildScripts()) as { core: Uint8Array; replay: Uint8Array };
    const coreGzip = gzipSync(core, { level: 9 }).length;
    expect(coreGzip).toBeLessThanOrEqual(CORE_BUDGET_GZIP);
    // rrweb must stay in the lazy chunk: if it leaked into the core, the core would be far bigger.
    const text = new TextDecoder().decode(core);
    expect(text).not.toContain("rrweb");
    expect(text).toContain("sdk-replay.js");
    expect(replay.length).toBeGreaterThan(core.length);
  }, 60_000);

  it("builds the ESM entry with the same API and replay split into its own chunk", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sdk-esm-"));
    await buildEsm(dir);
    const files = readdirSync(dir);
    const index = readFileSync(path.join(dir, "index.js"), "utf8");
    for (const name of ["init", "setUser", "setContext", "addAction", "addError", "flush"]) expect(index).toMatch(new RegExp(`\\b${name}\\b`));
    const recorder = files.find((f) => f.startsWith("recorder-"));
    expect(recorder).toBeDefined();
    expect(index).toContain(`import("./${recorder}")`);
    expect(gzipSync(readFileSync(path.join(dir, "index.js")), { level: 9 }).length).toBeLessThanOrEqual(CORE_BUDGET_GZIP);
  }, 60_000);
});
