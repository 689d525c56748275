/**
 * Dashboard variables, resolved: which values each one offers, which are selected (from the
 * URL, else its default), what a query is sent for `$name` (a list for multi-select, the full
 * list for "All"), which variables and panels a change reaches (chained variables: B's query
 * uses `$A`). Pure; running a query variable's query is the caller's job. Unit-tested.
 */
import { ALL_VALUE, type Panel, type Variable } from "../../../core/dashboards/spec";
import { lex } from "../../../wasm-query/language/lexer";
import { TokenKind } from "../../../wasm-query/language/token-kind";
import { autoInterval } from "./interval";

/** What the query API takes for one variable (docs/query-language.md "Variables"). */
export type SentValue = string | string[];

export interface VariableState {
  /** The values offered (a query variable's distinct first column; a custom list; …). */
  options: string[];
  /** The selection: values, or `[ALL_VALUE]`; a text variable holds its text. */
  selected: string[];
  /** Why a query variable has no options (its query failed). */
  error?: string;
}

export type VariableStates = Record<string, VariableState>;

export class VariableCycleError extends Error {}

/**
 * `$name`s a query uses, read with the language's own lexer (so a `$` inside a string or a
 * regex is not a variable). A query that does not lex (an unterminated string, say) falls
 * back to every `$name` in its text: re-running a panel too often beats missing one.
 */
export function referencedVars(query: string): Set<string> {
  try {
    return new Set(lex(query).filter((t) => t.kind === TokenKind.Variable).map((t) => t.value));
  } catch {
    return new Set([...query.matchAll(/\$([A-Za-z_]\w*)/g)].map((m) => m[1]));
  }
}

/** The other variables a variable's query needs. */
export function dependenciesOf(v: Variable, all: Variable[]): string[] {
  if (v.kind !== "query") return [];
  const refs = referencedVars(v.query);
  return all.filter((o) => o.name !== v.name && refs.has(o.name)).map((o) => o.name);
}

/** Variables in an order where each comes after the ones its query uses; a cycle is an error naming it. */
export function resolutionOrder(variables: Variable[]): Variable[] {
  const byName = new Map(variables.map((v) => [v.name, v]));
  const done = new Set<string>();
  const visiting: string[] = [];
  const out: Variable[] = [];
  const visit = (v: Variable) => {
    if (done.has(v.name)) return;
    if (visiting.includes(v.name)) throw new VariableCycleError(`variables use each other in a cycle: ${[...visiting.slice(visiting.indexOf(v.name)), v.name].map((n) => "$" + n).join(" → ")}`);
    visiting.push(v.name);
    for (const d of dependenciesOf(v, variables)) visit(byName.get(d)!);
    visiting.pop();
    done.add(v.name);
    out.push(v);
  };
  for (const v of variables) visit(v);
  return out;
}

/** The variables to re-resolve when `changed` change: query variables using them, and theirs in turn. */
export function dependentsOf(variables: Variable[], changed: Iterable<string>): Set<string> {
  const out = new Set<string>();
  const queue = [...changed];
  while (queue.length) {
    const name = queue.shift()!;
    for (const v of variables) {
      if (!out.has(v.name) && dependenciesOf(v, variables).includes(name)) {
        out.add(v.name);
        queue.push(v.name);
      }
    }
  }
  return out;
}

/** Options of a variable that needs no query (null for a query variable). */
export function staticOptions(v: Variable): string[] | null {
  switch (v.kind) {
    case "query":
      return null;
    case "custom":
      return [...new Set(v.values)];
    case "interval":
      return [...(v.auto ? ["auto"] : []), ...v.values.filter((x) => x !== "auto")];
    case "constant":
      return [v.value];
    case "text":
      return [];
  }
}

/** A query variable's options from its result: the first column, as text, distinct, nulls dropped, in result order. */
export function optionsFromRows(rows: unknown[][]): string[] {
  const seen = new Set<string>();
  for (const r of rows) if (r[0] !== null && r[0] !== undefined && r[0] !== "") seen.add(typeof r[0] === "object" ? JSON.stringify(r[0]) : String(r[0]));
  return [...seen];
}

const isMulti = (v: Variable) => (v.kind === "query" || v.kind === "custom") && !!v.multi;
const allowsAll = (v: Variable) => (v.kind === "query" || v.kind === "custom") && !!v.includeAll;

/**
 * The selection given the options and what the URL (or the user) asked for: the wanted values
 * still offered, else the default, else All (when offered) or the first option. Values a
 * query no longer returns are dropped, as Grafana does.
 */
export function chooseSelection(v: Variable, options: string[], wanted: string[] | undefined): string[] {
  if (v.kind === "constant") return [v.value];
  if (v.kind === "text") return [wanted?.[0] ?? v.default ?? ""];
  const pick = (list: string[] | undefined): string[] | null => {
    if (!list || list.length === 0) return null;
    if (list.includes(ALL_VALUE) && allowsAll(v)) return [ALL_VALUE];
    const kept = list.filter((x) => options.includes(x));
    if (kept.length === 0) return null;
    return isMulti(v) ? kept : [kept[0]];
  };
  const fallback = v.default === undefined ? undefined : Array.isArray(v.default) ? v.default : [v.default];
  return pick(wanted) ?? pick(fallback) ?? (allowsAll(v) ? [ALL_VALUE] : options.length ? [options[0]] : []);
}

/** What `$name` is sent as: a list for a multi-select (All: every option), else one value. */
export function sentValue(v: Variable, state: VariableState | undefined, rangeMs: number): SentValue {
  const selected = state?.selected ?? [];
  if (v.kind === "constant") return v.value;
  if (v.kind === "text") return selected[0] ?? "";
  if (v.kind === "interval") {
    const value = selected[0] ?? v.default ?? v.values[0] ?? "auto";
    return value === "auto" ? autoInterval(rangeMs) : value;
  }
  const values = selected.includes(ALL_VALUE) ? (state?.options ?? []) : selected;
  return isMulti(v) || selected.includes(ALL_VALUE) ? values : (values[0] ?? "");
}

/** The `vars` to send with a query: the variables it references, resolved. */
export function varsFor(query: string, variables: Variable[], states: VariableStates, rangeMs: number): Record<string, SentValue> {
  const refs = referencedVars(query);
  const out: Record<string, SentValue> = {};
  for (const v of variables) if (refs.has(v.name)) out[v.name] = sentValue(v, states[v.name], rangeMs);
  return out;
}

/** Panels with a visible query that uses one of the changed variables (the only ones to re-run). */
export function panelsUsing(panels: Panel[], changed: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const p of panels) {
    if (p.queries.some((q) => !q.hidden && [...referencedVars(q.query)].some((n) => changed.has(n)))) out.add(p.id);
  }
  return out;
}

/** Names of variables whose selection differs between two states (options changes count too, for All). */
export function changedVariables(before: VariableStates, after: VariableStates): Set<string> {
  const out = new Set<string>();
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[name];
    const b = after[name];
    if (!a || !b || a.selected.join("\u0000") !== b.selected.join("\u0000") || (b.selected.includes(ALL_VALUE) && a.options.join("\u0000") !== b.options.join("\u0000"))) out.add(name);
  }
  return out;
}

/** The label of a selection for the header (`All`, `a + b`). */
export function selectionLabel(selected: string[]): string {
  if (selected.includes(ALL_VALUE)) return "All";
  if (selected.length === 0) return "None";
  return selected.join(" + ");
}

const NAME = /^[A-Za-z_]\w*$/;

/** Problems that would stop the variables working, or null. */
export function variablesProblem(variables: Variable[]): string | null {
  const seen = new Set<string>();
  for (const v of variables) {
    if (!NAME.test(v.name)) return `variable name '${v.name}' must be letters, digits and _, not starting with a digit`;
    if (seen.has(v.name)) return `two variables are named '${v.name}'`;
    seen.add(v.name);
    if (v.kind === "query" && !v.query.trim()) return `variable '${v.name}' needs a query`;
  }
  try {
    resolutionOrder(variables);
  } catch (e) {
    if (e instanceof VariableCycleError) return e.message;
    throw e;
  }
  return null;
}
