/**
 * The time-series chart (a lazy chunk): uPlot, one line per series, drag across it to
 * zoom the time range (Grafana's gesture).
 */
import uPlot from "uplot";
import type { TimeSeries } from "../results";

const PALETTE = ["#1f6feb", "#d1242f", "#1a7f37", "#9a6700", "#8250df", "#bf3989", "#0969da", "#cf222e", "#116329", "#953800"];

export function drawChart(el: HTMLElement, data: TimeSeries, opts: { utc: boolean; onZoom(fromMs: number, toMs: number): void }): () => void {
  const width = () => Math.max(300, el.clientWidth);
  const plot = new uPlot(
    {
      width: width(),
      height: 280,
      tzDate: opts.utc ? (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC") : undefined,
      scales: { x: { time: true } },
      series: [{}, ...data.series.map((s, i) => ({ label: s.label, stroke: PALETTE[i % PALETTE.length], width: 1.5, spanGaps: false }))],
      axes: [{}, { size: 60 }],
      cursor: { drag: { x: true, y: false, setScale: false } },
      hooks: {
        setSelect: [
          (u) => {
            if (u.select.width < 4) return;
            const from = u.posToVal(u.select.left, "x") * 1000;
            const to = u.posToVal(u.select.left + u.select.width, "x") * 1000;
            u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
            opts.onZoom(from, to);
          },
        ],
      },
    },
    [data.x, ...data.series.map((s) => s.values)] as uPlot.AlignedData,
    el,
  );
  const resize = new ResizeObserver(() => plot.setSize({ width: width(), height: 280 }));
  resize.observe(el);
  return () => {
    resize.disconnect();
    plot.destroy();
  };
}
