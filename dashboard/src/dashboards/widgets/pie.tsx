/** Pie or donut of categories: up to 10 slices (the rest summed into "Other"), a legend with each share. */
import { formatValue } from "./format";
import { firstResult } from "./frame";
import { sliceAngles, slicePath } from "./geometry";
import { categories, rankCategories } from "./series";
import { seriesColor } from "./thresholds";
import type { WidgetProps } from "./types";

export function PieWidget(props: WidgetProps) {
  const o = props.panel.options;
  const list = rankCategories(categories(firstResult(props.data)), "desc", o.limit ?? 10, true).filter((c) => c.value > 0);
  const angles = sliceAngles(list.map((c) => c.value));
  const size = Math.max(80, Math.min(props.height, props.width * 0.55));
  const donut = o.donut ?? false;
  const total = list.reduce((a, c) => a + c.value, 0);
  return (
    <div class="pie">
      <svg viewBox="0 0 100 100" width={size} height={size} role="img" aria-label={donut ? "Donut chart" : "Pie chart"}>
        {list.map((c, i) => (
          <path class="slice" d={slicePath(50, 50, 48, donut ? 28 : 0, angles[i].start, angles[i].end)} fill={seriesColor(i, c.label, o.colors)} stroke="#fff" stroke-width="0.8" data-label={c.label}>
            <title>{`${c.label}: ${formatValue(c.value, o.unit ?? "none", o.decimals)} (${(angles[i].share * 100).toFixed(1)}%)`}</title>
          </path>
        ))}
        {donut && (
          <text x="50" y="53" text-anchor="middle" font-size="10" font-weight="600" fill="#1f2328">
            {formatValue(total, o.unit ?? "short", o.decimals)}
          </text>
        )}
      </svg>
      <ul class="pie-legend">
        {list.map((c, i) => (
          <li>
            <i class="swatch" style={{ background: seriesColor(i, c.label, o.colors) }} />
            <span class="name">{c.label}</span>
            <span class="num">{formatValue(c.value, o.unit ?? "none", o.decimals)}</span>
            <span class="num muted">{(angles[i].share * 100).toFixed(1)}%</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
