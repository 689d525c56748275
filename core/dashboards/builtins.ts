/**
 * Dashboards every project starts with, so the first traces and logs have somewhere to
 * land: "Service overview" (RED metrics from server spans) and "Logs overview". Plain
 * specs, stored like any other dashboard (users may edit or delete them); `key` marks
 * them so seeding is idempotent. Every query here is checked by validate.test.ts and
 * run against real data in workers/api/routes/dashboards.workers.test.ts.
 *
 * Latency: spans store `duration_ns` (nanoseconds, core/schema.ts), so milliseconds are
 * `duration_ns / 1000000`.
 */
import { ALL_VALUE, DASHBOARD_SCHEMA_VERSION, type DashboardSpec, type Variable } from "./spec";

export interface BuiltInDashboard {
  /** Stable key stored in `dashboards.built_in`. */
  key: string;
  spec: DashboardSpec;
}

const serviceVariable = (source: "spans" | "logs"): Variable => ({
  name: "service",
  label: "Service",
  kind: "query",
  query: `${source} | distinct service.name | sort by service.name asc`,
  multi: true,
  includeAll: true,
  default: ALL_VALUE,
});

/** Server spans of the chosen services: one span per request handled. */
const REQUESTS = 'spans | where kind == "SERVER" and service.name in ($service)';
const ERROR_RATE = '1.0 * countif(status_code == "ERROR") / count()';
const ERROR_STEPS = [
  { value: null, color: "green" },
  { value: 0.01, color: "orange" },
  { value: 0.05, color: "red" },
];

export const SERVICE_OVERVIEW: DashboardSpec = {
  schemaVersion: DASHBOARD_SCHEMA_VERSION,
  title: "Service overview",
  description: "Request rate, errors and latency of the services that send traces (server spans).",
  tags: ["apm", "built-in"],
  time: { from: "now-1h", to: "now" },
  refresh: "1m",
  variables: [serviceVariable("spans")],
  panels: [
    {
      id: "requests",
      type: "stat",
      title: "Requests",
      grid: { x: 0, y: 0, w: 8, h: 4 },
      queries: [{ refId: "A", query: `${REQUESTS} | summarize requests = count()` }],
      options: { unit: "short", reduce: "last" },
    },
    {
      id: "error-ratio",
      type: "stat",
      title: "Error rate",
      grid: { x: 8, y: 0, w: 8, h: 4 },
      queries: [{ refId: "A", query: `${REQUESTS} | summarize error_rate = ${ERROR_RATE}` }],
      options: { unit: "percentunit", decimals: 2, reduce: "last", thresholds: ERROR_STEPS },
    },
    {
      id: "p95",
      type: "stat",
      title: "p95 latency",
      grid: { x: 16, y: 0, w: 8, h: 4 },
      queries: [{ refId: "A", query: `${REQUESTS} | summarize p95_ms = p95(duration_ns) / 1000000` }],
      options: { unit: "ms", decimals: 1, reduce: "last" },
    },
    {
      id: "request-rate",
      type: "timeseries",
      title: "Request rate per service",
      grid: { x: 0, y: 4, w: 12, h: 8 },
      queries: [{ refId: "A", query: `${REQUESTS} | summarize rps = rate() by bin_auto(timestamp), service.name`, legend: "{{service_name}}" }],
      options: { unit: "reqps", style: "line", legend: { show: true, calcs: ["avg", "max", "last"] } },
    },
    {
      id: "error-rate",
      type: "timeseries",
      title: "Error rate per service",
      grid: { x: 12, y: 4, w: 12, h: 8 },
      queries: [{ refId: "A", query: `${REQUESTS} | summarize error_rate = ${ERROR_RATE} by bin_auto(timestamp), service.name`, legend: "{{service_name}}" }],
      options: { unit: "percentunit", decimals: 2, style: "line", thresholds: ERROR_STEPS, legend: { show: true, calcs: ["avg", "max", "last"] } },
    },
    {
      id: "latency",
      type: "timeseries",
      title: "Latency p50 / p95 / p99",
      grid: { x: 0, y: 12, w: 12, h: 8 },
      queries: [
        {
          refId: "A",
          query: `${REQUESTS} | summarize p50 = p50(duration_ns) / 1000000, p95 = p95(duration_ns) / 1000000, p99 = p99(duration_ns) / 1000000 by bin_auto(timestamp)`,
        },
      ],
      options: { unit: "ms", decimals: 1, style: "line", legend: { show: true, calcs: ["avg", "max"] } },
    },
    {
      id: "latency-by-service",
      type: "timeseries",
      title: "p95 latency per service",
      grid: { x: 12, y: 12, w: 12, h: 8 },
      queries: [{ refId: "A", query: `${REQUESTS} | summarize p95_ms = p95(duration_ns) / 1000000 by bin_auto(timestamp), service.name`, legend: "{{service_name}}" }],
      options: { unit: "ms", decimals: 1, style: "line", legend: { show: true, calcs: ["avg", "max"] } },
    },
    {
      id: "slowest-routes",
      type: "toplist",
      title: "Slowest routes (p95)",
      grid: { x: 0, y: 20, w: 8, h: 10 },
      queries: [
        {
          refId: "A",
          query: `${REQUESTS} and http.route != null | summarize p95_ms = p95(duration_ns) / 1000000 by http.route | top 10 by p95_ms`,
        },
      ],
      options: { unit: "ms", decimals: 1, limit: 10 },
    },
    {
      id: "endpoints",
      type: "table",
      title: "Endpoints",
      grid: { x: 8, y: 20, w: 16, h: 10 },
      queries: [
        {
          refId: "A",
          query:
            `${REQUESTS} | summarize requests = count(), error_rate = ${ERROR_RATE}, p95_ms = p95(duration_ns) / 1000000 ` +
            "by service.name, http.method, http.route | sort by requests desc | take 100",
        },
      ],
      options: { thresholds: ERROR_STEPS, columnColors: true, colorColumns: ["error_rate"] },
    },
  ],
  annotations: [
    {
      name: "Deployments",
      // A new service.version's first span marks a deployment.
      query: "spans | where service.name in ($service) | summarize timestamp = min(timestamp) by service.name, service.version",
      color: "#8e7cc3",
      enabled: true,
    },
  ],
};

const LOGS = "logs | where service.name in ($service)";

export const LOGS_OVERVIEW: DashboardSpec = {
  schemaVersion: DASHBOARD_SCHEMA_VERSION,
  title: "Logs overview",
  description: "Log volume by severity, the services and messages behind the errors, and the latest logs.",
  tags: ["logs", "built-in"],
  time: { from: "now-1h", to: "now" },
  refresh: "1m",
  variables: [serviceVariable("logs")],
  panels: [
    {
      id: "volume",
      type: "timeseries",
      title: "Log volume by severity",
      grid: { x: 0, y: 0, w: 16, h: 8 },
      queries: [{ refId: "A", query: `${LOGS} | summarize logs = count() by bin_auto(timestamp), severity_text`, legend: "{{severity_text}}" }],
      options: { unit: "short", style: "bars", stacked: true, colors: { ERROR: "red", WARN: "orange", INFO: "blue", DEBUG: "grey" } },
    },
    {
      id: "errors-by-service",
      type: "bar",
      title: "Errors by service",
      grid: { x: 16, y: 0, w: 8, h: 8 },
      queries: [{ refId: "A", query: `${LOGS} and severity >= "ERROR" | summarize errors = count() by service.name | top 20 by errors` }],
      options: { unit: "short", orientation: "horizontal", sort: "desc" },
    },
    {
      id: "top-errors",
      type: "table",
      title: "Top error messages",
      grid: { x: 0, y: 8, w: 24, h: 8 },
      queries: [
        {
          refId: "A",
          query: `${LOGS} and severity >= "ERROR" | summarize occurrences = count(), last_seen = max(timestamp) by service.name, body | top 20 by occurrences`,
        },
      ],
      options: {},
    },
    {
      id: "logs",
      type: "logs",
      title: "Logs",
      grid: { x: 0, y: 16, w: 24, h: 12 },
      queries: [{ refId: "A", query: `${LOGS} | sort by timestamp desc | take 200` }],
      options: {},
    },
  ],
  annotations: [],
};

export const BUILT_IN_DASHBOARDS: readonly BuiltInDashboard[] = [
  { key: "service-overview", spec: SERVICE_OVERVIEW },
  { key: "logs-overview", spec: LOGS_OVERVIEW },
];
