/**
 * Gauge: an SVG arc per value (240°), the value arc in its threshold colour, the threshold
 * steps as colour bands on a thin outer ring, min and max at the ends, the value in the middle.
 */
import { formatValue } from "./format";
import { arcPath, gaugeAngle, gaugeScale, GAUGE_END, GAUGE_START, polar } from "./geometry";
import { statValues } from "./series";
import { thresholdBands, thresholdColor } from "./thresholds";
import type { WidgetProps } from "./types";

export function GaugeWidget(props: WidgetProps) {
  const o = props.panel.options;
  const unit = o.unit ?? "none";
  const values = statValues(props.data, o.reduce ?? "last", 6);
  const [min, max] = gaugeScale(unit, o.min, o.max, values.map((v) => v.value), o.thresholds);
  const bands = thresholdBands(o.thresholds, min, max);
  const cols = values.length;
  const size = Math.max(80, Math.min(props.width / cols, props.height * 1.15));
  const c = 50;
  const r = 38;
  const at = (v: number) => gaugeAngle(v, min, max);
  return (
    <div class="gauges" style={{ gridTemplateColumns: `repeat(${cols}, 1fr)` }}>
      {values.map((g) => {
        const color = thresholdColor(g.value, o.thresholds);
        const [minX, minY] = polar(c, c, r, GAUGE_START);
        const [maxX] = polar(c, c, r, GAUGE_END);
        return (
          <figure class="gauge" data-value={g.value ?? ""} data-color={color}>
            <svg viewBox="0 0 100 84" width={size} height={size * 0.84} role="img" aria-label={`${g.label}: ${formatValue(g.value, unit, o.decimals)}`}>
              <path class="gauge-track" d={arcPath(c, c, r, GAUGE_START, GAUGE_END)} fill="none" stroke="#eaeef2" stroke-width="9" />
              {bands.map((b) => (
                <path class="gauge-band" d={arcPath(c, c, r + 7.5, at(b.from), at(b.to))} fill="none" stroke={b.color} stroke-width="2.5" data-from={b.from} data-to={b.to} />
              ))}
              {g.value !== null && g.value > min && <path class="gauge-value" d={arcPath(c, c, r, GAUGE_START, at(g.value))} fill="none" stroke={color} stroke-width="9" />}
              <text class="gauge-text" x={c} y={c + 4} text-anchor="middle" fill={color} font-size="15" font-weight="600">
                {formatValue(g.value, unit, o.decimals)}
              </text>
              <text x={minX} y={minY + 14} text-anchor="middle" font-size="6" fill="#656d76">
                {formatValue(min, unit)}
              </text>
              <text x={maxX} y={minY + 14} text-anchor="middle" font-size="6" fill="#656d76">
                {formatValue(max, unit)}
              </text>
            </svg>
            {values.length > 1 && <figcaption>{g.label}</figcaption>}
          </figure>
        );
      })}
    </div>
  );
}
