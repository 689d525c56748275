/**
 * The function allowlist. A name that is not here is an error: user text never becomes
 * an SQL function name. Type rules live in the checker and SQL in compile-expr; this table
 * holds what completion and the docs show (signature, one line, an example) and arity.
 */
export interface FunctionDef {
  name: string;
  kind: "scalar" | "aggregate";
  minArgs: number;
  maxArgs: number;
  signature: string;
  doc: string;
  example: string;
}

const agg = (name: string, min: number, max: number, signature: string, doc: string, example: string): FunctionDef =>
  ({ name, kind: "aggregate", minArgs: min, maxArgs: max, signature, doc, example });
const fn = (name: string, min: number, max: number, signature: string, doc: string, example: string): FunctionDef =>
  ({ name, kind: "scalar", minArgs: min, maxArgs: max, signature, doc, example });

export const FUNCTIONS: readonly FunctionDef[] = [
  agg("count", 0, 1, "count([expr])", "Rows in the group; with an argument, rows where it is not null.", "spans | summarize count() by service.name"),
  agg("countif", 1, 1, "countif(predicate)", "Rows where the predicate is true.", "spans | summarize errors = countif(status_code == \"ERROR\")"),
  agg("dcount", 1, 2, "dcount(expr [, accuracy])", "Distinct non-null values (exact; accuracy 0–4 is accepted and ignored).", "spans | summarize users = dcount(user.id)"),
  agg("dcountif", 2, 2, "dcountif(expr, predicate)", "Distinct values among rows where the predicate is true.", "logs | summarize dcountif(user.id, level == \"ERROR\")"),
  agg("sum", 1, 1, "sum(expr)", "Sum of the values.", "spans | summarize sum(http.response.status_code)"),
  agg("sumif", 2, 2, "sumif(expr, predicate)", "Sum over rows where the predicate is true.", "metrics | summarize sumif(value, metric_name == \"requests\")"),
  agg("avg", 1, 1, "avg(expr)", "Mean of the values.", "spans | summarize avg(duration)"),
  agg("avgif", 2, 2, "avgif(expr, predicate)", "Mean over rows where the predicate is true.", "spans | summarize avgif(duration, kind == \"SERVER\")"),
  agg("min", 1, 1, "min(expr)", "Smallest value.", "spans | summarize min(timestamp)"),
  agg("max", 1, 1, "max(expr)", "Largest value.", "spans | summarize max(duration)"),
  agg("median", 1, 1, "median(expr)", "The 50th percentile (interpolated).", "spans | summarize median(duration)"),
  agg("stdev", 1, 1, "stdev(expr)", "Sample standard deviation.", "spans | summarize stdev(duration)"),
  agg("variance", 1, 1, "variance(expr)", "Sample variance.", "spans | summarize variance(duration)"),
  agg("range", 1, 1, "range(expr)", "max − min.", "spans | summarize range(timestamp)"),
  agg("percentile", 2, 2, "percentile(expr, n)", "The n-th percentile, 0 ≤ n ≤ 100 (interpolated, exact).", "spans | summarize percentile(duration, 99)"),
  agg("percentiles", 2, 16, "percentiles(expr, n1, n2, …)", "Several percentiles, one column each (percentile_<field>_<n>).", "spans | summarize percentiles(duration, 50, 95, 99)"),
  agg("rate", 0, 1, "rate([expr])", "Per second: count() (or sum(expr)) divided by the bin width, or by the query's time range without a time bin.", "spans | summarize rate() by bin(timestamp, 1m)"),
  fn("bin", 2, 2, "bin(value, size)", "Round down to a multiple of size: a datetime to a time bucket, a number or timespan to a step.", "spans | summarize count() by bin(timestamp, 5m)"),
  fn("floor", 2, 2, "floor(value, size)", "Same as bin().", "spans | summarize count() by floor(timestamp, 1h)"),
  fn("bin_auto", 1, 1, "bin_auto(timestamp)", "A time bucket chosen from the query's time range (about 100 buckets).", "spans | summarize count() by bin_auto(timestamp)"),
  fn("ago", 1, 1, "ago(timespan)", "now() minus the timespan.", "spans | where timestamp > ago(15m)"),
  fn("now", 0, 0, "now()", "The query's current time.", "spans | extend age = now() - timestamp"),
  fn("datetime", 1, 1, "datetime(text)", "A point in time, UTC unless the text has a zone.", "logs | where timestamp >= datetime(\"2026-01-01 00:00\")"),
  fn("todatetime", 1, 1, "todatetime(text)", "Same as datetime().", "logs | where timestamp >= todatetime(\"2026-01-01\")"),
  fn("strcat", 1, 64, "strcat(a, b, …)", "Concatenate as text (null counts as empty).", "logs | extend op = strcat(http.request.method, \" \", http.route)"),
  fn("coalesce", 2, 64, "coalesce(a, b, …)", "The first argument that is not null.", "logs | extend route = coalesce(http.route, url.path, \"?\")"),
  fn("iff", 3, 3, "iff(predicate, then, else)", "then when the predicate is true, else otherwise.", "spans | extend outcome = iff(status_code == \"ERROR\", \"bad\", \"ok\")"),
  fn("iif", 3, 3, "iif(predicate, then, else)", "Same as iff().", "spans | extend slow = iif(duration > 1s, true, false)"),
  fn("case", 3, 63, "case(p1, v1, [p2, v2, …,] else)", "The value of the first true predicate, else the last argument.", "spans | extend class = case(http.response.status_code >= 500, \"5xx\", http.response.status_code >= 400, \"4xx\", \"ok\")"),
  fn("round", 1, 2, "round(number [, decimals])", "Round to decimals places (0–15, default 0).", "spans | extend ms = round(duration / 1ms, 2)"),
  fn("abs", 1, 1, "abs(number)", "Absolute value.", "metrics | extend d = abs(value)"),
  fn("tostring", 1, 1, "tostring(value)", "The value as text.", "spans | extend code = tostring(http.response.status_code)"),
  fn("toint", 1, 1, "toint(value)", "A whole number, or null when it does not convert (fractions are truncated).", "logs | where toint(attributes.retry) > 2"),
  fn("tolong", 1, 1, "tolong(value)", "Same as toint().", "logs | where tolong(attributes.bytes) > 1000000"),
  fn("todouble", 1, 1, "todouble(value)", "A real number, or null when it does not convert.", "logs | where todouble(attributes.ratio) > 0.5"),
  fn("toreal", 1, 1, "toreal(value)", "Same as todouble().", "logs | extend r = toreal(attributes.ratio)"),
  fn("tofloat", 1, 1, "tofloat(value)", "Same as todouble().", "logs | extend r = tofloat(attributes.ratio)"),
  fn("tobool", 1, 1, "tobool(value)", "true/false, or null when it does not convert.", "logs | where tobool(attributes.cached)"),
  fn("tolower", 1, 1, "tolower(text)", "Lower case.", "logs | extend m = tolower(http.request.method)"),
  fn("toupper", 1, 1, "toupper(text)", "Upper case.", "logs | extend lvl = toupper(level)"),
  fn("strlen", 1, 1, "strlen(text)", "Length in characters.", "logs | where strlen(body) > 1000"),
  fn("substring", 2, 3, "substring(text, start [, length])", "Part of the text; start counts from 0.", "spans | extend prefix = substring(trace_id, 0, 8)"),
  fn("extract", 3, 3, "extract(regex, group, text)", "The capture group of the first regex match, or null.", "logs | extend id = extract(\"user=(\\\\w+)\", 1, body)"),
  fn("isnull", 1, 1, "isnull(value)", "True when the value is null.", "spans | where isnull(trace_id)"),
  fn("isnotnull", 1, 1, "isnotnull(value)", "True when the value is not null.", "spans | where isnotnull(trace_id)"),
  fn("isempty", 1, 1, "isempty(value)", "True when the value is null or an empty string.", "spans | where isempty(user.id)"),
  fn("isnotempty", 1, 1, "isnotempty(value)", "True when the value is neither null nor an empty string.", "spans | where isnotempty(user.id)"),
];

const BY_NAME = new Map(FUNCTIONS.map((f) => [f.name, f]));

/** `p50`, `p95`, `p99`, `p100`…: percentile shorthands (Monoscope). */
export const PERCENTILE_SHORTHAND = /^p(\d{1,3})$/;

export function lookupFunction(name: string): FunctionDef | undefined {
  const direct = BY_NAME.get(name);
  if (direct) return direct;
  const m = PERCENTILE_SHORTHAND.exec(name);
  if (m && Number(m[1]) <= 100) {
    return agg(name, 1, 1, `${name}(expr)`, `The ${m[1]}th percentile (interpolated).`, `summarize ${name}(duration)`);
  }
  return undefined;
}

export function functionNames(): string[] {
  return [...BY_NAME.keys(), "p50", "p75", "p90", "p95", "p99"];
}
