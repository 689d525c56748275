import type { SqlParam } from "./sql-text.ts";
import { F, T, TIME } from "./golden-options.ts";

/**
 * Golden queries: query text → the exact SQL and parameters the compiler emits (with the
 * options in golden-options.ts). At least one per operator and function. The same list
 * drives the printer round-trip test and runs on DuckDB 0.9 (wasm) and native DuckDB.
 * `${TIME}` is the time-range scan every query starts from; F and T are its parameters.
 */
export interface Golden {
  query: string;
  sql: string;
  params: SqlParam[];
}

export const GOLDEN: Golden[] = [
  {
    query: "logs",
    sql: `SELECT * FROM "logs" WHERE ${TIME}`,
    params: [F, T],
  },
  {
    query: "service.name == \"api\" and http.response.status_code >= 500",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND ((("service_name" = ?) AND ("http_response_status_code" >= ?)))`,
    params: [F, T, "api", 500],
  },
  {
    query: "logs | where body contains \"timeout\"",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND (contains(lower("body"), lower(?)))`,
    params: [F, T, "timeout"],
  },
  {
    query: "logs | where level == \"ERROR\" | filter service.name != \"web\"",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND (("severity_text" = ?)) AND (("service_name" <> ?))`,
    params: [F, T, "ERROR", "web"],
  },
  {
    query: "logs | summarize count() by service.name",
    sql: `SELECT "service_name", count(*) AS "count_" FROM "logs" WHERE ${TIME} GROUP BY 1`,
    params: [F, T],
  },
  {
    query: "spans | summarize errors = countif(status_code == \"ERROR\"), total = count() by service.name | where errors > 0",
    sql: `SELECT * FROM (SELECT "service_name", count(*) FILTER (WHERE ("status_code" = ?)) AS "errors", count(*) AS "total" FROM "spans" WHERE ${TIME} GROUP BY 1) AS q1 WHERE (("errors" > ?))`,
    params: ["ERROR", F, T, 0],
  },
  {
    query: "spans | extend ms = duration / 1ms | where ms > 250",
    sql: `SELECT * FROM (SELECT *, ("duration_ns" / ?) AS "ms" FROM "spans" WHERE ${TIME}) AS q1 WHERE (("ms" > ?))`,
    params: [1000000, F, T, 250],
  },
  {
    query: "spans | extend span = name, name = tolower(name)",
    sql: `SELECT * REPLACE (lower("name") AS "name"), "name" AS "span" FROM "spans" WHERE ${TIME}`,
    params: [F, T],
  },
  {
    query: "spans | extend a = 1, b = a + 1",
    sql: `SELECT *, ("a" + ?) AS "b" FROM (SELECT *, ? AS "a" FROM "spans" WHERE ${TIME}) AS q1`,
    params: [1, 1, F, T],
  },
  {
    query: "spans | project name, svc = service.name, ms = duration / 1ms",
    sql: `SELECT "name", "service_name" AS "svc", ("duration_ns" / ?) AS "ms" FROM "spans" WHERE ${TIME}`,
    params: [1000000, F, T],
  },
  {
    query: "logs | project-away attributes, resource_attributes",
    sql: `SELECT * EXCLUDE ("attributes", "resource_attributes") FROM "logs" WHERE ${TIME}`,
    params: [F, T],
  },
  {
    query: "logs | sort by timestamp desc, severity_number asc",
    sql: `SELECT * FROM "logs" WHERE ${TIME} ORDER BY "timestamp" DESC NULLS LAST, "severity_number" ASC NULLS FIRST`,
    params: [F, T],
  },
  {
    query: "logs | order by timestamp asc nulls last | take 20",
    sql: `SELECT * FROM "logs" WHERE ${TIME} ORDER BY "timestamp" ASC NULLS LAST LIMIT CAST(? AS BIGINT)`,
    params: [F, T, 20],
  },
  {
    query: "logs | limit 5",
    sql: `SELECT * FROM "logs" WHERE ${TIME} LIMIT CAST(? AS BIGINT)`,
    params: [F, T, 5],
  },
  {
    query: "spans | top 10 by duration desc",
    sql: `SELECT * FROM "spans" WHERE ${TIME} ORDER BY "duration_ns" DESC NULLS LAST LIMIT CAST(? AS BIGINT)`,
    params: [F, T, 10],
  },
  {
    query: "spans | top 3 by duration asc",
    sql: `SELECT * FROM "spans" WHERE ${TIME} ORDER BY "duration_ns" ASC NULLS FIRST LIMIT CAST(? AS BIGINT)`,
    params: [F, T, 3],
  },
  {
    query: "spans | distinct service.name, name",
    sql: `SELECT DISTINCT "service_name", "name" FROM "spans" WHERE ${TIME}`,
    params: [F, T],
  },
  {
    query: "logs | distinct *",
    sql: `SELECT DISTINCT * FROM "logs" WHERE ${TIME}`,
    params: [F, T],
  },
  {
    query: "logs | where severity >= \"WARN\" | count",
    sql: `SELECT count(*) AS "Count" FROM "logs" WHERE ${TIME} AND (("severity_number" >= ?))`,
    params: [F, T, 13],
  },
  {
    query: "search \"connection refused\"",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND ((coalesce(contains(lower("severity_text"), lower(?)), false) OR coalesce(contains(lower("body"), lower(?)), false) OR coalesce(contains(lower("trace_id"), lower(?)), false) OR coalesce(contains(lower("span_id"), lower(?)), false) OR coalesce(contains(lower("event_name"), lower(?)), false) OR coalesce(contains(lower("service_name"), lower(?)), false) OR coalesce(contains(lower("service_namespace"), lower(?)), false) OR coalesce(contains(lower("service_version"), lower(?)), false) OR coalesce(contains(lower("service_instance_id"), lower(?)), false) OR coalesce(contains(lower("deployment_environment"), lower(?)), false) OR coalesce(contains(lower("host_name"), lower(?)), false) OR coalesce(contains(lower("k8s_namespace_name"), lower(?)), false) OR coalesce(contains(lower("k8s_pod_name"), lower(?)), false) OR coalesce(contains(lower("k8s_deployment_name"), lower(?)), false) OR coalesce(contains(lower("cloud_region"), lower(?)), false) OR coalesce(contains(lower("telemetry_sdk_language"), lower(?)), false) OR coalesce(contains(lower("scope_name"), lower(?)), false) OR coalesce(contains(lower("scope_version"), lower(?)), false) OR coalesce(contains(lower("http_request_method"), lower(?)), false) OR coalesce(contains(lower("http_route"), lower(?)), false) OR coalesce(contains(lower("url_full"), lower(?)), false) OR coalesce(contains(lower("url_path"), lower(?)), false) OR coalesce(contains(lower("server_address"), lower(?)), false) OR coalesce(contains(lower("user_agent_original"), lower(?)), false) OR coalesce(contains(lower("db_system"), lower(?)), false) OR coalesce(contains(lower("db_operation_name"), lower(?)), false) OR coalesce(contains(lower("db_query_text"), lower(?)), false) OR coalesce(contains(lower("rpc_system"), lower(?)), false) OR coalesce(contains(lower("rpc_service"), lower(?)), false) OR coalesce(contains(lower("rpc_method"), lower(?)), false) OR coalesce(contains(lower("messaging_system"), lower(?)), false) OR coalesce(contains(lower("error_type"), lower(?)), false) OR coalesce(contains(lower("exception_type"), lower(?)), false) OR coalesce(contains(lower("exception_message"), lower(?)), false) OR coalesce(contains(lower("user_id"), lower(?)), false) OR coalesce(contains(lower(CAST("attributes" AS VARCHAR)), lower(?)), false) OR coalesce(contains(lower(CAST("resource_attributes" AS VARCHAR)), lower(?)), false)))`,
    params: [F, T, "connection refused", "connection refused", "connection refused", "connection refused", "connection refused", "connection refused", "connection refused", "connection refused", "connection refused", "connection refused", "connection refused", "connection refused", "connection refused", "connection refused", "connection refused", "connection refused", "connection refused", "connection refused", "connection refused", "connection refused", "connection refused", "connection refused", "connection refused", "connection refused", "connection refused", "connection refused", "connection refused", "connection refused", "connection refused", "connection refused", "connection refused", "connection refused", "connection refused", "connection refused", "connection refused", "connection refused", "connection refused"],
  },
  {
    query: "logs | search \"timeout\" | take 5",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND ((coalesce(contains(lower("severity_text"), lower(?)), false) OR coalesce(contains(lower("body"), lower(?)), false) OR coalesce(contains(lower("trace_id"), lower(?)), false) OR coalesce(contains(lower("span_id"), lower(?)), false) OR coalesce(contains(lower("event_name"), lower(?)), false) OR coalesce(contains(lower("service_name"), lower(?)), false) OR coalesce(contains(lower("service_namespace"), lower(?)), false) OR coalesce(contains(lower("service_version"), lower(?)), false) OR coalesce(contains(lower("service_instance_id"), lower(?)), false) OR coalesce(contains(lower("deployment_environment"), lower(?)), false) OR coalesce(contains(lower("host_name"), lower(?)), false) OR coalesce(contains(lower("k8s_namespace_name"), lower(?)), false) OR coalesce(contains(lower("k8s_pod_name"), lower(?)), false) OR coalesce(contains(lower("k8s_deployment_name"), lower(?)), false) OR coalesce(contains(lower("cloud_region"), lower(?)), false) OR coalesce(contains(lower("telemetry_sdk_language"), lower(?)), false) OR coalesce(contains(lower("scope_name"), lower(?)), false) OR coalesce(contains(lower("scope_version"), lower(?)), false) OR coalesce(contains(lower("http_request_method"), lower(?)), false) OR coalesce(contains(lower("http_route"), lower(?)), false) OR coalesce(contains(lower("url_full"), lower(?)), false) OR coalesce(contains(lower("url_path"), lower(?)), false) OR coalesce(contains(lower("server_address"), lower(?)), false) OR coalesce(contains(lower("user_agent_original"), lower(?)), false) OR coalesce(contains(lower("db_system"), lower(?)), false) OR coalesce(contains(lower("db_operation_name"), lower(?)), false) OR coalesce(contains(lower("db_query_text"), lower(?)), false) OR coalesce(contains(lower("rpc_system"), lower(?)), false) OR coalesce(contains(lower("rpc_service"), lower(?)), false) OR coalesce(contains(lower("rpc_method"), lower(?)), false) OR coalesce(contains(lower("messaging_system"), lower(?)), false) OR coalesce(contains(lower("error_type"), lower(?)), false) OR coalesce(contains(lower("exception_type"), lower(?)), false) OR coalesce(contains(lower("exception_message"), lower(?)), false) OR coalesce(contains(lower("user_id"), lower(?)), false) OR coalesce(contains(lower(CAST("attributes" AS VARCHAR)), lower(?)), false) OR coalesce(contains(lower(CAST("resource_attributes" AS VARCHAR)), lower(?)), false))) LIMIT CAST(? AS BIGINT)`,
    params: [F, T, "timeout", "timeout", "timeout", "timeout", "timeout", "timeout", "timeout", "timeout", "timeout", "timeout", "timeout", "timeout", "timeout", "timeout", "timeout", "timeout", "timeout", "timeout", "timeout", "timeout", "timeout", "timeout", "timeout", "timeout", "timeout", "timeout", "timeout", "timeout", "timeout", "timeout", "timeout", "timeout", "timeout", "timeout", "timeout", "timeout", "timeout", 5],
  },
  {
    query: "logs | summarize count() by bin(timestamp, 5m) | sort by timestamp asc",
    sql: `SELECT * FROM (SELECT time_bucket(to_microseconds(CAST(? AS BIGINT)), "timestamp") AS "timestamp", count(*) AS "count_" FROM "logs" WHERE ${TIME} GROUP BY 1) AS q1 ORDER BY "timestamp" ASC NULLS FIRST`,
    params: [300000000, F, T],
  },
  {
    query: "logs | take 100 | summarize count()",
    sql: `SELECT count(*) AS "count_" FROM (SELECT * FROM "logs" WHERE ${TIME} LIMIT CAST(? AS BIGINT)) AS q1`,
    params: [F, T, 100],
  },
  {
    query: "spans | where duration > 250ms and duration <= 2s",
    sql: `SELECT * FROM "spans" WHERE ${TIME} AND ((("duration_ns" > ?) AND ("duration_ns" <= ?)))`,
    params: [F, T, 250000000, 2000000000],
  },
  {
    query: "logs | where severity_number < 9 or severity_number > 16",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND ((("severity_number" < ?) OR ("severity_number" > ?)))`,
    params: [F, T, 9, 16],
  },
  {
    query: "logs | where not(body has \"health\")",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND ((NOT regexp_matches("body", ?)))`,
    params: [F, T, "(?i)(^|[^\\p{L}\\p{N}])health($|[^\\p{L}\\p{N}])"],
  },
  {
    query: "logs | where service.name in (\"api\", \"web\") and severity_text !in (\"DEBUG\", \"TRACE\")",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND ((("service_name" IN (?, ?)) AND (NOT coalesce(("severity_text" IN (?, ?)), false))))`,
    params: [F, T, "api", "web", "DEBUG", "TRACE"],
  },
  {
    query: "logs | where service.name in ($services)",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND (("service_name" IN (?, ?)))`,
    params: [F, T, "api", "web"],
  },
  {
    query: "logs | where http.response.status_code in ($codes)",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND (("http_response_status_code" IN (?, ?)))`,
    params: [F, T, 500, 503],
  },
  {
    query: "logs | where service.name in~ (\"API\", \"Web\")",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND ((lower("service_name") IN (lower(?), lower(?))))`,
    params: [F, T, "API", "Web"],
  },
  {
    query: "logs | where service.name !in~ (\"API\")",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND ((NOT coalesce((lower("service_name") IN (lower(?))), false)))`,
    params: [F, T, "API"],
  },
  {
    query: "spans | where duration between (100ms .. 1s)",
    sql: `SELECT * FROM "spans" WHERE ${TIME} AND (("duration_ns" BETWEEN ? AND ?))`,
    params: [F, T, 100000000, 1000000000],
  },
  {
    query: "spans | where duration !between (100ms .. 1s)",
    sql: `SELECT * FROM "spans" WHERE ${TIME} AND ((NOT coalesce(("duration_ns" BETWEEN ? AND ?), false)))`,
    params: [F, T, 100000000, 1000000000],
  },
  {
    query: "logs | where body has \"error\" and body !has \"debug\" and body has_cs \"Error\"",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND (((regexp_matches("body", ?) AND (NOT coalesce(regexp_matches("body", ?), false))) AND regexp_matches("body", ?)))`,
    params: [F, T, "(?i)(^|[^\\p{L}\\p{N}])error($|[^\\p{L}\\p{N}])", "(?i)(^|[^\\p{L}\\p{N}])debug($|[^\\p{L}\\p{N}])", "(^|[^\\p{L}\\p{N}])Error($|[^\\p{L}\\p{N}])"],
  },
  {
    query: "logs | where body contains_cs \"Error\" and body !contains \"debug\"",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND ((contains("body", ?) AND (NOT coalesce(contains(lower("body"), lower(?)), false))))`,
    params: [F, T, "Error", "debug"],
  },
  {
    query: "logs | where url.path startswith \"/api\" and url.path !startswith \"/api/internal\"",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND ((starts_with(lower("url_path"), lower(?)) AND (NOT coalesce(starts_with(lower("url_path"), lower(?)), false))))`,
    params: [F, T, "/api", "/api/internal"],
  },
  {
    query: "logs | where url.path endswith \".json\" or url.path !endswith_cs \".JSON\"",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND ((suffix(lower("url_path"), lower(?)) OR (NOT coalesce(suffix("url_path", ?), false))))`,
    params: [F, T, ".json", ".JSON"],
  },
  {
    query: "logs | where service.name =~ \"API\"",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND ((lower("service_name") = lower(?)))`,
    params: [F, T, "API"],
  },
  {
    query: "logs | where service.name !~ \"api\"",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND ((NOT coalesce((lower("service_name") = lower(?)), false)))`,
    params: [F, T, "api"],
  },
  {
    query: "spans | where name matches regex \"^GET /users/[0-9]+$\"",
    sql: `SELECT * FROM "spans" WHERE ${TIME} AND (regexp_matches("name", ?))`,
    params: [F, T, "^GET /users/[0-9]+$"],
  },
  {
    query: "logs | where body matches /timeout/ or body =~ /^error:/",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND ((regexp_matches("body", ?) OR regexp_matches("body", ?)))`,
    params: [F, T, "(?i)timeout", "(?i)^error:"],
  },
  {
    query: "logs | where body has_any (\"timeout\", \"refused\")",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND (regexp_matches("body", ?))`,
    params: [F, T, "(?i)(^|[^\\p{L}\\p{N}])(timeout|refused)($|[^\\p{L}\\p{N}])"],
  },
  {
    query: "logs | where body has_all [\"user\", \"login\"]",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND ((regexp_matches("body", ?) AND regexp_matches("body", ?)))`,
    params: [F, T, "(?i)(^|[^\\p{L}\\p{N}])user($|[^\\p{L}\\p{N}])", "(?i)(^|[^\\p{L}\\p{N}])login($|[^\\p{L}\\p{N}])"],
  },
  {
    query: "logs | where body hasprefix \"conn\" and body hassuffix \"ed\"",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND ((regexp_matches("body", ?) AND regexp_matches("body", ?)))`,
    params: [F, T, "(?i)(^|[^\\p{L}\\p{N}])conn", "(?i)ed($|[^\\p{L}\\p{N}])"],
  },
  {
    query: "logs | where isnull(trace_id) or isnotnull(span_id)",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND ((("trace_id" IS NULL) OR ("span_id" IS NOT NULL)))`,
    params: [F, T],
  },
  {
    query: "logs | where isempty(user.id) and isnotempty(body)",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND (((coalesce(length("user_id"), 0) = 0) AND (coalesce(length("body"), 0) > 0)))`,
    params: [F, T],
  },
  {
    query: "logs | where trace_id == null or span_id != null",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND ((("trace_id" IS NULL) OR ("span_id" IS NOT NULL)))`,
    params: [F, T],
  },
  {
    query: "logs | where attributes.http.route == \"/users\"",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND (("http_route" = ?))`,
    params: [F, T, "/users"],
  },
  {
    query: "logs | where attributes['x-request-id'] == \"abc\"",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND ((element_at("attributes", ?)[1] = ?))`,
    params: [F, T, "x-request-id", "abc"],
  },
  {
    query: "logs | where resource.k8s.pod.name == \"p1\" and resource.team == \"core\"",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND ((("k8s_pod_name" = ?) AND (element_at("resource_attributes", ?)[1] = ?)))`,
    params: [F, T, "p1", "team", "core"],
  },
  {
    query: "logs | where attributes.retries > 3",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND ((TRY_CAST(element_at("attributes", ?)[1] AS DOUBLE) > ?))`,
    params: [F, T, "retries", 3],
  },
  {
    query: "spans | where context.trace_id == \"abc\"",
    sql: `SELECT * FROM "spans" WHERE ${TIME} AND (("trace_id" = ?))`,
    params: [F, T, "abc"],
  },
  {
    query: "spans | summarize count(), count(trace_id), dcount(trace_id), dcount(service.name, 2)",
    sql: `SELECT count(*) AS "count_", count("trace_id") AS "count_trace_id", count(DISTINCT "trace_id") AS "dcount_trace_id", count(DISTINCT "service_name") AS "dcount_service_name" FROM "spans" WHERE ${TIME}`,
    params: [F, T],
  },
  {
    query: "spans | summarize sum(duration), avg(duration), min(duration), max(duration)",
    sql: `SELECT sum("duration_ns") AS "sum_duration", avg("duration_ns") AS "avg_duration", min("duration_ns") AS "min_duration", max("duration_ns") AS "max_duration" FROM "spans" WHERE ${TIME}`,
    params: [F, T],
  },
  {
    query: "spans | summarize median(duration), stdev(duration), variance(duration), range(timestamp)",
    sql: `SELECT median("duration_ns") AS "median_duration", stddev_samp("duration_ns") AS "stdev_duration", var_samp("duration_ns") AS "variance_duration", ((epoch_us(max("timestamp")) - epoch_us(min("timestamp"))) * 1000) AS "range_timestamp" FROM "spans" WHERE ${TIME}`,
    params: [F, T],
  },
  {
    query: "spans | summarize p50(duration), p90(duration), p99(duration), percentile(duration, 99.9)",
    sql: `SELECT quantile_cont("duration_ns", ?) AS "p50_duration", quantile_cont("duration_ns", ?) AS "p90_duration", quantile_cont("duration_ns", ?) AS "p99_duration", quantile_cont("duration_ns", ?) AS "percentile_duration_99_9" FROM "spans" WHERE ${TIME}`,
    params: [0.5, 0.9, 0.99, 0.9990000000000001, F, T],
  },
  {
    query: "spans | summarize percentiles(duration, 50, 95, 99) by service.name",
    sql: `SELECT "service_name", quantile_cont("duration_ns", ?) AS "percentile_duration_50", quantile_cont("duration_ns", ?) AS "percentile_duration_95", quantile_cont("duration_ns", ?) AS "percentile_duration_99" FROM "spans" WHERE ${TIME} GROUP BY 1`,
    params: [0.5, 0.95, 0.99, F, T],
  },
  {
    query: "logs | summarize rate() by bin(timestamp, 1m)",
    sql: `SELECT time_bucket(to_microseconds(CAST(? AS BIGINT)), "timestamp") AS "timestamp", (count(*) / ?) AS "rate_" FROM "logs" WHERE ${TIME} GROUP BY 1`,
    params: [60000000, 60, F, T],
  },
  {
    query: "logs | summarize rate()",
    sql: `SELECT (count(*) / ?) AS "rate_" FROM "logs" WHERE ${TIME}`,
    params: [3600, F, T],
  },
  {
    query: "metrics | where metric_name == \"http.requests\" | summarize rate(value) by bin_auto(timestamp)",
    sql: `SELECT time_bucket(to_microseconds(CAST(? AS BIGINT)), "timestamp") AS "timestamp", (sum("value") / ?) AS "rate_value" FROM "metrics" WHERE ${TIME} AND (("metric_name" = ?)) GROUP BY 1`,
    params: [30000000, 30, F, T, "http.requests"],
  },
  {
    query: "spans | summarize sumif(duration, kind == \"SERVER\"), avgif(duration, kind == \"CLIENT\"), dcountif(trace_id, status_code == \"ERROR\")",
    sql: `SELECT sum("duration_ns") FILTER (WHERE ("kind" = ?)) AS "sumif_duration", avg("duration_ns") FILTER (WHERE ("kind" = ?)) AS "avgif_duration", count(DISTINCT "trace_id") FILTER (WHERE ("status_code" = ?)) AS "dcountif_trace_id" FROM "spans" WHERE ${TIME}`,
    params: ["SERVER", "CLIENT", "ERROR", F, T],
  },
  {
    query: "spans | summarize error_pct = round(100.0 * countif(status_code == \"ERROR\") / count(), 2) by service.name",
    sql: `SELECT "service_name", round(CAST(((? * count(*) FILTER (WHERE ("status_code" = ?))) / count(*)) AS DOUBLE), CAST(? AS INTEGER)) AS "error_pct" FROM "spans" WHERE ${TIME} GROUP BY 1`,
    params: [100, "ERROR", 2, F, T],
  },
  {
    query: "logs | summarize by service.name, severity_text",
    sql: `SELECT "service_name", "severity_text" FROM "logs" WHERE ${TIME} GROUP BY 1, 2`,
    params: [F, T],
  },
  {
    query: "spans | summarize total.count = count() by resource.service.name",
    sql: `SELECT "service_name", count(*) AS "total_count" FROM "spans" WHERE ${TIME} GROUP BY 1`,
    params: [F, T],
  },
  {
    query: "logs | where timestamp > ago(15m)",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND (("timestamp" > make_timestamp(CAST(? AS BIGINT))))`,
    params: [F, T, 1767228300000000],
  },
  {
    query: "logs | where timestamp <= now() and timestamp >= datetime(\"2026-01-01 00:30\")",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND ((("timestamp" <= make_timestamp(CAST(? AS BIGINT))) AND ("timestamp" >= make_timestamp(CAST(? AS BIGINT)))))`,
    params: [F, T, T, 1767227400000000],
  },
  {
    query: "logs | where timestamp >= datetime(2026-01-01T00:30:00Z)",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND (("timestamp" >= make_timestamp(CAST(? AS BIGINT))))`,
    params: [F, T, 1767227400000000],
  },
  {
    query: "logs | where timestamp > $since",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND (("timestamp" > make_timestamp(CAST(? AS BIGINT))))`,
    params: [F, T, 1767225900000000],
  },
  {
    // A text variable compared with a timespan is read as one.
    query: "spans | where duration > $slow",
    sql: `SELECT * FROM "spans" WHERE ${TIME} AND (("duration_ns" > ?))`,
    params: [F, T, 250000000],
  },
  {
    // cardinality() takes only maps in DuckDB; a list's emptiness is len().
    query: "metrics | where isnotempty(bucket_counts) and isempty(attributes)",
    sql: `SELECT * FROM "metrics" WHERE ${TIME} AND (((coalesce(len("bucket_counts"), 0) > 0) AND (coalesce(cardinality("attributes"), 0) = 0)))`,
    params: [F, T],
  },
  {
    query: "logs | summarize count() by bin(timestamp, $interval)",
    sql: `SELECT time_bucket(to_microseconds(CAST(? AS BIGINT)), "timestamp") AS "timestamp", count(*) AS "count_" FROM "logs" WHERE ${TIME} GROUP BY 1`,
    params: [300000000, F, T],
  },
  {
    query: "logs | extend op = strcat(http.request.method, \" \", http.route)",
    sql: `SELECT *, concat("http_request_method", ?, "http_route") AS "op" FROM "logs" WHERE ${TIME}`,
    params: [" ", F, T],
  },
  {
    query: "logs | extend route = coalesce(http.route, url.path, \"?\")",
    sql: `SELECT *, COALESCE("http_route", "url_path", ?) AS "route" FROM "logs" WHERE ${TIME}`,
    params: ["?", F, T],
  },
  {
    query: "logs | extend outcome = iff(http.response.status_code >= 500, \"bad\", \"ok\")",
    sql: `SELECT *, (CASE WHEN ("http_response_status_code" >= ?) THEN ? ELSE ? END) AS "outcome" FROM "logs" WHERE ${TIME}`,
    params: [500, "bad", "ok", F, T],
  },
  {
    query: "logs | extend class = case(http.response.status_code >= 500, \"5xx\", http.response.status_code >= 400, \"4xx\", \"ok\")",
    sql: `SELECT *, (CASE WHEN ("http_response_status_code" >= ?) THEN ? WHEN ("http_response_status_code" >= ?) THEN ? ELSE ? END) AS "class" FROM "logs" WHERE ${TIME}`,
    params: [500, "5xx", 400, "4xx", "ok", F, T],
  },
  {
    query: "spans | extend ms = round(duration / 1ms, 2), s = round(duration / 1s)",
    sql: `SELECT *, round(CAST(("duration_ns" / ?) AS DOUBLE), CAST(? AS INTEGER)) AS "ms", round(CAST(("duration_ns" / ?) AS DOUBLE)) AS "s" FROM "spans" WHERE ${TIME}`,
    params: [1000000, 2, 1000000000, F, T],
  },
  {
    query: "logs | extend code = tostring(http.response.status_code), n = toint(attributes.retries), r = todouble(attributes.ratio), b = tobool(attributes.cached), l = tolong(severity_number)",
    sql: `SELECT *, CAST("http_response_status_code" AS VARCHAR) AS "code", coalesce(TRY_CAST(element_at("attributes", ?)[1] AS BIGINT), TRY_CAST(trunc(TRY_CAST(element_at("attributes", ?)[1] AS DOUBLE)) AS BIGINT)) AS "n", TRY_CAST(element_at("attributes", ?)[1] AS DOUBLE) AS "r", TRY_CAST(element_at("attributes", ?)[1] AS BOOLEAN) AS "b", "severity_number" AS "l" FROM "logs" WHERE ${TIME}`,
    params: ["retries", "retries", "ratio", "cached", F, T],
  },
  {
    query: "logs | extend lo = tolower(body), up = toupper(severity_text), len = strlen(body)",
    sql: `SELECT *, lower("body") AS "lo", upper("severity_text") AS "up", length("body") AS "len" FROM "logs" WHERE ${TIME}`,
    params: [F, T],
  },
  {
    query: "logs | extend head = substring(trace_id, 0, 8), tail = substring(trace_id, 2)",
    sql: `SELECT *, substring("trace_id", (CAST(? AS BIGINT) + 1), CAST(? AS BIGINT)) AS "head", substring("trace_id", (CAST(? AS BIGINT) + 1), length("trace_id")) AS "tail" FROM "logs" WHERE ${TIME}`,
    params: [0, 8, 2, F, T],
  },
  {
    query: "logs | extend user = extract(\"user=([a-z0-9]+)\", 1, body)",
    sql: `SELECT *, nullif(regexp_extract("body", ?, CAST(? AS INTEGER)), ?) AS "user" FROM "logs" WHERE ${TIME}`,
    params: ["user=([a-z0-9]+)", 1, "", F, T],
  },
  {
    query: "spans | extend slow = duration > 1s, age = now() - timestamp, later = timestamp + 1h",
    sql: `SELECT *, ("duration_ns" > ?) AS "slow", ((epoch_us(make_timestamp(CAST(? AS BIGINT))) - epoch_us("timestamp")) * 1000) AS "age", ("timestamp" + to_microseconds(CAST(? AS BIGINT))) AS "later" FROM "spans" WHERE ${TIME}`,
    params: [1000000000, T, 3600000000, F, T],
  },
  {
    query: "spans | summarize count() by bin(duration, 100ms)",
    sql: `SELECT CAST((floor("duration_ns" / ?) * ?) AS BIGINT) AS "duration", count(*) AS "count_" FROM "spans" WHERE ${TIME} GROUP BY 1`,
    params: [100000000, 100000000, F, T],
  },
  {
    query: "logs | summarize count() by bucket = bin(http.response.status_code, 100)",
    sql: `SELECT CAST((floor("http_response_status_code" / ?) * ?) AS BIGINT) AS "bucket", count(*) AS "count_" FROM "logs" WHERE ${TIME} GROUP BY 1`,
    params: [100, 100, F, T],
  },
  {
    query: "logs | extend a = abs(severity_number - 10)",
    sql: `SELECT *, abs(("severity_number" - ?)) AS "a" FROM "logs" WHERE ${TIME}`,
    params: [10, F, T],
  },
  {
    query: "spans | where duration > 1000000",
    sql: `SELECT * FROM "spans" WHERE ${TIME} AND (("duration_ns" > ?))`,
    params: [F, T, 1000000],
  },
  {
    query: "logs | where timestamp > ago($interval)",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND (("timestamp" > make_timestamp(CAST(? AS BIGINT))))`,
    params: [F, T, 1767228900000000],
  },
  {
    query: "logs | take $n",
    sql: `SELECT * FROM "logs" WHERE ${TIME} LIMIT CAST(? AS BIGINT)`,
    params: [F, T, 5],
  },
  {
    query: "metrics | where value > 0.5 and is_monotonic == true",
    sql: `SELECT * FROM "metrics" WHERE ${TIME} AND ((("value" > ?) AND ("is_monotonic" = ?)))`,
    params: [F, T, 0.5, true],
  },
  {
    query: "telemetry.metrics | where metric_name startswith \"http\"",
    sql: `SELECT * FROM "metrics" WHERE ${TIME} AND (starts_with(lower("metric_name"), lower(?)))`,
    params: [F, T, "http"],
  },
  {
    query: "| summarize count() by bin_auto(timestamp)",
    sql: `SELECT time_bucket(to_microseconds(CAST(? AS BIGINT)), "timestamp") AS "timestamp", count(*) AS "count_" FROM "logs" WHERE ${TIME} GROUP BY 1`,
    params: [30000000, F, T],
  },
  {
    query: "spans kind == \"SERVER\" | take 5",
    sql: `SELECT * FROM "spans" WHERE ${TIME} AND (("kind" = ?)) LIMIT CAST(? AS BIGINT)`,
    params: [F, T, "SERVER", 5],
  },
  {
    query: "logs | where -severity_number < -10",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND (((- "severity_number") < ?))`,
    params: [F, T, -10],
  },
  {
    query: "logs | where (severity_number + 1) * 2 % 3 == 0",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND ((((("severity_number" + ?) * ?) % ?) = ?))`,
    params: [F, T, 1, 2, 3, 0],
  },
  {
    query: "logs | extend t = todatetime(attributes.when)",
    sql: `SELECT *, TRY_CAST(element_at("attributes", ?)[1] AS TIMESTAMP) AS "t" FROM "logs" WHERE ${TIME}`,
    params: ["when", F, T],
  },
  {
    query: "spans | summarize n = count() by service.name | extend per_minute = n / 60.0 | sort by per_minute desc",
    sql: `SELECT * FROM (SELECT *, ("n" / ?) AS "per_minute" FROM (SELECT "service_name", count(*) AS "n" FROM "spans" WHERE ${TIME} GROUP BY 1) AS q1) AS q2 ORDER BY "per_minute" DESC NULLS LAST`,
    params: [60, F, T],
  },
  {
    query: "spans | summarize count() by service.name | sort by service.name asc | where count_ > 1",
    sql: `SELECT * FROM (SELECT "service_name", count(*) AS "count_" FROM "spans" WHERE ${TIME} GROUP BY 1) AS q1 WHERE (("count_" > ?)) ORDER BY "service_name" ASC NULLS FIRST`,
    params: [F, T, 1],
  },
  {
    query: "logs | summarize count() by attributes.http.method | sort by attributes.http.method",
    sql: `SELECT * FROM (SELECT "http_request_method", count(*) AS "count_" FROM "logs" WHERE ${TIME} GROUP BY 1) AS q1 ORDER BY "http_request_method" DESC NULLS LAST`,
    params: [F, T],
  },
  {
    query: "logs | project service.name, body | where service.name == \"api\"",
    sql: `SELECT * FROM (SELECT "service_name", "body" FROM "logs" WHERE ${TIME}) AS q1 WHERE (("service_name" = ?))`,
    params: [F, T, "api"],
  },
  {
    query: "logs | where severity > \"INFO\" and severity <= \"ERROR\"",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND ((("severity_number" > ?) AND ("severity_number" <= ?)))`,
    params: [F, T, 12, 20],
  },
  {
    query: "logs | where attributes.cached == true and attributes.ratio < 0.9",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND (((TRY_CAST(element_at("attributes", ?)[1] AS BOOLEAN) = ?) AND (TRY_CAST(element_at("attributes", ?)[1] AS DOUBLE) < ?)))`,
    params: [F, T, "cached", true, "ratio", 0.9],
  },
  {
    query: "spans | where kind == \"SERVER\" | summarize count() by status_code | sort by status_code desc | take 10",
    sql: `SELECT * FROM (SELECT "status_code", count(*) AS "count_" FROM "spans" WHERE ${TIME} AND (("kind" = ?)) GROUP BY 1) AS q1 ORDER BY "status_code" DESC NULLS LAST LIMIT CAST(? AS BIGINT)`,
    params: [F, T, "SERVER", 10],
  },
  {
    query: "spans | where duration > 250ms | summarize p95(duration) by bin_auto(timestamp), service.name",
    sql: `SELECT time_bucket(to_microseconds(CAST(? AS BIGINT)), "timestamp") AS "timestamp", "service_name", quantile_cont("duration_ns", ?) AS "p95_duration" FROM "spans" WHERE ${TIME} AND (("duration_ns" > ?)) GROUP BY 1, 2`,
    params: [30000000, 0.95, F, T, 250000000],
  },
  {
    query: "spans | summarize count() by duration | sort by duration",
    sql: `SELECT * FROM (SELECT "duration_ns" AS "duration", count(*) AS "count_" FROM "spans" WHERE ${TIME} GROUP BY 1) AS q1 ORDER BY "duration" DESC NULLS LAST`,
    params: [F, T],
  },
  {
    query: "logs | where body has $service",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND (regexp_matches("body", ?))`,
    params: [F, T, "(?i)(^|[^\\p{L}\\p{N}])api($|[^\\p{L}\\p{N}])"],
  },
  {
    query: "logs | sort by body asc | project body = service.name",
    sql: `SELECT "service_name" AS "body" FROM (SELECT * FROM "logs" WHERE ${TIME} ORDER BY "body" ASC NULLS FIRST) AS q1`,
    params: [F, T],
  },
  {
    query: "logs | sort by body asc | project svc = service.name, body",
    sql: `SELECT "service_name" AS "svc", "body" FROM "logs" WHERE ${TIME} ORDER BY "body" ASC NULLS FIRST`,
    params: [F, T],
  },
  {
    query: "logs | sort by body | distinct *",
    sql: `SELECT DISTINCT * FROM "logs" WHERE ${TIME}`,
    params: [F, T],
  },
  {
    query: "logs | sort by severity_number | distinct body",
    sql: `SELECT DISTINCT "body" FROM "logs" WHERE ${TIME}`,
    params: [F, T],
  },
  {
    query: "logs | sort by severity_number | project body",
    sql: `SELECT "body" FROM "logs" WHERE ${TIME} ORDER BY "severity_number" DESC NULLS LAST`,
    params: [F, T],
  },
  {
    query: "logs | sort by severity_number | project-away severity_number",
    sql: `SELECT * EXCLUDE ("severity_number") FROM "logs" WHERE ${TIME} ORDER BY "severity_number" DESC NULLS LAST`,
    params: [F, T],
  },
  {
    query: "logs | take 1 | distinct service.name",
    sql: `SELECT DISTINCT "service_name" FROM (SELECT * FROM "logs" WHERE ${TIME} LIMIT CAST(? AS BIGINT)) AS q1`,
    params: [F, T, 1],
  },
  {
    query: "logs | take 5 | sort by body | take 1 | count",
    sql: `SELECT count(*) AS "Count" FROM (SELECT * FROM (SELECT * FROM "logs" WHERE ${TIME} LIMIT CAST(? AS BIGINT)) AS q1 ORDER BY "body" DESC NULLS LAST LIMIT CAST(? AS BIGINT)) AS q2`,
    params: [F, T, 5, 1],
  },
  {
    query: "logs | top 2 by severity_number | project-away severity_number",
    sql: `SELECT * EXCLUDE ("severity_number") FROM "logs" WHERE ${TIME} ORDER BY "severity_number" DESC NULLS LAST LIMIT CAST(? AS BIGINT)`,
    params: [F, T, 2],
  },
  {
    query: "spans | extend d = duration | summarize max(d)",
    sql: `SELECT max("d") AS "max_d" FROM (SELECT *, "duration_ns" AS "d" FROM "spans" WHERE ${TIME}) AS q1`,
    params: [F, T],
  },
  {
    query: "logs | sort by severity_number | extend severity_number = 1",
    sql: `SELECT * REPLACE (? AS "severity_number") FROM (SELECT * FROM "logs" WHERE ${TIME} ORDER BY "severity_number" DESC NULLS LAST) AS q1`,
    params: [1, F, T],
  },
  {
    query: "logs | where body has service.name and url.path !has http.route",
    sql: `SELECT * FROM "logs" WHERE ${TIME} AND ((list_contains(regexp_split_to_array(lower("body"), ?), lower("service_name")) AND (NOT coalesce(list_contains(regexp_split_to_array(lower("url_path"), ?), lower("http_route")), false))))`,
    params: [F, T, "[^\\p{L}\\p{N}]+", "[^\\p{L}\\p{N}]+"],
  },
];
