/**
 * Traces list: rows of spans (typically roots: `spans | where parent_span_id == null`) with
 * trace id, name, duration, status, service and time; each links to the trace view.
 * Columns are found by name: `trace_id` (required), `name`, `duration` or `duration_ns`
 * (nanoseconds unless the panel's unit says otherwise), `status_code`, `service_name`, `timestamp`.
 */
import { cellText } from "../../results";
import { linkClick } from "../../router";
import { formatTime } from "../../time";
import { formatValue } from "./format";
import { firstResult, utcChosen } from "./frame";
import { ShapeError } from "./series";
import type { WidgetProps } from "./types";

export function TracesWidget(props: WidgetProps) {
  const o = props.panel.options;
  const { columns, rows } = firstResult(props.data);
  const col = (...names: string[]) => columns.findIndex((c) => names.includes(c.name));
  const [id, name, dur, status, svc, time] = [col("trace_id"), col("name", "root_name"), col("duration", "duration_ns"), col("status_code", "status"), col("service_name"), col("timestamp")];
  if (id < 0) throw new ShapeError("A traces list needs a `trace_id` column, e.g. `spans | where parent_span_id == null | take 50`.");
  const zone = utcChosen() ? "utc" : "local";
  const unit = o.unit && o.unit !== "none" ? o.unit : "ns";
  return (
    <div class="widget-traces" style={{ maxHeight: `${props.height}px` }}>
      <table class="trace-list">
        <thead>
          <tr>
            {time >= 0 && <th>Time</th>}
            {svc >= 0 && <th>Service</th>}
            <th>Trace</th>
            {dur >= 0 && <th class="num">Duration</th>}
            {status >= 0 && <th>Status</th>}
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, 500).map((r) => {
            const traceId = cellText(r[id]);
            const error = status >= 0 && cellText(r[status]) === "ERROR";
            return (
              <tr class={error ? "error-row" : ""}>
                {time >= 0 && <td class="muted">{formatTime(Date.parse(String(r[time])), zone)}</td>}
                {svc >= 0 && <td>{cellText(r[svc])}</td>}
                <td>
                  <a href={`/traces/${encodeURIComponent(traceId)}`} onClick={linkClick}>
                    {name >= 0 ? cellText(r[name]) || traceId : traceId}
                  </a>{" "}
                  <span class="mono muted">{traceId.slice(0, 8)}</span>
                </td>
                {dur >= 0 && <td class="num">{formatValue(r[dur], unit, o.decimals)}</td>}
                {status >= 0 && <td>{cellText(r[status])}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
