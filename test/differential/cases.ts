/**
 * The differential cases: a query in our pipeline language and the SQL a person would
 * write for it by hand, from docs/query-language.md and docs/schema.md — never the
 * compiler's output. The SQL reads the views `logs`, `spans` and `metrics` (the mirrored
 * Parquet files restricted to the query's time range, see the test file) and the macros
 * in SQL_MACROS.
 *
 * Output column names are part of the comparison, so each SQL names its columns the way
 * the docs say the query names them (`count_`, `service_name`, `p95_duration`…).
 * Timespans are numbers of nanoseconds; datetimes are TIMESTAMPs.
 */
import type { VarValue } from "../../wasm-query/language/index";
import { GAP_MID_MS } from "./dataset";

export interface Case {
  query: string;
  sql: string;
  vars?: Record<string, VarValue>;
  /** The query sorts (tie-free): compare the order too. */
  ordered?: boolean;
  /** `take N` without a sort: any N rows of the SQL's answer. */
  anyOf?: number;
}

/** A case, or one built when it runs (cases that depend on the clock). */
export type CaseSource = Case | { query: string; build: () => Case };

/**
 * Hand-written helpers for the SQL side. Terms are maximal runs of letters and digits
 * (the docs' definition for has/hasprefix/hassuffix), so these split the text into its
 * terms instead of matching a regex around the term.
 */
export const SQL_MACROS = String.raw`
CREATE MACRO terms(s) AS regexp_split_to_array(s, '[^\p{L}\p{N}]+');
CREATE MACRO has_term(s, t) AS list_contains(terms(lower(s)), lower(t));
CREATE MACRO has_term_cs(s, t) AS list_contains(terms(s), t);
CREATE MACRO has_prefix(s, t) AS len(list_filter(terms(lower(s)), lambda x: starts_with(x, lower(t)))) > 0;
CREATE MACRO has_prefix_cs(s, t) AS len(list_filter(terms(s), lambda x: starts_with(x, t))) > 0;
CREATE MACRO has_suffix(s, t) AS len(list_filter(terms(lower(s)), lambda x: ends_with(x, lower(t)))) > 0;
CREATE MACRO has_suffix_cs(s, t) AS len(list_filter(terms(s), lambda x: ends_with(x, t))) > 0;
CREATE MACRO icontains(s, t) AS strpos(lower(s), lower(t)) > 0;
CREATE MACRO map_text_has(m, t) AS len(list_filter(map_keys(m) || map_values(m), lambda x: strpos(lower(x), lower(t)) > 0)) > 0;
CREATE MACRO tbin(ts, us) AS make_timestamp((epoch_us(ts) // us) * us);
`;

/** Text columns of each table (docs/schema.md: the BYTE_ARRAY (UTF8) rows). */
const TEXT = {
  logs: "severity_text body trace_id span_id event_name service_name service_namespace service_version service_instance_id deployment_environment host_name k8s_namespace_name k8s_pod_name k8s_deployment_name cloud_region telemetry_sdk_language scope_name scope_version http_request_method http_route url_full url_path server_address user_agent_original db_system db_operation_name db_query_text rpc_system rpc_service rpc_method messaging_system error_type exception_type exception_message user_id",
  spans: "trace_id span_id parent_span_id trace_state name kind status_code status_message service_name service_namespace service_version service_instance_id deployment_environment host_name k8s_namespace_name k8s_pod_name k8s_deployment_name cloud_region telemetry_sdk_language scope_name scope_version http_request_method http_route url_full url_path server_address user_agent_original db_system db_operation_name db_query_text rpc_system rpc_service rpc_method messaging_system error_type exception_type exception_message user_id events links",
  metrics: "metric_name metric_description metric_unit metric_type temporality service_name service_namespace service_version service_instance_id deployment_environment host_name k8s_namespace_name k8s_pod_name k8s_deployment_name cloud_region telemetry_sdk_language scope_name scope_version",
};

/** `search "text"`: a case-insensitive substring of any text column or of the maps' keys and values. */
function searched(columns: string[], maps: string[], text: string): string {
  const terms = [...columns.map((c) => `coalesce(icontains(${c}, '${text}'), false)`), ...maps.map((m) => `coalesce(map_text_has(${m}, '${text}'), false)`)];
  return `(${terms.join(" OR ")})`;
}
const searchAll = (table: keyof typeof TEXT, text: string) => searched(TEXT[table].split(" "), ["attributes", "resource_attributes"], text);

const sources: Case[] = [
  // ---- sources, the time range, default source
  { query: "logs", sql: "SELECT * FROM logs" },
  { query: "spans", sql: "SELECT * FROM spans" },
  { query: "metrics", sql: "SELECT * FROM metrics" },
  { query: "traces | count", sql: `SELECT count(*) AS "Count" FROM spans` },
  { query: "telemetry.metrics | count", sql: `SELECT count(*) AS "Count" FROM metrics` },
  { query: "logs | count", sql: `SELECT count(*) AS "Count" FROM logs` },
  { query: `logs | where timestamp < datetime("2026-01-01 00:00:00.5")`, sql: "SELECT * FROM logs WHERE timestamp < TIMESTAMP '2026-01-01 00:00:00.5'" },
  { query: `logs | where body contains "outside the range" | count`, sql: `SELECT count(*) AS "Count" FROM logs WHERE icontains(body, 'outside the range')` },
  { query: "logs | summarize min(timestamp), max(timestamp), count()", sql: `SELECT min(timestamp) AS min_timestamp, max(timestamp) AS max_timestamp, count(*) AS count_ FROM logs` },
  { query: "spans | summarize min(timestamp), max(timestamp)", sql: `SELECT min(timestamp) AS min_timestamp, max(timestamp) AS max_timestamp FROM spans` },
  { query: "metrics | summarize min(timestamp), max(timestamp), count()", sql: `SELECT min(timestamp) AS min_timestamp, max(timestamp) AS max_timestamp, count(*) AS count_ FROM metrics` },
  { query: `service.name == "checkout" and http.response.status_code >= 500`, sql: "SELECT * FROM logs WHERE service_name = 'checkout' AND http_response_status_code >= 500" },
  // bin_auto over one hour: 30 s buckets.
  { query: "| summarize count() by bin_auto(timestamp)", sql: `SELECT tbin(timestamp, 30000000) AS "timestamp", count(*) AS count_ FROM logs GROUP BY 1` },
  { query: `spans kind == "SERVER" | take 5`, sql: "SELECT * FROM spans WHERE kind = 'SERVER'", anyOf: 5 },
];

const comparisons: Case[] = [
  { query: "logs | where http.response.status_code == 404", sql: "SELECT * FROM logs WHERE http_response_status_code = 404" },
  { query: "logs | where http.response.status_code != 200", sql: "SELECT * FROM logs WHERE http_response_status_code <> 200" },
  { query: `logs | where service.name <> "checkout"`, sql: "SELECT * FROM logs WHERE service_name <> 'checkout'" },
  { query: "logs | where http.response.status_code < 300", sql: "SELECT * FROM logs WHERE http_response_status_code < 300" },
  { query: "logs | where http.response.status_code <= 204", sql: "SELECT * FROM logs WHERE http_response_status_code <= 204" },
  { query: "logs | where http.response.status_code > 429", sql: "SELECT * FROM logs WHERE http_response_status_code > 429" },
  { query: `spans | where http.response.status_code >= 400 and kind == "SERVER"`, sql: "SELECT * FROM spans WHERE http_response_status_code >= 400 AND kind = 'SERVER'" },
  { query: `logs | where service.name > "healthcheck" | summarize count() by service.name`, sql: "SELECT service_name, count(*) AS count_ FROM logs WHERE service_name > 'healthcheck' GROUP BY 1" },
  {
    query: `logs | where timestamp >= datetime("2026-01-01 00:30") and timestamp < datetime(2026-01-01T00:45:00Z)`,
    sql: "SELECT * FROM logs WHERE timestamp >= TIMESTAMP '2026-01-01 00:30:00' AND timestamp < TIMESTAMP '2026-01-01 00:45:00'",
  },
  { query: `logs | where timestamp > "2026-01-01T00:55:00Z"`, sql: "SELECT * FROM logs WHERE timestamp > TIMESTAMP '2026-01-01 00:55:00'" },
  // Ordering comparisons of severity compare severity_number (TRACE 1, DEBUG 5, INFO 9, WARN 13, ERROR 17, FATAL 21).
  { query: `logs | where severity >= "WARN"`, sql: "SELECT * FROM logs WHERE severity_number >= 13" },
  { query: `logs | where level < "INFO"`, sql: "SELECT * FROM logs WHERE severity_number < 9" },
  { query: `logs | where severity > "INFO" and severity <= "ERROR"`, sql: "SELECT * FROM logs WHERE severity_number > 9 AND severity_number <= 17" },
  { query: `logs | where severity == "ERROR"`, sql: "SELECT * FROM logs WHERE severity_text = 'ERROR'" },
  { query: `logs | where severity_text == "Information" | count`, sql: `SELECT count(*) AS "Count" FROM logs WHERE severity_text = 'Information'` },
  {
    query: `logs | where severity >= "WARN" and severity < "FATAL" | summarize count() by severity_text`,
    sql: "SELECT severity_text, count(*) AS count_ FROM logs WHERE severity_number >= 13 AND severity_number < 21 GROUP BY 1",
  },
  { query: `logs | where level != "INFO" | summarize count() by level`, sql: "SELECT severity_text AS level, count(*) AS count_ FROM logs WHERE severity_text <> 'INFO' GROUP BY 1" },
  { query: "spans | where duration > 1500ms", sql: "SELECT * FROM spans WHERE duration_ns > 1500000000" },
  { query: "spans | where duration > 1500000000", sql: "SELECT * FROM spans WHERE duration_ns > 1500000000" },
  { query: "spans | where duration <= 2ms | project span_id, duration", sql: "SELECT span_id, duration_ns AS duration FROM spans WHERE duration_ns <= 2000000" },
  { query: "logs | where http.status_code == 503", sql: "SELECT * FROM logs WHERE http_response_status_code = 503" },
  // A map value compared with a number or a bool is read as one; text that does not convert is null.
  { query: "logs | where attributes.retries > 3", sql: "SELECT * FROM logs WHERE TRY_CAST(attributes['retries'] AS DOUBLE) > 3" },
  { query: "logs | where attributes.cached == true", sql: "SELECT * FROM logs WHERE TRY_CAST(attributes['cached'] AS BOOLEAN) = true" },
  { query: "logs | where attributes.ratio >= 0.5", sql: "SELECT * FROM logs WHERE TRY_CAST(attributes['ratio'] AS DOUBLE) >= 0.5" },
  { query: "logs | where attributes.retries == null", sql: "SELECT * FROM logs WHERE attributes['retries'] IS NULL" },
  { query: "logs | where http.route != null | count", sql: `SELECT count(*) AS "Count" FROM logs WHERE http_route IS NOT NULL` },
  { query: `metrics | where value > 400.5 and metric_name == "queue.depth"`, sql: "SELECT * FROM metrics WHERE value > 400.5 AND metric_name = 'queue.depth'" },
  { query: "metrics | where is_monotonic == false", sql: "SELECT * FROM metrics WHERE is_monotonic = false" },
  { query: `logs | where not(service.name == "checkout") | count`, sql: `SELECT count(*) AS "Count" FROM logs WHERE NOT (service_name = 'checkout')` },
  {
    query: `logs | where (service.name == "payments" or service.name == "frontend") and not(body has "health")`,
    sql: "SELECT * FROM logs WHERE (service_name = 'payments' OR service_name = 'frontend') AND NOT has_term(body, 'health')",
  },
  {
    query: `logs | where service.name == "payments" AND http.response.status_code >= 400 OR service.name == "inventory"`,
    sql: "SELECT * FROM logs WHERE (service_name = 'payments' AND http_response_status_code >= 400) OR service_name = 'inventory'",
  },
  {
    query: `logs | where service.name == "checkout" | where http.response.status_code >= 400 | where attributes.tenant.id == "t-2"`,
    sql: "SELECT * FROM logs WHERE service_name = 'checkout' AND http_response_status_code >= 400 AND attributes['tenant.id'] = 't-2'",
  },
  { query: "logs | filter severity_number == 21", sql: "SELECT * FROM logs WHERE severity_number = 21" },
];

const textOps: Case[] = [
  { query: `logs | where body contains "TIMEOUT"`, sql: "SELECT * FROM logs WHERE icontains(body, 'TIMEOUT')" },
  { query: `logs | where body contains_cs "Timeout"`, sql: "SELECT * FROM logs WHERE strpos(body, 'Timeout') > 0" },
  { query: `logs | where body !contains "user"`, sql: "SELECT * FROM logs WHERE NOT coalesce(icontains(body, 'user'), false)" },
  { query: `logs | where body !contains_cs "User"`, sql: "SELECT * FROM logs WHERE NOT coalesce(strpos(body, 'User') > 0, false)" },
  { query: `logs | where body has "error"`, sql: "SELECT * FROM logs WHERE has_term(body, 'error')" },
  { query: `logs | where body has "errorcode"`, sql: "SELECT * FROM logs WHERE has_term(body, 'errorcode')" },
  { query: `logs | where body has_cs "Timeout"`, sql: "SELECT * FROM logs WHERE has_term_cs(body, 'Timeout')" },
  { query: `logs | where body !has "user"`, sql: "SELECT * FROM logs WHERE NOT coalesce(has_term(body, 'user'), false)" },
  { query: `logs | where body !has_cs "User"`, sql: "SELECT * FROM logs WHERE NOT coalesce(has_term_cs(body, 'User'), false)" },
  { query: `logs | where body hasprefix "time"`, sql: "SELECT * FROM logs WHERE has_prefix(body, 'time')" },
  { query: `logs | where body hasprefix_cs "Time"`, sql: "SELECT * FROM logs WHERE has_prefix_cs(body, 'Time')" },
  { query: `logs | where body hassuffix "OUT"`, sql: "SELECT * FROM logs WHERE has_suffix(body, 'out')" },
  { query: `logs | where body hassuffix_cs "lined"`, sql: "SELECT * FROM logs WHERE has_suffix_cs(body, 'lined')" },
  { query: `logs | where body !hasprefix "user"`, sql: "SELECT * FROM logs WHERE NOT coalesce(has_prefix(body, 'user'), false)" },
  { query: `logs | where body !hassuffix "ms"`, sql: "SELECT * FROM logs WHERE NOT coalesce(has_suffix(body, 'ms'), false)" },
  { query: `logs | where body startswith "user"`, sql: "SELECT * FROM logs WHERE starts_with(lower(body), 'user')" },
  { query: `logs | where body startswith_cs "User"`, sql: "SELECT * FROM logs WHERE starts_with(body, 'User')" },
  { query: `logs | where body endswith "MS"`, sql: "SELECT * FROM logs WHERE ends_with(lower(body), 'ms')" },
  { query: `logs | where body endswith_cs "ok"`, sql: "SELECT * FROM logs WHERE ends_with(body, 'ok')" },
  { query: `logs | where body !startswith "user"`, sql: "SELECT * FROM logs WHERE NOT coalesce(starts_with(lower(body), 'user'), false)" },
  { query: `logs | where body !startswith_cs "user"`, sql: "SELECT * FROM logs WHERE NOT coalesce(starts_with(body, 'user'), false)" },
  { query: `logs | where body !endswith "MS"`, sql: "SELECT * FROM logs WHERE NOT coalesce(ends_with(lower(body), 'ms'), false)" },
  { query: `logs | where body !endswith_cs "ms"`, sql: "SELECT * FROM logs WHERE NOT coalesce(ends_with(body, 'ms'), false)" },
  { query: `logs | where body =~ "HEALTH CHECK OK"`, sql: "SELECT * FROM logs WHERE lower(body) = 'health check ok'" },
  { query: `logs | where service.name !~ "CHECKOUT" | count`, sql: `SELECT count(*) AS "Count" FROM logs WHERE lower(service_name) <> 'checkout'` },
  { query: `logs | where body matches regex "^GET /users/[0-9]+ took"`, sql: "SELECT * FROM logs WHERE regexp_matches(body, '^GET /users/[0-9]+ took')" },
  { query: `logs | where body matches regex "(?i)^error:"`, sql: "SELECT * FROM logs WHERE regexp_matches(body, '^error:', 'i')" },
  { query: `logs | where body matches regex "^[a-z]"`, sql: "SELECT * FROM logs WHERE regexp_matches(body, '^[a-z]', 'c')" },
  { query: `logs | where body !matches regex "[0-9]"`, sql: "SELECT * FROM logs WHERE NOT coalesce(regexp_matches(body, '[0-9]'), false)" },
  // Monoscope's `matches /re/` and `=~ /re/` ignore case.
  { query: "logs | where body matches /zürich/", sql: "SELECT * FROM logs WHERE regexp_matches(body, 'zürich', 'i')" },
  { query: `logs | where body =~ /^error:/ or service.name =~ "search-api"`, sql: "SELECT * FROM logs WHERE regexp_matches(body, '^error:', 'i') OR lower(service_name) = 'search-api'" },
  { query: "logs | where body !~ /user=[a-z]+/", sql: "SELECT * FROM logs WHERE NOT coalesce(regexp_matches(body, 'user=[a-z]+', 'i'), false)" },
  { query: `logs | where url.path startswith "/api/" and url.path !endswith ".json"`, sql: "SELECT * FROM logs WHERE starts_with(lower(url_path), '/api/') AND NOT coalesce(ends_with(lower(url_path), '.json'), false)" },
  { query: `spans | where name matches regex "^GET /users/[0-9]+$"`, sql: "SELECT * FROM spans WHERE regexp_matches(name, '^GET /users/[0-9]+$')" },
  // Unicode: case folding beyond ASCII, and terms made of non-Latin letters.
  { query: `logs | where body contains "ZÜRICH"`, sql: "SELECT * FROM logs WHERE strpos(lower(body), 'zürich') > 0" },
  { query: `logs | where body contains_cs "zürich" | count`, sql: `SELECT count(*) AS "Count" FROM logs WHERE strpos(body, 'zürich') > 0` },
  { query: `logs | where body has "東京"`, sql: "SELECT * FROM logs WHERE has_term(body, '東京')" },
  { query: `logs | where body has "café"`, sql: "SELECT * FROM logs WHERE has_term(body, 'café')" },
  { query: `logs | where service.name has "café" | count`, sql: `SELECT count(*) AS "Count" FROM logs WHERE has_term(service_name, 'café')` },
  { query: `logs | where service.name =~ "CAFÉ-ω" | count`, sql: `SELECT count(*) AS "Count" FROM logs WHERE service_name = 'café-Ω'` },
  // Negated text operators are true for null fields.
  { query: `logs | where http.route !contains "api"`, sql: "SELECT * FROM logs WHERE http_route IS NULL OR strpos(lower(http_route), 'api') = 0" },
  { query: `logs | where http.route !has "cart"`, sql: "SELECT * FROM logs WHERE http_route IS NULL OR NOT has_term(http_route, 'cart')" },
  { query: `logs | where user.id !startswith "u-"`, sql: "SELECT * FROM logs WHERE user_id IS NULL OR NOT starts_with(lower(user_id), 'u-')" },
  { query: `logs | where body contains "user=" and body !contains "émile"`, sql: "SELECT * FROM logs WHERE icontains(body, 'user=') AND NOT icontains(body, 'émile')" },
  { query: `spans | where status_message contains "zürich"`, sql: "SELECT * FROM spans WHERE icontains(status_message, 'zürich')" },
  { query: `logs | where message has "refused"`, sql: "SELECT * FROM logs WHERE has_term(body, 'refused')" },
  { query: `spans | where span_name hasprefix "grpc" | summarize count() by span_name`, sql: "SELECT name AS span_name, count(*) AS count_ FROM spans WHERE has_prefix(name, 'grpc') GROUP BY 1" },
];

const lists: Case[] = [
  { query: `logs | where service.name in ("api", "web", "checkout", "payments")`, sql: "SELECT * FROM logs WHERE service_name IN ('api', 'web', 'checkout', 'payments')" },
  { query: `logs | where severity_text !in ("DEBUG", "TRACE")`, sql: "SELECT * FROM logs WHERE severity_text IS NULL OR severity_text NOT IN ('DEBUG', 'TRACE')" },
  { query: `logs | where service.name in~ ("CHECKOUT", "search-api")`, sql: "SELECT * FROM logs WHERE lower(service_name) IN ('checkout', 'search-api')" },
  { query: `logs | where service.name !in~ ("CHECKOUT", "search-api", "CAFÉ-ω")`, sql: "SELECT * FROM logs WHERE lower(service_name) NOT IN ('checkout', 'search-api', 'café-ω')" },
  { query: "logs | where http.response.status_code in (500, 502, 503)", sql: "SELECT * FROM logs WHERE http_response_status_code IN (500, 502, 503)" },
  { query: "logs | where http.response.status_code !in (200, 201, 204)", sql: "SELECT * FROM logs WHERE http_response_status_code IS NULL OR http_response_status_code NOT IN (200, 201, 204)" },
  { query: `logs | where body has_any ("timeout", "refused")`, sql: "SELECT * FROM logs WHERE has_term(body, 'timeout') OR has_term(body, 'refused')" },
  { query: `logs | where body has_all ["user", "login"]`, sql: "SELECT * FROM logs WHERE has_term(body, 'user') AND has_term(body, 'login')" },
  { query: `logs | where body has_any ("zürich", "東京", "nope")`, sql: "SELECT * FROM logs WHERE has_term(body, 'zürich') OR has_term(body, '東京')" },
  { query: `logs | where body has_all ("user", "for", "password")`, sql: "SELECT * FROM logs WHERE has_term(body, 'user') AND has_term(body, 'for') AND has_term(body, 'password')" },
  { query: `logs | where attributes.tenant.id in ("t-1", "t-2")`, sql: "SELECT * FROM logs WHERE attributes['tenant.id'] IN ('t-1', 't-2')" },
  { query: "logs | where attributes.retries in (1, 2)", sql: "SELECT * FROM logs WHERE TRY_CAST(attributes['retries'] AS DOUBLE) IN (1, 2)" },
  { query: `spans | where kind in ["CLIENT", "PRODUCER"]`, sql: "SELECT * FROM spans WHERE kind IN ('CLIENT', 'PRODUCER')" },
  { query: `spans | where name in~ ("get /api/cart/:id", "SELECT CARTS")`, sql: "SELECT * FROM spans WHERE lower(name) IN ('get /api/cart/:id', 'select carts')" },
  { query: `logs | where http.request.method !in~ ("get", "post")`, sql: "SELECT * FROM logs WHERE http_request_method IS NULL OR lower(http_request_method) NOT IN ('get', 'post')" },
];

const ranges: Case[] = [
  { query: "spans | where duration between (100ms .. 1s)", sql: "SELECT * FROM spans WHERE duration_ns >= 100000000 AND duration_ns <= 1000000000" },
  {
    query: `logs | where timestamp !between (datetime("2026-01-01 00:10") .. datetime("2026-01-01 00:20"))`,
    sql: "SELECT * FROM logs WHERE timestamp < TIMESTAMP '2026-01-01 00:10:00' OR timestamp > TIMESTAMP '2026-01-01 00:20:00'",
  },
  { query: "logs | where http.response.status_code between (400 .. 499)", sql: "SELECT * FROM logs WHERE http_response_status_code >= 400 AND http_response_status_code <= 499" },
  { query: "logs | where attributes.ratio between (0.25 .. 0.5)", sql: "SELECT * FROM logs WHERE TRY_CAST(attributes['ratio'] AS DOUBLE) BETWEEN 0.25 AND 0.5" },
  { query: `metrics | where value !between (10 .. 100) and metric_name == "queue.depth"`, sql: "SELECT * FROM metrics WHERE (value < 10 OR value > 100) AND metric_name = 'queue.depth'" },
  {
    query: "spans | where timestamp between (datetime(2026-01-01 00:10) .. datetime(2026-01-01 00:10:30))",
    sql: "SELECT * FROM spans WHERE timestamp >= TIMESTAMP '2026-01-01 00:10:00' AND timestamp <= TIMESTAMP '2026-01-01 00:10:30'",
  },
  { query: `logs | where timestamp between (datetime(2026-01-01 00:05) .. datetime("2026-01-01 00:06")) | count`, sql: `SELECT count(*) AS "Count" FROM logs WHERE timestamp BETWEEN TIMESTAMP '2026-01-01 00:05:00' AND TIMESTAMP '2026-01-01 00:06:00'` },
];

const nulls: Case[] = [
  { query: "logs | where isnull(http.route)", sql: "SELECT * FROM logs WHERE http_route IS NULL" },
  { query: "logs | where isnotnull(attributes.retries)", sql: "SELECT * FROM logs WHERE attributes['retries'] IS NOT NULL" },
  { query: "logs | where isempty(user.id)", sql: "SELECT * FROM logs WHERE user_id IS NULL OR user_id = ''" },
  { query: "logs | where isnotempty(user.id) | summarize count() by user.id", sql: "SELECT user_id, count(*) AS count_ FROM logs WHERE user_id <> '' GROUP BY 1" },
  { query: "logs | where isempty(body)", sql: "SELECT * FROM logs WHERE body IS NULL OR body = ''" },
  { query: "logs | where isempty(attributes) | count", sql: `SELECT count(*) AS "Count" FROM logs WHERE cardinality(attributes) = 0` },
  { query: "logs | where isnotempty(resource_attributes) | summarize count() by service.name", sql: "SELECT service_name, count(*) AS count_ FROM logs WHERE cardinality(resource_attributes) > 0 GROUP BY 1" },
  { query: "spans | where isnull(parent_id)", sql: "SELECT * FROM spans WHERE parent_span_id IS NULL" },
  { query: "logs | where isnotnull(context.trace_id) | summarize count() by service.name", sql: "SELECT service_name, count(*) AS count_ FROM logs WHERE trace_id IS NOT NULL GROUP BY 1" },
  {
    query: "spans | where isnotempty(exception_type) | project span_id, exception_type, exception_message",
    sql: "SELECT span_id, exception_type, exception_message FROM spans WHERE exception_type <> ''",
  },
  { query: "metrics | where isnotempty(bucket_counts) | count", sql: `SELECT count(*) AS "Count" FROM metrics WHERE len(bucket_counts) > 0` },
  { query: "logs | where isnull(trace_id) or isnotnull(span_id) | count", sql: `SELECT count(*) AS "Count" FROM logs WHERE trace_id IS NULL OR span_id IS NOT NULL` },
];

const aggregations: Case[] = [
  { query: "logs | summarize count() by service.name, severity_text", sql: "SELECT service_name, severity_text, count(*) AS count_ FROM logs GROUP BY ALL" },
  { query: "logs | summarize by service.name", sql: "SELECT DISTINCT service_name FROM logs" },
  { query: "logs | summarize count()", sql: "SELECT count(*) AS count_ FROM logs" },
  {
    query: `spans | summarize count(), errors = countif(status_code == "ERROR"), users = dcount(user.id, 2) by service.name`,
    sql: "SELECT service_name, count(*) AS count_, count(*) FILTER (WHERE status_code = 'ERROR') AS errors, count(DISTINCT user_id) AS users FROM spans GROUP BY 1",
  },
  {
    query: `spans | summarize dcountif(trace_id, status_code == "ERROR"), sumif(duration, kind == "SERVER"), avgif(duration, kind == "CLIENT")`,
    sql: `SELECT count(DISTINCT CASE WHEN status_code = 'ERROR' THEN trace_id END) AS dcountif_trace_id,
                 sum(CASE WHEN kind = 'SERVER' THEN duration_ns END) AS sumif_duration,
                 avg(CASE WHEN kind = 'CLIENT' THEN duration_ns END) AS avgif_duration FROM spans`,
  },
  {
    query: "spans | summarize total = sum(duration), mean = avg(duration), fastest = min(duration), slowest = max(duration)",
    sql: "SELECT sum(duration_ns) AS total, avg(duration_ns) AS mean, min(duration_ns) AS fastest, max(duration_ns) AS slowest FROM spans",
  },
  {
    query: "spans | summarize median(duration), stdev(duration), variance(duration), range(timestamp)",
    sql: `SELECT quantile_cont(duration_ns, 0.5) AS median_duration, stddev_samp(duration_ns) AS stdev_duration, var_samp(duration_ns) AS variance_duration,
                 epoch_ns(max(timestamp)) - epoch_ns(min(timestamp)) AS range_timestamp FROM spans`,
  },
  {
    query: "spans | summarize p50(duration), p90(duration), p99(duration), percentile(duration, 99.9)",
    sql: `SELECT quantile_cont(duration_ns, 0.5) AS p50_duration, quantile_cont(duration_ns, 0.9) AS p90_duration, quantile_cont(duration_ns, 0.99) AS p99_duration,
                 quantile_cont(duration_ns, 0.999) AS percentile_duration_99_9 FROM spans`,
  },
  {
    query: "spans | summarize percentiles(duration, 50, 95, 99) by service.name",
    sql: `SELECT service_name, quantile_cont(duration_ns, 0.5) AS percentile_duration_50, quantile_cont(duration_ns, 0.95) AS percentile_duration_95,
                 quantile_cont(duration_ns, 0.99) AS percentile_duration_99 FROM spans GROUP BY 1`,
  },
  {
    query: "logs | summarize per_second = rate() by bin(timestamp, 1m), service.name",
    sql: `SELECT tbin(timestamp, 60000000) AS "timestamp", service_name, count(*) / 60.0 AS per_second FROM logs GROUP BY 1, 2`,
  },
  {
    query: `metrics | where metric_name == "http.server.requests" | summarize rate(value) by bin_auto(timestamp)`,
    sql: `SELECT tbin(timestamp, 30000000) AS "timestamp", sum(value) / 30.0 AS rate_value FROM metrics WHERE metric_name = 'http.server.requests' GROUP BY 1`,
  },
  { query: "logs | summarize rate()", sql: "SELECT count(*) / 3600.0 AS rate_ FROM logs" },
  { query: `metrics | where metric_name == "http.server.requests" | summarize rate(value)`, sql: "SELECT sum(value) / 3600.0 AS rate_value FROM metrics WHERE metric_name = 'http.server.requests'" },
  {
    query: `spans | summarize error_pct = round(100.0 * countif(status_code == "ERROR") / count(), 2) by service.name`,
    sql: "SELECT service_name, round(100.0 * count(*) FILTER (WHERE status_code = 'ERROR') / count(*), 2) AS error_pct FROM spans GROUP BY 1",
  },
  {
    query: "spans | summarize count(user.id), sum(http.response.status_code), avg(duration), p95(duration), dcount(resource.service.name)",
    sql: `SELECT count(user_id) AS count_user_id, sum(http_response_status_code) AS sum_http_response_status_code, avg(duration_ns) AS avg_duration,
                 quantile_cont(duration_ns, 0.95) AS p95_duration, count(DISTINCT service_name) AS dcount_resource_service_name FROM spans`,
  },
  { query: "logs | summarize total.count = count() by service", sql: "SELECT service_name AS service, count(*) AS total_count FROM logs GROUP BY 1" },
  { query: "spans | summarize min(name), max(service.name), min(http.route)", sql: "SELECT min(name) AS min_name, max(service_name) AS max_service_name, min(http_route) AS min_http_route FROM spans" },
  {
    query: "metrics | summarize avg(value), min(value), max(value), stdev(value) by metric_name",
    sql: "SELECT metric_name, avg(value) AS avg_value, min(value) AS min_value, max(value) AS max_value, stddev_samp(value) AS stdev_value FROM metrics GROUP BY 1",
  },
  {
    query: `metrics | where metric_type == "histogram" | summarize sum(count), sum(sum), min(min), max(max) by service.name`,
    sql: `SELECT service_name, sum("count") AS sum_count, sum("sum") AS sum_sum, min("min") AS min_min, max("max") AS max_max FROM metrics WHERE metric_type = 'histogram' GROUP BY 1`,
  },
  {
    query: "logs | summarize dcount(attributes.tenant.id), dcount(trace_id) by severity_text",
    sql: "SELECT severity_text, count(DISTINCT attributes['tenant.id']) AS dcount_attributes_tenant_id, count(DISTINCT trace_id) AS dcount_trace_id FROM logs GROUP BY 1",
  },
  {
    query: "spans | summarize slow = countif(duration > 100ms), with_user = countif(isnotnull(user.id)) by kind",
    sql: "SELECT kind, count(*) FILTER (WHERE duration_ns > 100000000) AS slow, count(*) FILTER (WHERE user_id IS NOT NULL) AS with_user FROM spans GROUP BY 1",
  },
  {
    query: "spans | summarize p75(duration), p100(duration), percentile(duration, 0) by kind",
    sql: "SELECT kind, quantile_cont(duration_ns, 0.75) AS p75_duration, max(duration_ns) AS p100_duration, min(duration_ns) AS percentile_duration_0 FROM spans GROUP BY 1",
  },
  // A percentile of a datetime is a datetime.
  { query: "spans | summarize p50(timestamp) by kind", sql: "SELECT kind, quantile_cont(timestamp, 0.5) AS p50_timestamp FROM spans GROUP BY 1" },
  {
    query: "metrics | summarize percentiles(value, 25, 50, 75) by metric_name",
    sql: "SELECT metric_name, quantile_cont(value, 0.25) AS percentile_value_25, quantile_cont(value, 0.5) AS percentile_value_50, quantile_cont(value, 0.75) AS percentile_value_75 FROM metrics GROUP BY 1",
  },
  {
    query: "spans | summarize range(duration), range(http.response.status_code) by kind",
    sql: "SELECT kind, max(duration_ns) - min(duration_ns) AS range_duration, max(http_response_status_code) - min(http_response_status_code) AS range_http_response_status_code FROM spans GROUP BY 1",
  },
  {
    query: "spans | summarize avg(attributes.cart.items), sum(attributes.cart.items), max(attributes.cart.items) by service.name",
    sql: `SELECT service_name, avg(TRY_CAST(attributes['cart.items'] AS DOUBLE)) AS avg_attributes_cart_items, sum(TRY_CAST(attributes['cart.items'] AS DOUBLE)) AS sum_attributes_cart_items,
                 max(attributes['cart.items']) AS max_attributes_cart_items FROM spans GROUP BY 1`,
  },
  { query: "logs | summarize count() by tolower(service.name)", sql: "SELECT lower(service_name) AS tolower_, count(*) AS count_ FROM logs GROUP BY 1" },
  { query: "spans | summarize sum(duration) / count()", sql: "SELECT sum(duration_ns) / count(*) AS column1 FROM spans" },
  {
    query: "spans | summarize stdev(http.response.status_code), variance(http.response.status_code) by kind",
    sql: "SELECT kind, stddev_samp(http_response_status_code) AS stdev_http_response_status_code, var_samp(http_response_status_code) AS variance_http_response_status_code FROM spans GROUP BY 1",
  },
  { query: "logs | summarize count(), avg(severity_number) by bin(timestamp, 5m)", sql: `SELECT tbin(timestamp, 300000000) AS "timestamp", count(*) AS count_, avg(severity_number) AS avg_severity_number FROM logs GROUP BY 1` },
];

const bins: Case[] = [
  { query: "logs | summarize count() by bin(timestamp, 5m)", sql: `SELECT tbin(timestamp, 300000000) AS "timestamp", count(*) AS count_ FROM logs GROUP BY 1` },
  { query: "spans | summarize count() by latency = bin(duration, 100ms)", sql: "SELECT (duration_ns // 100000000) * 100000000 AS latency, count(*) AS count_ FROM spans GROUP BY 1" },
  { query: "logs | summarize count() by class = bin(http.response.status_code, 100)", sql: "SELECT (http_response_status_code // 100) * 100 AS class, count(*) AS count_ FROM logs GROUP BY 1" },
  { query: "logs | summarize count() by floor(timestamp, 1h)", sql: `SELECT date_trunc('hour', timestamp) AS "timestamp", count(*) AS count_ FROM logs GROUP BY 1` },
  { query: "logs | summarize count() by bin(timestamp, 1d)", sql: `SELECT date_trunc('day', timestamp) AS "timestamp", count(*) AS count_ FROM logs GROUP BY 1` },
  // 7-day buckets start on Mondays: 2026-01-01 is a Thursday.
  { query: "spans | summarize count() by bin(timestamp, 7d)", sql: `SELECT date_trunc('week', timestamp) AS "timestamp", count(*) AS count_ FROM spans GROUP BY 1` },
  { query: "logs | summarize count() by bin(timestamp, 90s)", sql: `SELECT tbin(timestamp, 90000000) AS "timestamp", count(*) AS count_ FROM logs GROUP BY 1` },
  {
    query: `metrics | where metric_name == "queue.depth" | summarize count() by bucket = bin(value, 50)`,
    sql: "SELECT floor(value / 50) * 50 AS bucket, count(*) AS count_ FROM metrics WHERE metric_name = 'queue.depth' GROUP BY 1",
  },
  { query: "spans | summarize count() by bin_auto(timestamp), service.name", sql: `SELECT tbin(timestamp, 30000000) AS "timestamp", service_name, count(*) AS count_ FROM spans GROUP BY 1, 2` },
  {
    query: `logs | summarize count() by class = case(http.response.status_code >= 500, "5xx", http.response.status_code >= 400, "4xx", "ok")`,
    sql: "SELECT CASE WHEN http_response_status_code >= 500 THEN '5xx' WHEN http_response_status_code >= 400 THEN '4xx' ELSE 'ok' END AS class, count(*) AS count_ FROM logs GROUP BY 1",
  },
  { query: "logs | summarize count() by attributes.tenant.id", sql: "SELECT attributes['tenant.id'] AS attributes_tenant_id, count(*) AS count_ FROM logs GROUP BY 1" },
  { query: "logs | summarize count() by resource.team", sql: "SELECT resource_attributes['team'] AS resource_team, count(*) AS count_ FROM logs GROUP BY 1" },
  { query: "logs | summarize count() by bin(timestamp, 10m) | where timestamp >= datetime(2026-01-01 00:20)", sql: `SELECT * FROM (SELECT tbin(timestamp, 600000000) AS "timestamp", count(*) AS count_ FROM logs GROUP BY 1) WHERE "timestamp" >= TIMESTAMP '2026-01-01 00:20:00'` },
];

const afterSummarize: Case[] = [
  { query: `logs | summarize n = count() by service.name | where service.name != "healthcheck"`, sql: "SELECT service_name, count(*) AS n FROM logs GROUP BY 1 HAVING service_name <> 'healthcheck'" },
  { query: `spans | summarize errors = countif(status_code == "ERROR") by service.name | where errors > 10`, sql: "SELECT service_name, count(*) FILTER (WHERE status_code = 'ERROR') AS errors FROM spans GROUP BY 1 HAVING errors > 10" },
  {
    query: `spans | summarize errors = countif(status_code == "ERROR"), total = count() by bin_auto(timestamp) | extend error_pct = 100.0 * errors / total`,
    sql: `SELECT *, 100.0 * errors / total AS error_pct FROM (SELECT tbin(timestamp, 30000000) AS "timestamp", count(*) FILTER (WHERE status_code = 'ERROR') AS errors, count(*) AS total FROM spans GROUP BY 1)`,
  },
  { query: "logs | summarize n = count() by service.name | sort by n desc | take 3", sql: "SELECT service_name, count(*) AS n FROM logs GROUP BY 1 ORDER BY n DESC LIMIT 3", ordered: true },
  { query: "logs | summarize n = count() by service.name | top 2 by n asc", sql: "SELECT service_name, count(*) AS n FROM logs GROUP BY 1 ORDER BY n ASC LIMIT 2", ordered: true },
  { query: "logs | summarize by service.name | count", sql: `SELECT count(DISTINCT service_name) AS "Count" FROM logs` },
  { query: "logs | distinct service.name | count", sql: `SELECT count(*) AS "Count" FROM (SELECT DISTINCT service_name FROM logs)` },
  {
    query: "spans | summarize n = count() by service.name, kind | summarize kinds = dcount(kind), total = sum(n) by service.name",
    sql: "SELECT service_name, count(DISTINCT kind) AS kinds, sum(n) AS total FROM (SELECT service_name, kind, count(*) AS n FROM spans GROUP BY 1, 2) GROUP BY 1",
  },
  { query: "logs | summarize n = count() by service.name | project service.name, share = n / 2900.0", sql: "SELECT service_name, count(*) / 2900.0 AS share FROM logs GROUP BY 1" },
  { query: "logs | sort by timestamp asc | take 100 | summarize count() by service.name", sql: "SELECT service_name, count(*) AS count_ FROM (SELECT * FROM logs ORDER BY timestamp LIMIT 100) GROUP BY 1" },
  { query: "logs | summarize n = count() by service.name | extend big = n > 500 | where big", sql: "SELECT service_name, count(*) AS n, true AS big FROM logs GROUP BY 1 HAVING count(*) > 500" },
  {
    query: "spans | summarize n = count() by name | sort by n desc, name asc | take 5",
    sql: "SELECT name, count(*) AS n FROM spans GROUP BY 1 ORDER BY n DESC, name ASC LIMIT 5",
    ordered: true,
  },
];

const shaping: Case[] = [
  {
    query: "spans | extend ms = duration / 1ms, slow = duration > 1s | where slow | project span_id, ms, slow",
    sql: "SELECT span_id, duration_ns / 1e6 AS ms, duration_ns > 1000000000 AS slow FROM spans WHERE duration_ns > 1000000000",
  },
  { query: "spans | project timestamp, service = service.name, name, ms = duration / 1ms", sql: "SELECT timestamp, service_name AS service, name, duration_ns / 1e6 AS ms FROM spans" },
  { query: "logs | project-away attributes, resource_attributes", sql: "SELECT * EXCLUDE (attributes, resource_attributes) FROM logs" },
  { query: "logs | extend body = toupper(body) | project timestamp, body", sql: "SELECT timestamp, upper(body) AS body FROM logs" },
  { query: "spans | extend ms = duration / 1ms, s = ms / 1000 | project span_id, ms, s", sql: "SELECT span_id, duration_ns / 1e6 AS ms, duration_ns / 1e9 AS s FROM spans" },
  {
    query: "spans | extend ms = round(duration / 1ms, 2), off_by = abs(http.response.status_code - 200) | project span_id, ms, off_by",
    sql: "SELECT span_id, round(duration_ns / 1e6, 2) AS ms, abs(http_response_status_code - 200) AS off_by FROM spans",
  },
  { query: `logs | extend op = strcat(http.request.method, " ", http.route) | project timestamp, op`, sql: "SELECT timestamp, coalesce(http_request_method, '') || ' ' || coalesce(http_route, '') AS op FROM logs" },
  {
    query: "logs | extend lo = tolower(body), up = toupper(severity_text), len = strlen(body) | project timestamp, lo, up, len",
    sql: "SELECT timestamp, lower(body) AS lo, upper(severity_text) AS up, length(body) AS len FROM logs",
  },
  {
    query: "spans | extend short_trace = substring(trace_id, 0, 8), rest = substring(trace_id, 8) | project span_id, short_trace, rest",
    sql: "SELECT span_id, substr(trace_id, 1, 8) AS short_trace, substr(trace_id, 9) AS rest FROM spans",
  },
  {
    query: `logs | extend user = extract("user=([a-z0-9]+)", 1, body) | where isnotempty(user) | project timestamp, user`,
    sql: "SELECT timestamp, regexp_extract(body, 'user=([a-z0-9]+)', 1) AS user FROM logs WHERE regexp_matches(body, 'user=([a-z0-9]+)')",
  },
  {
    query: `logs | project timestamp, whole = extract("[0-9]+ms", 0, body), missing = extract("user=([A-Z]+)", 1, body)`,
    sql: "SELECT timestamp, CASE WHEN regexp_matches(body, '[0-9]+ms') THEN regexp_extract(body, '[0-9]+ms') END AS whole, CASE WHEN regexp_matches(body, 'user=([A-Z]+)') THEN regexp_extract(body, 'user=([A-Z]+)', 1) END AS missing FROM logs",
  },
  { query: `logs | extend outcome = iff(http.response.status_code >= 500, "error", "ok") | summarize count() by outcome`, sql: "SELECT CASE WHEN http_response_status_code >= 500 THEN 'error' ELSE 'ok' END AS outcome, count(*) AS count_ FROM logs GROUP BY 1" },
  { query: `logs | extend route = coalesce(http.route, url.path, "unknown") | summarize count() by route`, sql: "SELECT coalesce(http_route, url_path, 'unknown') AS route, count(*) AS count_ FROM logs GROUP BY 1" },
  {
    query: "logs | extend code = tostring(http.response.status_code), retries = toint(attributes.retries), ratio = todouble(attributes.ratio), cached = tobool(attributes.cached) | project timestamp, code, retries, ratio, cached",
    sql: `SELECT timestamp, CAST(http_response_status_code AS VARCHAR) AS code, TRY_CAST(attributes['retries'] AS BIGINT) AS retries, TRY_CAST(attributes['ratio'] AS DOUBLE) AS ratio,
                 TRY_CAST(attributes['cached'] AS BOOLEAN) AS cached FROM logs`,
  },
  {
    query: "spans | extend at = timestamp + 1h, before = timestamp - 30s, since_start = timestamp - datetime(2026-01-01) | project span_id, at, before, since_start",
    sql: "SELECT span_id, timestamp + INTERVAL 1 HOUR AS at, timestamp - INTERVAL 30 SECOND AS before, epoch_ns(timestamp) - epoch_ns(TIMESTAMP '2026-01-01 00:00:00') AS since_start FROM spans",
  },
  {
    query: `spans | extend ms = toint(duration / 1ms), l = tolong(attributes.cart.items), r = toreal(attributes.cart.items), f = tofloat("2.5") | project span_id, ms, l, r, f`,
    sql: "SELECT span_id, CAST(trunc(duration_ns / 1e6) AS BIGINT) AS ms, TRY_CAST(attributes['cart.items'] AS BIGINT) AS l, TRY_CAST(attributes['cart.items'] AS DOUBLE) AS r, 2.5 AS f FROM spans",
  },
  {
    query: "logs | extend when = todatetime(attributes.scheduled_at) | where when > datetime(2026-01-01 00:30) | project timestamp, when",
    sql: "SELECT timestamp, TRY_CAST(attributes['scheduled_at'] AS TIMESTAMP) AS when FROM logs WHERE TRY_CAST(attributes['scheduled_at'] AS TIMESTAMP) > TIMESTAMP '2026-01-01 00:30:00'",
  },
  {
    query: "spans | project span_id, half = duration / 2, neg = -http.response.status_code, m = http.response.status_code % 100, seven = 7 / 2",
    sql: "SELECT span_id, duration_ns / 2 AS half, -http_response_status_code AS neg, http_response_status_code % 100 AS m, 3.5 AS seven FROM spans",
  },
  { query: `logs | project timestamp, sev = iif(severity_number >= 17, "bad", "fine")`, sql: "SELECT timestamp, CASE WHEN severity_number >= 17 THEN 'bad' ELSE 'fine' END AS sev FROM logs" },
  {
    query: "logs | project timestamp, tenant = attributes.tenant.id, team = resource.team, rid = attributes['x-request-id']",
    sql: "SELECT timestamp, attributes['tenant.id'] AS tenant, resource_attributes['team'] AS team, attributes['x-request-id'] AS rid FROM logs",
  },
  { query: `logs | project timestamp, service.name, http.route | where service.name == "payments"`, sql: "SELECT timestamp, service_name, http_route FROM logs WHERE service_name = 'payments'" },
  { query: "spans | project-away events, links, attributes, resource_attributes | where duration > 1s", sql: "SELECT * EXCLUDE (events, links, attributes, resource_attributes) FROM spans WHERE duration_ns > 1000000000" },
  { query: `logs | project timestamp, sev = severity_text | where sev == "FATAL"`, sql: "SELECT timestamp, severity_text AS sev FROM logs WHERE severity_text = 'FATAL'" },
  { query: "spans | extend ms = duration / 1ms | summarize avg(ms), max(ms) by kind", sql: "SELECT kind, avg(duration_ns / 1e6) AS avg_ms, max(duration_ns / 1e6) AS max_ms FROM spans GROUP BY 1" },
  { query: `logs | extend k = strcat(service.name, "/", severity_text) | distinct k`, sql: "SELECT DISTINCT service_name || '/' || coalesce(severity_text, '') AS k FROM logs" },
  { query: "spans | project parent = parent_id, span_name, context.span_id", sql: "SELECT parent_span_id AS parent, name AS span_name, span_id FROM spans" },
  { query: "logs | project level, message, service", sql: "SELECT severity_text AS level, body AS message, service_name AS service FROM logs" },
  { query: "logs | extend pct = round(attributes.ratio * 100, 1), ab = abs(-3.5) | project timestamp, pct, ab", sql: "SELECT timestamp, round(TRY_CAST(attributes['ratio'] AS DOUBLE) * 100, 1) AS pct, 3.5 AS ab FROM logs" },
  {
    query: `spans | extend class = case(http.response.status_code >= 500, "5xx", http.response.status_code >= 400, "4xx", isnull(http.response.status_code), "none", "ok") | summarize count() by class, kind`,
    sql: `SELECT CASE WHEN http_response_status_code >= 500 THEN '5xx' WHEN http_response_status_code >= 400 THEN '4xx' WHEN http_response_status_code IS NULL THEN 'none' ELSE 'ok' END AS class,
                 kind, count(*) AS count_ FROM spans GROUP BY 1, 2`,
  },
  {
    query: "spans | extend end = timestamp + duration | project span_id, timestamp, end",
    sql: "SELECT span_id, timestamp, make_timestamp(epoch_us(timestamp) + duration_ns // 1000) AS end FROM spans",
  },
  {
    query: "logs | extend age = datetime(2026-01-02) - timestamp | summarize min(age), max(age)",
    sql: "SELECT min(epoch_ns(TIMESTAMP '2026-01-02 00:00:00') - epoch_ns(timestamp)) AS min_age, max(epoch_ns(TIMESTAMP '2026-01-02 00:00:00') - epoch_ns(timestamp)) AS max_age FROM logs",
  },
];

const sorting: Case[] = [
  { query: "logs | sort by timestamp desc | take 20", sql: "SELECT * FROM logs ORDER BY timestamp DESC LIMIT 20", ordered: true },
  { query: "logs | order by timestamp asc nulls last | take 100", sql: "SELECT * FROM logs ORDER BY timestamp ASC LIMIT 100", ordered: true },
  { query: "spans | top 10 by duration", sql: "SELECT * FROM spans ORDER BY duration_ns DESC LIMIT 10", ordered: true },
  { query: "spans | top 3 by duration asc", sql: "SELECT * FROM spans ORDER BY duration_ns ASC LIMIT 3", ordered: true },
  { query: "logs | sort by severity_number asc, timestamp desc | take 30", sql: "SELECT * FROM logs ORDER BY severity_number ASC, timestamp DESC LIMIT 30", ordered: true },
  { query: "logs | limit 5", sql: "SELECT * FROM logs", anyOf: 5 },
  { query: "logs | take 100 | project timestamp, body", sql: "SELECT timestamp, body FROM logs", anyOf: 100 },
  { query: "spans | distinct service.name, name", sql: "SELECT DISTINCT service_name, name FROM spans" },
  { query: "logs | distinct *", sql: "SELECT DISTINCT * FROM logs" },
  // Nulls come last when descending and first when ascending, unless said otherwise.
  {
    query: "logs | sort by http.response.status_code asc nulls last, timestamp asc | take 40",
    sql: "SELECT * FROM logs ORDER BY http_response_status_code ASC NULLS LAST, timestamp ASC LIMIT 40",
    ordered: true,
  },
  {
    query: "logs | sort by http.response.status_code desc nulls first, timestamp desc | take 40",
    sql: "SELECT * FROM logs ORDER BY http_response_status_code DESC NULLS FIRST, timestamp DESC LIMIT 40",
    ordered: true,
  },
  { query: "logs | sort by http.route asc, timestamp asc | take 25 | project timestamp, http.route", sql: "SELECT timestamp, http_route FROM logs ORDER BY http_route ASC NULLS FIRST, timestamp ASC LIMIT 25", ordered: true },
  { query: "logs | sort by http.route, timestamp | take 25 | project timestamp, http.route", sql: "SELECT timestamp, http_route FROM logs ORDER BY http_route DESC NULLS LAST, timestamp DESC LIMIT 25", ordered: true },
  {
    query: `metrics | where metric_name == "queue.depth" | sort by value, timestamp | take 10`,
    sql: "SELECT * FROM metrics WHERE metric_name = 'queue.depth' ORDER BY value DESC, timestamp DESC LIMIT 10",
    ordered: true,
  },
  { query: `spans | where kind == "CLIENT" | top 5 by timestamp`, sql: "SELECT * FROM spans WHERE kind = 'CLIENT' ORDER BY timestamp DESC LIMIT 5", ordered: true },
  { query: "spans | top 5 by duration | project span_id, duration", sql: "SELECT span_id, duration_ns AS duration FROM spans ORDER BY duration_ns DESC LIMIT 5", ordered: true },
  { query: "logs | sort by timestamp asc | take 10 | sort by timestamp desc", sql: "SELECT * FROM (SELECT * FROM logs ORDER BY timestamp ASC LIMIT 10) ORDER BY timestamp DESC", ordered: true },
  { query: "spans | distinct kind, status_code", sql: "SELECT DISTINCT kind, status_code FROM spans" },
  { query: "logs | distinct service.name, resource.team", sql: "SELECT DISTINCT service_name, resource_attributes['team'] AS resource_team FROM logs" },
  { query: "spans | top 5 by duration / 1ms asc | project span_id", sql: "SELECT span_id FROM spans ORDER BY duration_ns ASC LIMIT 5", ordered: true },
  { query: `logs | where severity == "FATAL" | sort by timestamp asc | take 3 | project timestamp, body`, sql: "SELECT timestamp, body FROM logs WHERE severity_text = 'FATAL' ORDER BY timestamp LIMIT 3", ordered: true },
  { query: "logs | take 10 | count", sql: `SELECT count(*) AS "Count" FROM (SELECT * FROM logs LIMIT 10)` },
  { query: "spans | sort by duration asc | take 1 | project span_id, duration", sql: "SELECT span_id, duration_ns AS duration FROM spans ORDER BY duration_ns ASC LIMIT 1", ordered: true },
  { query: "logs | project timestamp, service.name | sort by timestamp desc", sql: "SELECT timestamp, service_name FROM logs ORDER BY timestamp DESC", ordered: true },
];

const searches: Case[] = [
  { query: `search "connection refused"`, sql: `SELECT * FROM logs WHERE ${searchAll("logs", "connection refused")}` },
  { query: `spans | search "checkout" | take 50`, sql: `SELECT * FROM spans WHERE ${searchAll("spans", "checkout")}`, anyOf: 50 },
  { query: `logs | search "ZÜRICH"`, sql: `SELECT * FROM logs WHERE ${searchAll("logs", "zürich")}` },
  { query: `spans | search "zürich-GW"`, sql: `SELECT * FROM spans WHERE ${searchAll("spans", "zürich-gw")}` },
  { query: `logs | where service.name == "inventory" | search "timeout"`, sql: `SELECT * FROM logs WHERE service_name = 'inventory' AND ${searchAll("logs", "timeout")}` },
  { query: `logs | project body, service.name | search "café"`, sql: `SELECT body, service_name FROM logs WHERE ${searched(["body", "service_name"], [], "café")}` },
  { query: `metrics | search "orders"`, sql: `SELECT * FROM metrics WHERE ${searchAll("metrics", "orders")}` },
  { query: `logs | search "payments" | count`, sql: `SELECT count(*) AS "Count" FROM logs WHERE ${searchAll("logs", "payments")}` },
  { query: `spans | search "SELECT" | summarize count() by name`, sql: `SELECT name, count(*) AS count_ FROM spans WHERE ${searchAll("spans", "select")} GROUP BY 1` },
];

const fields: Case[] = [
  { query: `logs | where attributes['tenant.id'] == "t-3" | count`, sql: `SELECT count(*) AS "Count" FROM logs WHERE attributes['tenant.id'] = 't-3'` },
  { query: "logs | where isnotempty(attributes['x-request-id']) | project timestamp, rid = attributes['x-request-id']", sql: "SELECT timestamp, attributes['x-request-id'] AS rid FROM logs WHERE attributes['x-request-id'] <> ''" },
  { query: `logs | where resource.team == "payments" | summarize count() by service.name`, sql: "SELECT service_name, count(*) AS count_ FROM logs WHERE resource_attributes['team'] = 'payments' GROUP BY 1" },
  { query: `logs | where resource.k8s.pod.name == "checkout-5f7c" | count`, sql: `SELECT count(*) AS "Count" FROM logs WHERE k8s_pod_name = 'checkout-5f7c'` },
  { query: `logs | where resource['région'] == "Zürich" | count`, sql: `SELECT count(*) AS "Count" FROM logs WHERE resource_attributes['région'] = 'Zürich'` },
  { query: `logs | where attributes.http.route == "/login" | count`, sql: `SELECT count(*) AS "Count" FROM logs WHERE http_route = '/login'` },
  {
    query: `spans | where resource.service.name == "frontend" and attributes.http.response.status_code >= 400`,
    sql: "SELECT * FROM spans WHERE service_name = 'frontend' AND http_response_status_code >= 400",
  },
  { query: `metrics | where attributes.http.route == "/login" | summarize sum(value) by service.name`, sql: "SELECT service_name, sum(value) AS sum_value FROM metrics WHERE attributes['http.route'] = '/login' GROUP BY 1" },
  { query: `logs | where service == "payments" and message has "declined"`, sql: "SELECT * FROM logs WHERE service_name = 'payments' AND has_term(body, 'declined')" },
  { query: "logs | where isnotempty(context.span_id) | summarize count() by severity_text", sql: "SELECT severity_text, count(*) AS count_ FROM logs WHERE span_id <> '' GROUP BY 1" },
  { query: `spans | where span_name == "SELECT carts" | summarize count() by db.system`, sql: "SELECT db_system, count(*) AS count_ FROM spans WHERE name = 'SELECT carts' GROUP BY 1" },
  { query: `logs | where deployment.environment == "staging" | count`, sql: `SELECT count(*) AS "Count" FROM logs WHERE deployment_environment = 'staging'` },
  { query: `metrics | where resource.team == "search" | summarize count() by metric_name`, sql: "SELECT metric_name, count(*) AS count_ FROM metrics WHERE resource_attributes['team'] = 'search' GROUP BY 1" },
  { query: `logs | where attributes.region == "東京" | count`, sql: `SELECT count(*) AS "Count" FROM logs WHERE attributes['region'] = '東京'` },
  { query: `spans | where attributes.peer.service =~ "zürich-GW" | project span_id, attributes`, sql: "SELECT span_id, attributes FROM spans WHERE lower(attributes['peer.service']) = 'zürich-gw'" },
  { query: `metrics | where attributes.http.response.status_code == 500 | count`, sql: `SELECT count(*) AS "Count" FROM metrics WHERE TRY_CAST(attributes['http.response.status_code'] AS DOUBLE) = 500` },
  { query: "spans | summarize count() by db.operation.name, rpc.method", sql: "SELECT db_operation_name, rpc_method, count(*) AS count_ FROM spans GROUP BY 1, 2" },
];

const variables: CaseSource[] = [
  {
    query: "logs | where service.name == $service and http.response.status_code >= $min",
    sql: "SELECT * FROM logs WHERE service_name = 'payments' AND http_response_status_code >= 400",
    vars: { service: "payments", min: 400 },
  },
  {
    query: "logs | where service.name in ($services) | take $limit",
    sql: "SELECT * FROM logs WHERE service_name IN ('inventory', 'frontend')",
    vars: { services: ["inventory", "frontend"], limit: 7 },
    anyOf: 7,
  },
  { query: "logs | summarize count() by bin(timestamp, $interval)", sql: `SELECT tbin(timestamp, 300000000) AS "timestamp", count(*) AS count_ FROM logs GROUP BY 1`, vars: { interval: "5m" } },
  { query: "logs | where timestamp > $since", sql: "SELECT * FROM logs WHERE timestamp > TIMESTAMP '2026-01-01 00:45:00'", vars: { since: "2026-01-01T00:45:00Z" } },
  { query: "logs | where body has $word", sql: "SELECT * FROM logs WHERE has_term(body, 'refused')", vars: { word: "refused" } },
  { query: "spans | where duration > $slow | project span_id, duration", sql: "SELECT span_id, duration_ns AS duration FROM spans WHERE duration_ns > 500000000", vars: { slow: "500ms" } },
  { query: "logs | where http.response.status_code in ($codes) | count", sql: `SELECT count(*) AS "Count" FROM logs WHERE http_response_status_code IN (429, 503)`, vars: { codes: [429, 503] } },
  // ago() relative to the clock: the boundary falls in the middle of the dataset's 2-minute gap.
  {
    query: "logs | where timestamp > ago($window)",
    build: () => {
      const seconds = Math.round((Date.now() - GAP_MID_MS) / 1000);
      return {
        query: "logs | where timestamp > ago($window)",
        sql: `SELECT * FROM logs WHERE timestamp > now()::TIMESTAMP - to_seconds(${seconds})`,
        vars: { window: `${seconds}s` },
      };
    },
  },
  {
    query: "logs | where timestamp <= ago(Nm) | count",
    build: () => {
      const minutes = Math.round((Date.now() - GAP_MID_MS) / 60_000);
      return {
        query: `logs | where timestamp <= ago(${minutes}m) | count`,
        sql: `SELECT count(*) AS "Count" FROM logs WHERE timestamp <= now()::TIMESTAMP - to_minutes(${minutes})`,
      };
    },
  },
];

const time: Case[] = [
  { query: "logs | where timestamp <= now() | count", sql: `SELECT count(*) AS "Count" FROM logs WHERE timestamp <= now()::TIMESTAMP` },
  { query: "logs | where timestamp > ago(3650d) | count", sql: `SELECT count(*) AS "Count" FROM logs WHERE timestamp > now()::TIMESTAMP - INTERVAL 3650 DAY` },
  { query: "spans | where timestamp < ago(1d) | count", sql: `SELECT count(*) AS "Count" FROM spans WHERE timestamp < now()::TIMESTAMP - INTERVAL 1 DAY` },
  { query: `logs | where timestamp >= todatetime("2026-01-01T00:59:00Z") | project timestamp, body`, sql: "SELECT timestamp, body FROM logs WHERE timestamp >= TIMESTAMP '2026-01-01 00:59:00'" },
];

const metricsCases: Case[] = [
  {
    query: `metrics | where metric_name == "http.server.requests" | summarize sum(value) by attributes.http.route, service.name`,
    sql: "SELECT attributes['http.route'] AS attributes_http_route, service_name, sum(value) AS sum_value FROM metrics WHERE metric_name = 'http.server.requests' GROUP BY 1, 2",
  },
  {
    query: `metrics | where metric_type == "histogram" | sort by timestamp asc | take 5 | project timestamp, count, sum, bucket_counts, explicit_bounds`,
    sql: `SELECT timestamp, "count", "sum", bucket_counts, explicit_bounds FROM metrics WHERE metric_type = 'histogram' ORDER BY timestamp LIMIT 5`,
    ordered: true,
  },
  { query: "metrics | summarize dcount(attributes.tenant.id) by metric_name", sql: "SELECT metric_name, count(DISTINCT attributes['tenant.id']) AS dcount_attributes_tenant_id FROM metrics GROUP BY 1" },
  { query: `metrics | where metric_name startswith "http." | summarize count() by metric_name, temporality`, sql: "SELECT metric_name, temporality, count(*) AS count_ FROM metrics WHERE starts_with(lower(metric_name), 'http.') GROUP BY 1, 2" },
  { query: "metrics | where value > 0 | summarize avg(value) by bin(timestamp, 10m), metric_name", sql: `SELECT tbin(timestamp, 600000000) AS "timestamp", metric_name, avg(value) AS avg_value FROM metrics WHERE value > 0 GROUP BY 1, 2` },
  {
    query: `metrics | where metric_name == "process.memory.usage" | summarize p50(value), p99(value), stdev(value) by service.name`,
    sql: "SELECT service_name, quantile_cont(value, 0.5) AS p50_value, quantile_cont(value, 0.99) AS p99_value, stddev_samp(value) AS stdev_value FROM metrics WHERE metric_name = 'process.memory.usage' GROUP BY 1",
  },
  { query: "metrics | summarize count() by metric_type, is_monotonic, metric_unit", sql: "SELECT metric_type, is_monotonic, metric_unit, count(*) AS count_ FROM metrics GROUP BY ALL" },
  {
    query: `metrics | where metric_name == "queue.depth" | summarize count() by attributes.queue | sort by count_ desc`,
    sql: "SELECT attributes['queue'] AS attributes_queue, count(*) AS count_ FROM metrics WHERE metric_name = 'queue.depth' GROUP BY 1 ORDER BY count_ DESC",
    ordered: true,
  },
  {
    query: `metrics | where metric_type == "histogram" | extend mean = sum / count | project timestamp, mean`,
    sql: `SELECT timestamp, "sum" / "count" AS mean FROM metrics WHERE metric_type = 'histogram'`,
  },
];

/** Corners: folding of operators into one SELECT, constants and literals, unusual types. */
const corners: CaseSource[] = [
  // A needle of several terms must appear bounded by non-letters/digits.
  { query: `logs | where body has "db-primary"`, sql: String.raw`SELECT * FROM logs WHERE regexp_matches(lower(body), '(^|[^\p{L}\p{N}])db-primary($|[^\p{L}\p{N}])')` },
  { query: `logs | where body !hasprefix_cs "Time"`, sql: "SELECT * FROM logs WHERE NOT coalesce(has_prefix_cs(body, 'Time'), false)" },
  { query: `logs | where body !hassuffix_cs "lined"`, sql: "SELECT * FROM logs WHERE NOT coalesce(has_suffix_cs(body, 'lined'), false)" },
  // A term or substring held in a column.
  { query: "logs | where body has http.request.method", sql: "SELECT * FROM logs WHERE list_contains(terms(lower(body)), lower(http_request_method))" },
  { query: "logs | where body contains service.name", sql: "SELECT * FROM logs WHERE icontains(body, service_name)" },
  { query: `logs | where body matches regex $re | count`, sql: `SELECT count(*) AS "Count" FROM logs WHERE regexp_matches(body, 'attempt=[23]')`, vars: { re: "attempt=[23]" } },
  { query: `logs | where body has_any ($words) | count`, sql: `SELECT count(*) AS "Count" FROM logs WHERE has_term(body, 'declined') OR has_term(body, 'disk')`, vars: { words: ["declined", "disk"] } },
  { query: "logs | where severity >= $level | count", sql: `SELECT count(*) AS "Count" FROM logs WHERE severity_number >= 17`, vars: { level: "error" } },
  { query: `logs | where level in~ ("error", "warning") | summarize count() by level`, sql: "SELECT severity_text AS level, count(*) AS count_ FROM logs WHERE lower(severity_text) IN ('error', 'warning') GROUP BY 1" },
  {
    query: "logs | where timestamp between ($a .. $b) | count",
    sql: `SELECT count(*) AS "Count" FROM logs WHERE timestamp BETWEEN TIMESTAMP '2026-01-01 00:12:00' AND TIMESTAMP '2026-01-01 00:17:30'`,
    vars: { a: "2026-01-01T00:12:00Z", b: "2026-01-01 00:17:30" },
  },
  { query: "logs | summarize per_bin = rate() by bin(timestamp, $interval)", sql: `SELECT tbin(timestamp, 300000000) AS "timestamp", count(*) / 300.0 AS per_bin FROM logs GROUP BY 1`, vars: { interval: "5m" } },
  // Negations are true for null fields, !between too.
  { query: "logs | where http.response.status_code !between (200 .. 299)", sql: "SELECT * FROM logs WHERE http_response_status_code IS NULL OR http_response_status_code NOT BETWEEN 200 AND 299" },
  { query: `logs | where attributes.region in~ ("zürich", "EU-WEST") | count`, sql: `SELECT count(*) AS "Count" FROM logs WHERE lower(attributes['region']) IN ('zürich', 'eu-west')` },
  { query: "logs | where attributes.ratio in (0.5, 0.25)", sql: "SELECT * FROM logs WHERE TRY_CAST(attributes['ratio'] AS DOUBLE) IN (0.5, 0.25)" },
  // Two map values compare as text.
  { query: "logs | where attributes.ratio > attributes.retries | project timestamp, attributes", sql: "SELECT timestamp, attributes FROM logs WHERE attributes['ratio'] > attributes['retries']" },
  { query: "logs | where severity_number > 8.5 | count", sql: `SELECT count(*) AS "Count" FROM logs WHERE severity_number > 8.5` },
  { query: `logs | where body == ""`, sql: "SELECT * FROM logs WHERE body = ''" },
  // Literals: escapes, verbatim strings, "\d" kept as written, timespan units, zones, comments.
  { query: String.raw`logs | where body contains "Z\u00fcrich caf\u00e9"`, sql: "SELECT * FROM logs WHERE icontains(body, 'Zürich café')" },
  { query: String.raw`logs | where body matches regex @"took \d+ms$"`, sql: String.raw`SELECT * FROM logs WHERE regexp_matches(body, 'took [0-9]+ms$')` },
  { query: String.raw`logs | where body matches regex "after \d{4}ms"`, sql: String.raw`SELECT * FROM logs WHERE regexp_matches(body, 'after [0-9]{4}ms')` },
  { query: "spans | where duration >= 0.25s and duration < 1second", sql: "SELECT * FROM spans WHERE duration_ns >= 250000000 AND duration_ns < 1000000000" },
  { query: "spans | where duration < 500000µs and duration > 400us | count", sql: `SELECT count(*) AS "Count" FROM spans WHERE duration_ns < 500000000 AND duration_ns > 400000` },
  { query: "spans | where duration > 1second and duration < 2minutes | count", sql: `SELECT count(*) AS "Count" FROM spans WHERE duration_ns > 1000000000 AND duration_ns < 120000000000` },
  { query: `logs | where timestamp < datetime("2026-01-01T01:10:00+01:00") | count`, sql: `SELECT count(*) AS "Count" FROM logs WHERE timestamp < TIMESTAMP '2026-01-01 00:10:00'` },
  { query: "logs | where timestamp + 30m < datetime(2026-01-01 00:40) | count", sql: `SELECT count(*) AS "Count" FROM logs WHERE timestamp < TIMESTAMP '2026-01-01 00:10:00'` },
  { query: "logs // every record\n| where severity_number >= 17 // errors and worse\n| count", sql: `SELECT count(*) AS "Count" FROM logs WHERE severity_number >= 17` },
  // Functions on unusual inputs.
  { query: `logs | where body has "東京" | project timestamp, s = substring(body, 7, 4), n = strlen(body), u = toupper(service.name)`, sql: "SELECT timestamp, substr(body, 8, 4) AS s, length(body) AS n, upper(service_name) AS u FROM logs WHERE has_term(body, '東京')" },
  { query: `logs | project timestamp, c = strcat("code=", http.response.status_code, ";", attributes.tenant.id)`, sql: "SELECT timestamp, 'code=' || coalesce(CAST(http_response_status_code AS VARCHAR), '') || ';' || coalesce(attributes['tenant.id'], '') AS c FROM logs" },
  { query: "spans | where kind == \"INTERNAL\" | project span_id, t = tostring(timestamp)", sql: "SELECT span_id, CAST(timestamp AS VARCHAR) AS t FROM spans WHERE kind = 'INTERNAL'" },
  { query: `logs | project timestamp, r = round(attributes.ratio), d = todouble("1e3"), bad = todouble(body)`, sql: "SELECT timestamp, round(TRY_CAST(attributes['ratio'] AS DOUBLE)) AS r, 1000.0 AS d, TRY_CAST(body AS DOUBLE) AS bad FROM logs" },
  { query: `logs | extend r = coalesce(attributes.retries, "none") | summarize count() by r`, sql: "SELECT coalesce(attributes['retries'], 'none') AS r, count(*) AS count_ FROM logs GROUP BY 1" },
  { query: "logs | extend r = coalesce(toint(attributes.retries), -1) | summarize count() by r", sql: "SELECT coalesce(TRY_CAST(attributes['retries'] AS BIGINT), -1) AS r, count(*) AS count_ FROM logs GROUP BY 1" },
  { query: `spans | project span_id, v = iff(kind == "SERVER", http.response.status_code, -1)`, sql: "SELECT span_id, CASE WHEN kind = 'SERVER' THEN http_response_status_code ELSE -1 END AS v FROM spans" },
  { query: "logs | project timestamp, n = attributes.retries + 1", sql: "SELECT timestamp, TRY_CAST(attributes['retries'] AS DOUBLE) + 1 AS n FROM logs" },
  { query: `metrics | where metric_type == "gauge" | project timestamp, v = value % 7`, sql: "SELECT timestamp, fmod(value, 7) AS v FROM metrics WHERE metric_type = 'gauge'" },
  { query: "logs | summarize p90 = percentile(attributes.ratio, 90), top = max(attributes.ratio) by service.name", sql: "SELECT service_name, quantile_cont(TRY_CAST(attributes['ratio'] AS DOUBLE), 0.9) AS p90, max(attributes['ratio']) AS top FROM logs GROUP BY 1" },
  { query: "spans | summarize span = max(timestamp) - min(timestamp) by kind", sql: "SELECT kind, epoch_ns(max(timestamp)) - epoch_ns(min(timestamp)) AS span FROM spans GROUP BY 1" },
  { query: "metrics | summarize min(is_monotonic), max(is_monotonic) by metric_type", sql: "SELECT metric_type, min(is_monotonic) AS min_is_monotonic, max(is_monotonic) AS max_is_monotonic FROM metrics GROUP BY 1" },
  { query: `logs | where service.name == "nope" | summarize count(), sum(severity_number), avg(severity_number)`, sql: "SELECT count(*) AS count_, sum(severity_number) AS sum_severity_number, avg(severity_number) AS avg_severity_number FROM logs WHERE service_name = 'nope'" },
  // Operators that fold into one SELECT or need a subquery.
  { query: `logs | sort by timestamp asc | take 50 | where severity >= "WARN"`, sql: "SELECT * FROM (SELECT * FROM logs ORDER BY timestamp LIMIT 50) WHERE severity_number >= 13" },
  {
    query: "logs | sort by severity_number asc, timestamp asc | extend severity_number = 0 - severity_number | take 10",
    sql: "SELECT * REPLACE (0 - severity_number AS severity_number) FROM logs ORDER BY logs.severity_number ASC, logs.timestamp ASC LIMIT 10",
    ordered: true,
  },
  {
    query: "logs | sort by timestamp asc | take 8 | project body, timestamp = severity_number",
    sql: `SELECT body, severity_number AS "timestamp" FROM logs ORDER BY logs.timestamp ASC LIMIT 8`,
    ordered: true,
  },
  { query: "logs | sort by timestamp asc | take 50 | distinct service.name", sql: "SELECT DISTINCT service_name FROM (SELECT * FROM logs ORDER BY timestamp LIMIT 50)" },
  { query: "spans | top 20 by duration | summarize count() by kind", sql: "SELECT kind, count(*) AS count_ FROM (SELECT * FROM spans ORDER BY duration_ns DESC LIMIT 20) GROUP BY 1" },
  { query: `logs | summarize n = count() by service.name | search "CH"`, sql: "SELECT service_name, count(*) AS n FROM logs GROUP BY 1 HAVING icontains(service_name, 'ch')" },
  { query: "logs | distinct service.name | sort by service.name asc", sql: "SELECT DISTINCT service_name FROM logs ORDER BY service_name ASC", ordered: true },
  { query: "logs | project-away service.name, attributes, resource_attributes, body", sql: "SELECT * EXCLUDE (service_name, attributes, resource_attributes, body) FROM logs" },
  { query: "spans | distinct kind, slow = duration > 1s", sql: "SELECT DISTINCT kind, duration_ns > 1000000000 AS slow FROM spans" },
  { query: "logs | take 0", sql: "SELECT * FROM logs LIMIT 0" },
  {
    query: "logs | where now() - timestamp > Ns | count",
    build: () => {
      const seconds = Math.round((Date.now() - GAP_MID_MS) / 1000);
      return {
        query: `logs | where now() - timestamp > ${seconds}s | count`,
        sql: `SELECT count(*) AS "Count" FROM logs WHERE epoch_ns(now()::TIMESTAMP) - epoch_ns(timestamp) > ${seconds}::BIGINT * 1000000000`,
      };
    },
  },
];

export const CASES: CaseSource[] = [
  ...sources,
  ...comparisons,
  ...textOps,
  ...lists,
  ...ranges,
  ...nulls,
  ...aggregations,
  ...bins,
  ...afterSummarize,
  ...shaping,
  ...sorting,
  ...searches,
  ...fields,
  ...variables,
  ...time,
  ...metricsCases,
  ...corners,
];
