/**
 * Shaping a query result for display: which view fits it, time series for the chart
 * (one series per group and measure, like Grafana's "series per label set"), sorting
 * and CSV. Pure functions, unit-tested.
 */
import type { Column } from "./api";

export type View = "chart" | "table" | "logs";

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL)/;
export const isNumeric = (c: Column) => NUMERIC.test(c.type);
export const isTime = (c: Column) => c.type.startsWith("TIMESTAMP");

/** The views a result can be shown as, best first. */
export function viewsFor(query: string, columns: Column[]): View[] {
  const views: View[] = [];
  const aggregated = /\|\s*summarize\b/.test(query) || /^\s*summarize\b/.test(query);
  if (aggregated && columns.some(isTime) && columns.some(isNumeric)) views.push("chart");
  if (!aggregated && columns.some((c) => c.name === "body") && columns.some(isTime)) views.push("logs");
  views.push("table");
  return views;
}

export interface Series {
  label: string;
  values: (number | null)[];
  /** The group-by values this series is for (column name → value), for legend templates. */
  group?: Record<string, string>;
  /** The measure column it plots. */
  measure?: string;
}

export interface TimeSeries {
  /** Bucket times, epoch seconds (uPlot's unit), ascending. */
  x: number[];
  series: Series[];
}

/** Pivots rows of (time, group keys…, measures…) into aligned series. */
export function toTimeSeries(columns: Column[], rows: unknown[][], maxSeries = 50): TimeSeries {
  const t = columns.findIndex(isTime);
  const measures = columns.map((c, i) => (i !== t && isNumeric(c) ? i : -1)).filter((i) => i >= 0);
  const keys = columns.map((c, i) => (i !== t && !isNumeric(c) ? i : -1)).filter((i) => i >= 0);
  const times = [...new Set(rows.map((r) => Date.parse(String(r[t]))).filter((v) => !Number.isNaN(v)))].sort((a, b) => a - b);
  const at = new Map(times.map((v, i) => [v, i]));
  const byLabel = new Map<string, Series>();
  for (const row of rows) {
    const i = at.get(Date.parse(String(row[t])));
    if (i === undefined) continue;
    const group = keys.map((k) => String(row[k] ?? "∅")).join(", ");
    for (const m of measures) {
      const label = [group, measures.length > 1 || !group ? columns[m].name : ""].filter(Boolean).join(" · ");
      let s = byLabel.get(label);
      if (!s) {
        if (byLabel.size >= maxSeries) continue;
        const groupValues = Object.fromEntries(keys.map((k) => [columns[k].name, String(row[k] ?? "∅")]));
        s = { label, values: new Array(times.length).fill(null), group: groupValues, measure: columns[m].name };
        byLabel.set(label, s);
      }
      const v = row[m];
      s.values[i] = v === null || v === undefined ? null : Number(v);
    }
  }
  return { x: times.map((v) => v / 1000), series: [...byLabel.values()] };
}

/** Row order for sorting by one column; nulls last either way. */
export function sortedOrder(rows: unknown[][], column: number, dir: "asc" | "desc"): number[] {
  const order = rows.map((_, i) => i);
  const sign = dir === "asc" ? 1 : -1;
  order.sort((a, b) => {
    const x = rows[a][column];
    const y = rows[b][column];
    if (x === y) return a - b;
    if (x === null || x === undefined) return 1;
    if (y === null || y === undefined) return -1;
    if (typeof x === "number" && typeof y === "number") return (x - y) * sign;
    return String(x).localeCompare(String(y)) * sign;
  });
  return order;
}

export function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/** RFC 4180 CSV; objects as JSON text. */
export function toCsv(columns: Column[], rows: unknown[][]): string {
  const field = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [columns.map((c) => field(c.name)).join(",")];
  for (const r of rows) lines.push(r.map((v) => field(cellText(v))).join(","));
  return lines.join("\r\n") + "\r\n";
}

const SEVERITY_CLASS: [RegExp, string][] = [
  [/^(fatal|critical|emergency|alert)/i, "sev-fatal"],
  [/^err/i, "sev-error"],
  [/^warn/i, "sev-warn"],
  [/^info|^notice/i, "sev-info"],
  [/^debug|^trace/i, "sev-debug"],
];

export function severityClass(text: unknown): string {
  const s = String(text ?? "");
  return SEVERITY_CLASS.find(([re]) => re.test(s))?.[1] ?? "sev-unknown";
}

/** The query-language text of a filter on a field equal to a value. */
export function filterClause(field: string, value: unknown): string {
  const literal = typeof value === "number" || typeof value === "boolean" ? String(value) : JSON.stringify(String(value));
  return `| where ${field} == ${literal}`;
}

/** `attributes.http.route`, or `attributes["odd key"]` when the key is not a dotted name. */
export function mapKeyField(prefix: string, key: string): string {
  return /^[A-Za-z_][\w.]*$/.test(key) && !key.endsWith(".") ? `${prefix}.${key}` : `${prefix}[${JSON.stringify(key)}]`;
}

/** Adds a filter clause where it narrows the rows scanned: before a trailing take/limit. */
export function addFilter(query: string, clause: string): string {
  const q = query.trim();
  const m = /\|\s*(take|limit)\s+\d+\s*$/i.exec(q);
  return m ? `${q.slice(0, m.index).trimEnd()} ${clause} ${q.slice(m.index)}` : `${q} ${clause}`;
}
