/**
 * The latency chart of a check (a lazy chunk): uPlot, one line per region, over the
 * whole selected range even when runs cover only part of it, with points so a few
 * runs are visible. Series come from results.ts toTimeSeries, like Explore's chart.
 */
import uPlot from "uplot";
import type { TimeSeries } from "../results";

const PALETTE = ["#1f6feb", "#d1242f", "#1a7f37", "#9a6700", "#8250df", "#bf3989", "#0969da", "#cf222e", "#116329"];

export function drawLatencyChart(el: HTMLElement, data: TimeSeries, range: { fromMs: number; toMs: number }): () => void {
  const width = () => Math.max(300, el.clientWidth);
  const plot = new uPlot(
    {
      width: width(),
      height: 260,
      scales: { x: { time: true, range: () => [range.fromMs / 1000, range.toMs / 1000] }, y: { range: (_u, _min, max) => [0, Math.max(10, max * 1.1)] } },
      series: [{}, ...data.series.map((s, i) => ({ label: s.label, stroke: PALETTE[i % PALETTE.length], width: 1.5, points: { show: true, size: 5 }, value: (_u: uPlot, v: number | null) => (v === null ? "—" : `${Math.round(v)} ms`) }))],
      axes: [{}, { size: 60, values: (_u, ticks) => ticks.map((t) => `${t} ms`) }],
    },
    [data.x, ...data.series.map((s) => s.values)] as uPlot.AlignedData,
    el,
  );
  const resize = new ResizeObserver(() => plot.setSize({ width: width(), height: 260 }));
  resize.observe(el);
  return () => {
    resize.disconnect();
    plot.destroy();
  };
}
