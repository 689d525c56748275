/**
 * Geomap, as a country table for now (RUM will feed it): country (ISO 3166 alpha-2 codes get
 * their name from the browser's Intl data, so no map data ships), value, share bar.
 * Rows of (country, number), e.g. `spans | summarize count() by attributes.geo.country.iso_code`.
 */
import { countryLabel } from "./country";
import { formatValue } from "./format";
import { firstResult } from "./frame";
import { categories, rankCategories } from "./series";
import { BASE_COLOR, thresholdColor } from "./thresholds";
import type { WidgetProps } from "./types";

export function GeomapWidget(props: WidgetProps) {
  const o = props.panel.options;
  const list = rankCategories(categories(firstResult(props.data)), "desc", o.limit ?? 50);
  const total = list.reduce((a, c) => a + Math.max(0, c.value), 0) || 1;
  return (
    <div class="countries" style={{ maxHeight: `${props.height}px` }}>
      <table>
        <thead>
          <tr>
            <th>Country</th>
            <th class="num">Value</th>
            <th>Share</th>
          </tr>
        </thead>
        <tbody>
          {list.map((c) => {
            const name = countryLabel(c.label);
            const share = Math.max(0, c.value) / total;
            return (
              <tr data-country={c.label}>
                <td>
                  {name} {name !== c.label && <span class="muted mono">{c.label}</span>}
                </td>
                <td class="num">{formatValue(c.value, o.unit ?? "none", o.decimals)}</td>
                <td class="share">
                  <span class="share-bar" style={{ width: `${share * 100}%`, background: thresholdColor(c.value, o.thresholds, BASE_COLOR) }} />
                  <span class="share-text">{(share * 100).toFixed(1)}%</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
