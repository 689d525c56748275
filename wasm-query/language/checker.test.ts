import { describe, expect, it } from "vitest";
import { check } from "./checker.ts";
import type { Diagnostic } from "./errors.ts";
import { validate } from "./index.ts";
import { parse } from "./parser.ts";

/** Range of the n-th occurrence of `part` in `q`. */
function at(q: string, part: string, nth = 0): { from: number; to: number } {
  let from = -1;
  for (let i = 0; i <= nth; i++) from = q.indexOf(part, from + 1);
  if (from < 0) throw new Error(`${part} not in ${q}`);
  return { from, to: from + part.length };
}

const errors = (q: string, opts = {}) => validate(q, opts).filter((d) => d.severity === "error");

function expectOne(q: string, message: string, part: string, opts = {}, nth = 0): Diagnostic {
  const d = errors(q, opts);
  expect(d, JSON.stringify(d)).toHaveLength(1);
  expect(d[0].message).toContain(message);
  expect({ from: d[0].from, to: d[0].to }).toEqual(at(q, part, nth));
  return d[0];
}

describe("checker", () => {
  it("accepts valid queries without diagnostics", () => {
    for (const q of [
      'logs | where service.name == "api" and severity >= "ERROR" | summarize count() by bin(timestamp, 5m)',
      "spans | summarize p95(duration), errors = countif(status_code == \"ERROR\") by service.name | where errors > 0",
      "metrics | where metric_name == \"x\" | summarize avg(value) by bin_auto(timestamp)",
      'logs | extend r = attributes.http.route | where r startswith "/api"',
    ]) {
      expect(validate(q)).toEqual([]);
    }
  });

  it("reports an unknown field with a suggestion", () => {
    const q = 'logs | where servce.name == "a"';
    expectOne(q, "unknown field 'servce.name' in logs — did you mean 'service.name'?", "servce.name");
  });

  it("suggests the OpenTelemetry name that ends with a short name", () => {
    expectOne("logs | where status_code == 500", "did you mean 'http.response.status_code'", "status_code");
  });

  it("hints at attributes.* for an unknown dotted name", () => {
    expectOne('logs | where foo.bar == "x"', "attribute keys are written attributes.foo.bar", "foo.bar");
  });

  it("collects every problem, sorted by position", () => {
    const q = "logs | summarize zork() | where foo == 1 and bar(body) == 2";
    const d = errors(q);
    expect(d.map((x) => [x.message.split(" —")[0].split(" (")[0], x.from, x.to])).toEqual([
      ["unknown function 'zork'", ...Object.values(at(q, "zork"))],
      ["unknown column 'foo'", ...Object.values(at(q, "foo"))],
      ["unknown function 'bar'", ...Object.values(at(q, "bar"))],
      ["field 'body' is not available here", ...Object.values(at(q, "body"))],
    ]);
  });

  it("reports type errors at the operator", () => {
    expectOne("logs | where body > 5", "'>' cannot compare a string with an int", ">");
    expectOne('spans | where duration > "abc"', "'>' cannot compare a timespan with a string", ">");
    expectOne("logs | extend x = body + body", "use strcat() to join text", "+");
  });

  it("requires true/false conditions", () => {
    expectOne("logs | where body", "where needs a true/false condition, but this is a string", "body", {}, 0);
    expectOne("logs | where severity_number and true", "'and' needs a true/false condition", "severity_number");
    expectOne("logs | summarize countif(body)", "countif() needs a true/false condition", "body");
  });

  it("keeps aggregations in summarize", () => {
    expectOne("logs | where count() > 5", "count() is an aggregation: use it in summarize", "count");
    expectOne("logs | extend x = avg(severity_number)", "avg() is an aggregation", "avg");
    expectOne("logs | summarize max(count())", "aggregations cannot be nested", "count");
    expectOne("logs | summarize body", "'body' must be inside an aggregation", "body");
    expectOne("logs | summarize count() by count()", "count() is an aggregation", "count", {}, 1);
  });

  it("reports unknown functions with a suggestion", () => {
    expectOne("logs | extend x = tolowr(body)", "unknown function 'tolowr' — did you mean 'tolower'", "tolowr");
    expectOne("logs | extend x = read_csv('/etc/passwd')", "unknown function 'read_csv'", "read_csv");
  });

  it("checks arity", () => {
    expectOne("logs | extend x = substring(body)", "substring() takes 2 to 3 arguments, got 1", "substring(body)");
    expectOne('logs | extend x = coalesce(body)', "coalesce() takes at least 2 arguments, got 1", "coalesce(body)");
    expectOne("logs | extend x = now(1)", "now() takes 0 arguments, got 1", "now(1)");
    expectOne("logs | summarize percentiles(severity_number)", "percentiles() takes 2 to 16 arguments", "percentiles(severity_number)");
  });

  it("checks constant arguments", () => {
    expectOne("spans | summarize percentile(duration, 150)", "between 0 and 100", "150");
    expectOne("spans | summarize p101(duration)", "p101: a percentile must be between 0 and 100", "p101");
    expectOne("logs | extend x = round(severity_number, 16)", "round() decimals must be a whole number from 0 to 15", "16");
    expectOne("logs | summarize dcount(body, 5)", "accuracy must be a whole number from 0 to 4", "5");
    expectOne("logs | summarize count() by bin(timestamp, 0s)", "needs a constant timespan of at least 1us", "0s");
    expectOne('logs | summarize count() by bin(timestamp, "abc")', "needs a constant timespan", '"abc"');
    expectOne("logs | extend x = extract(body, 1, body)", "extract() needs a constant regex", "body");
    expectOne('logs | extend x = case(true, "a", false, "b")', "case() takes pairs", 'case(true, "a", false, "b")');
  });

  it("checks severity names and datetimes", () => {
    expectOne('logs | where severity >= "LOUD"', "unknown severity 'LOUD'", '"LOUD"');
    expectOne('logs | where timestamp > datetime("2026-13-01")', "'2026-13-01' is not a datetime", '"2026-13-01"');
    expectOne('logs | where timestamp > "yesterday"', "'yesterday' is not a datetime", '"yesterday"');
    expectOne("logs | where timestamp > 5", "cannot compare a datetime with an int", "5");
  });

  it("knows what is left after project and summarize", () => {
    expectOne('logs | project body | where service.name == "a"', "field 'service.name' is not available here", "service.name");
    expectOne("logs | summarize n = count() by service.name | where body == 1", "not available here", "body");
    expect(validate('logs | summarize n = count() by service.name | where resource.service.name == "a"')).toEqual([]);
    expect(validate('logs | project svc = service.name | where service.name == "a"')).toEqual([]);
    expectOne("logs | project-away body | where body == 1", "not available here", "body", {}, 1);
  });

  it("rejects bad and duplicate column names", () => {
    expectOne("logs | project a = body, a = service.name", "duplicate column 'a'", "a", {}, 1);
    expectOne("logs | extend ['x\" y'] = 1", "column name 'x\" y' must be letters, digits and _", "['x\" y']");
    expectOne("logs | extend Body = 1", "'Body' clashes with column 'body'", "Body");
  });

  it("names default columns like KQL and Monoscope", () => {
    const m = check(parse("spans | summarize count(), dcount(resource.service.name), p95(duration), percentiles(duration, 50, 99.9), countif(true), x = sum(duration) by bin(timestamp, 1h), service.name"));
    expect(m.output.columns.map((c) => c.name)).toEqual([
      "timestamp", "service_name", "count_", "dcount_resource_service_name", "p95_duration", "percentile_duration_50",
      "percentile_duration_99_9", "countif_", "x",
    ]);
    expect(m.output.columns.map((c) => c.type)).toEqual(["datetime", "string", "int", "int", "timespan", "timespan", "timespan", "int", "timespan"]);
  });

  it("checks variables when they are given", () => {
    expect(validate("logs | where body == $q")).toEqual([]);
    expectOne("logs | where body == $q", "unknown variable $q — did you mean '$qq'?", "$q", { vars: { qq: "x" } });
    expectOne("logs | where body == $list", "$list is a list", "$list", { vars: { list: ["a"] } });
    expectOne("logs | where severity_number in ($list)", "$list holds a string", "$list", { vars: { list: ["a"] } });
    expectOne("logs | take $n", "$n must be a whole number of rows", "$n", { vars: { n: "5" } });
    expect(validate("spans | where duration > $slow and $slow <= duration", { vars: { slow: "250ms" } })).toEqual([]);
    expectOne("spans | where duration > $slow", "$slow is not a timespan: \"soon\"", "$slow", { vars: { slow: "soon" } });
  });

  it("reports an unknown source", () => {
    expectOne("trace | take 1", "unknown source or field 'trace' (sources: logs, spans, metrics, checks, rum) — did you mean 'traces'?", "trace");
    const d = validate("| take 1", { defaultSource: "nope" });
    expect(d[0]).toMatchObject({ message: expect.stringContaining("unknown source 'nope'"), from: 0, to: 0 });
  });

  it("reports map keys where whole columns are needed", () => {
    expectOne("logs | project-away attributes.foo", "project-away removes whole columns", "attributes.foo");
  });

  it("needs text for text operators", () => {
    expectOne('logs | where body has_any ("a", 2)', "'has_any' needs text values", "2");
    expectOne("logs | where body contains 5", "'contains' needs text on the right", "5");
  });

  it("warns (without failing) about a regex JavaScript cannot read", () => {
    const d = validate('logs | where body matches regex "a(b"');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: "warning", ...at('logs | where body matches regex "a(b"', '"a(b"') });
  });

  it("reads `-- comment` as arithmetic and reports it", () => {
    expectOne('logs | where body == "x" -- comment', "unknown field 'comment'", "comment");
  });
});
