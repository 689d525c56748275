import { describe, expect, it } from "vitest";
import { ALL_VALUE, type Panel, type Variable } from "../../../core/dashboards/spec";
import {
  changedVariables,
  chooseSelection,
  dependentsOf,
  optionsFromRows,
  panelsUsing,
  referencedVars,
  resolutionOrder,
  selectionLabel,
  sentValue,
  staticOptions,
  varsFor,
  VariableCycleError,
} from "./variables";
import { readUrlState, writeUrlState } from "./url-state";

const H = 3_600_000;
const service: Variable = { kind: "query", name: "service", query: "spans | distinct service.name", multi: true, includeAll: true };
const route: Variable = { kind: "query", name: "route", query: "spans | where service.name in ($service) | distinct http.route" };
const op: Variable = { kind: "query", name: "op", query: 'spans | where http.route == $route and name != "$service" | distinct name' };
const env: Variable = { kind: "custom", name: "env", values: ["prod", "staging", "prod"] };
const interval: Variable = { kind: "interval", name: "interval", values: ["1m", "5m"], auto: true };
const limit: Variable = { kind: "constant", name: "limit", value: "10" };
const search: Variable = { kind: "text", name: "search", default: "timeout" };

describe("references and chains", () => {
  it("finds $names the way the language lexes them: not inside strings or regexes", () => {
    expect([...referencedVars('logs | where service.name == $service and body contains "$not_a_var" | take $limit')]).toEqual(["service", "limit"]);
    expect([...referencedVars("logs | where body == 'say $nothing' or y in ($a_1)")]).toEqual(["a_1"]);
    expect([...referencedVars('logs | where body matches regex @"\\d+$x" and body == $b')]).toEqual(["b"]);
  });

  it("a query that does not lex still reports its $names", () => {
    expect([...referencedVars('logs | where a == $x and b == "unterminated')]).toEqual(["x"]);
  });

  it("orders variables so each comes after the ones its query uses", () => {
    expect(resolutionOrder([op, route, service, env]).map((v) => v.name)).toEqual(["service", "route", "op", "env"]);
  });

  it("names a cycle", () => {
    const a: Variable = { kind: "query", name: "a", query: "spans | where name == $b | distinct name" };
    const b: Variable = { kind: "query", name: "b", query: "spans | where name == $a | distinct name" };
    expect(() => resolutionOrder([a, b])).toThrow(VariableCycleError);
    expect(() => resolutionOrder([a, b])).toThrow("$a → $b → $a");
  });

  it("a change reaches the query variables that use it, transitively", () => {
    // service → route → op
    expect([...dependentsOf([service, route, op, env], ["service"])]).toEqual(["route", "op"]);
    // op's "$service" is inside a string: only $route counts
    expect([...dependentsOf([service, route, op, env], ["route"])]).toEqual(["op"]);
    expect([...dependentsOf([service, op], ["service"])]).toEqual([]);
    expect(dependentsOf([service, route, op], ["env"]).size).toBe(0);
  });
});

describe("options and selection", () => {
  it("static options per kind", () => {
    expect(staticOptions(service)).toBeNull();
    expect(staticOptions(env)).toEqual(["prod", "staging"]);
    expect(staticOptions(interval)).toEqual(["auto", "1m", "5m"]);
    expect(staticOptions(limit)).toEqual(["10"]);
    expect(staticOptions(search)).toEqual([]);
  });

  it("a query's options are its first column, distinct, without nulls", () => {
    expect(optionsFromRows([["api", 3], ["web", 1], ["api", 2], [null, 9], [""], [42]])).toEqual(["api", "web", "42"]);
  });

  it("keeps wanted values that are offered, for multi-select", () => {
    expect(chooseSelection(service, ["api", "web", "db"], ["web", "gone", "db"])).toEqual(["web", "db"]);
  });

  it("single-select keeps one value", () => {
    expect(chooseSelection(env, ["prod", "staging"], ["staging", "prod"])).toEqual(["staging"]);
  });

  it("falls back to the default, then All or the first option", () => {
    expect(chooseSelection({ ...env, default: "staging" }, ["prod", "staging"], ["gone"])).toEqual(["staging"]);
    expect(chooseSelection(service, ["api", "web"], undefined)).toEqual([ALL_VALUE]);
    expect(chooseSelection(env, ["prod", "staging"], undefined)).toEqual(["prod"]);
    expect(chooseSelection(route, [], undefined)).toEqual([]);
  });

  it("All only when the variable offers it", () => {
    expect(chooseSelection(service, ["api"], [ALL_VALUE])).toEqual([ALL_VALUE]);
    expect(chooseSelection(env, ["prod", "staging"], [ALL_VALUE])).toEqual(["prod"]);
  });

  it("text keeps what was typed; constants their value", () => {
    expect(chooseSelection(search, [], ["refused"])).toEqual(["refused"]);
    expect(chooseSelection(search, [], undefined)).toEqual(["timeout"]);
    expect(chooseSelection(limit, ["10"], ["99"])).toEqual(["10"]);
  });
});

describe("what queries are sent", () => {
  const states = {
    service: { options: ["api", "web"], selected: [ALL_VALUE] },
    route: { options: ["/a", "/b"], selected: ["/b"] },
    env: { options: ["prod", "staging"], selected: ["staging"] },
    interval: { options: ["auto", "1m", "5m"], selected: ["auto"] },
    limit: { options: ["10"], selected: ["10"] },
    search: { options: [], selected: ["refused"] },
  };
  const all = [service, route, env, interval, limit, search];

  it("All sends every option as a list; a multi-select sends a list even of one", () => {
    expect(sentValue(service, states.service, H)).toEqual(["api", "web"]);
    expect(sentValue(service, { options: ["api", "web"], selected: ["web"] }, H)).toEqual(["web"]);
  });

  it("single values as text; auto interval from the range", () => {
    expect(sentValue(route, states.route, H)).toBe("/b");
    expect(sentValue(interval, states.interval, 6 * H)).toBe("5m");
    expect(sentValue(interval, { options: [], selected: ["1m"] }, 6 * H)).toBe("1m");
    expect(sentValue(limit, undefined, H)).toBe("10");
    expect(sentValue(search, states.search, H)).toBe("refused");
  });

  it("a query gets only the variables it references", () => {
    const q = "spans | where service.name in ($service) and env == $env | summarize count() by bin(timestamp, $interval) | take $limit";
    expect(varsFor(q, all, states, H)).toEqual({ service: ["api", "web"], env: "staging", interval: "30s", limit: "10" });
    expect(varsFor("logs | take 5", all, states, H)).toEqual({});
  });

  it("only panels whose visible queries use a changed variable re-run", () => {
    const panel = (id: string, ...queries: string[]): Panel => ({
      id,
      type: "timeseries",
      title: id,
      grid: { x: 0, y: 0, w: 12, h: 8 },
      queries: queries.map((query, i) => ({ refId: String.fromCharCode(65 + i), query })),
      options: {},
    });
    const hidden = panel("hidden", "logs | where service.name == $service");
    hidden.queries[0].hidden = true;
    const panels = [panel("a", "logs | where service.name in ($service)"), panel("b", "logs | take 1", "spans | where http.route == $route"), panel("c", "logs"), hidden];
    expect([...panelsUsing(panels, new Set(["service"]))]).toEqual(["a"]);
    expect([...panelsUsing(panels, new Set(["route", "service"]))]).toEqual(["a", "b"]);
  });

  it("detects changed selections, and changed options under All", () => {
    const before = { a: { options: ["x", "y"], selected: ["x"] }, b: { options: ["p"], selected: [ALL_VALUE] }, c: { options: ["1"], selected: ["1"] } };
    const after = { a: { options: ["x", "y"], selected: ["y"] }, b: { options: ["p", "q"], selected: [ALL_VALUE] }, c: { options: ["1", "2"], selected: ["1"] } };
    expect([...changedVariables(before, after)]).toEqual(["a", "b"]);
  });

  it("labels selections", () => {
    expect(selectionLabel([ALL_VALUE])).toBe("All");
    expect(selectionLabel(["a", "b"])).toBe("a + b");
    expect(selectionLabel([])).toBe("None");
  });
});

describe("URL state", () => {
  it("reads Grafana-style parameters, repeated for multi-values", () => {
    const s = readUrlState("?var-service=api&var-service=web&from=now-6h&to=now&refresh=30s&other=1");
    expect(s).toEqual({ from: "now-6h", to: "now", refresh: "30s", vars: { service: ["api", "web"] } });
  });
  it("refresh=off means off; no refresh means not said", () => {
    expect(readUrlState("?refresh=off").refresh).toBeNull();
    expect(readUrlState("").refresh).toBeUndefined();
  });
  it("round-trips, All and odd characters included", () => {
    const state = { from: "2026-01-01T00:00:00.000Z", to: "now", refresh: null, vars: { service: [ALL_VALUE], q: ["a&b=c d"], empty: [] } };
    const text = writeUrlState(state);
    expect(text).toBe("?from=2026-01-01T00%3A00%3A00.000Z&to=now&refresh=off&var-service=%24__all&var-q=a%26b%3Dc+d");
    expect(readUrlState(text)).toEqual({ ...state, vars: { service: [ALL_VALUE], q: ["a&b=c d"] } });
  });
});
