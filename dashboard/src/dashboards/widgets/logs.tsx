/**
 * Logs list: Explore's log list (severity colours, a row expands to every field). Clicking a
 * value opens Explore with the panel's query narrowed by it, over the panel's range.
 */
import { addFilter } from "../../results";
import { navigate } from "../../router";
import { LogList } from "../../explore/loglist";
import { firstResult, utcChosen } from "./frame";
import { ShapeError } from "./series";
import type { WidgetProps } from "./types";

export function LogsWidget(props: WidgetProps) {
  const result = firstResult(props.data);
  if (!result.columns.some((c) => c.name === "body") || !result.columns.some((c) => c.name === "timestamp")) {
    throw new ShapeError("A logs list needs log rows with `timestamp` and `body`, e.g. `logs | where severity >= \"ERROR\" | take 100`.");
  }
  const query = props.panel.queries.find((q) => !q.hidden)?.query ?? "";
  const openInExplore = (clause: string) => {
    const q = new URLSearchParams({ q: addFilter(query, clause), from: new Date(props.range.fromMs).toISOString(), to: new Date(props.range.toMs).toISOString() });
    navigate(`/explore?${q}`);
  };
  return (
    <div class="widget-logs" style={{ maxHeight: `${props.height}px` }}>
      <LogList columns={result.columns} rows={result.rows} utc={utcChosen()} onFilter={openInExplore} />
    </div>
  );
}
