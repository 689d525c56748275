/**
 * The contract between the dashboard page (which runs a panel's queries with the variables
 * and time range applied) and the widgets (which only draw what they are given). A widget is
 * a Preact component of `WidgetProps`; `widgets/index.ts` maps each WidgetType to one.
 */
import type { Annotation, Panel } from "../../../../core/dashboards/spec";
import type { QueryResult } from "../../api";

/** One query of the panel, run: its result, or the error the API gave. */
export interface QueryOutcome {
  refId: string;
  /** The panel query's legend template, if any. */
  legend?: string;
  result: QueryResult | null;
  error: string | null;
}

export interface WidgetProps {
  panel: Panel;
  /** Results in the order of `panel.queries` (hidden queries are left out). */
  data: QueryOutcome[];
  /** The range the panel's queries ran over (after any per-panel override), epoch ms. */
  range: { fromMs: number; toMs: number };
  /** Annotations to mark on time axes (manual ones and those from annotation queries). */
  annotations: Annotation[];
  /** Pixel size of the panel body. */
  width: number;
  height: number;
  /** A click on a time axis asking for a new annotation at that time (time-series widgets). */
  onAnnotate?: (timeMs: number) => void;
  /** A drag-select on a time axis: zoom the dashboard to it. */
  onZoom?: (fromMs: number, toMs: number) => void;
}
