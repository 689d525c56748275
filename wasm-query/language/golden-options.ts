import type { CompileOptions } from "./index.ts";

/** Fixed inputs for the golden tests: one hour of 2026-01-01, `now` at its end. */
export const F = Date.UTC(2026, 0, 1, 0, 0, 0) * 1000;
export const T = Date.UTC(2026, 0, 1, 1, 0, 0) * 1000;

export const GOLDEN_OPTIONS: CompileOptions = {
  timeRange: { fromUs: F, toUs: T },
  nowUs: T,
  vars: { service: "api", services: ["api", "web"], codes: [500, 503], since: "2026-01-01T00:05:00Z", interval: "5m", slow: "250ms", n: 5 },
};

/** The time-range conditions every query's innermost scan starts with. */
export const TIME = `"timestamp" >= make_timestamp(CAST(? AS BIGINT)) AND "timestamp" < make_timestamp(CAST(? AS BIGINT))`;
