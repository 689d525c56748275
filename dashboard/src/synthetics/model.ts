/**
 * Data for the Synthetics page: the checks API (definitions, latest status per region,
 * incidents) and queries over the `checks` table (uptime per day, latency per region,
 * recent runs). Shaping lives in shape.ts.
 */
import { api, type QueryResult } from "../api";
import { latencyQuery, quoteId, rowsAsObjects, RUN_FIELDS, UPTIME_DAYS, uptimeByCheck, type CheckView, type Incident, type RunRow } from "./shape";

export * from "./shape";

export const listChecks = () => api<{ checks: CheckView[] }>("/api/v1/checks").then((r) => r.checks);
export const getCheck = (id: string) => api<{ check: CheckView }>(`/api/v1/checks/${encodeURIComponent(id)}`).then((r) => r.check);
export const listIncidents = (checkId?: string) => api<{ incidents: Incident[] }>(`/api/v1/checks/incidents?limit=50${checkId ? `&check=${encodeURIComponent(checkId)}` : ""}`).then((r) => r.incidents);
export const runNow = (id: string) => api<{ runs: RunRow[] }>(`/api/v1/checks/${encodeURIComponent(id)}/run`, {}).then((r) => r.runs);

const query = (q: string, from: string) => api<QueryResult>("/api/v1/query", { query: q, from, to: "now" });

/** Daily uptime bars per check (every check, or one) over the last 90 days of runs. */
export async function loadUptime(checkId?: string) {
  const where = checkId ? `| where check_id == ${quoteId(checkId)} ` : "";
  const r = await query(`checks ${where}| summarize runs = count(), up = countif(ok) by check_id, day = bin(timestamp, 1d)`, `now-${UPTIME_DAYS}d`);
  return uptimeByCheck(r, Date.now());
}

/** p95 latency per region, binned to fit the range. */
export const loadLatency = (checkId: string, from: string, bin: string) => query(latencyQuery(checkId, bin), from);

export async function loadRuns(checkId: string, from: string): Promise<RunRow[]> {
  const r = await query(`checks | where check_id == ${quoteId(checkId)} | sort by timestamp desc | take 50 | project ${RUN_FIELDS}`, from);
  return rowsAsObjects<RunRow>(r);
}

