/**
 * What changed between two versions of a dashboard, for the versions view: structured
 * changes a person can read ("panel 'Latency' changed: queries[A].query"), matched by
 * identity rather than position (variables by name, panels by id, annotation queries by
 * name, panel queries by refId), plus a line diff of the pretty-printed JSON.
 */
import type { DashboardSpec } from "./spec";

export interface FieldChange {
  /** Path inside the item, e.g. `grid.w`, `queries[A].query`, `options.unit`. */
  path: string;
  before: unknown;
  after: unknown;
}

export type SpecSection = "title" | "description" | "tags" | "time" | "refresh" | "schemaVersion" | "variables" | "panels" | "annotations";

export interface SpecChange {
  section: SpecSection;
  /** Variable name, panel id or annotation query name; absent for whole-dashboard fields. */
  key?: string;
  kind: "added" | "removed" | "changed";
  /** Whole value (or item) before / after; absent on the side where it does not exist. */
  before?: unknown;
  after?: unknown;
  /** For a changed variable, panel or annotation query: the fields that differ. */
  fields?: FieldChange[];
}

export interface DiffLine {
  op: "=" | "-" | "+";
  text: string;
}

export interface DiffHunk {
  /** 1-based first line of the hunk in the old and the new text. */
  oldStart: number;
  newStart: number;
  lines: DiffLine[];
}

export interface SpecDiff {
  changes: SpecChange[];
  /** Line diff of `JSON.stringify(spec, null, 2)` with 3 lines of context; `null` when too large to compute. */
  hunks: DiffHunk[] | null;
}

const SCALARS: SpecSection[] = ["schemaVersion", "title", "description", "tags", "time", "refresh"];

export function diffSpecs(before: DashboardSpec, after: DashboardSpec): SpecDiff {
  const changes: SpecChange[] = [];
  for (const section of SCALARS) {
    const a = before[section as keyof DashboardSpec];
    const b = after[section as keyof DashboardSpec];
    if (equal(a, b)) continue;
    const kind = a === undefined ? "added" : b === undefined ? "removed" : "changed";
    changes.push(withSides({ section, kind }, a, b));
  }
  changes.push(...diffKeyed("variables", before.variables, after.variables, (v) => v.name));
  changes.push(...diffKeyed("panels", before.panels, after.panels, (p) => p.id));
  changes.push(...diffKeyed("annotations", before.annotations, after.annotations, (a) => a.name));
  return { changes, hunks: lineDiff(JSON.stringify(before, null, 2), JSON.stringify(after, null, 2)) };
}

function withSides(change: SpecChange, before: unknown, after: unknown): SpecChange {
  if (before !== undefined) change.before = before;
  if (after !== undefined) change.after = after;
  return change;
}

function diffKeyed<T>(section: SpecSection, before: T[], after: T[], keyOf: (item: T) => string): SpecChange[] {
  const out: SpecChange[] = [];
  const old = new Map(before.map((item) => [keyOf(item), item]));
  const now = new Map(after.map((item) => [keyOf(item), item]));
  for (const [key, item] of old) {
    if (!now.has(key)) out.push({ section, key, kind: "removed", before: item });
  }
  for (const [key, item] of now) {
    const was = old.get(key);
    if (was === undefined) out.push({ section, key, kind: "added", after: item });
    else if (!equal(was, item)) out.push({ section, key, kind: "changed", before: was, after: item, fields: diffValues(was, item, "") });
  }
  return out;
}

/** Leaf-level differences between two JSON values; panel queries are matched by refId. */
export function diffValues(a: unknown, b: unknown, path: string): FieldChange[] {
  if (equal(a, b)) return [];
  if (path === "queries" && Array.isArray(a) && Array.isArray(b) && [...a, ...b].every((q) => isObject(q) && typeof q.refId === "string")) {
    const byRef = (list: unknown[]) => Object.fromEntries(list.map((q) => [(q as { refId: string }).refId, q]));
    return diffObjects(byRef(a), byRef(b), (key) => `queries[${key}]`);
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const out: FieldChange[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) out.push(...diffValues(a[i], b[i], `${path}[${i}]`));
    return out;
  }
  if (isObject(a) && isObject(b)) return diffObjects(a, b, (key) => (path === "" ? key : `${path}.${key}`));
  return [{ path, before: a, after: b }];
}

function diffObjects(a: Record<string, unknown>, b: Record<string, unknown>, pathOf: (key: string) => string): FieldChange[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.flatMap((key) => diffValues(a[key], b[key], pathOf(key)));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Deep equality of JSON values (key order ignored). */
export function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => equal(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => equal(a[k], b[k]));
  }
  return false;
}

// ---- line diff ---------------------------------------------------------------------------

/** Cells of the LCS table we are willing to fill (after trimming the common ends). */
const MAX_CELLS = 4_000_000;
const CONTEXT = 3;

/** Hunks of a line diff (LCS over the differing middle), or null when the middle is too big. */
export function lineDiff(oldText: string, newText: string): DiffHunk[] | null {
  const a = oldText.split("\n");
  const b = newText.split("\n");
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if (midA.length * midB.length > MAX_CELLS) return null;
  const ops = [...a.slice(0, start).map((text): DiffLine => ({ op: "=", text })), ...lcsOps(midA, midB), ...a.slice(endA).map((text): DiffLine => ({ op: "=", text }))];
  return hunks(ops);
}

function lcsOps(a: string[], b: string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  // lengths[i][j]: LCS of a[i..] and b[j..], in one flat array.
  const lengths = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[at(i, j)] = a[i] === b[j] ? lengths[at(i + 1, j + 1)] + 1 : Math.max(lengths[at(i + 1, j)], lengths[at(i, j + 1)]);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ op: "=", text: a[i++] });
      j++;
    } else if (lengths[at(i + 1, j)] >= lengths[at(i, j + 1)]) out.push({ op: "-", text: a[i++] });
    else out.push({ op: "+", text: b[j++] });
  }
  while (i < n) out.push({ op: "-", text: a[i++] });
  while (j < m) out.push({ op: "+", text: b[j++] });
  return out;
}

function hunks(ops: DiffLine[]): DiffHunk[] {
  const out: DiffHunk[] = [];
  let oldLine = 1;
  let newLine = 1;
  let current: DiffHunk | null = null;
  let lastChange = -Infinity;
  const positions = ops.map((op) => {
    const pos = { old: oldLine, new: newLine };
    if (op.op !== "+") oldLine++;
    if (op.op !== "-") newLine++;
    return pos;
  });
  const changed = ops.map((op, i) => (op.op !== "=" ? i : -1)).filter((i) => i >= 0);
  let next = 0;
  for (let i = 0; i < ops.length; i++) {
    while (next < changed.length && changed[next] < i) next++;
    const nearNext = next < changed.length && changed[next] - i <= CONTEXT;
    const nearLast = i - lastChange <= CONTEXT;
    if (ops[i].op !== "=") lastChange = i;
    if (ops[i].op === "=" && !nearNext && !nearLast) {
      current = null;
      continue;
    }
    if (!current) {
      current = { oldStart: positions[i].old, newStart: positions[i].new, lines: [] };
      out.push(current);
    }
    current.lines.push(ops[i]);
  }
  return out;
}
