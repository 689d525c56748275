/**
 * Bar chart of categories (`summarize … by <column>`): horizontal by default, sorted by value
 * (desc unless `sort` says otherwise), bars coloured by thresholds when set, value labels
 * with units. SVG, so it needs no chart library.
 */
import { formatValue } from "./format";
import { categories, rankCategories } from "./series";
import { firstResult } from "./frame";
import { BASE_COLOR, thresholdColor } from "./thresholds";
import type { WidgetProps } from "./types";

const MAX_BARS = 50;

export function BarWidget(props: WidgetProps) {
  const o = props.panel.options;
  const list = rankCategories(categories(firstResult(props.data)), o.sort ?? "desc", o.limit ?? MAX_BARS);
  const unit = o.unit ?? "none";
  const hi = Math.max(0, ...list.map((c) => c.value));
  const lo = Math.min(0, ...list.map((c) => c.value));
  const span = hi - lo || 1;
  const color = (v: number, label: string) => (o.thresholds?.length ? thresholdColor(v, o.thresholds) : o.colors?.[label] ?? BASE_COLOR);
  if ((o.orientation ?? "horizontal") === "horizontal") {
    return (
      <div class="hbars" role="list">
        {list.map((c) => (
          <div class="hbar" role="listitem" data-label={c.label} data-value={c.value}>
            <span class="hbar-label" title={c.label}>
              {c.label}
            </span>
            <span class="hbar-track">
              <span class="hbar-fill" style={{ width: `${(Math.max(0, c.value - lo) / span) * 100}%`, background: color(c.value, c.label) }} />
            </span>
            <span class="hbar-value">{formatValue(c.value, unit, o.decimals)}</span>
          </div>
        ))}
      </div>
    );
  }
  const w = Math.max(100, props.width);
  const h = Math.max(80, props.height);
  const labelH = 34;
  const step = w / list.length;
  const y = (v: number) => (h - labelH) * (1 - (v - lo) / span);
  return (
    <svg class="vbars" width={w} height={h} role="list">
      {list.map((c, i) => (
        <g role="listitem" data-label={c.label} data-value={c.value}>
          <rect x={i * step + step * 0.15} width={step * 0.7} y={Math.min(y(c.value), y(0))} height={Math.abs(y(0) - y(c.value))} fill={color(c.value, c.label)}>
            <title>{`${c.label}: ${formatValue(c.value, unit, o.decimals)}`}</title>
          </rect>
          <text x={i * step + step / 2} y={Math.min(y(c.value), y(0)) - 3} text-anchor="middle" font-size="11" fill="#1f2328">
            {formatValue(c.value, unit, o.decimals)}
          </text>
          <text x={i * step + step / 2} y={h - labelH + 14} text-anchor="middle" font-size="11" fill="#656d76">
            {c.label.length > 14 ? `${c.label.slice(0, 13)}…` : c.label}
          </text>
        </g>
      ))}
    </svg>
  );
}
