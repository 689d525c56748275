import { describe, expect, it } from "vitest";
import { BUILT_IN_DASHBOARDS } from "./builtins";
import type { DashboardSpec } from "./spec";
import { LIMITS, referencedVariables, validateSpec } from "./validate";

function minimal(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: "Checkout",
    panels: [{ id: "p1", type: "timeseries", title: "Requests", grid: { x: 0, y: 0, w: 12, h: 8 }, queries: [{ refId: "A", query: "spans | count" }] }],
    ...overrides,
  };
}

function errorsOf(input: unknown) {
  const r = validateSpec(input);
  if (r.ok) throw new Error("expected errors");
  return r.errors;
}

function specOf(input: unknown): DashboardSpec {
  const r = validateSpec(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.spec;
}

describe("validateSpec", () => {
  it("fills defaults and orders keys, so normalising twice changes nothing", () => {
    const spec = specOf(minimal({ tags: [" a ", "b", "a"] }));
    expect(spec).toEqual({
      schemaVersion: 1,
      title: "Checkout",
      tags: ["a", "b"],
      time: { from: "now-6h", to: "now" },
      refresh: null,
      variables: [],
      panels: [{ id: "p1", type: "timeseries", title: "Requests", grid: { x: 0, y: 0, w: 12, h: 8 }, queries: [{ refId: "A", query: "spans | count" }], options: {} }],
      annotations: [],
    });
    expect(JSON.stringify(specOf(JSON.parse(JSON.stringify(spec))))).toBe(JSON.stringify(spec));
    // Key order of the input does not leak into the output.
    const shuffled = { panels: [{ options: {}, queries: [{ query: "spans | count", refId: "A" }], grid: { h: 8, w: 12, y: 0, x: 0 }, title: "Requests", type: "timeseries", id: "p1" }], title: "Checkout", tags: ["a", "b"] };
    expect(JSON.stringify(specOf(shuffled))).toBe(JSON.stringify(spec));
  });

  it("names the path of each problem, all at once", () => {
    const errors = errorsOf({
      title: "",
      tags: "x",
      panels: [
        { id: "a", type: "timeseries", title: "ok", grid: { x: 0, y: 0, w: 12, h: 4 }, queries: [{ refId: "A", query: "spans | count" }] },
        { id: "a", type: "timeseries", title: "dup", grid: { x: 0, y: 4, w: 12, h: 4 }, queries: [{ refId: "A", query: "spans | count" }] },
        { id: "c", type: "sparkles", title: "t", grid: { x: 20, y: 0, w: 6, h: 4 }, queries: [] },
      ],
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: "title", message: "must not be empty" },
        { path: "tags", message: "must be an array" },
        { path: "panels[1].id", message: "duplicate panel id 'a'" },
        expect.objectContaining({ path: "panels[2].type", message: expect.stringMatching(/^must be one of timeseries, bar, stat/) }),
        { path: "panels[2].grid.w", message: "x + w is 26: the grid has 24 columns" },
      ]),
    );
  });

  it("checks grid bounds, refIds, unknown fields and option types", () => {
    const panel = (extra: Record<string, unknown>) => minimal({ panels: [{ id: "p", type: "stat", title: "t", grid: { x: 0, y: 0, w: 4, h: 4 }, queries: [{ refId: "A", query: "spans | count" }], ...extra }] });
    expect(errorsOf(panel({ grid: { x: -1, y: 0, w: 0, h: 4 } }))).toEqual([
      { path: "panels[0].grid.x", message: "must be from 0 to 23" },
      { path: "panels[0].grid.w", message: "must be from 1 to 24" },
    ]);
    expect(errorsOf(panel({ queries: [{ refId: "A", query: "spans | count" }, { refId: "A", query: "logs | count" }] }))).toEqual([
      { path: "panels[0].queries[1].refId", message: "duplicate refId 'A' in this panel" },
    ]);
    expect(errorsOf(panel({ colour: "red" }))[0]).toMatchObject({ path: "panels[0].colour", message: expect.stringMatching(/^unknown field/) });
    expect(errorsOf(panel({ options: { decimals: 1.5, style: "dots", thresholds: [{ value: 3, color: "red" }] } }))).toEqual([
      { path: "panels[0].options.decimals", message: "must be a whole number" },
      { path: "panels[0].options.style", message: "must be one of line, area, bars" },
      { path: "panels[0].options.thresholds[0].value", message: "the first step's value must be null (it applies from −∞)" },
    ]);
    expect(errorsOf(panel({ options: { colorColumns: ["error_rate", 7] } }))).toEqual([{ path: "panels[0].options.colorColumns[1]", message: expect.any(String) }]);
    expect(specOf(panel({ options: { colorColumns: ["error_rate"] } })).panels[0].options).toEqual({ colorColumns: ["error_rate"] });
    expect(errorsOf(panel({ queries: [] }))).toEqual([{ path: "panels[0].queries", message: "a stat panel needs at least one query" }]);
    expect(errorsOf(panel({ timeOverride: "soon" }))).toEqual([{ path: "panels[0].timeOverride", message: "'soon' is not a timespan like 15m, 1h, 7d" }]);
    // Options the server does not know are kept for the widget.
    expect(specOf(panel({ options: { unit: "ms", fancy: { a: [1, 2] } } })).panels[0].options).toEqual({ unit: "ms", fancy: { a: [1, 2] } });
  });

  it("checks queries with the query language, with the position inside the query", () => {
    const errors = errorsOf(minimal({ panels: [{ id: "p", type: "table", title: "t", grid: { x: 0, y: 0, w: 4, h: 4 }, queries: [{ refId: "A", query: "spans | where nosuch == 1" }] }] }));
    expect(errors).toEqual([{ path: "panels[0].queries[0].query", message: expect.stringMatching(/unknown field 'nosuch'/), range: { from: 14, to: 20 } }]);
  });

  it("accepts declared $variables in the shape they will have, and refuses undeclared ones", () => {
    const variables = [
      { name: "service", kind: "query", query: "spans | distinct service.name", multi: true, includeAll: true, default: "$__all" },
      { name: "env", kind: "custom", values: ["prod", "staging"], default: "prod" },
      { name: "interval", kind: "interval", values: ["1m", "5m"], auto: true, default: "auto" },
      { name: "since", kind: "text" },
    ];
    const q = (query: string) => minimal({ variables, panels: [{ id: "p", type: "timeseries", title: "t", grid: { x: 0, y: 0, w: 4, h: 4 }, queries: [{ refId: "A", query }] }] });
    specOf(q("spans | where service.name in ($service) and deployment.environment == $env | summarize count() by bin(timestamp, $interval)"));
    // A text box may hold a datetime: its value is only known when the dashboard runs.
    specOf(q("spans | where timestamp > $since | count"));
    expect(errorsOf(q("spans | where service.name == $service | count"))[0]).toMatchObject({
      path: "panels[0].queries[0].query",
      message: "$service is a list: use it with in, !in, has_any or has_all",
      range: { from: 30, to: 38 },
    });
    expect(errorsOf(q("spans | where service.name == $svc | count"))[0].message).toMatch(/^unknown variable \$svc: declare it in the dashboard's variables/);
  });

  it("checks variable names, kinds and required fields", () => {
    const errors = errorsOf(
      minimal({
        variables: [
          { name: "1x", kind: "constant", value: "a" },
          { name: "a", kind: "custom", values: [] },
          { name: "a", kind: "text" },
          { name: "b", kind: "weird" },
          { name: "c", kind: "interval", values: ["5 apples"] },
          { name: "d", kind: "query" },
          { name: "e", kind: "custom", values: ["x"], default: ["x"] },
        ],
      }),
    );
    expect(errors).toEqual([
      { path: "variables[0].name", message: "must be letters, digits and _, not starting with a digit" },
      { path: "variables[1].values", message: "must list at least one value" },
      { path: "variables[3].kind", message: "must be one of query, custom, constant, interval, text" },
      { path: "variables[4].values[0]", message: "'5 apples' is not a timespan like 30s, 5m, 1h" },
      { path: "variables[5].query", message: "must be a string" },
      { path: "variables[6].default", message: "a list default needs multi: true" },
    ]);
    expect(errorsOf(minimal({ variables: [{ name: "a", kind: "text" }, { name: "a", kind: "text" }] }))).toEqual([{ path: "variables[1].name", message: "duplicate variable name 'a'" }]);
  });

  it("allows chained query variables but not cycles", () => {
    const chained = [
      { name: "env", kind: "query", query: "spans | distinct deployment.environment" },
      { name: "service", kind: "query", query: "spans | where deployment.environment == $env | distinct service.name" },
    ];
    expect(specOf(minimal({ variables: chained })).variables).toHaveLength(2);
    const cycle = [
      { name: "a", kind: "query", query: "spans | where service.name == $b | distinct name" },
      { name: "b", kind: "query", query: "spans | where name == $a | distinct service.name" },
    ];
    expect(errorsOf(minimal({ variables: cycle }))).toEqual([{ path: "variables[0].query", message: "variables depend on each other in a cycle: $a → $b → $a" }]);
    expect(referencedVariables("spans | where a == $x and b in ($y, $x)")).toEqual(["x", "y"]);
  });

  it("refuses a newer schema version, bad times and oversized specs", () => {
    expect(errorsOf(minimal({ schemaVersion: 2 }))).toEqual([{ path: "schemaVersion", message: "this server reads dashboard schema versions up to 1; the spec is version 2" }]);
    expect(errorsOf(minimal({ time: { from: "yesterday", to: "now" } }))).toEqual([{ path: "time.from", message: "'yesterday' is not a time: use now, now-6h, now-7d/d or an ISO-8601 time" }]);
    expect(specOf(minimal({ time: { from: "2026-01-01T00:00:00Z", to: "now-1d/d" }, refresh: "30s" })).time.from).toBe("2026-01-01T00:00:00Z");
    expect(errorsOf(minimal({ refresh: "often" }))[0].path).toBe("refresh");
    const many = Array.from({ length: LIMITS.panels + 1 }, (_, i) => ({ id: `p${i}`, type: "text", title: "", grid: { x: 0, y: i, w: 1, h: 1 } }));
    expect(errorsOf(minimal({ panels: many }))).toEqual([{ path: "panels", message: `must have at most ${LIMITS.panels} items` }]);
    const huge = minimal({ description: "x".repeat(LIMITS.specBytes) });
    expect(errorsOf(huge)[0].message).toMatch(/^the spec is \d+ bytes; at most 1048576 are allowed$/);
    expect(errorsOf("nope")).toEqual([{ path: "", message: "must be an object" }]);
  });
});

describe("built-in dashboards", () => {
  it.each(BUILT_IN_DASHBOARDS.map((b) => [b.key, b.spec] as const))("%s is valid and already normalised", (_key, spec) => {
    expect(JSON.stringify(specOf(spec))).toBe(JSON.stringify(spec));
  });
});
