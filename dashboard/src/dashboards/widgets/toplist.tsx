/** Top list: the `limit` (default 10) largest categories, ranked, each with a bar of its share of the largest. */
import { formatValue } from "./format";
import { firstResult } from "./frame";
import { categories, rankCategories } from "./series";
import { BASE_COLOR, thresholdColor } from "./thresholds";
import type { WidgetProps } from "./types";

export function TopListWidget(props: WidgetProps) {
  const o = props.panel.options;
  const list = rankCategories(categories(firstResult(props.data)), o.sort === "asc" ? "asc" : "desc", o.limit ?? 10);
  const top = Math.max(...list.map((c) => Math.abs(c.value)), 0) || 1;
  return (
    <ol class="toplist">
      {list.map((c, i) => (
        <li data-label={c.label} data-value={c.value}>
          <span class="rank">{i + 1}</span>
          <span class="toplist-main">
            <span class="toplist-row">
              <span class="toplist-label" title={c.label}>
                {c.label}
              </span>
              <span class="toplist-value">{formatValue(c.value, o.unit ?? "none", o.decimals)}</span>
            </span>
            <span class="toplist-bar" style={{ width: `${(Math.abs(c.value) / top) * 100}%`, background: thresholdColor(c.value, o.thresholds, BASE_COLOR) }} />
          </span>
        </li>
      ))}
    </ol>
  );
}
