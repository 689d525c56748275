/**
 * The RUM views' questions as queries in our language, and the Web Vitals thresholds.
 * Pure, unit-tested (queries.test.ts validates every query against the `rum` table).
 */
export type VitalName = "LCP" | "INP" | "CLS" | "FCP" | "TTFB";
export const VITALS: VitalName[] = ["LCP", "INP", "CLS", "FCP", "TTFB"];

/** web.dev thresholds: good ≤ first, poor > second (ms; CLS unitless). */
export const THRESHOLDS: Record<VitalName, [number, number]> = {
  LCP: [2500, 4000],
  INP: [200, 500],
  CLS: [0.1, 0.25],
  FCP: [1800, 3000],
  TTFB: [800, 1800],
};

export type Band = "good" | "needs-improvement" | "poor";

export function band(name: VitalName, value: number): Band {
  const [good, poor] = THRESHOLDS[name];
  return value <= good ? "good" : value <= poor ? "needs-improvement" : "poor";
}

export function formatVital(name: VitalName, value: number): string {
  return name === "CLS" ? value.toFixed(3) : value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`;
}

const q = JSON.stringify;

/** Restricts to one web app when chosen. */
function base(service: string): string {
  return service ? `rum | where service.name == ${q(service)}` : "rum";
}

export const overviewQueries = (service: string) => ({
  /** Page views, sessions, bounce rate and mean session duration, from per-session rows. */
  totals:
    `${base(service)} | summarize views = countif(type == "view"), first = min(timestamp), last = max(timestamp) by session_id` +
    ` | summarize sessions = count(), views = sum(views), bounces = countif(views <= 1), avg_duration = avg(last - first)`,
  viewsOverTime: `${base(service)} | where type == "view" | summarize views = count() by bin(timestamp, 5m)`,
  vitalsByPage: `${base(service)} | where type == "vital" | summarize p75 = p75(value), samples = count() by page, name | sort by page asc`,
  topPages: `${base(service)} | where type == "view" | summarize views = count(), sessions = dcount(session_id) by page | top 20 by views desc`,
  breakdown: (column: "browser_name" | "device_type" | "geo_country") =>
    `${base(service)} | where type == "view" | summarize views = count() by ${column} | top 10 by views desc`,
  services: `rum | summarize events = count() by service.name | sort by service.name asc`,
});

/** Errors grouped by message and top frame, most frequent first. */
export const errorGroupsQuery = (service: string) =>
  `${base(service)} | where type == "error" | summarize count = count(), sessions = dcount(session_id), example_session = max(session_id), last_seen = max(timestamp) by error_type, error_message, error_top_frame | top 100 by count desc`;

export const sessionsQuery = (service: string) =>
  `${base(service)} | summarize start = min(timestamp), end = max(timestamp), views = countif(type == "view"), errors = countif(type == "error"), actions = countif(type == "action"), requests = countif(type == "request") by session_id, browser_name, device_type, geo_country, user_id | top 100 by start desc`;

export function sessionTimelineQuery(sessionId: string): string {
  if (!/^[0-9a-f]{32}$/.test(sessionId)) throw new Error("invalid session id");
  return `rum | where session_id == ${q(sessionId)} | sort by timestamp asc | project timestamp, type, name, value, rating, target, page, url, error_type, error_message, error_top_frame, error_frames, http_request_method, http_response_status_code, url_full, trace_id | take 2000`;
}

/** A timespan from a query answer (nanoseconds, as the language's timespans are) in seconds. */
export function timespanSeconds(v: unknown): number {
  return v === null || v === undefined || v === "" ? NaN : Number(v) / 1e9;
}
