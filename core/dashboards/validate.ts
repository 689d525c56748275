/**
 * Checks an untrusted dashboard spec (API body, import file) and returns it normalised:
 * defaults filled, unknown-but-harmless values dropped, keys in one order, so that
 * import → export → import is stable byte for byte. Every problem is reported at once,
 * each with the JSON path of the value (`panels[2].grid.w`) and what is wrong with it.
 *
 * Queries are checked with the query language's own checker. Variable values are only
 * known when the dashboard runs, so each `$name` is bound to a sample of the shape its
 * variable will have (a list for multi-select / All, a timespan for intervals): using a
 * list with `==`, or an undeclared `$name`, is caught at save time.
 */
import { lex, parseDatetimeText, parseTimespanText, TokenKind, validate, type VarValue } from "../../wasm-query/language/index";
import {
  ALL_VALUE,
  DASHBOARD_SCHEMA_VERSION,
  GRID_COLUMNS,
  WIDGET_TYPES,
  type AnnotationQuery,
  type DashboardSpec,
  type Panel,
  type PanelQuery,
  type Variable,
  type VariableKind,
  type WidgetType,
} from "./spec";
import { Checker, join, LIMITS, type Obj, type SpecError } from "./spec-checker";
import { checkOptions } from "./validate-options";

export { LIMITS, type SpecError };

export type SpecResult = { ok: true; spec: DashboardSpec } | { ok: false; errors: SpecError[] };

const VARIABLE_KINDS: VariableKind[] = ["query", "custom", "constant", "interval", "text"];
const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const REF_ID = /^[A-Za-z][A-Za-z0-9_]{0,15}$/;
const RELATIVE_TIME = /^now(?:[-+]\d+(?:ms|s|m|h|d|w|M|y))?(?:\/[smhdwMy])?$/;
const REFRESH = /^\d+(?:s|m|h|d)$/;

/** Validates and normalises a spec. Never throws for bad input. */
export function validateSpec(input: unknown): SpecResult {
  const c = new Checker();
  const bytes = new TextEncoder().encode(JSON.stringify(input) ?? "").length;
  if (bytes > LIMITS.specBytes) return { ok: false, errors: [{ path: "", message: `the spec is ${bytes} bytes; at most ${LIMITS.specBytes} are allowed` }] };
  const spec = checkSpec(c, input);
  if (c.errors.length > 0 || !spec) return { ok: false, errors: c.errors };
  return { ok: true, spec };
}

const SPEC_FIELDS = ["schemaVersion", "title", "description", "tags", "time", "refresh", "variables", "panels", "annotations"] as const;

function checkSpec(c: Checker, input: unknown): DashboardSpec | undefined {
  const o = c.object(input, "", SPEC_FIELDS);
  if (!o) return undefined;
  const schemaVersion =
    o.schemaVersion === undefined
      ? DASHBOARD_SCHEMA_VERSION
      : typeof o.schemaVersion === "number" && o.schemaVersion > DASHBOARD_SCHEMA_VERSION
        ? c.fail("schemaVersion", `this server reads dashboard schema versions up to ${DASHBOARD_SCHEMA_VERSION}; the spec is version ${o.schemaVersion}`)
        : c.int(o.schemaVersion, "schemaVersion", 1, DASHBOARD_SCHEMA_VERSION);
  const title = c.string(o.title, "title", { min: 1, max: LIMITS.titleLength });
  const description = c.optString(o.description, "description", LIMITS.descriptionLength);
  const tags = o.tags === undefined ? [] : checkTags(c, o.tags, "tags");
  const time = o.time === undefined ? { from: "now-6h", to: "now" } : checkTime(c, o.time);
  let refresh: string | null = null;
  if (o.refresh !== undefined && o.refresh !== null) {
    refresh = c.string(o.refresh, "refresh", { max: 16, pattern: REFRESH, patternText: "must be null or an interval like 30s, 1m, 1h" }) ?? null;
  }
  const variables = o.variables === undefined ? [] : checkVariables(c, o.variables);
  const samples = sampleValues(variables ?? []);
  const textVars = new Set((variables ?? []).filter((v) => v.kind === "text").map((v) => v.name));
  const checkQuery = (query: unknown, path: string): string | undefined => checkQueryText(c, query, path, samples, textVars);
  if (variables) checkVariableQueries(c, variables, checkQuery);
  const panels = o.panels === undefined ? [] : checkPanels(c, o.panels, checkQuery);
  const annotations = o.annotations === undefined ? [] : checkAnnotationQueries(c, o.annotations, checkQuery);
  if (schemaVersion === undefined || title === undefined || !tags || !time || !variables || !panels || !annotations) return undefined;
  const spec: DashboardSpec = { schemaVersion, title, tags, time, refresh, variables, panels, annotations };
  if (description !== undefined) return { schemaVersion, title, description, tags, time, refresh, variables, panels, annotations };
  return spec;
}

function checkTags(c: Checker, value: unknown, path: string): string[] | undefined {
  const tags = c.strings(value, path, LIMITS.tags, LIMITS.tagLength);
  // Tags are a set: the first spelling wins, order kept.
  return tags && [...new Set(tags.map((t) => t.trim()).filter((t) => t !== ""))];
}

function checkTime(c: Checker, value: unknown): { from: string; to: string } | undefined {
  const o = c.object(value, "time", ["from", "to"]);
  if (!o) return undefined;
  const bound = (v: unknown, path: string) => {
    const s = c.string(v, path, { min: 1, max: 64 });
    if (s === undefined) return undefined;
    if (!RELATIVE_TIME.test(s) && parseDatetimeText(s) === undefined) return c.fail(path, `'${s}' is not a time: use now, now-6h, now-7d/d or an ISO-8601 time`);
    return s;
  };
  const from = bound(o.from, "time.from");
  const to = bound(o.to, "time.to");
  return from !== undefined && to !== undefined ? { from, to } : undefined;
}

// ---- variables ---------------------------------------------------------------------------

const VARIABLE_FIELDS: Record<VariableKind, readonly string[]> = {
  query: ["name", "label", "hide", "kind", "query", "multi", "includeAll", "default"],
  custom: ["name", "label", "hide", "kind", "values", "multi", "includeAll", "default"],
  constant: ["name", "label", "hide", "kind", "value"],
  interval: ["name", "label", "hide", "kind", "values", "auto", "default"],
  text: ["name", "label", "hide", "kind", "default"],
};

function checkVariables(c: Checker, value: unknown): Variable[] | undefined {
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

function validSpan(text: string): boolean {
  const ns = parseTimespanText(text);
  return ns !== undefined && ns >= 1000;
}

/** A value of the shape each variable will have at run time, for checking queries. */
function sampleValues(variables: Variable[]): Record<string, VarValue> {
  const out: Record<string, VarValue> = {};
  for (const v of variables) {
    switch (v.kind) {
      case "query":
      case "custom": {
        const first = v.kind === "custom" ? (v.values[0] ?? "") : "value";
        // "All" sends every value as a list, so a variable offering All is a list too.
        out[v.name] = v.multi || v.includeAll ? [first] : first;
        break;
      }
      case "constant":
        out[v.name] = v.value;
        break;
      case "interval":
        out[v.name] = v.values[0] ?? "1m";
        break;
      case "text":
        out[v.name] = v.default ?? "";
        break;
    }
  }
  return out;
}

/**
 * Query text with its variables bound to samples. A text box's value is free text, so
 * problems at a text variable's own position (e.g. "not a datetime") are left to run time.
 */
function checkQueryText(c: Checker, value: unknown, path: string, samples: Record<string, VarValue>, textVars: Set<string>): string | undefined {
  const query = c.string(value, path, { min: 1, max: LIMITS.queryLength });
  if (query === undefined) return undefined;
  const textRanges = new Set<string>();
  try {
    for (const t of lex(query)) {
      if (t.kind === TokenKind.Variable && textVars.has(t.value)) textRanges.add(`${t.from}:${t.to}`);
    }
  } catch {
    // A lexing error is reported by validate below, with its position.
  }
  let failed = false;
  for (const d of validate(query, { vars: samples })) {
    if (d.severity !== "error" || textRanges.has(`${d.from}:${d.to}`)) continue;
    failed = true;
    c.fail(path, d.message.replace(/unknown variable \$(\w+)/, "unknown variable $$$1: declare it in the dashboard's variables"), { from: d.from, to: d.to });
  }
  return failed ? undefined : query;
}

/** Names of the `$variables` a query uses (none when it does not lex). */
export function referencedVariables(query: string): string[] {
  try {
    return [...new Set(lex(query).filter((t) => t.kind === TokenKind.Variable).map((t) => t.value))];
  } catch {
    return [];
  }
}

/** Query variables may use other variables (chained), but not themselves, directly or in a cycle. */
function checkVariableQueries(c: Checker, variables: Variable[], checkQuery: (q: unknown, path: string) => string | undefined): void {
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

// ---- panels ------------------------------------------------------------------------------

const PANEL_FIELDS = ["id", "type", "title", "description", "grid", "queries", "timeOverride", "options"];

function checkPanels(c: Checker, value: unknown, checkQuery: (q: unknown, path: string) => string | undefined): Panel[] | undefined {
  const list = c.array(value, "panels", LIMITS.panels);
  if (!list) return undefined;
  const out: Panel[] = [];
  const ids = new Set<string>();
  let ok = true;
  list.forEach((item, i) => {
    const path = `panels[${i}]`;
    const p = checkPanel(c, item, path, checkQuery);
    if (!p) return void (ok = false);
    if (ids.has(p.id)) {
      ok = false;
      return void c.fail(`${path}.id`, `duplicate panel id '${p.id}'`);
    }
    ids.add(p.id);
    out.push(p);
  });
  return ok ? out : undefined;
}

function checkPanel(c: Checker, value: unknown, path: string, checkQuery: (q: unknown, path: string) => string | undefined): Panel | undefined {
  const o = c.object(value, path, PANEL_FIELDS);
  if (!o) return undefined;
  const before = c.errors.length;
  const id = c.string(o.id, `${path}.id`, { min: 1, max: 64, pattern: /^[A-Za-z0-9_-]+$/, patternText: "must be letters, digits, _ and -" });
  const type = WIDGET_TYPES.includes(o.type as WidgetType) ? (o.type as WidgetType) : c.fail(`${path}.type`, `must be one of ${WIDGET_TYPES.join(", ")}`);
  const title = o.title === undefined ? "" : c.string(o.title, `${path}.title`, { max: LIMITS.titleLength });
  const description = c.optString(o.description, `${path}.description`, LIMITS.descriptionLength);
  const grid = checkGrid(c, o.grid, `${path}.grid`);
  const queries = o.queries === undefined ? [] : checkPanelQueries(c, o.queries, `${path}.queries`, checkQuery);
  if (queries && type && type !== "text" && queries.length === 0) c.fail(`${path}.queries`, `a ${type} panel needs at least one query`);
  let timeOverride: string | undefined;
  if (o.timeOverride !== undefined) {
    timeOverride = c.string(o.timeOverride, `${path}.timeOverride`, { min: 1, max: 16 });
    if (timeOverride !== undefined && !validSpan(timeOverride)) c.fail(`${path}.timeOverride`, `'${timeOverride}' is not a timespan like 15m, 1h, 7d`);
  }
  const options = o.options === undefined ? {} : checkOptions(c, o.options, `${path}.options`);
  if (c.errors.length > before || !id || !type || title === undefined || !grid || !queries || !options) return undefined;
  const panel: Panel = { id, type, title, grid, queries, options };
  if (description !== undefined) panel.description = description;
  if (timeOverride !== undefined) panel.timeOverride = timeOverride;
  return orderPanel(panel);
}

/** Keys in the documented order, so normalised JSON does not depend on how it was typed. */
function orderPanel(p: Panel): Panel {
  const out: Record<string, unknown> = { id: p.id, type: p.type, title: p.title };
  if (p.description !== undefined) out.description = p.description;
  out.grid = p.grid;
  out.queries = p.queries;
  if (p.timeOverride !== undefined) out.timeOverride = p.timeOverride;
  out.options = p.options;
  return out as unknown as Panel;
}

function checkGrid(c: Checker, value: unknown, path: string): Panel["grid"] | undefined {
  const o = c.object(value, path, ["x", "y", "w", "h"]);
  if (!o) return undefined;
  const x = c.int(o.x, `${path}.x`, 0, GRID_COLUMNS - 1);
  const y = c.int(o.y, `${path}.y`, 0, LIMITS.gridRows);
  const w = c.int(o.w, `${path}.w`, 1, GRID_COLUMNS);
  const h = c.int(o.h, `${path}.h`, 1, LIMITS.panelHeight);
  if (x === undefined || y === undefined || w === undefined || h === undefined) return undefined;
  if (x + w > GRID_COLUMNS) return c.fail(`${path}.w`, `x + w is ${x + w}: the grid has ${GRID_COLUMNS} columns`);
  return { x, y, w, h };
}

function checkPanelQueries(c: Checker, value: unknown, path: string, checkQuery: (q: unknown, path: string) => string | undefined): PanelQuery[] | undefined {
  const list = c.array(value, path, LIMITS.queriesPerPanel);
  if (!list) return undefined;
  const out: PanelQuery[] = [];
  const refIds = new Set<string>();
  const before = c.errors.length;
  list.forEach((item, i) => {
    const qp = `${path}[${i}]`;
    const o = c.object(item, qp, ["refId", "query", "legend", "hidden"]);
    if (!o) return;
    const refId = c.string(o.refId, `${qp}.refId`, { min: 1, max: 16, pattern: REF_ID, patternText: "must be a letter then letters, digits or _ (A, B, errors…)" });
    if (refId !== undefined && refIds.has(refId)) c.fail(`${qp}.refId`, `duplicate refId '${refId}' in this panel`);
    if (refId !== undefined) refIds.add(refId);
    const query = checkQuery(o.query, `${qp}.query`);
    const legend = c.optString(o.legend, `${qp}.legend`, LIMITS.titleLength);
    const hidden = c.bool(o.hidden, `${qp}.hidden`);
    if (refId === undefined || query === undefined) return;
    const q: PanelQuery = { refId, query };
    if (legend !== undefined) q.legend = legend;
    if (hidden !== undefined) q.hidden = hidden;
    out.push(q);
  });
  return c.errors.length === before ? out : undefined;
}

function checkAnnotationQueries(c: Checker, value: unknown, checkQuery: (q: unknown, path: string) => string | undefined): AnnotationQuery[] | undefined {
  const list = c.array(value, "annotations", LIMITS.annotationQueries);
  if (!list) return undefined;
  const out: AnnotationQuery[] = [];
  const names = new Set<string>();
  const before = c.errors.length;
  list.forEach((item, i) => {
    const path = `annotations[${i}]`;
    const o = c.object(item, path, ["name", "query", "color", "enabled"]);
    if (!o) return;
    const name = c.string(o.name, `${path}.name`, { min: 1, max: LIMITS.titleLength });
    if (name !== undefined && names.has(name)) c.fail(`${path}.name`, `duplicate annotation query name '${name}'`);
    if (name !== undefined) names.add(name);
    const query = checkQuery(o.query, `${path}.query`);
    const color = o.color === undefined ? "#f2994a" : c.string(o.color, `${path}.color`, { min: 1, max: 32 });
    const enabled = o.enabled === undefined ? true : c.bool(o.enabled, `${path}.enabled`);
    if (name !== undefined && query !== undefined && color !== undefined && enabled !== undefined) out.push({ name, query, color, enabled });
  });
  return c.errors.length === before ? out : undefined;
}

