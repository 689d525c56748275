/**
 * The dashboard JSON model: what the API stores, what export writes and import reads, and
 * what the dashboard app renders. One file so the server, the app and the docs
 * (docs/dashboards.md) agree. Types only; validation lives in ./validate.ts.
 *
 * Shaped after Grafana's dashboard JSON (panels on a 24-column grid, templating variables,
 * annotation queries) so its users find their way, but with our query language in every query.
 */

/** Version of this JSON shape. Import refuses a newer one. */
export const DASHBOARD_SCHEMA_VERSION = 1;

/** Columns of the layout grid. A panel's `grid.x + grid.w` never exceeds this. */
export const GRID_COLUMNS = 24;

export interface DashboardSpec {
  schemaVersion: number;
  title: string;
  description?: string;
  tags: string[];
  /** Default range of the time picker: Grafana-style text (`now-6h`, `now`, ISO-8601). */
  time: { from: string; to: string };
  /** Auto-refresh interval (`10s`, `1m`, …), or null for off. */
  refresh: string | null;
  variables: Variable[];
  panels: Panel[];
  /** Query-driven annotations (e.g. deployments), drawn on every time-series panel. */
  annotations: AnnotationQuery[];
}

export type VariableKind = "query" | "custom" | "constant" | "interval" | "text";

interface VariableBase {
  /** Referenced in queries as `$name`: letters, digits and `_`, not starting with a digit. */
  name: string;
  label?: string;
  /** Hidden variables are not shown in the header (constants usually). */
  hide?: boolean;
}

/** Values from a query: the first column of its rows (e.g. `spans | distinct service.name`). May use other variables. */
export interface QueryVariable extends VariableBase {
  kind: "query";
  query: string;
  multi?: boolean;
  includeAll?: boolean;
  /** Selected value(s) when the URL holds none. Missing: the first value (or All). */
  default?: string | string[];
}

export interface CustomVariable extends VariableBase {
  kind: "custom";
  values: string[];
  multi?: boolean;
  includeAll?: boolean;
  default?: string | string[];
}

export interface ConstantVariable extends VariableBase {
  kind: "constant";
  value: string;
}

/** A timespan for `bin(timestamp, $interval)`; `auto` picks one from the range (≈ 100 buckets). */
export interface IntervalVariable extends VariableBase {
  kind: "interval";
  values: string[];
  auto?: boolean;
  default?: string;
}

export interface TextVariable extends VariableBase {
  kind: "text";
  default?: string;
}

export type Variable = QueryVariable | CustomVariable | ConstantVariable | IntervalVariable | TextVariable;

/** The token a multi-select variable holds when "All" is chosen (in the URL and the model). */
export const ALL_VALUE = "$__all";

export type WidgetType =
  | "timeseries"
  | "bar"
  | "stat"
  | "gauge"
  | "table"
  | "heatmap"
  | "pie"
  | "histogram"
  | "logs"
  | "traces"
  | "text"
  | "toplist"
  | "geomap";

export const WIDGET_TYPES: WidgetType[] = [
  "timeseries",
  "bar",
  "stat",
  "gauge",
  "table",
  "heatmap",
  "pie",
  "histogram",
  "logs",
  "traces",
  "text",
  "toplist",
  "geomap",
];

export interface PanelQuery {
  /** "A", "B", … unique within the panel. */
  refId: string;
  query: string;
  /** Legend text for this query's series; may use `{{column}}` of the group-by columns. */
  legend?: string;
  hidden?: boolean;
}

export interface GridPos {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Threshold steps: the colour applies from `value` up to the next step; the first step's value is null (−∞). */
export interface ThresholdStep {
  value: number | null;
  color: string;
}

export interface Panel {
  /** Unique within the dashboard; stable across saves (versions diff by it). */
  id: string;
  type: WidgetType;
  title: string;
  description?: string;
  grid: GridPos;
  /** Empty for `text`; one or more for the rest (`timeseries` draws every query). */
  queries: PanelQuery[];
  /** Relative override of the dashboard range for this panel (e.g. `15m`: the last 15 minutes). */
  timeOverride?: string;
  options: PanelOptions;
}

/** Options shared by every widget, then per-type options; a widget ignores what it does not use. */
export interface PanelOptions {
  /** Unit for values: `none`, `short`, `percent` (0-100), `percentunit` (0-1), `ms`, `s`, `us`, `ns`, `bytes`, `reqps`, … */
  unit?: string;
  decimals?: number;
  thresholds?: ThresholdStep[];
  /** Fixed series colours by series name. */
  colors?: Record<string, string>;
  min?: number;
  max?: number;

  // timeseries
  style?: "line" | "area" | "bars";
  stacked?: boolean;
  legend?: { show: boolean; calcs: ("min" | "max" | "avg" | "last")[] };
  // bar
  orientation?: "horizontal" | "vertical";
  sort?: "asc" | "desc" | "none";
  // stat
  sparkline?: boolean;
  reduce?: "last" | "first" | "min" | "max" | "avg" | "sum";
  // table
  columnColors?: boolean;
  /** With `columnColors`: only these columns are coloured (e.g. `error_rate`, not `requests`); missing: every numeric column. */
  colorColumns?: string[];
  // pie
  donut?: boolean;
  // histogram
  buckets?: number;
  // toplist
  limit?: number;
  // text
  markdown?: string;
}

/** A query whose rows become annotations: a `timestamp` column, plus `text`/`title` and `tags` if present. */
export interface AnnotationQuery {
  name: string;
  query: string;
  color: string;
  enabled: boolean;
}

/** A stored annotation (manual, or kept from a query run), as the API returns it. */
export interface Annotation {
  id: string;
  dashboardId: string | null;
  panelId: string | null;
  /** epoch ms */
  time: number;
  timeEnd: number | null;
  text: string;
  tags: string[];
  createdBy: string | null;
  createdAt: number;
}

/** What the API returns for one dashboard. */
export interface DashboardRecord {
  id: string;
  projectId: string;
  folderId: string | null;
  /** Incremented on every save; an update must send the version it edited (optimistic concurrency). */
  version: number;
  spec: DashboardSpec;
  starred: boolean;
  builtIn: string | null;
  createdAt: number;
  updatedAt: number;
  updatedBy: string | null;
}

/** The export file: the spec plus where it sat; import takes this (or a bare spec). */
export interface DashboardExport {
  kind: "monoscope.dashboard";
  schemaVersion: number;
  folder: string | null;
  dashboard: DashboardSpec;
}
