/**
 * From query results to what widgets draw: aligned time series across a panel's queries
 * (legend templates applied), categories (label → value) for bars, pies and top lists, and
 * single values for stats and gauges. Builds on results.ts `toTimeSeries`. Pure, unit-tested.
 */
import type { Column, QueryResult } from "../../api";
import { isNumeric, isTime, toTimeSeries, type Series, type TimeSeries } from "../../results";
import { reduce, type Reducer } from "./reduce";
import type { QueryOutcome } from "./types";

/** The result does not have the shape a widget needs; the message says what it needs. */
export class ShapeError extends Error {}

/** `{{column}}` → that group-by value of the series; `{{service.name}}` also finds `service_name`; `{{__measure}}`, `{{__query}}`. */
export function applyLegend(template: string, series: Series, refId: string): string {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, name: string) => {
    if (name === "__measure") return series.measure ?? "";
    if (name === "__query") return refId;
    const group = series.group ?? {};
    const value = group[name] ?? group[name.replace(/\./g, "_")];
    return value ?? whole;
  });
}

export interface PanelSeries extends Series {
  refId: string;
}

export interface PanelTimeSeries {
  /** Epoch seconds, ascending, the union of every query's bucket times. */
  x: number[];
  series: PanelSeries[];
  /** Series left out beyond `maxSeries` (the panel says so). */
  dropped: number;
}

/** Groups a single query may split into before we stop counting them. */
const MAX_GROUPS_READ = 1000;

const timeColumnHint = "a time series needs a time column, e.g. `| summarize count() by bin(timestamp, 1m)`";

/** Every query's series on one time axis; labels from legend templates, made unique across queries. */
export function panelTimeSeries(outcomes: QueryOutcome[], maxSeries = 50): PanelTimeSeries {
  const parts: { refId: string; legend?: string; ts: TimeSeries }[] = [];
  for (const o of outcomes) {
    if (!o.result || o.result.rows.length === 0) continue;
    if (!o.result.columns.some(isTime)) throw new ShapeError(`Query ${o.refId} has no time column: ${timeColumnHint}.`);
    if (!o.result.columns.some(isNumeric)) throw new ShapeError(`Query ${o.refId} has no numeric column to plot.`);
    parts.push({ refId: o.refId, legend: o.legend, ts: toTimeSeries(o.result.columns, o.result.rows, MAX_GROUPS_READ) });
  }
  const x = [...new Set(parts.flatMap((p) => p.ts.x))].sort((a, b) => a - b);
  const at = new Map(x.map((t, i) => [t, i]));
  const series: PanelSeries[] = [];
  const seen = new Map<string, number>();
  let dropped = 0;
  for (const p of parts) {
    // Label order, not row order: the engine's row order varies, and colours follow the order.
    const ordered = [...p.ts.series].sort((x, y) => x.label.localeCompare(y.label));
    for (const s of ordered) {
      if (series.length >= maxSeries) {
        dropped++;
        continue;
      }
      const values: (number | null)[] = new Array(x.length).fill(null);
      p.ts.x.forEach((t, i) => (values[at.get(t)!] = s.values[i]));
      let label = p.legend ? applyLegend(p.legend, s, p.refId) : s.label;
      if (parts.length > 1 && !p.legend) label = `${p.refId}: ${label}`;
      const n = (seen.get(label) ?? 0) + 1;
      seen.set(label, n);
      if (n > 1) label = `${label} (${n})`;
      series.push({ ...s, label, values, refId: p.refId });
    }
  }
  return { x, series, dropped };
}

export interface Category {
  label: string;
  value: number;
}

const labelColumns = (columns: Column[]) => columns.map((c, i) => (!isNumeric(c) && !isTime(c) ? i : -1)).filter((i) => i >= 0);

/**
 * label → value, for bars, pies, top lists and country tables:
 * - rows of (label columns…, number…): the label columns joined, the first number; repeated
 *   labels (e.g. one per time bucket) are summed;
 * - one row of numbers only (`summarize ok = …, errors = …`): one category per column.
 */
export function categories(result: QueryResult): Category[] {
  const { columns, rows } = result;
  const measure = columns.findIndex(isNumeric);
  if (measure < 0) throw new ShapeError(`No numeric column to size by; got ${columns.map((c) => `${c.name} (${c.type})`).join(", ")}.`);
  const labels = labelColumns(columns);
  if (labels.length === 0 && rows.length === 1) {
    return columns.flatMap((c, i) => (isNumeric(c) ? [{ label: c.name, value: Number(rows[0][i] ?? 0) }] : []));
  }
  if (labels.length === 0) throw new ShapeError("No label column: group the query, e.g. `| summarize count() by service.name`.");
  const sums = new Map<string, number>();
  for (const row of rows) {
    const label = labels.map((i) => (row[i] === null || row[i] === undefined ? "∅" : String(row[i]))).join(", ");
    const v = row[measure];
    if (v === null || v === undefined) continue;
    sums.set(label, (sums.get(label) ?? 0) + Number(v));
  }
  return [...sums].map(([label, value]) => ({ label, value }));
}

/** Categories sorted by value (stable for ties) and cut to `limit`, the rest summed into "Other" if asked. */
export function rankCategories(list: Category[], sort: "asc" | "desc" | "none" = "desc", limit = Infinity, other = false): Category[] {
  const sorted = sort === "none" ? [...list] : [...list].sort((a, b) => (sort === "asc" ? a.value - b.value : b.value - a.value));
  if (sorted.length <= limit) return sorted;
  const kept = sorted.slice(0, limit);
  if (other) kept.push({ label: "Other", value: sorted.slice(limit).reduce((a, c) => a + c.value, 0) });
  return kept;
}

export interface StatValue {
  label: string;
  value: number | null;
  /** The points the value was reduced from, for a sparkline; null when the result has no time axis. */
  spark: (number | null)[] | null;
}

/**
 * The values a stat or gauge shows: each time series reduced (`reduce`, default last), or for
 * results without time the categories (one row of numbers: one value per column).
 */
export function statValues(outcomes: QueryOutcome[], how: Reducer = "last", max = 12): StatValue[] {
  const withRows = outcomes.filter((o) => o.result && o.result.rows.length > 0);
  if (withRows.some((o) => o.result!.columns.some(isTime))) {
    const ts = panelTimeSeries(withRows);
    return ts.series.slice(0, max).map((s) => ({ label: s.label, value: reduce(s.values, how), spark: s.values }));
  }
  return withRows.flatMap((o) => categories(o.result!)).slice(0, max).map((c) => ({ label: c.label, value: c.value, spark: null }));
}
