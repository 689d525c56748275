/**
 * Stat: one big value per series (reduced by `reduce`, default last), with its unit, coloured
 * by the thresholds, and a sparkline of the points it came from when the result has a time axis.
 */
import { formatValue } from "./format";
import { statValues } from "./series";
import { Sparkline } from "./sparkline";
import { thresholdColor } from "./thresholds";
import type { WidgetProps } from "./types";

export function StatWidget(props: WidgetProps) {
  const o = props.panel.options;
  const values = statValues(props.data, o.reduce ?? "last");
  const cols = Math.ceil(Math.sqrt(values.length));
  const rows = Math.ceil(values.length / cols);
  const cellW = props.width / cols;
  const cellH = props.height / rows;
  const size = Math.max(14, Math.min(cellH * 0.38, cellW / 5.5, 64));
  return (
    <div class="stats" style={{ gridTemplateColumns: `repeat(${cols}, 1fr)` }}>
      {values.map((s) => {
        const color = thresholdColor(s.value, o.thresholds, "var(--ink)");
        return (
          <div class="stat" data-value={s.value ?? ""}>
            {values.length > 1 && <div class="stat-label">{s.label}</div>}
            <div class="stat-value" style={{ color, fontSize: `${size}px` }}>
              {formatValue(s.value, o.unit ?? "none", o.decimals)}
            </div>
            {(o.sparkline ?? true) && s.spark && <Sparkline values={s.spark} color={thresholdColor(s.value, o.thresholds)} width={Math.max(40, cellW - 24)} height={Math.max(16, Math.min(48, cellH * 0.3))} />}
          </div>
        );
      })}
    </div>
  );
}
