/**
 * Pure shaping for the Synthetics page (no I/O, unit-tested): the types the checks API
 * returns, query text over the `checks` table, and query rows turned into uptime bars.
 */
import type { QueryResult } from "../api";
import { uptimeBars, uptimePercent, type UptimeBar, type UptimeBucket } from "../../../synthetics/uptime";
import type { AssertionOutcome } from "../../../synthetics/assertions";

export interface RegionState {
  region: string;
  runId: string;
  at: number;
  status: "ok" | "failed" | "error";
  durationMs: number | null;
  httpStatusCode: number | null;
  error: string | null;
  sslDaysRemaining: number | null;
}

export interface CheckView {
  id: string;
  name: string;
  type: "http" | "multistep" | "heartbeat";
  definition: { intervalMinutes: number; regions?: string[]; enabled: boolean; graceMinutes?: number; request?: { method: string; url: string }; steps?: { name: string; request: { method: string; url: string } }[] };
  heartbeatUrl: string | null;
  lastPingAt: number | null;
  regions: RegionState[];
  openIncidents: string[];
}

export interface Incident {
  id: string;
  checkId: string;
  checkName: string;
  kind: "failure" | "ssl_expiry" | "heartbeat_missing";
  status: "open" | "resolved";
  severity: "critical" | "warning";
  openedAt: number;
  resolvedAt: number | null;
  regions: string[];
  summary: string;
  lastError: string | null;
}

export const UPTIME_DAYS = 90;
const DAY_MS = 86_400_000;

/** Check ids are `chk_` + hex (server-made); anything else never reaches a query. */
export function quoteId(id: string): string {
  if (!/^chk_[0-9a-f]+$/.test(id)) throw new Error(`not a check id: ${id}`);
  return `"${id}"`;
}

/** Rows of (check_id, day, runs, up) → 90 daily bars per check. */
export function uptimeByCheck(result: Pick<QueryResult, "rows">, nowMs: number): Map<string, { bars: UptimeBar[]; percent: number | null }> {
  const buckets = new Map<string, UptimeBucket[]>();
  for (const [id, day, runs, up] of result.rows) {
    const list = buckets.get(String(id)) ?? [];
    list.push({ start: Date.parse(String(day)), runs: Number(runs), up: Number(up) });
    buckets.set(String(id), list);
  }
  const out = new Map<string, { bars: UptimeBar[]; percent: number | null }>();
  for (const [id, list] of buckets) out.set(id, { bars: uptimeBars(list, nowMs, UPTIME_DAYS, DAY_MS), percent: uptimePercent(list) });
  return out;
}

export function latencyQuery(checkId: string, bin: string): string {
  return `checks | where check_id == ${quoteId(checkId)} and status != "error" | summarize p95 = percentile(duration_ms, 95) by bin(timestamp, ${bin}), region`;
}

export interface RunRow {
  timestamp: string | number;
  run_id: string;
  region: string;
  status: "ok" | "failed" | "error";
  ok: boolean;
  error: string | null;
  duration_ms: number;
  http_status_code: number | null;
  url_full: string | null;
  assertions: string;
  steps: string;
  response_excerpt: string | null;
  ssl_days_remaining: number | null;
  ssl_subject: string | null;
  ssl_error: string | null;
}

export const RUN_FIELDS = "timestamp, run_id, region, status, ok, error, duration_ms, http_status_code, url_full, assertions, steps, response_excerpt, ssl_days_remaining, ssl_subject, ssl_error";

export function rowsAsObjects<T>(r: Pick<QueryResult, "columns" | "rows">): T[] {
  return r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c.name, row[i]])) as T);
}

/** One assertion's outcome in a run's detail: the runner's own type. */
export type AssertionResult = AssertionOutcome;

export interface StepResult {
  name: string;
  method: string;
  url: string;
  status: number | null;
  duration_ms: number;
  redirects: number;
  error: string | null;
  response_excerpt: string | null;
}

export function parseJsonList<T>(text: string | null | undefined): T[] {
  try {
    const v = JSON.parse(text ?? "[]");
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}

export function targetOf(c: CheckView): string {
  if (c.type === "heartbeat") return `ping every ${c.definition.intervalMinutes} min (grace ${c.definition.graceMinutes ?? 0} min)`;
  if (c.definition.request) return `${c.definition.request.method} ${c.definition.request.url}`;
  const steps = c.definition.steps ?? [];
  return `${steps.length} steps: ${steps.map((s) => s.name).join(" → ")}`;
}

