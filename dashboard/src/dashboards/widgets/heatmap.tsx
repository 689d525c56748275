/**
 * Heatmap of a distribution over time (latency, typically): time across, value buckets up,
 * each cell shaded by its count. Takes (time bucket, value bucket, count) rows or raw
 * (timestamp, value) rows (see buckets.ts). SVG cells, each with its range and count on hover.
 */
import { formatTime } from "../../time";
import { heatmapGrid } from "./buckets";
import { formatValue } from "./format";
import { firstResult, utcChosen } from "./frame";
import type { WidgetProps } from "./types";

/** White to the accent blue, by the cell's share of the busiest cell. */
function shade(count: number, max: number): string {
  const f = max > 0 ? Math.sqrt(count / max) : 0;
  const mix = (from: number, to: number) => Math.round(from + (to - from) * f);
  return `rgb(${mix(222, 8)}, ${mix(235, 48)}, ${mix(255, 107)})`;
}

export function HeatmapWidget(props: WidgetProps) {
  const o = props.panel.options;
  const grid = heatmapGrid(firstResult(props.data), props.range, { rows: o.buckets ?? 20 });
  const unit = o.unit ?? "none";
  const zone = utcChosen() ? "utc" : "local";
  const w = Math.max(120, props.width);
  const h = Math.max(80, props.height);
  const leftW = 64;
  const axisH = 18;
  const cw = (w - leftW) / grid.times.length;
  const ch = (h - axisH) / grid.bounds.length;
  const upper = (y: number) => grid.bounds[y + 1] ?? grid.upper;
  const yTicks = [0, Math.floor(grid.bounds.length / 2), grid.bounds.length - 1].filter((v, i, a) => a.indexOf(v) === i);
  const mid = Math.floor(grid.times.length / 2);
  const xTicks = [
    { x: leftW, ms: grid.times[0], anchor: "start" },
    { x: leftW + mid * cw, ms: grid.times[mid], anchor: "middle" },
    { x: w - 2, ms: grid.times[grid.times.length - 1] + grid.step, anchor: "end" },
  ];
  return (
    <svg class="heatmap" width={w} height={h} role="img" aria-label="Heatmap" data-log={grid.log}>
      {grid.counts.flatMap((col, x) =>
        col.map((count, y) =>
          count > 0 ? (
            <rect class="cell" x={leftW + x * cw} y={h - axisH - (y + 1) * ch} width={Math.max(1, cw - 0.5)} height={Math.max(1, ch - 0.5)} fill={shade(count, grid.max)} data-count={count}>
              <title>{`${formatTime(grid.times[x], zone)}\n${formatValue(grid.bounds[y], unit, o.decimals)} – ${formatValue(upper(y), unit, o.decimals)}: ${count}`}</title>
            </rect>
          ) : null,
        ),
      )}
      {yTicks.map((y) => (
        <text x={leftW - 4} y={h - axisH - y * ch - 2} text-anchor="end" font-size="10" fill="#656d76">
          {formatValue(grid.bounds[y], unit)}
        </text>
      ))}
      {xTicks.map((t) => (
        <text x={t.x} y={h - 4} font-size="10" fill="#656d76" text-anchor={t.anchor}>
          {formatTime(t.ms, zone).slice(11, 16)}
        </text>
      ))}
    </svg>
  );
}
