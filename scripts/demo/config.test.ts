import { describe, expect, it } from "vitest";
import { ConfigError, MISSING_KEY, readConfig } from "./config.ts";
import { newExportStats } from "./export-stats.ts";
import { formatStatus } from "./status.ts";

describe("demo config", () => {
  it("needs a key, and says where to find one", () => {
    expect(() => readConfig({})).toThrow(ConfigError);
    expect(() => readConfig({})).toThrow(MISSING_KEY);
    expect(MISSING_KEY).toContain("MONOSCOPE_API_KEY=mse_… npm run demo");
    expect(MISSING_KEY).toContain("BOOTSTRAP_API_KEY");
  });

  it("has defaults, and takes BOOTSTRAP_API_KEY when both sides share it", () => {
    expect(readConfig({ BOOTSTRAP_API_KEY: "mse_b" }, 7)).toEqual({ url: "http://localhost:8787", apiKey: "mse_b", rate: 200, seed: 7, incidentEveryMs: 180_000 });
    const c = readConfig({ MONOSCOPE_API_KEY: "mse_a", BOOTSTRAP_API_KEY: "mse_b", MONOSCOPE_URL: "http://127.0.0.1:8799/", DEMO_RATE: "50", DEMO_INCIDENT_EVERY: "0" });
    expect(c).toMatchObject({ apiKey: "mse_a", url: "http://127.0.0.1:8799", rate: 50, incidentEveryMs: 0 });
  });

  it("rejects nonsense with the variable's name", () => {
    expect(() => readConfig({ MONOSCOPE_API_KEY: "k", DEMO_RATE: "fast" })).toThrow(/DEMO_RATE=fast/);
    expect(() => readConfig({ MONOSCOPE_API_KEY: "k", DEMO_INCIDENT_EVERY: "30" })).toThrow(/at least 90/);
    expect(() => readConfig({ MONOSCOPE_API_KEY: "k", MONOSCOPE_URL: "localhost:8787" })).toThrow(/http:\/\//);
  });
});

describe("status line", () => {
  it("shows totals, the rate, exporter errors and the incident", () => {
    const stats = { ...newExportStats(), spans: 4100, logs: 850, metricPoints: 105 };
    const incident = { kind: "payment-degraded" as const, startMs: 60_000, endMs: 100_000 };
    expect(formatStatus({ elapsedMs: 70_000, stats, spansBefore: 2100, intervalMs: 10_000, incident, next: null })).toBe(
      "[demo 1m10s] sent 4,100 spans (200/s), 850 logs, 105 metric points · export errors: 0 · INCIDENT payment gateway degraded (slow, timeouts), 30s left",
    );
    const failing = { ...stats, failures: 3, lastError: "fetch failed: connect ECONNREFUSED 127.0.0.1:8787" };
    expect(formatStatus({ elapsedMs: 20_000, stats: failing, spansBefore: 4100, intervalMs: 10_000, incident: null, next: incident })).toBe(
      "[demo 20s] sent 4,100 spans (0/s), 850 logs, 105 metric points · export errors: 3 (last: fetch failed: connect ECONNREFUSED 127.0.0.1:8787) · next incident in 40s",
    );
  });
});
