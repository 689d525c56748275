/**
 * What the panel editor needs to know about each widget type: its name, which options apply
 * (the editor shows only those), defaults for a new panel, its default size on the 24-column
 * grid, how many queries it draws, and an example query. No components here, so the editor can
 * import it without the widgets.
 */
import type { PanelOptions, WidgetType } from "../../../../core/dashboards/spec";

export type OptionKey = keyof PanelOptions;

export interface WidgetMeta {
  label: string;
  description: string;
  /** The options this type reads, in the order an editor should show them. */
  options: OptionKey[];
  /** Options for a new panel of this type. */
  defaults: PanelOptions;
  /** Default size in grid units (24 columns wide). */
  size: { w: number; h: number };
  /** `none`: no query (text); `one`: only the first query is drawn; `many`: every query is. */
  queries: "none" | "one" | "many";
  /** Draws a time axis, so it shows annotations and can zoom and annotate. */
  timeAxis: boolean;
  /** A query that shows the shape it expects. */
  example: string;
}

const VALUE: OptionKey[] = ["unit", "decimals", "thresholds"];

export const WIDGET_META: Record<WidgetType, WidgetMeta> = {
  timeseries: {
    label: "Time series",
    description: "Lines, areas or bars over time; one series per group; legend with min/max/avg/last.",
    options: ["style", "stacked", "legend", ...VALUE, "colors"],
    defaults: { style: "line", stacked: false, unit: "none", legend: { show: true, calcs: ["min", "max", "avg", "last"] } },
    size: { w: 12, h: 8 },
    queries: "many",
    timeAxis: true,
    example: "spans | summarize count() by bin(timestamp, 1m), service.name",
  },
  bar: {
    label: "Bar chart",
    description: "One bar per group, sorted by value.",
    options: ["orientation", "sort", "limit", ...VALUE, "colors"],
    defaults: { orientation: "horizontal", sort: "desc", unit: "none" },
    size: { w: 8, h: 8 },
    queries: "one",
    timeAxis: false,
    example: "spans | summarize count() by service.name",
  },
  stat: {
    label: "Stat",
    description: "A big number per series, coloured by thresholds, with a sparkline.",
    options: ["reduce", "sparkline", ...VALUE],
    defaults: { reduce: "last", sparkline: true, unit: "none" },
    size: { w: 4, h: 4 },
    queries: "many",
    timeAxis: false,
    example: "spans | summarize count() by bin(timestamp, 1m)",
  },
  gauge: {
    label: "Gauge",
    description: "A value on an arc between min and max, with threshold colour bands.",
    options: ["reduce", "min", "max", ...VALUE],
    defaults: { reduce: "last", unit: "percent", min: 0, max: 100, thresholds: [{ value: null, color: "#1a7f37" }, { value: 80, color: "#9a6700" }, { value: 90, color: "#d1242f" }] },
    size: { w: 6, h: 6 },
    queries: "many",
    timeAxis: false,
    example: 'spans | summarize errors = 100.0 * countif(status_code == "ERROR") / count()',
  },
  table: {
    label: "Table",
    description: "The rows as they come: sortable, filterable, cells coloured by thresholds.",
    options: ["columnColors", ...VALUE],
    defaults: { columnColors: false },
    size: { w: 12, h: 8 },
    queries: "one",
    timeAxis: false,
    example: "spans | summarize calls = count(), p95 = p95(duration) by service.name",
  },
  heatmap: {
    label: "Heatmap",
    description: "A distribution over time: (time, value) rows binned here, or (time bucket, value bucket, count) rows.",
    options: ["buckets", "unit", "decimals"],
    defaults: { buckets: 20, unit: "ns" },
    size: { w: 12, h: 8 },
    queries: "one",
    timeAxis: false,
    example: "spans | project timestamp, duration",
  },
  pie: {
    label: "Pie / donut",
    description: "Shares of a whole: up to 10 slices, the rest as Other.",
    options: ["donut", "limit", "unit", "decimals", "colors"],
    defaults: { donut: true, limit: 10 },
    size: { w: 6, h: 8 },
    queries: "one",
    timeAxis: false,
    example: "spans | summarize count() by status_code",
  },
  histogram: {
    label: "Histogram",
    description: "How the values of a numeric column are distributed.",
    options: ["buckets", "min", "max", "unit", "decimals"],
    defaults: { buckets: 20, unit: "ns" },
    size: { w: 8, h: 8 },
    queries: "one",
    timeAxis: false,
    example: "spans | project duration",
  },
  logs: {
    label: "Logs",
    description: "Log records with severity colours; a click on a value opens Explore filtered by it.",
    options: [],
    defaults: {},
    size: { w: 24, h: 8 },
    queries: "one",
    timeAxis: false,
    example: 'logs | where severity >= "WARN" | take 100',
  },
  traces: {
    label: "Traces",
    description: "Spans with trace id, name, duration and status; each opens its trace.",
    options: ["unit", "decimals"],
    defaults: { unit: "ns" },
    size: { w: 12, h: 8 },
    queries: "one",
    timeAxis: false,
    example: "spans | where parent_span_id == null | sort by duration desc | take 20",
  },
  text: {
    label: "Text",
    description: "Markdown notes, links and runbooks (HTML in the source is shown as text).",
    options: ["markdown"],
    defaults: { markdown: "## Notes\n\nWrite **Markdown** here." },
    size: { w: 8, h: 4 },
    queries: "none",
    timeAxis: false,
    example: "",
  },
  toplist: {
    label: "Top list",
    description: "The largest groups, ranked, with bars.",
    options: ["limit", "sort", ...VALUE],
    defaults: { limit: 10, sort: "desc" },
    size: { w: 6, h: 8 },
    queries: "one",
    timeAxis: false,
    example: 'spans | where status_code == "ERROR" | summarize count() by name',
  },
  geomap: {
    label: "Countries",
    description: "Values per country (ISO alpha-2 code or name) with their share.",
    options: ["limit", ...VALUE],
    defaults: { limit: 50 },
    size: { w: 8, h: 8 },
    queries: "one",
    timeAxis: false,
    example: "spans | summarize count() by attributes.geo.country.iso_code",
  },
};
