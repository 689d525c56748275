/**
 * The time-series widget's drawing (a lazy chunk: uPlot): lines, areas or bars, stacked or
 * not, threshold lines, a hover tooltip with every series' value, drag to zoom (reported,
 * the page changes the range), and clicks that ask for an annotation. Annotation markers
 * are drawn by the widget over the plot; this reports the plot's geometry so it can.
 */
import uPlot from "uplot";
import type { ThresholdStep } from "../../../../core/dashboards/spec";
import { formatTime } from "../../time";
import { formatValue } from "./format";
import { stack } from "./reduce";
import type { PanelTimeSeries } from "./series";

export interface PlotView {
  /** The plotting area inside the chart element, CSS pixels. */
  left: number;
  top: number;
  width: number;
  height: number;
  /** The x scale shown, epoch ms. */
  fromMs: number;
  toMs: number;
}

export interface ChartOptions {
  width: number;
  height: number;
  range: { fromMs: number; toMs: number };
  style: "line" | "area" | "bars";
  stacked: boolean;
  unit: string;
  decimals?: number;
  thresholds: ThresholdStep[];
  colors: string[];
  utc: boolean;
  onZoom?: (fromMs: number, toMs: number) => void;
  /** Called on a click (not the end of a drag) in the plot, with the time under the pointer. */
  onClickTime?: (timeMs: number, e: MouseEvent) => void;
  onView(view: PlotView): void;
}

export interface ChartHandle {
  setSize(width: number, height: number): void;
  /** Shows or hides series `i` (in the order of the data's series). */
  setShown(i: number, shown: boolean): void;
  destroy(): void;
}

/** A solid tint of `hex` towards white: stacked fills overlap, so they must not be translucent. */
function tint(hex: string, amount: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return hex;
  const n = parseInt(m[1], 16);
  const mix = (c: number) => Math.round(c + (255 - c) * amount);
  return `rgb(${mix(n >> 16)}, ${mix((n >> 8) & 255)}, ${mix(n & 255)})`;
}

export function drawTimeSeries(el: HTMLElement, data: PanelTimeSeries, opts: ChartOptions): ChartHandle {
  const n = data.series.length;
  const raw = data.series.map((s) => s.values);
  const plotted = opts.stacked ? stack(raw) : raw;
  // Stacked: draw the top of the stack first so each lower series paints over it (its own slice stays visible).
  const order = opts.stacked ? [...Array(n).keys()].reverse() : [...Array(n).keys()];
  const slot = new Map(order.map((seriesIndex, k) => [seriesIndex, k + 1]));
  const bars = uPlot.paths.bars!({ size: [0.7, 60], align: 0 });
  const fmt = (v: number | null) => formatValue(v, opts.unit, opts.decimals);

  const tip = document.createElement("div");
  tip.className = "ts-tip";
  tip.hidden = true;

  let downX = 0;
  const plot = new uPlot(
    {
      width: opts.width,
      height: opts.height,
      legend: { show: false },
      tzDate: opts.utc ? (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC") : undefined,
      scales: {
        x: { time: true, range: (_u, min, max) => (opts.range.toMs > opts.range.fromMs ? [opts.range.fromMs / 1000, opts.range.toMs / 1000] : [min, max]) },
        y: { range: (_u, min, max) => [Math.min(0, min), max > 0 ? max * 1.05 : 1] },
      },
      series: [
        {},
        ...order.map((i) => {
          const color = opts.colors[i];
          const fill = opts.style === "bars" || opts.style === "area" || opts.stacked ? (opts.stacked ? tint(color, 0.45) : `${color}33`) : undefined;
          return {
            label: data.series[i].label,
            stroke: color,
            width: opts.style === "bars" ? 0 : 1.5,
            fill: opts.style === "bars" ? (opts.stacked ? color : `${color}cc`) : fill,
            paths: opts.style === "bars" ? bars : undefined,
            points: { show: false },
            spanGaps: false,
          };
        }),
      ],
      axes: [{ stroke: "#656d76", grid: { stroke: "#eaeef2" } }, { stroke: "#656d76", size: axisWidth, grid: { stroke: "#eaeef2" }, values: (_u, splits) => splits.map(fmt) }],
      cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false } },
      hooks: {
        setSelect: [
          (u) => {
            if (u.select.width < 4) return;
            const from = u.posToVal(u.select.left, "x") * 1000;
            const to = u.posToVal(u.select.left + u.select.width, "x") * 1000;
            u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
            opts.onZoom?.(from, to);
          },
        ],
        draw: [
          (u) => {
            // Threshold lines: dashed, in the step's colour, across the plot.
            const ctx = u.ctx;
            ctx.save();
            ctx.setLineDash([6, 4]);
            ctx.lineWidth = uPlot.pxRatio;
            for (const step of opts.thresholds) {
              if (step.value === null) continue;
              const y = u.valToPos(step.value, "y", true);
              if (y < u.bbox.top || y > u.bbox.top + u.bbox.height) continue;
              ctx.strokeStyle = step.color;
              ctx.beginPath();
              ctx.moveTo(u.bbox.left, y);
              ctx.lineTo(u.bbox.left + u.bbox.width, y);
              ctx.stroke();
            }
            ctx.restore();
            const r = uPlot.pxRatio;
            opts.onView({
              left: u.bbox.left / r,
              top: u.bbox.top / r,
              width: u.bbox.width / r,
              height: u.bbox.height / r,
              fromMs: (u.scales.x.min ?? 0) * 1000,
              toMs: (u.scales.x.max ?? 0) * 1000,
            });
          },
        ],
        setCursor: [
          (u) => {
            const i = u.cursor.idx;
            if (i === null || i === undefined || u.cursor.left === undefined || u.cursor.left < 0) {
              tip.hidden = true;
              return;
            }
            const rows = data.series
              .map((s, k) => ({ s, k, v: raw[k][i] }))
              .filter(({ k, v }) => v !== null && u.series[slot.get(k)!].show !== false)
              .slice(0, 12)
              .map(({ s, k, v }) => `<div><i style="background:${opts.colors[k]}"></i>${escapeHtml(s.label)}<b>${escapeHtml(fmt(v))}</b></div>`);
            tip.innerHTML = `<time>${formatTime(data.x[i] * 1000, opts.utc ? "utc" : "local")}</time>${rows.join("")}`;
            tip.hidden = rows.length === 0;
            const left = u.cursor.left;
            tip.style.left = left > u.over.clientWidth / 2 ? "" : `${left + 12}px`;
            tip.style.right = left > u.over.clientWidth / 2 ? `${u.over.clientWidth - left + 12}px` : "";
          },
        ],
      },
    },
    [data.x, ...order.map((i) => plotted[i])] as uPlot.AlignedData,
    el,
  );
  plot.over.appendChild(tip);
  plot.over.addEventListener("mousedown", (e) => (downX = e.clientX));
  plot.over.addEventListener("click", (e) => {
    if (Math.abs(e.clientX - downX) > 3 || !opts.onClickTime) return; // the end of a drag-zoom
    const rect = plot.over.getBoundingClientRect();
    opts.onClickTime(plot.posToVal(e.clientX - rect.left, "x") * 1000, e);
  });
  plot.over.addEventListener("mouseleave", () => (tip.hidden = true));

  return {
    setSize: (width, height) => plot.setSize({ width, height }),
    setShown: (i, shown) => plot.setSeries(slot.get(i)!, { show: shown }),
    destroy: () => plot.destroy(),
  };
}

/** The y axis as wide as its longest label (uPlot passes the labels once they are known). */
function axisWidth(_u: uPlot, values: string[] | null): number {
  const longest = Math.max(3, ...(values ?? []).map((v) => String(v).length));
  return Math.min(120, longest * 7 + 18);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
