/**
 * Histogram: the first numeric column of raw rows (e.g. `spans | project duration`) counted
 * into `buckets` (default 20) equal-width buckets between `min` and `max` (default: the data's).
 */
import { isNumeric } from "../../results";
import { histogram } from "./buckets";
import { formatValue } from "./format";
import { firstResult } from "./frame";
import { ShapeError } from "./series";
import { BASE_COLOR } from "./thresholds";
import type { WidgetProps } from "./types";

export function HistogramWidget(props: WidgetProps) {
  const o = props.panel.options;
  const result = firstResult(props.data);
  const col = result.columns.findIndex(isNumeric);
  if (col < 0) throw new ShapeError("A histogram needs a numeric column, e.g. `spans | project duration`.");
  const buckets = histogram(result.rows.map((r) => r[col]), o.buckets ?? 20, o.min, o.max);
  const unit = o.unit ?? "none";
  const w = Math.max(120, props.width);
  const h = Math.max(80, props.height);
  const axisH = 20;
  const leftW = 36;
  const top = Math.max(1, ...buckets.map((b) => b.count));
  const step = (w - leftW) / Math.max(1, buckets.length);
  const y = (c: number) => (h - axisH) * (1 - c / top);
  const ticks = [0, Math.floor(buckets.length / 2), buckets.length - 1].filter((v, i, a) => a.indexOf(v) === i && buckets[v]);
  return (
    <svg class="histogram" width={w} height={h} role="img" aria-label={`Histogram of ${result.columns[col].name}`}>
      <text x={leftW - 4} y={10} text-anchor="end" font-size="10" fill="#656d76">
        {top}
      </text>
      <text x={leftW - 4} y={h - axisH} text-anchor="end" font-size="10" fill="#656d76">
        0
      </text>
      {buckets.map((b, i) => (
        <rect class="bucket" x={leftW + i * step + 0.5} width={Math.max(1, step - 1)} y={y(b.count)} height={h - axisH - y(b.count)} fill={BASE_COLOR} data-count={b.count}>
          <title>{`${formatValue(b.from, unit, o.decimals)} – ${formatValue(b.to, unit, o.decimals)}: ${b.count}`}</title>
        </rect>
      ))}
      {ticks.map((i) => (
        <text x={leftW + i * step} y={h - 5} font-size="10" fill="#656d76" text-anchor={i === 0 ? "start" : "middle"}>
          {formatValue(buckets[i].from, unit)}
        </text>
      ))}
    </svg>
  );
}
