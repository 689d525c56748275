/**
 * The widgets: one Preact component per WidgetType, each wrapped (./frame) so errors, empty
 * results and results of the wrong shape show a message in the panel. The page renders
 * `WIDGETS[panel.type]` with WidgetProps; its editor reads WIDGET_META. Heavy parts (uPlot,
 * markdown-it) load lazily from inside the widgets that need them.
 */
import { h, render, type ComponentType } from "preact";
import type { WidgetType } from "../../../../core/dashboards/spec";
import { BarWidget } from "./bar";
import { guarded } from "./frame";
import { GaugeWidget } from "./gauge";
import { GeomapWidget } from "./geomap";
import { HeatmapWidget } from "./heatmap";
import { HistogramWidget } from "./histogram";
import { LogsWidget } from "./logs";
import { PieWidget } from "./pie";
import { StatWidget } from "./stat";
import { TableWidget } from "./table";
import { TextWidget } from "./text";
import { TimeSeriesWidget } from "./timeseries";
import { TopListWidget } from "./toplist";
import { TracesWidget } from "./traces";
import type { WidgetProps } from "./types";

export { WIDGET_META, type WidgetMeta, type OptionKey } from "./meta";
export { UNITS, formatValue } from "./format";
export { REDUCERS } from "./reduce";
export type { QueryOutcome, WidgetProps } from "./types";

export const WIDGETS: Record<WidgetType, ComponentType<WidgetProps>> = {
  timeseries: guarded("timeseries", TimeSeriesWidget),
  bar: guarded("bar", BarWidget),
  stat: guarded("stat", StatWidget),
  gauge: guarded("gauge", GaugeWidget),
  table: guarded("table", TableWidget),
  heatmap: guarded("heatmap", HeatmapWidget),
  pie: guarded("pie", PieWidget),
  histogram: guarded("histogram", HistogramWidget),
  logs: guarded("logs", LogsWidget),
  traces: guarded("traces", TracesWidget),
  text: guarded("text", TextWidget, false),
  toplist: guarded("toplist", TopListWidget),
  geomap: guarded("geomap", GeomapWidget),
};

/** Mounts (or re-renders) a panel's widget into `el`, outside any Preact tree; returns an unmount. */
export function renderWidgetInto(el: HTMLElement, props: WidgetProps): () => void {
  render(h(WIDGETS[props.panel.type], props), el);
  return () => render(null, el);
}
