import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

/**
 * Three depths of tests (see README "Tests"):
 * - unit:    pure modules, plain Node (`*.test.ts` beside the code);
 * - workers: runtime behaviour inside workerd with real local R2/D1/Durable Objects
 *            (`*.workers.test.ts`);
 * - system:  the whole platform started as `npm start` does, driven by real clients
 *            (`test/**\/*.system.test.ts`).
 */
export default defineConfig(async () => ({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          environment: "node",
          include: ["{core,workers,durable-objects,wasm-query,synthetics,alerting,browser-sdk,dashboard,scripts}/**/*.test.ts"],
          exclude: ["**/*.workers.test.ts", "**/node_modules/**"],
          // Generous: a loaded 2-core machine makes WASM start-ups slow. Tests assert behaviour, never time.
          testTimeout: 30_000,
        },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              // Test-only bindings: the D1 migrations, applied by test/workers-setup.ts.
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations("./migrations"),
                // Small limits so back-pressure and body caps are cheap to reach.
                BUFFER_SHARDS: "2",
                BUFFER_MAX_BYTES: "1000000",
                MAX_BODY_BYTES: "2000000",
                MAX_DECOMPRESSED_BYTES: "4000000",
                // Notification retries back off from 5 ms so retry tests stay fast.
                NOTIFY_RETRY_BASE_MS: "5",
              },
            },
          }),
        ],
        test: {
          name: "workers",
          include: ["**/*.workers.test.ts"],
          exclude: ["**/node_modules/**"],
          setupFiles: ["./test/workers-setup.ts"],
          testTimeout: 30_000,
          // Local HTTP(S) servers the synthetics tests point checks at, and a real HTTP
          // receiver on loopback for notification tests.
          globalSetup: ["./test/synthetics-global-setup.ts", "./test/workers-receiver-setup.ts"],
        },
      },
      {
        test: {
          name: "system",
          environment: "node",
          include: ["test/**/*.system.test.ts"],
          // System tests share one running server; run files one after another.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
}));
