/**
 * Time series: every query of the panel on one time axis (uPlot, loaded lazily), series split
 * by the group-by columns, a legend table with min/max/avg/last (click a row to hide or show
 * its series), threshold lines, annotation markers with hover details, drag to zoom, and two
 * ways to ask for an annotation: Ctrl/⌘-click a time, or press "+" then click a time.
 */
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { formatTime } from "../../time";
import { placeMarkers } from "./annotations";
import { utcChosen } from "./frame";
import { formatValue } from "./format";
import { legendCalcs, type LegendCalc } from "./reduce";
import { panelTimeSeries } from "./series";
import { seriesColor } from "./thresholds";
import type { WidgetProps } from "./types";
import type { ChartHandle, PlotView } from "./uplot-chart";

const CALC_LABEL: Record<LegendCalc, string> = { min: "Min", max: "Max", avg: "Avg", last: "Last" };
const LEGEND_ROW = 22;

export function TimeSeriesWidget(props: WidgetProps) {
  const o = props.panel.options;
  const ts = useMemo(() => panelTimeSeries(props.data), [props.data]);
  const colors = ts.series.map((s, i) => seriesColor(i, s.label, o.colors));
  const legend = o.legend ?? { show: true, calcs: ["min", "max", "avg", "last"] };
  const calcs = legend.calcs;
  const unit = o.unit ?? "none";
  const utc = utcChosen();
  const [hidden, setHidden] = useState<ReadonlySet<number>>(new Set());
  const [view, setView] = useState<PlotView | null>(null);
  const [armed, setArmed] = useState(false);
  const armedRef = useRef(false);
  armedRef.current = armed;
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ChartHandle | null>(null);
  const handlers = useRef(props);
  handlers.current = props;

  const legendHeight = legend.show ? Math.min(ts.series.length, 5) * LEGEND_ROW + 26 : 0;
  const chartHeight = Math.max(80, props.height - legendHeight);
  const width = Math.max(120, props.width);
  const size = useRef({ width, height: chartHeight });
  size.current = { width, height: chartHeight };

  useEffect(() => {
    let alive = true;
    import("./uplot-chart").then(({ drawTimeSeries }) => {
      if (!alive || !box.current) return;
      chart.current = drawTimeSeries(box.current, ts, {
        // The size now, not when the chunk was asked for: the panel may have been resized meanwhile.
        ...size.current,
        range: props.range,
        style: o.style ?? "line",
        stacked: o.stacked ?? false,
        unit,
        decimals: o.decimals,
        thresholds: o.thresholds ?? [],
        colors,
        utc,
        onZoom: (from, to) => handlers.current.onZoom?.(from, to),
        onClickTime: (timeMs, e) => {
          const annotate = handlers.current.onAnnotate;
          if (!annotate || !(e.ctrlKey || e.metaKey || armedRef.current)) return;
          setArmed(false);
          annotate(Math.round(timeMs));
        },
        onView: (v) => setView((prev) => (prev && JSON.stringify(prev) === JSON.stringify(v) ? prev : v)),
      });
      hidden.forEach((i) => chart.current?.setShown(i, false));
    });
    return () => {
      alive = false;
      chart.current?.destroy();
      chart.current = null;
    };
    // Size changes go through setSize below, without rebuilding the plot.
  }, [ts, props.range.fromMs, props.range.toMs, o.style, o.stacked, unit, o.decimals, JSON.stringify(o.thresholds), colors.join()]);

  useEffect(() => chart.current?.setSize(width, chartHeight), [width, chartHeight]);

  useEffect(() => {
    if (!armed) return;
    const cancel = (e: KeyboardEvent) => e.key === "Escape" && setArmed(false);
    addEventListener("keydown", cancel);
    return () => removeEventListener("keydown", cancel);
  }, [armed]);

  const toggle = (i: number) => {
    const next = new Set(hidden);
    if (next.has(i)) next.delete(i);
    else next.add(i);
    setHidden(next);
    chart.current?.setShown(i, !next.has(i));
  };

  const markers = view ? placeMarkers(props.annotations, view.fromMs, view.toMs, view.width) : [];
  const fmt = (v: number | null) => formatValue(v, unit, o.decimals);

  return (
    <div class={`ts ${armed ? "armed" : ""}`}>
      <div class="ts-plot" style={{ height: `${chartHeight}px` }}>
        <div ref={box} aria-label="Time series chart" title={props.onAnnotate ? "Drag to zoom · Ctrl/⌘-click to add an annotation" : "Drag to zoom"} />
        {view && (
          <div class="ann-layer" style={{ left: `${view.left}px`, top: `${view.top}px`, width: `${view.width}px`, height: `${view.height}px` }}>
            {markers.map((m) => (
              <div class={`ann-marker ${m.width > 0 ? "region" : ""}`} style={{ left: `${m.x}px`, width: m.width > 0 ? `${m.width}px` : undefined }} data-annotation={m.annotation.id}>
                <span class="ann-handle" tabIndex={0} aria-label={`Annotation: ${m.annotation.text}`} />
                <div class={`ann-tip ${m.x > view.width / 2 ? "left" : ""}`} role="tooltip">
                  <time>
                    {formatTime(m.annotation.time, utc ? "utc" : "local")}
                    {m.annotation.timeEnd !== null && ` → ${formatTime(m.annotation.timeEnd, utc ? "utc" : "local")}`}
                  </time>
                  <p>{m.annotation.text}</p>
                  {m.annotation.tags.length > 0 && (
                    <ul class="tags">
                      {m.annotation.tags.map((t) => (
                        <li>{t}</li>
                      ))}
                    </ul>
                  )}
                </div>
              </div>
            ))}
          </div>
        )}
        {props.onAnnotate && (
          <button
            class="ts-annotate"
            aria-pressed={armed}
            title={armed ? "Click a time on the chart to annotate it (Esc cancels)" : "Add an annotation: then click a time on the chart"}
            onClick={() => setArmed(!armed)}
          >
            {armed ? "Click a time…" : "+"}
          </button>
        )}
      </div>
      {legend.show && (
        <div class="ts-legend" style={{ maxHeight: `${legendHeight}px` }}>
          <table>
            <thead>
              <tr>
                <th>Series{ts.dropped > 0 && <span class="dropped"> · {ts.dropped} more not shown (narrow the query)</span>}</th>
                {calcs.map((c) => (
                  <th class="num">{CALC_LABEL[c]}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {ts.series.map((s, i) => {
                const values = legendCalcs(s.values, calcs);
                return (
                  <tr class={hidden.has(i) ? "off" : ""} onClick={() => toggle(i)} title="Click to hide or show">
                    <td class="name">
                      <i class="swatch" style={{ background: colors[i] }} />
                      {s.label}
                    </td>
                    {calcs.map((c) => (
                      <td class="num" data-calc={c}>
                        {fmt(values[c])}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
