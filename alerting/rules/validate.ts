/**
 * API body → RuleSpec, collecting every problem as `{ field, message }` (a form can show
 * them beside their inputs). Pure: the route turns a non-empty list into a 400.
 */
import type { Severity } from "../../core/alerts/model";
import { validate as validateQuery } from "../../wasm-query/language/index";
import { formatDuration, parseDuration } from "./duration";
import type { AlertRule, Condition, Direction, NoDataState, RuleSpec, Thresholds } from "./model";
import { templateErrors } from "./template";

export interface FieldError {
  field: string;
  message: string;
  /** For `query`: the character range of the problem. */
  from?: number;
  to?: number;
}

export const RULE_LIMITS = {
  nameChars: 200,
  queryChars: 16 * 1024,
  labels: 32,
  labelChars: 1024,
  annotations: 16,
  annotationChars: 4096,
  /** One minute is the cron's grain; a day is the longest sensible cadence. */
  minIntervalMs: 60_000,
  maxIntervalMs: 86_400_000,
  maxWindowMs: 7 * 86_400_000,
  maxForMs: 7 * 86_400_000,
  maxOffsetMs: 30 * 86_400_000,
} as const;

const SEVERITIES: Severity[] = ["critical", "warning", "info"];
const NO_DATA_STATES: NoDataState[] = ["nodata", "ok", "alerting"];
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const KNOWN_FIELDS = new Set([
  "name", "query", "value_column", "interval", "window", "for", "condition", "no_data_state", "severity", "labels", "annotations", "enabled",
]);

type Body = Record<string, unknown>;

class Collector {
  errors: FieldError[] = [];
  add(field: string, message: string, extra: Partial<FieldError> = {}): undefined {
    this.errors.push({ field, message, ...extra });
    return undefined;
  }
  duration(body: Body, key: string, opts: { min: number; max: number; fallback?: number; minuteMultiple?: boolean }, field = key): number | undefined {
    const v = body[key];
    if (v === undefined && opts.fallback !== undefined) return opts.fallback;
    if (typeof v !== "string") return this.add(field, `'${field}' must be a duration like "5m" or "1h"`);
    const ms = parseDuration(v);
    if (ms === undefined) return this.add(field, `'${field}' is not a duration: ${JSON.stringify(v.slice(0, 40))} (use s, m, h, d, w: "5m", "1h30m")`);
    if (ms < opts.min || ms > opts.max) return this.add(field, `'${field}' must be from ${formatDuration(opts.min)} to ${formatDuration(opts.max)}`);
    if (opts.minuteMultiple && ms % 60_000 !== 0) return this.add(field, `'${field}' must be whole minutes (rules are evaluated by a per-minute cron)`);
    return ms;
  }
  number(obj: Body, key: string, field: string, opts: { required?: boolean; min?: number; max?: number; integer?: boolean } = {}): number | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return opts.required ? this.add(field, `'${field}' is required`) : undefined;
    if (typeof v !== "number" || !Number.isFinite(v)) return this.add(field, `'${field}' must be a number`);
    if (opts.integer && !Number.isInteger(v)) return this.add(field, `'${field}' must be a whole number`);
    if ((opts.min !== undefined && v < opts.min) || (opts.max !== undefined && v > opts.max)) return this.add(field, `'${field}' must be from ${opts.min} to ${opts.max}`);
    return v;
  }
  oneOf<T extends string>(obj: Body, key: string, field: string, allowed: readonly T[], fallback?: T): T | undefined {
    const v = obj[key];
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v !== "string" || !allowed.includes(v as T)) return this.add(field, `'${field}' must be one of ${allowed.map((a) => `"${a}"`).join(", ")}`);
    return v as T;
  }
  stringMap(body: Body, field: string, max: number, maxChars: number): Record<string, string> {
    const v = body[field];
    if (v === undefined) return {};
    if (typeof v !== "object" || v === null || Array.isArray(v)) return this.add(field, `'${field}' must be an object of name → text`) ?? {};
    const entries = Object.entries(v);
    if (entries.length > max) this.add(field, `'${field}' may have at most ${max} entries`);
    const out: Record<string, string> = {};
    for (const [k, val] of entries) {
      if (!LABEL_NAME.test(k)) this.add(`${field}.${k}`, `'${k}' is not a valid name (letters, digits and _, not starting with a digit)`);
      else if (typeof val !== "string") this.add(`${field}.${k}`, `'${field}.${k}' must be text`);
      else if (val.length > maxChars) this.add(`${field}.${k}`, `'${field}.${k}' is over ${maxChars} characters`);
      else out[k] = val;
    }
    return out;
  }
}

function thresholds(c: Collector, cond: Body, op: Direction): Thresholds {
  const raw = cond.thresholds;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    c.add("condition.thresholds", "'condition.thresholds' must be an object with 'critical' and/or 'warning'");
    return {};
  }
  const t = raw as Body;
  const out: Thresholds = {};
  for (const key of ["critical", "warning", "critical_recovery", "warning_recovery"] as const) {
    const n = c.number(t, key, `condition.thresholds.${key}`);
    if (n !== undefined) out[key] = n;
  }
  for (const key of Object.keys(t)) {
    if (!["critical", "warning", "critical_recovery", "warning_recovery"].includes(key)) c.add(`condition.thresholds.${key}`, `unknown threshold '${key}'`);
  }
  if (out.critical === undefined && out.warning === undefined) c.add("condition.thresholds", "set 'critical', 'warning' or both");
  // "Worse" means further in the alerting direction.
  const worse = (a: number, b: number) => (op === "above" ? a > b : a < b);
  if (out.critical !== undefined && out.warning !== undefined && worse(out.warning, out.critical)) {
    c.add("condition.thresholds.warning", `the warning level must not be ${op} the critical level`);
  }
  for (const level of ["critical", "warning"] as const) {
    const rec = out[`${level}_recovery`];
    const at = out[level];
    if (rec === undefined) continue;
    if (at === undefined) c.add(`condition.thresholds.${level}_recovery`, `'${level}_recovery' needs '${level}'`);
    else if (worse(rec, at)) c.add(`condition.thresholds.${level}_recovery`, `the ${level} recovery must not be ${op} the ${level} level (it is where a firing alert resolves)`);
  }
  return out;
}

function condition(c: Collector, raw: unknown): Condition | undefined {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return c.add("condition", "'condition' must be an object with a 'kind'");
  const cond = raw as Body;
  const kind = c.oneOf(cond, "kind", "condition.kind", ["threshold", "change", "nodata", "anomaly"] as const);
  switch (kind) {
    case "threshold": {
      const op = c.oneOf(cond, "op", "condition.op", ["above", "below"] as const);
      return op ? { kind, op, thresholds: thresholds(c, cond, op) } : undefined;
    }
    case "change": {
      const op = c.oneOf(cond, "op", "condition.op", ["above", "below"] as const);
      const mode = c.oneOf(cond, "mode", "condition.mode", ["absolute", "percent"] as const);
      const offsetMs = c.duration(cond, "offset", { min: 60_000, max: RULE_LIMITS.maxOffsetMs }, "condition.offset");
      const t = op ? thresholds(c, cond, op) : {};
      return op && mode && offsetMs !== undefined ? { kind, op, mode, offsetMs, thresholds: t } : undefined;
    }
    case "nodata":
      return { kind };
    case "anomaly": {
      const baseline = c.oneOf(cond, "baseline", "condition.baseline", ["same_hour", "rolling"] as const);
      const [min, max] = baseline === "rolling" ? [3, 30] : [1, 14];
      const points = c.number(cond, "points", "condition.points", { integer: true, min, max }) ?? (baseline === "rolling" ? 12 : 7);
      const sensitivity = c.number(cond, "sensitivity", "condition.sensitivity", { min: 0.5, max: 20 }) ?? 3;
      const direction = c.oneOf(cond, "direction", "condition.direction", ["above", "below", "both"] as const, "both");
      return baseline && direction ? { kind, baseline, points, sensitivity, direction } : undefined;
    }
  }
  return undefined;
}

/** Body (snake_case, durations as text) → spec, or every problem found. */
export function parseRuleSpec(body: Body): { spec: RuleSpec; errors: [] } | { spec: null; errors: FieldError[] } {
  const c = new Collector();
  for (const key of Object.keys(body)) if (!KNOWN_FIELDS.has(key) && !["id", "created_at", "updated_at", "project_id"].includes(key)) c.add(key, `unknown field '${key}'`);

  const name = typeof body.name === "string" ? body.name.trim() : undefined;
  if (!name) c.add("name", "'name' is required");
  else if (name.length > RULE_LIMITS.nameChars) c.add("name", `'name' is over ${RULE_LIMITS.nameChars} characters`);

  let query: string | undefined;
  if (typeof body.query !== "string" || body.query.trim() === "") c.add("query", "'query' is required: a query in the pipeline language");
  else if (body.query.length > RULE_LIMITS.queryChars) c.add("query", `'query' is over ${RULE_LIMITS.queryChars} characters`);
  else {
    query = body.query;
    for (const d of validateQuery(query)) if (d.severity === "error") c.add("query", d.message, { from: d.from, to: d.to });
  }

  let valueColumn: string | null = null;
  if (body.value_column !== undefined && body.value_column !== null) {
    if (typeof body.value_column !== "string" || !LABEL_NAME.test(body.value_column)) c.add("value_column", "'value_column' must be a result column name");
    else valueColumn = body.value_column;
  }

  const intervalMs = c.duration(body, "interval", { min: RULE_LIMITS.minIntervalMs, max: RULE_LIMITS.maxIntervalMs, fallback: 60_000, minuteMultiple: true });
  const windowMs = c.duration(body, "window", { min: 60_000, max: RULE_LIMITS.maxWindowMs, fallback: 300_000 });
  const forMs = c.duration(body, "for", { min: 0, max: RULE_LIMITS.maxForMs, fallback: 0 });
  const cond = condition(c, body.condition);
  const noDataState = c.oneOf(body, "no_data_state", "no_data_state", NO_DATA_STATES, "nodata");
  const severity = c.oneOf(body, "severity", "severity", SEVERITIES, "warning");
  const labels = c.stringMap(body, "labels", RULE_LIMITS.labels, RULE_LIMITS.labelChars);
  for (const reserved of ["alertname", "severity"]) if (reserved in labels) c.add(`labels.${reserved}`, `'${reserved}' is set by the rule itself`);
  const annotations = c.stringMap(body, "annotations", RULE_LIMITS.annotations, RULE_LIMITS.annotationChars);
  for (const [k, text] of Object.entries(annotations)) for (const e of templateErrors(text)) c.add(`annotations.${k}`, e);
  if (body.enabled !== undefined && typeof body.enabled !== "boolean") c.add("enabled", "'enabled' must be true or false");

  if (c.errors.length > 0 || !name || !query || intervalMs === undefined || windowMs === undefined || forMs === undefined || !cond || !noDataState || !severity) {
    return { spec: null, errors: c.errors };
  }
  return {
    spec: { name, query, valueColumn, intervalMs, windowMs, forMs, condition: cond, noDataState, severity, labels, annotations, enabled: body.enabled !== false },
    errors: [],
  };
}

/** Rule → API JSON (the inverse of parseRuleSpec, plus id and timestamps). */
export function ruleToJson(rule: AlertRule): Record<string, unknown> {
  const cond = rule.condition;
  const condition = cond.kind === "change" ? { kind: cond.kind, op: cond.op, mode: cond.mode, offset: formatDuration(cond.offsetMs), thresholds: cond.thresholds } : cond;
  return {
    id: rule.id,
    name: rule.name,
    query: rule.query,
    value_column: rule.valueColumn,
    interval: formatDuration(rule.intervalMs),
    window: formatDuration(rule.windowMs),
    for: formatDuration(rule.forMs),
    condition,
    no_data_state: rule.noDataState,
    severity: rule.severity,
    labels: rule.labels,
    annotations: rule.annotations,
    enabled: rule.enabled,
    created_at: rule.createdAt,
    updated_at: rule.updatedAt,
  };
}
