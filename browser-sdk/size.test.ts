/** The size budget of the script-tag core, enforced on every test run (issue: <= 10 KB min+gzip). */
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
// @ts-expect-error: plain ESM build script without type declarations
import { buildScripts, CORE_BUDGET_GZIP } from "./build.mjs";

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
});
