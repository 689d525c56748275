import { describe, expect, it } from "vitest";
import { ALL_VALUE, type QueryVariable, type Variable } from "../../../core/dashboards/spec";
import { resolveVariableStates, type ResolveRequest } from "./resolve";
import type { SentValue } from "./variables";

const service: QueryVariable = { kind: "query", name: "service", query: "spans | distinct service.name" };
const operation: QueryVariable = { kind: "query", name: "operation", query: "spans | where service.name == $service | distinct name", multi: true, includeAll: true };
const env: Variable = { kind: "custom", name: "env", values: ["prod", "staging"] };

/** Plain data: the operations each service has, answered the way the query would. */
const OPS: Record<string, string[]> = { api: ["GET /a", "POST /b"], web: ["GET /"] };

function request(overrides: Partial<ResolveRequest> = {}) {
  const calls: { query: string; vars: Record<string, SentValue> }[] = [];
  const req: ResolveRequest = {
    variables: [operation, service, env],
    current: {},
    names: null,
    wanted: {},
    rangeMs: 3_600_000,
    run: async (query, vars) => {
      calls.push({ query, vars });
      if (query === service.query) return [["api"], ["web"]];
      return (OPS[String(vars.service)] ?? []).map((n) => [n]);
    },
    isAbort: (e) => e instanceof Error && e.name === "AbortError",
    ...overrides,
  };
  return { req, calls };
}

describe("resolveVariableStates", () => {
  it("resolves parents first and runs a chained query with the parent's chosen value", async () => {
    const { req, calls } = request({ wanted: { service: ["web"] } });
    const { states, problem } = await resolveVariableStates(req);
    expect(problem).toBeNull();
    expect(calls).toEqual([
      { query: service.query, vars: {} },
      { query: operation.query, vars: { service: "web" } },
    ]);
    expect(states).toEqual({
      service: { options: ["api", "web"], selected: ["web"], error: undefined },
      operation: { options: ["GET /"], selected: [ALL_VALUE], error: undefined },
      env: { options: ["prod", "staging"], selected: ["prod"], error: undefined },
    });
  });

  it("re-resolves only the named variables, keeping the others and selections still offered", async () => {
    const current = {
      service: { options: ["api", "web"], selected: ["api"] },
      operation: { options: ["GET /"], selected: ["GET /a"] },
      env: { options: ["prod", "staging"], selected: ["staging"] },
    };
    const { req, calls } = request({ current, names: new Set(["operation"]) });
    const { states } = await resolveVariableStates(req);
    expect(calls).toEqual([{ query: operation.query, vars: { service: "api" } }]);
    expect(states.operation).toEqual({ options: ["GET /a", "POST /b"], selected: ["GET /a"], error: undefined });
    expect(states.env).toBe(current.env);
  });

  it("a failing query leaves the variable empty with its error; the rest still resolve", async () => {
    const { req } = request({ run: async (q) => (q === service.query ? Promise.reject(new Error("unknown field")) : []) });
    const { states } = await resolveVariableStates(req);
    expect(states.service).toEqual({ options: [], selected: [], error: "unknown field" });
    expect(states.env.selected).toEqual(["prod"]);
  });

  it("an aborted run rejects instead of resolving with nothing", async () => {
    const abort = Object.assign(new Error("aborted"), { name: "AbortError" });
    const { req } = request({ run: async () => Promise.reject(abort) });
    await expect(resolveVariableStates(req)).rejects.toBe(abort);
  });

  it("reports a cycle and still resolves in the given order", async () => {
    const a: Variable = { kind: "query", name: "a", query: "spans | where name == $b | distinct name" };
    const b: Variable = { kind: "query", name: "b", query: "spans | where name == $a | distinct name" };
    const { req } = request({ variables: [a, b], run: async () => [["x"]] });
    const { states, problem } = await resolveVariableStates(req);
    expect(problem).toContain("$a → $b → $a");
    expect(Object.keys(states)).toEqual(["a", "b"]);
  });
});
