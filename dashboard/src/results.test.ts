import { describe, expect, it } from "vitest";
import { analyze } from "../../wasm-query/language/index";
import { classify } from "./explore/highlight";
import { addFilter, cellText, filterClause, mapKeyField, severityClass, sortedOrder, toCsv, toTimeSeries, viewsFor } from "./results";
import { absoluteRange, describeRange, resolveBound } from "./time";

const cols = (...spec: [string, string][]) => spec.map(([name, type]) => ({ name, type }));

describe("result shaping", () => {
  it("offers a chart for time-bucketed aggregates, a log list for raw logs, always a table", () => {
    const ts = cols(["timestamp", "TIMESTAMP"], ["service_name", "VARCHAR"], ["count_", "BIGINT"]);
    expect(viewsFor("logs | summarize count() by bin(timestamp, 1m), service.name", ts)).toEqual(["chart", "table"]);
    expect(viewsFor("logs | summarize count() by service.name", cols(["service_name", "VARCHAR"], ["count_", "BIGINT"]))).toEqual(["table"]);
    expect(viewsFor("logs | take 10", cols(["timestamp", "TIMESTAMP"], ["body", "VARCHAR"]))).toEqual(["logs", "table"]);
  });

  it("pivots rows into one aligned series per group", () => {
    const c = cols(["timestamp", "TIMESTAMP"], ["service_name", "VARCHAR"], ["n", "BIGINT"]);
    const ts = toTimeSeries(c, [
      ["2026-01-01T00:01:00.000000Z", "web", 3],
      ["2026-01-01T00:00:00.000000Z", "api", 1],
      ["2026-01-01T00:01:00.000000Z", "api", 2],
    ]);
    expect(ts.x).toEqual([Date.UTC(2026, 0, 1, 0, 0) / 1000, Date.UTC(2026, 0, 1, 0, 1) / 1000]);
    expect(ts.series).toEqual([
      { label: "web", values: [null, 3], group: { service_name: "web" }, measure: "n" },
      { label: "api", values: [1, 2], group: { service_name: "api" }, measure: "n" },
    ]);
    const two = toTimeSeries(cols(["timestamp", "TIMESTAMP"], ["a", "DOUBLE"], ["b", "BIGINT"]), [["2026-01-01T00:00:00Z", 1.5, 2]]);
    expect(two.series.map((s) => s.label)).toEqual(["a", "b"]);
  });

  it("sorts with nulls last and exports RFC 4180 CSV", () => {
    const rows = [[2], [null], [10], [1]];
    expect(sortedOrder(rows, 0, "asc")).toEqual([3, 0, 2, 1]);
    expect(sortedOrder(rows, 0, "desc")).toEqual([2, 0, 3, 1]);
    expect(toCsv(cols(["a", "VARCHAR"], ["m", "MAP"]), [['say "hi", ok', { k: 1 }], [null, null]])).toBe('a,m\r\n"say ""hi"", ok","{""k"":1}"\r\n,\r\n');
    expect(cellText({ a: 1 })).toBe('{"a":1}');
  });

  it("builds filters that the language parses", () => {
    expect(filterClause("service_name", "api")).toBe('| where service_name == "api"');
    expect(filterClause("http_response_status_code", 500)).toBe("| where http_response_status_code == 500");
    expect(mapKeyField("attributes", "http.route")).toBe("attributes.http.route");
    expect(mapKeyField("attributes", "odd key")).toBe('attributes["odd key"]');
    for (const clause of [filterClause("service_name", 'a "quoted" \\ value'), filterClause(mapKeyField("attributes", "odd key"), "x"), filterClause(mapKeyField("resource", "k8s.pod.name"), "p")]) {
      expect(() => analyze(`logs ${clause}`)).not.toThrow();
    }
  });

  it("puts a clicked filter before a trailing take", () => {
    expect(addFilter("logs | take 100", '| where a == "b"')).toBe('logs | where a == "b" | take 100');
    expect(addFilter("logs | summarize count() by x", "| where x == 1")).toBe("logs | summarize count() by x | where x == 1");
  });

  it("colours severities", () => {
    expect(severityClass("ERROR")).toBe("sev-error");
    expect(severityClass("Warning")).toBe("sev-warn");
    expect(severityClass(null)).toBe("sev-unknown");
  });
});

describe("time ranges", () => {
  const now = Date.UTC(2026, 10, 28, 12);
  it("resolves relative and absolute bounds", () => {
    expect(resolveBound("now", now)).toBe(now);
    expect(resolveBound("now-6h", now)).toBe(now - 6 * 3_600_000);
    expect(resolveBound("2026-01-01T00:00:00Z", now)).toBe(Date.UTC(2026, 0, 1));
    expect(resolveBound("yesterday", now)).toBeNull();
    expect(describeRange({ from: "now-1h", to: "now" })).toBe("Last 1 hour");
    expect(absoluteRange(1000.4, 2000.2)).toEqual({ from: "1970-01-01T00:00:01.000Z", to: "1970-01-01T00:00:02.001Z" });
  });
});

describe("highlighting", () => {
  it("classes tokens with the language's own lexer", () => {
    const text = 'logs | where service.name == "api" and n > 5m | summarize count() by $g';
    const classes = classify(text).map((t) => [text.slice(t.from, t.to), t.cls]);
    expect(classes).toEqual(
      expect.arrayContaining([
        ["logs", "source"], ["where", "operator"], ['"api"', "string"], ["and", "keyword"], ["5m", "number"],
        ["summarize", "operator"], ["count", "function"], ["$g", "variable"], ["service", "field"],
      ]),
    );
    expect(classify('logs | where x == "unterminated')).toEqual([]);
  });
});
