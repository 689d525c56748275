/**
 * Dashboard variables: names, kinds and each kind's fields, and the rule that chained
 * query variables may use each other but not in a cycle. Part of validate.ts.
 */
import { ALL_VALUE, type Variable, type VariableKind } from "./spec";
import { Checker, LIMITS, validSpan, type Obj } from "./spec-checker";
import { referencedVariables } from "./validate-query";

const VARIABLE_KINDS: VariableKind[] = ["query", "custom", "constant", "interval", "text"];
const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const VARIABLE_FIELDS: Record<VariableKind, readonly string[]> = {
  query: ["name", "label", "hide", "kind", "query", "multi", "includeAll", "default"],
  custom: ["name", "label", "hide", "kind", "values", "multi", "includeAll", "default"],
  constant: ["name", "label", "hide", "kind", "value"],
  interval: ["name", "label", "hide", "kind", "values", "auto", "default"],
  text: ["name", "label", "hide", "kind", "default"],
};

export function checkVariables(c: Checker, value: unknown): Variable[] | undefined {
  const list = c.array(value, "variables", LIMITS.variables);
  if (!list) return undefined;
  const out: Variable[] = [];
  const seen = new Set<string>();
  let ok = true;
  list.forEach((item, i) => {
    const v = checkVariable(c, item, `variables[${i}]`);
    if (!v) return void (ok = false);
    if (seen.has(v.name)) {
      ok = false;
      return void c.fail(`variables[${i}].name`, `duplicate variable name '${v.name}'`);
    }
    seen.add(v.name);
    out.push(v);
  });
  return ok ? out : undefined;
}

function checkVariable(c: Checker, value: unknown, path: string): Variable | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return c.fail(path, "must be an object");
  const kind = (value as Obj).kind;
  if (typeof kind !== "string" || !VARIABLE_KINDS.includes(kind as VariableKind)) {
    return c.fail(`${path}.kind`, `must be one of ${VARIABLE_KINDS.join(", ")}`);
  }
  const o = c.object(value, path, VARIABLE_FIELDS[kind as VariableKind]);
  if (!o) return undefined;
  const before = c.errors.length;
  const name = c.string(o.name, `${path}.name`, { min: 1, max: 64, pattern: VAR_NAME, patternText: "must be letters, digits and _, not starting with a digit" });
  if (name?.startsWith("__")) c.fail(`${path}.name`, "names starting with __ are reserved");
  const base: { name: string; label?: string; hide?: boolean } = { name: name ?? "" };
  const label = c.optString(o.label, `${path}.label`, LIMITS.titleLength);
  if (label !== undefined) base.label = label;
  const hide = c.bool(o.hide, `${path}.hide`);
  if (hide !== undefined) base.hide = hide;

  let v: Variable | undefined;
  switch (kind as VariableKind) {
    case "query": {
      // The query itself is checked later, once every variable name is known.
      const query = c.string(o.query, `${path}.query`, { min: 1, max: LIMITS.queryLength });
      v = { ...base, kind: "query", query: query ?? "", ...selection(c, o, path, undefined) };
      break;
    }
    case "custom": {
      const values = c.strings(o.values, `${path}.values`, LIMITS.variableValues, LIMITS.valueLength);
      if (values && values.length === 0) c.fail(`${path}.values`, "must list at least one value");
      v = { ...base, kind: "custom", values: values ?? [], ...selection(c, o, path, values) };
      break;
    }
    case "constant": {
      const value = c.string(o.value, `${path}.value`, { max: LIMITS.valueLength });
      v = { ...base, kind: "constant", value: value ?? "" };
      break;
    }
    case "interval": {
      const values = c.strings(o.values, `${path}.values`, LIMITS.variableValues, 16);
      if (values && values.length === 0) c.fail(`${path}.values`, "must list at least one interval");
      values?.forEach((s, i) => {
        if (!validSpan(s)) c.fail(`${path}.values[${i}]`, `'${s}' is not a timespan like 30s, 5m, 1h`);
      });
      const auto = c.bool(o.auto, `${path}.auto`);
      const iv: Variable = { ...base, kind: "interval", values: values ?? [] };
      if (auto !== undefined) iv.auto = auto;
      if (o.default !== undefined) {
        const d = c.string(o.default, `${path}.default`, { min: 1, max: 16 });
        if (d !== undefined && !(values ?? []).includes(d) && !(d === "auto" && auto)) c.fail(`${path}.default`, `'${d}' is not one of the values${auto ? " or auto" : ""}`);
        if (d !== undefined) iv.default = d;
      }
      v = iv;
      break;
    }
    case "text": {
      const d = c.optString(o.default, `${path}.default`, LIMITS.valueLength);
      v = d === undefined ? { ...base, kind: "text" } : { ...base, kind: "text", default: d };
      break;
    }
  }
  return c.errors.length === before ? v : undefined;
}

/** multi / includeAll / default of query and custom variables. */
function selection(c: Checker, o: Obj, path: string, values: string[] | undefined): { multi?: boolean; includeAll?: boolean; default?: string | string[] } {
  const out: { multi?: boolean; includeAll?: boolean; default?: string | string[] } = {};
  const multi = c.bool(o.multi, `${path}.multi`);
  if (multi !== undefined) out.multi = multi;
  const includeAll = c.bool(o.includeAll, `${path}.includeAll`);
  if (includeAll !== undefined) out.includeAll = includeAll;
  if (o.default === undefined) return out;
  const d = o.default;
  if (Array.isArray(d)) {
    if (!multi) return (c.fail(`${path}.default`, "a list default needs multi: true"), out);
    const list = c.strings(d, `${path}.default`, LIMITS.variableValues, LIMITS.valueLength);
    if (list) out.default = list;
  } else {
    const s = c.string(d, `${path}.default`, { max: LIMITS.valueLength });
    if (s !== undefined) out.default = s;
  }
  // Custom values are known now; query values only when the query runs.
  const allowed = new Set([...(values ?? []), ...(includeAll ? [ALL_VALUE] : [])]);
  for (const s of typeof out.default === "string" ? [out.default] : (out.default ?? [])) {
    if (values && !allowed.has(s)) c.fail(`${path}.default`, `'${s}' is not one of the values`);
  }
  return out;
}

/** Query variables may use other variables (chained), but not themselves, directly or in a cycle. */
export function checkVariableQueries(c: Checker, variables: Variable[], checkQuery: (q: unknown, path: string) => string | undefined): void {
  const uses = new Map<string, string[]>();
  variables.forEach((v, i) => {
    if (v.kind !== "query") return;
    checkQuery(v.query, `variables[${i}].query`);
    uses.set(v.name, referencedVariables(v.query));
  });
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string, chain: string[]): string[] | null => {
    if (state.get(name) === "done") return null;
    if (state.get(name) === "visiting") return [...chain, name];
    state.set(name, "visiting");
    for (const next of uses.get(name) ?? []) {
      const cycle = visit(next, [...chain, name]);
      if (cycle) return cycle;
    }
    state.set(name, "done");
    return null;
  };
  variables.forEach((v, i) => {
    if (v.kind !== "query") return;
    const cycle = visit(v.name, []);
    if (cycle) {
      const from = cycle.indexOf(cycle[cycle.length - 1]);
      c.fail(`variables[${i}].query`, `variables depend on each other in a cycle: ${cycle.slice(from).map((n) => "$" + n).join(" → ")}`);
      for (const n of cycle) state.set(n, "done");
    }
  });
}
