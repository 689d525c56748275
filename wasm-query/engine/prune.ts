/**
 * Statistics pruning: the equality filters a query starts with (`service.name == "api"`,
 * `http.response.status_code in (500, 503)`) tell which files and row groups cannot hold
 * a matching row, from the catalog's per-file stats (min, max, small distinct sets) and
 * the Parquet footer's per-row-group min/max. Skipping them is never visible in results:
 * only a predicate every row must satisfy is used, and a bound we cannot compare exactly
 * keeps the file.
 */
import type { Expr, Operator } from "../language/ast";
import type { SemanticModel } from "../language/index";

/** Rows must have `column` equal to one of `values`. */
export interface ValueFilter {
  column: string;
  values: (string | number)[];
}

/** Conjunctive equality filters of the leading `where`s (before anything renames columns). */
export function valueFilters(m: SemanticModel): ValueFilter[] {
  const out: ValueFilter[] = [];
  for (const op of m.ops as Operator[]) {
    if (op.kind !== "Where") break;
    collect(m, op.predicate, out);
  }
  return out;
}

function collect(m: SemanticModel, e: Expr, out: ValueFilter[]): void {
  if (e.kind === "Binary" && e.op === "and") {
    collect(m, e.left, out);
    collect(m, e.right, out);
    return;
  }
  if (e.kind === "Binary" && e.op === "==" && !m.severity.has(e)) {
    const [field, value] = e.left.kind === "Field" ? [e.left, e.right] : [e.right, e.left];
    const column = columnOf(m, field);
    const v = constant(m, value);
    if (column && v !== undefined && !Array.isArray(v)) out.push({ column, values: [v] });
    return;
  }
  if (e.kind === "ListOp" && e.op === "in") {
    const column = columnOf(m, e.operand);
    if (!column) return;
    const values: (string | number)[] = [];
    for (const item of e.items) {
      const v = constant(m, item);
      if (v === undefined) return;
      values.push(...(Array.isArray(v) ? v : [v]));
    }
    out.push({ column, values });
  }
}

/** A source column of text or integer type (not a map key, not a datetime). */
function columnOf(m: SemanticModel, e: Expr): string | undefined {
  if (e.kind !== "Field") return undefined;
  const r = m.fields.get(e);
  if (r?.kind !== "column" || r.severityNumber) return undefined;
  return r.type === "string" || r.type === "int" ? r.name : undefined;
}

function constant(m: SemanticModel, e: Expr): string | number | (string | number)[] | undefined {
  if (m.datetimeConst.has(e)) return undefined;
  if (e.kind === "Literal" && (e.type === "string" || e.type === "number")) return e.value as string | number;
  if (e.kind === "Var") {
    const v = m.vars.get(e);
    if (typeof v === "string" || typeof v === "number") return v;
    if (Array.isArray(v) && v.every((x) => typeof x === "string" || typeof x === "number")) return v as (string | number)[];
  }
  return undefined;
}

export interface ColumnBounds {
  min?: unknown;
  max?: unknown;
  /** Every distinct non-null value, when known. */
  distinct?: readonly unknown[];
  /** True when every value is null. */
  allNull?: boolean;
}

/** False when no row of a file/row group with these bounds can match the filter. */
export function mayMatch(bounds: ColumnBounds | undefined, filter: ValueFilter): boolean {
  if (!bounds) return true;
  if (bounds.allNull) return false;
  if (bounds.distinct) return filter.values.some((v) => bounds.distinct!.some((d) => same(d, v)));
  return filter.values.some((v) => withinBounds(v, bounds.min, bounds.max));
}

function same(a: unknown, b: string | number): boolean {
  if (typeof b === "number") return typeof a === "number" || typeof a === "bigint" ? Number(a) === b : false;
  return a === b;
}

function withinBounds(v: string | number, min: unknown, max: unknown): boolean {
  if (typeof v === "number") {
    const lo = typeof min === "number" || typeof min === "bigint" ? Number(min) : undefined;
    const hi = typeof max === "number" || typeof max === "bigint" ? Number(max) : undefined;
    return (lo === undefined || v >= lo) && (hi === undefined || v <= hi);
  }
  // Parquet orders text by UTF-8 bytes, JS by UTF-16 units: they agree on ASCII only.
  const ascii = (s: unknown): s is string => typeof s === "string" && /^[\x00-\x7f]*$/.test(s);
  if (!ascii(v)) return true;
  return (!ascii(min) || v >= min) && (!ascii(max) || v <= max);
}
