/**
 * The rule builder's form ⇄ the API's rule JSON, and the shapes the rules API answers.
 * Pure, so the form's rules (empty fields left out, labels as `key=value` lines) are
 * unit-tested without a browser.
 */
export type ConditionKind = "threshold" | "change" | "nodata" | "anomaly";

export interface RuleJson {
  id?: string;
  name: string;
  query: string;
  value_column: string | null;
  interval: string;
  window: string;
  for: string;
  condition: Record<string, unknown> & { kind: ConditionKind };
  no_data_state: "nodata" | "ok" | "alerting";
  severity: "critical" | "warning" | "info";
  labels: Record<string, string>;
  annotations: Record<string, string>;
  enabled: boolean;
  states?: Record<string, number>;
}

export interface FieldError {
  field: string;
  message: string;
}

export interface PreviewJson {
  steps: number[];
  groups: { labels: Record<string, string>; values: (number | null)[]; band?: { lower: (number | null)[]; upper: (number | null)[] } }[];
  series: { fingerprint: string; labels: Record<string, string>; severity: string; states: (string | null)[] }[];
  changes: { at: number; from: string; to: string; labels: Record<string, string>; fingerprint: string }[];
  fired_at: number[];
  errors: { at: number; message: string }[];
  thresholds: Record<string, number> | null;
  queries: number;
}

export interface SeriesJson {
  fingerprint: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: string;
  since: number;
  active_at: number | null;
  value: number | null;
  error: string | null;
}

export interface HistoryEvent {
  id: number;
  at: number;
  kind: string;
  rule_id: string | null;
  fingerprint: string | null;
  status: string;
  detail: string | null;
  data: Record<string, unknown>;
}

/** Everything the form edits, as text (inputs hold text). */
export interface RuleForm {
  name: string;
  query: string;
  valueColumn: string;
  interval: string;
  window: string;
  forText: string;
  kind: ConditionKind;
  op: "above" | "below";
  critical: string;
  warning: string;
  criticalRecovery: string;
  warningRecovery: string;
  mode: "absolute" | "percent";
  offset: string;
  baseline: "same_hour" | "rolling";
  points: string;
  sensitivity: string;
  direction: "above" | "below" | "both";
  noDataState: RuleJson["no_data_state"];
  severity: RuleJson["severity"];
  labels: string;
  annotations: string;
  enabled: boolean;
}

export const EMPTY_FORM: RuleForm = {
  name: "",
  query: 'logs | where severity_text == "ERROR" | summarize errors = count() by service.name',
  valueColumn: "",
  interval: "1m",
  window: "5m",
  forText: "2m",
  kind: "threshold",
  op: "above",
  critical: "10",
  warning: "",
  criticalRecovery: "",
  warningRecovery: "",
  mode: "percent",
  offset: "1d",
  baseline: "same_hour",
  points: "7",
  sensitivity: "3",
  direction: "both",
  noDataState: "nodata",
  severity: "warning",
  labels: "",
  annotations: "summary={{ $labels.service_name }}: {{ $value }}",
  enabled: true,
};

/** `key=value` lines → object (blank lines skipped; the first `=` splits). */
export function parsePairs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const t = line.trim();
    if (!t) continue;
    const eq = t.indexOf("=");
    if (eq < 0) out[t] = "";
    else out[t.slice(0, eq).trim()] = t.slice(eq + 1).trim();
  }
  return out;
}

export function formatPairs(pairs: Record<string, string>): string {
  return Object.entries(pairs)
    .map(([k, v]) => `${k}=${v}`)
    .join("\n");
}

/** A number field: empty → left out; anything else is sent as typed so the API can name it. */
function num(text: string): number | string | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

function thresholds(f: RuleForm): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  const put = (k: string, v: number | string | undefined) => v !== undefined && (out[k] = v);
  put("critical", num(f.critical));
  put("warning", num(f.warning));
  put("critical_recovery", num(f.criticalRecovery));
  put("warning_recovery", num(f.warningRecovery));
  return out;
}

export function formToRule(f: RuleForm): Omit<RuleJson, "id" | "states"> {
  let condition: RuleJson["condition"];
  switch (f.kind) {
    case "threshold":
      condition = { kind: "threshold", op: f.op, thresholds: thresholds(f) };
      break;
    case "change":
      condition = { kind: "change", op: f.op, mode: f.mode, offset: f.offset.trim(), thresholds: thresholds(f) };
      break;
    case "nodata":
      condition = { kind: "nodata" };
      break;
    case "anomaly":
      condition = { kind: "anomaly", baseline: f.baseline, points: num(f.points), sensitivity: num(f.sensitivity), direction: f.direction };
      break;
  }
  return {
    name: f.name.trim(),
    query: f.query,
    value_column: f.valueColumn.trim() || null,
    interval: f.interval.trim(),
    window: f.window.trim(),
    for: f.forText.trim() || "0",
    condition,
    no_data_state: f.noDataState,
    severity: f.severity,
    labels: parsePairs(f.labels),
    annotations: parsePairs(f.annotations),
    enabled: f.enabled,
  };
}

export function ruleToForm(r: RuleJson): RuleForm {
  const c = r.condition as Record<string, any>;
  const t = (c.thresholds ?? {}) as Record<string, number | undefined>;
  const text = (v: unknown) => (v === undefined || v === null ? "" : String(v));
  return {
    ...EMPTY_FORM,
    name: r.name,
    query: r.query,
    valueColumn: r.value_column ?? "",
    interval: r.interval,
    window: r.window,
    forText: r.for,
    kind: r.condition.kind,
    op: c.op ?? "above",
    critical: text(t.critical),
    warning: text(t.warning),
    criticalRecovery: text(t.critical_recovery),
    warningRecovery: text(t.warning_recovery),
    mode: c.mode ?? EMPTY_FORM.mode,
    offset: c.offset ?? EMPTY_FORM.offset,
    baseline: c.baseline ?? EMPTY_FORM.baseline,
    points: text(c.points ?? EMPTY_FORM.points),
    sensitivity: text(c.sensitivity ?? EMPTY_FORM.sensitivity),
    direction: c.direction ?? EMPTY_FORM.direction,
    noDataState: r.no_data_state,
    severity: r.severity,
    labels: formatPairs(r.labels),
    annotations: formatPairs(r.annotations),
    enabled: r.enabled,
  };
}

/** Field errors keyed by the form control that shows them (`condition.thresholds.critical` → critical). */
export function errorsByControl(errors: FieldError[]): Record<string, string> {
  const map: Record<string, string> = {
    for: "forText",
    value_column: "valueColumn",
    no_data_state: "noDataState",
    "condition.thresholds.critical": "critical",
    "condition.thresholds.warning": "warning",
    "condition.thresholds.critical_recovery": "criticalRecovery",
    "condition.thresholds.warning_recovery": "warningRecovery",
    "condition.thresholds": "critical",
    "condition.offset": "offset",
    "condition.points": "points",
    "condition.sensitivity": "sensitivity",
    "condition.kind": "kind",
    "condition.op": "op",
    "condition.mode": "mode",
  };
  const out: Record<string, string> = {};
  for (const e of errors) {
    const control = map[e.field] ?? (e.field.startsWith("labels") ? "labels" : e.field.startsWith("annotations") ? "annotations" : e.field);
    out[control] = out[control] ? `${out[control]}; ${e.message}` : e.message;
  }
  return out;
}

/** State → badge order and label for the rule list. */
export const STATE_ORDER = ["firing", "pending", "error", "nodata", "resolved", "ok"] as const;
