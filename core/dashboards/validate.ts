/**
 * Checks an untrusted dashboard spec (API body, import file) and returns it normalised:
 * defaults filled, unknown-but-harmless values dropped, keys in one order, so that
 * import → export → import is stable byte for byte. Every problem is reported at once,
 * each with the JSON path of the value (`panels[2].grid.w`) and what is wrong with it.
 *
 * Parts: variables (validate-variables.ts), query text (validate-query.ts), panel options
 * (validate-options.ts), the error collector and size caps (spec-checker.ts).
 */
import { parseDatetimeText } from "../../wasm-query/language/index";
import {
  DASHBOARD_SCHEMA_VERSION,
  GRID_COLUMNS,
  WIDGET_TYPES,
  type AnnotationQuery,
  type DashboardSpec,
  type Panel,
  type PanelQuery,
  type WidgetType,
} from "./spec";
import { Checker, LIMITS, validSpan, type SpecError } from "./spec-checker";
import { checkOptions } from "./validate-options";
import { checkQueryText, referencedVariables, sampleValues } from "./validate-query";
import { checkVariableQueries, checkVariables } from "./validate-variables";

export { LIMITS, referencedVariables, type SpecError };

export type SpecResult = { ok: true; spec: DashboardSpec } | { ok: false; errors: SpecError[] };

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
  // Built in the documented key order; `description` only when present.
  return { schemaVersion, title, ...(description === undefined ? {} : { description }), tags, time, refresh, variables, panels, annotations };
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

