/**
 * The published storage schema (see docs/schema.md). One table per signal; every
 * column has a Parquet-friendly type. Well-known OpenTelemetry attributes are promoted
 * to their own columns (and removed from the attribute maps) because they are what
 * people filter and group by; everything else stays in `attributes` /
 * `resource_attributes` maps of string → string.
 *
 * Bump SCHEMA_VERSION whenever a column is added, removed or retyped; the catalog
 * records the version of every file so readers can tell old files from new ones.
 */
export const SCHEMA_VERSION = 1;

export type Signal = "logs" | "spans" | "metrics" | "checks" | "rum";
export const SIGNALS: readonly Signal[] = ["logs", "spans", "metrics", "checks", "rum"];
/** Signals that arrive over OTLP (checks are written by the synthetic runners, rum by its beacon intake). */
export type OtlpSignal = Exclude<Signal, "checks" | "rum">;

/** Column value types. Strings are UTF-8; maps are map<string,string>. */
export type ColumnType =
  | "string"
  | "int32"
  | "int64"
  | "float64"
  | "bool"
  | "timestamp" // microseconds since the epoch, UTC, no time zone (DuckDB TIMESTAMP)
  | "map" // map<string, string>
  | "list_float64"
  | "list_int64";

export interface ColumnDef {
  /** snake_case column name in Parquet. */
  name: string;
  type: ColumnType;
  /** The OpenTelemetry name users write in queries (`service.name`), when it differs. */
  otel?: string;
  /** Attribute keys (in preference order) promoted into this column. */
  from?: readonly string[];
  /** Where promoted values are taken from. */
  scope?: "resource" | "record";
  doc: string;
}

const resourceColumns: ColumnDef[] = [
  { name: "service_name", type: "string", otel: "service.name", from: ["service.name"], scope: "resource", doc: "Logical name of the service." },
  { name: "service_namespace", type: "string", otel: "service.namespace", from: ["service.namespace"], scope: "resource", doc: "Namespace of the service." },
  { name: "service_version", type: "string", otel: "service.version", from: ["service.version"], scope: "resource", doc: "Version of the service." },
  { name: "service_instance_id", type: "string", otel: "service.instance.id", from: ["service.instance.id"], scope: "resource", doc: "Instance id of the service." },
  { name: "deployment_environment", type: "string", otel: "deployment.environment", from: ["deployment.environment.name", "deployment.environment"], scope: "resource", doc: "Deployment environment (production, staging…)." },
  { name: "host_name", type: "string", otel: "host.name", from: ["host.name"], scope: "resource", doc: "Host name." },
  { name: "k8s_namespace_name", type: "string", otel: "k8s.namespace.name", from: ["k8s.namespace.name"], scope: "resource", doc: "Kubernetes namespace." },
  { name: "k8s_pod_name", type: "string", otel: "k8s.pod.name", from: ["k8s.pod.name"], scope: "resource", doc: "Kubernetes pod." },
  { name: "k8s_deployment_name", type: "string", otel: "k8s.deployment.name", from: ["k8s.deployment.name"], scope: "resource", doc: "Kubernetes deployment." },
  { name: "cloud_region", type: "string", otel: "cloud.region", from: ["cloud.region"], scope: "resource", doc: "Cloud region." },
  { name: "telemetry_sdk_language", type: "string", otel: "telemetry.sdk.language", from: ["telemetry.sdk.language"], scope: "resource", doc: "Language of the OpenTelemetry SDK." },
];

const scopeColumns: ColumnDef[] = [
  { name: "scope_name", type: "string", otel: "scope.name", doc: "Instrumentation scope name." },
  { name: "scope_version", type: "string", otel: "scope.version", doc: "Instrumentation scope version." },
];

/** Promoted record attributes shared by spans and logs. */
const recordAttributeColumns: ColumnDef[] = [
  { name: "http_request_method", type: "string", otel: "http.request.method", from: ["http.request.method", "http.method"], scope: "record", doc: "HTTP method." },
  { name: "http_response_status_code", type: "int32", otel: "http.response.status_code", from: ["http.response.status_code", "http.status_code"], scope: "record", doc: "HTTP response status code." },
  { name: "http_route", type: "string", otel: "http.route", from: ["http.route"], scope: "record", doc: "Matched route template." },
  { name: "url_full", type: "string", otel: "url.full", from: ["url.full", "http.url"], scope: "record", doc: "Full request URL." },
  { name: "url_path", type: "string", otel: "url.path", from: ["url.path", "http.target"], scope: "record", doc: "URL path." },
  { name: "server_address", type: "string", otel: "server.address", from: ["server.address", "net.peer.name"], scope: "record", doc: "Server host name." },
  { name: "user_agent_original", type: "string", otel: "user_agent.original", from: ["user_agent.original", "http.user_agent"], scope: "record", doc: "User-Agent header." },
  { name: "db_system", type: "string", otel: "db.system", from: ["db.system.name", "db.system"], scope: "record", doc: "Database system." },
  { name: "db_operation_name", type: "string", otel: "db.operation.name", from: ["db.operation.name", "db.operation"], scope: "record", doc: "Database operation." },
  { name: "db_query_text", type: "string", otel: "db.query.text", from: ["db.query.text", "db.statement"], scope: "record", doc: "Database statement." },
  { name: "rpc_system", type: "string", otel: "rpc.system", from: ["rpc.system"], scope: "record", doc: "RPC system." },
  { name: "rpc_service", type: "string", otel: "rpc.service", from: ["rpc.service"], scope: "record", doc: "RPC service." },
  { name: "rpc_method", type: "string", otel: "rpc.method", from: ["rpc.method"], scope: "record", doc: "RPC method." },
  { name: "messaging_system", type: "string", otel: "messaging.system", from: ["messaging.system"], scope: "record", doc: "Messaging system." },
  { name: "error_type", type: "string", otel: "error.type", from: ["error.type"], scope: "record", doc: "Error class." },
  { name: "exception_type", type: "string", otel: "exception.type", from: ["exception.type"], scope: "record", doc: "Exception type (for spans: from the first `exception` event)." },
  { name: "exception_message", type: "string", otel: "exception.message", from: ["exception.message"], scope: "record", doc: "Exception message (for spans: from the first `exception` event)." },
  { name: "user_id", type: "string", otel: "user.id", from: ["user.id", "enduser.id"], scope: "record", doc: "End user id." },
];

const mapColumns: ColumnDef[] = [
  { name: "attributes", type: "map", doc: "Record attributes not promoted to columns. Non-string values are stored as their JSON text." },
  { name: "resource_attributes", type: "map", doc: "Resource attributes not promoted to columns." },
];

export const LOG_COLUMNS: readonly ColumnDef[] = [
  { name: "timestamp", type: "timestamp", doc: "Event time (time_unix_nano, or observed time when absent), µs precision." },
  { name: "observed_timestamp", type: "timestamp", doc: "When the record was observed by the collector/SDK." },
  { name: "severity_number", type: "int32", doc: "OTel severity number (1–24, 0 = unspecified)." },
  { name: "severity_text", type: "string", doc: "Severity text as sent (INFO, ERROR…)." },
  { name: "body", type: "string", doc: "Log body; non-string bodies are stored as JSON." },
  { name: "trace_id", type: "string", doc: "Trace id, 32 lowercase hex chars, or null." },
  { name: "span_id", type: "string", doc: "Span id, 16 lowercase hex chars, or null." },
  { name: "flags", type: "int32", doc: "Trace flags." },
  { name: "event_name", type: "string", doc: "Event name (OTel log event_name)." },
  ...resourceColumns,
  ...scopeColumns,
  ...recordAttributeColumns,
  ...mapColumns,
];

export const SPAN_COLUMNS: readonly ColumnDef[] = [
  { name: "timestamp", type: "timestamp", doc: "Span start time, µs precision." },
  { name: "trace_id", type: "string", doc: "Trace id, 32 lowercase hex chars." },
  { name: "span_id", type: "string", doc: "Span id, 16 lowercase hex chars." },
  { name: "parent_span_id", type: "string", doc: "Parent span id, or null for a root span." },
  { name: "trace_state", type: "string", doc: "W3C trace state." },
  { name: "name", type: "string", doc: "Span name (operation)." },
  { name: "kind", type: "string", doc: "INTERNAL, SERVER, CLIENT, PRODUCER, CONSUMER or UNSPECIFIED." },
  { name: "duration_ns", type: "int64", doc: "End minus start, nanoseconds." },
  { name: "status_code", type: "string", doc: "UNSET, OK or ERROR." },
  { name: "status_message", type: "string", doc: "Status description." },
  { name: "flags", type: "int32", doc: "Trace flags." },
  ...resourceColumns,
  ...scopeColumns,
  ...recordAttributeColumns,
  ...mapColumns,
  { name: "events", type: "string", doc: "Span events as a JSON array: [{time_unix_nano, name, attributes}]." },
  { name: "links", type: "string", doc: "Span links as a JSON array: [{trace_id, span_id, trace_state, attributes}]." },
];

export const METRIC_COLUMNS: readonly ColumnDef[] = [
  { name: "timestamp", type: "timestamp", doc: "Data point time, µs precision." },
  { name: "start_timestamp", type: "timestamp", doc: "Start of the aggregation window (cumulative/delta)." },
  { name: "metric_name", type: "string", doc: "Metric name." },
  { name: "metric_description", type: "string", doc: "Metric description." },
  { name: "metric_unit", type: "string", doc: "Metric unit (UCUM)." },
  { name: "metric_type", type: "string", doc: "gauge, sum, histogram, exponential_histogram or summary." },
  { name: "temporality", type: "string", doc: "delta, cumulative or unspecified (sum and histograms)." },
  { name: "is_monotonic", type: "bool", doc: "For sums: monotonic or not." },
  { name: "value", type: "float64", doc: "Gauge/sum value (ints converted to double)." },
  { name: "count", type: "int64", doc: "Histogram/summary count." },
  { name: "sum", type: "float64", doc: "Histogram/summary sum." },
  { name: "min", type: "float64", doc: "Histogram min." },
  { name: "max", type: "float64", doc: "Histogram max." },
  { name: "bucket_counts", type: "list_int64", doc: "Explicit histogram bucket counts." },
  { name: "explicit_bounds", type: "list_float64", doc: "Explicit histogram bucket upper bounds." },
  { name: "exp_scale", type: "int32", doc: "Exponential histogram scale." },
  { name: "exp_zero_count", type: "int64", doc: "Exponential histogram zero bucket count." },
  { name: "exp_positive_offset", type: "int32", doc: "Exponential histogram positive offset." },
  { name: "exp_positive_bucket_counts", type: "list_int64", doc: "Exponential histogram positive bucket counts." },
  { name: "exp_negative_offset", type: "int32", doc: "Exponential histogram negative offset." },
  { name: "exp_negative_bucket_counts", type: "list_int64", doc: "Exponential histogram negative bucket counts." },
  { name: "quantiles", type: "list_float64", doc: "Summary quantiles (0..1)." },
  { name: "quantile_values", type: "list_float64", doc: "Summary values at `quantiles`." },
  { name: "flags", type: "int32", doc: "Data point flags (1 = no recorded value)." },
  ...resourceColumns,
  ...scopeColumns,
  { name: "attributes", type: "map", doc: "Data point attributes." },
  { name: "resource_attributes", type: "map", doc: "Resource attributes not promoted to columns." },
];

/**
 * Synthetic check results (see docs/synthetics.md): one row per run of a check in one
 * region. Written by the region runners, not by OTLP; uptime and latency percentiles
 * are queries over this table (`checks | summarize countif(ok) * 100.0 / count() by region`).
 */
export const CHECK_COLUMNS: readonly ColumnDef[] = [
  { name: "timestamp", type: "timestamp", doc: "When the run started, µs precision." },
  { name: "scheduled_at", type: "timestamp", doc: "The interval slot the run belongs to (start of the slot)." },
  { name: "run_id", type: "string", doc: "Id of this run (one check × region × slot)." },
  { name: "check_id", type: "string", doc: "Id of the check." },
  { name: "check_name", type: "string", doc: "Name of the check when it ran." },
  { name: "check_type", type: "string", doc: "http, multistep or heartbeat." },
  { name: "region", type: "string", doc: "Region the run was made from (wnam, enam, sam, weur, eeur, apac, oc, afr, me)." },
  { name: "colo", type: "string", doc: "Cloudflare data centre that ran it, when known (production only)." },
  { name: "ok", type: "bool", doc: "True when every assertion passed and no error occurred." },
  { name: "status", type: "string", doc: "ok, failed (an assertion failed) or error (no usable response: timeout, connection, redirect loop)." },
  { name: "error", type: "string", doc: "What went wrong, for failed and error runs." },
  { name: "duration_ms", type: "float64", doc: "Total time of the run (all steps, all redirects), ms." },
  { name: "ttfb_ms", type: "float64", doc: "Time to the first response's headers (last step), ms." },
  { name: "http_status_code", type: "int32", otel: "http.response.status_code", doc: "Status of the final response (last step)." },
  { name: "http_request_method", type: "string", otel: "http.request.method", doc: "Method of the last step." },
  { name: "url_full", type: "string", otel: "url.full", doc: "URL of the last step after redirects (secrets redacted)." },
  { name: "redirects", type: "int32", doc: "Redirects followed (all steps)." },
  { name: "assertions_total", type: "int32", doc: "Assertions evaluated." },
  { name: "assertions_failed", type: "int32", doc: "Assertions that failed." },
  { name: "assertions", type: "string", doc: "Each assertion's outcome as a JSON array: [{step, type, target, operator, expected, actual, pass}]." },
  { name: "steps", type: "string", doc: "Each step as a JSON array: [{name, method, url, status, duration_ms, error, response_excerpt}] (secrets redacted)." },
  { name: "response_excerpt", type: "string", doc: "Start of the last response body (≤ 1 KB, secrets redacted)." },
  { name: "ssl_days_remaining", type: "float64", doc: "Days until the server certificate expires (HTTPS targets; null when unknown)." },
  { name: "ssl_not_after", type: "timestamp", doc: "Expiry of the server certificate." },
  { name: "ssl_subject", type: "string", doc: "Subject of the server certificate." },
  { name: "ssl_error", type: "string", doc: "Why the certificate could not be read, when it could not." },
  { name: "attributes", type: "map", doc: "The check's tags." },
];

/**
 * Real-user monitoring events from the browser SDK (POST /rum), one row per event:
 * views, vitals, errors, requests, actions, long tasks, resource summaries. Location
 * comes from the edge (`request.cf`), browser/OS/device from the User-Agent.
 */
export const RUM_COLUMNS: readonly ColumnDef[] = [
  { name: "timestamp", type: "timestamp", doc: "Event time in the browser, µs precision." },
  { name: "type", type: "string", doc: "view, vital, error, request, action, long_task or resource." },
  { name: "name", type: "string", doc: "Vital name (LCP, INP, CLS, FCP, TTFB), view trigger (load, pushState…), error source, request method, action kind." },
  { name: "value", type: "float64", doc: "Vital value (ms; CLS unitless), long task or request duration (ms), resource count." },
  { name: "rating", type: "string", doc: "Vital rating: good, needs-improvement or poor." },
  { name: "target", type: "string", doc: "Readable name of the element: clicked, or the vital's attribution target." },
  { name: "session_id", type: "string", doc: "Session id (32 hex chars)." },
  { name: "view_id", type: "string", doc: "Page view id (16 hex chars)." },
  { name: "page", type: "string", doc: "Path with id-like segments grouped (/product/:id)." },
  { name: "url", type: "string", doc: "Page URL, credential-like query values redacted." },
  { name: "service_name", type: "string", otel: "service.name", doc: "The web app (data-service)." },
  { name: "service_version", type: "string", otel: "service.version", doc: "Version of the web app." },
  { name: "deployment_environment", type: "string", otel: "deployment.environment", doc: "Deployment environment." },
  { name: "user_id", type: "string", otel: "user.id", doc: "End user id (setUser)." },
  { name: "error_type", type: "string", otel: "error.type", doc: "Error class (TypeError, UnhandledRejection…)." },
  { name: "error_message", type: "string", doc: "Error message." },
  { name: "error_frames", type: "string", doc: "Parsed stack frames as a JSON array: [{fn, file, line, col}]." },
  { name: "error_top_frame", type: "string", doc: "First frame, `fn (file:line:col)`: errors group by message and this." },
  { name: "http_request_method", type: "string", otel: "http.request.method", doc: "Request method (fetch/XHR)." },
  { name: "http_response_status_code", type: "int32", otel: "http.response.status_code", doc: "Response status; 0 when the request failed." },
  { name: "url_full", type: "string", otel: "url.full", doc: "Request URL, credential-like query values redacted." },
  { name: "trace_id", type: "string", doc: "Trace id sent in `traceparent` (links to the backend trace)." },
  { name: "span_id", type: "string", doc: "Span id sent in `traceparent` (the parent of the backend's server span)." },
  { name: "browser_name", type: "string", doc: "Browser (from the User-Agent)." },
  { name: "browser_version", type: "string", doc: "Browser version." },
  { name: "os_name", type: "string", doc: "Operating system." },
  { name: "os_version", type: "string", doc: "Operating system version." },
  { name: "device_type", type: "string", doc: "desktop, mobile, tablet, tv or bot." },
  { name: "geo_country", type: "string", doc: "ISO country code (request.cf.country)." },
  { name: "geo_region", type: "string", doc: "Region / state (request.cf.region)." },
  { name: "geo_colo", type: "string", doc: "Cloudflare data center that received the beacon (request.cf.colo)." },
  { name: "attributes", type: "map", doc: "Event attributes (resource summary by type, navigation type…), user fields and context." },
];

export const TABLES: Readonly<Record<Signal, readonly ColumnDef[]>> = {
  logs: LOG_COLUMNS,
  spans: SPAN_COLUMNS,
  metrics: METRIC_COLUMNS,
  checks: CHECK_COLUMNS,
  rum: RUM_COLUMNS,
};

/** Resource attribute key → column, for the decoders. */
export function promotedAttributes(signal: Signal, scope: "resource" | "record"): Map<string, ColumnDef> {
  const map = new Map<string, ColumnDef>();
  for (const col of TABLES[signal]) {
    if (col.scope !== scope || !col.from) continue;
    for (const key of col.from) map.set(key, col);
  }
  return map;
}
