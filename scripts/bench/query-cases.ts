/**
 * The queries of `npm run bench:query`: each in our pipeline language (sent to
 * POST /api/v1/query) and as the SQL a person would write for stock DuckDB over the
 * same Parquet files, with how their answers are compared. `table` in the SQL is a
 * view over one dataset's files, already limited to the query's time range.
 */

export type Signal = "logs" | "spans";

export type Check =
  /** Same rows, keyed by the first `keys` columns; other columns equal within `tolerance` (relative). */
  | { kind: "rows"; keys: number; tolerance: number; approximateTolerance?: number }
  /** Same number of rows; every row's `column` contains `text` (any case). */
  | { kind: "take"; column: string; contains: string }
  /** Same number of rows, and the same values of column `column` in the same order. */
  | { kind: "top"; column: number };

export interface QueryCase {
  name: string;
  signal: Signal;
  query: string;
  sql: (table: string) => string;
  check: Check;
  /** Held to the "at most 3× native DuckDB" target. */
  aggregate: boolean;
  /** A column whose sum is the number of rows in the range (checked against what was ingested). */
  countColumn?: number;
}

export const CASES: QueryCase[] = [
  {
    name: "count per service per minute",
    signal: "logs",
    query: "logs | summarize count() by bin(timestamp, 1m), service.name",
    sql: (t) => `SELECT time_bucket(INTERVAL 1 minute, timestamp) AS minute, service_name, count(*) AS n FROM ${t} GROUP BY ALL`,
    check: { kind: "rows", keys: 2, tolerance: 0 },
    aggregate: true,
    countColumn: 2,
  },
  {
    name: "error rate by route",
    signal: "logs",
    query: 'logs | summarize errors = countif(severity_text == "ERROR"), total = count() by http.route | extend rate = 1.0 * errors / total',
    sql: (t) =>
      `SELECT http_route, count(*) FILTER (WHERE severity_text = 'ERROR') AS errors, count(*) AS total, errors / total AS rate FROM ${t} GROUP BY http_route`,
    check: { kind: "rows", keys: 1, tolerance: 1e-9 },
    aggregate: true,
    countColumn: 2,
  },
  {
    name: "p50/p95/p99 latency by endpoint",
    signal: "spans",
    query: "spans | summarize p50(duration), p95(duration), p99(duration) by name",
    sql: (t) =>
      `SELECT name, quantile_cont(duration_ns, 0.5), quantile_cont(duration_ns, 0.95), quantile_cont(duration_ns, 0.99) FROM ${t} GROUP BY name`,
    // Exact percentiles interpolate to fractions of a nanosecond; a fanned-out scan merges
    // values bucketed to 3 significant digits (docs/query-language.md).
    check: { kind: "rows", keys: 1, tolerance: 1e-6, approximateTolerance: 0.005 },
    aggregate: true,
  },
  {
    name: "substring search in bodies",
    signal: "logs",
    query: 'logs | where body contains "connection reset" | take 100',
    sql: (t) => `SELECT * FROM ${t} WHERE body ILIKE '%connection reset%' LIMIT 100`,
    check: { kind: "take", column: "body", contains: "connection reset" },
    aggregate: false,
  },
  {
    name: "top 10 slow traces",
    signal: "spans",
    query: "spans | top 10 by duration desc | project trace_id, name, duration",
    sql: (t) => `SELECT trace_id, name, duration_ns FROM ${t} ORDER BY duration_ns DESC LIMIT 10`,
    // Equal durations may come back in either order, so only the durations are compared in order.
    check: { kind: "top", column: 2 },
    aggregate: false,
  },
];
