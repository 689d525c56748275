/**
 * The rule preview chart (a lazy chunk, like Explore's chart): the value of each group
 * per evaluation, the rule's thresholds as dashed lines (recovery points dotted), the
 * anomaly band when there is one, and the steps where a series was pending (amber) or
 * firing (red) shaded behind — what the rule would have done.
 */
import uPlot from "uplot";
import type { PreviewJson } from "./rule-model";

const PALETTE = ["#1f6feb", "#1a7f37", "#8250df", "#bf3989", "#0969da", "#116329", "#953800"];
const LEVEL_COLOURS: Record<string, string> = { critical: "#d1242f", warning: "#bf8700", critical_recovery: "#d1242f", warning_recovery: "#bf8700" };

function label(labels: Record<string, string>): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  return parts.length ? parts.join(", ") : "value";
}

/** Per step: the worst state any series was in. */
export function worstStates(p: PreviewJson): (string | null)[] {
  const rank: Record<string, number> = { firing: 3, pending: 2, error: 1, nodata: 1 };
  return p.steps.map((_, i) => {
    let best: string | null = null;
    for (const s of p.series) {
      const st = s.states[i];
      if (st && (rank[st] ?? 0) > (best ? rank[best] ?? 0 : 0)) best = st;
    }
    return best;
  });
}

export function drawPreview(el: HTMLElement, p: PreviewJson, opts: { utc: boolean }): () => void {
  const x = p.steps.map((t) => t / 1000);
  const series: uPlot.Series[] = [{}];
  const data: (number | null)[][] = [x];
  p.groups.forEach((g, i) => {
    series.push({ label: label(g.labels), stroke: PALETTE[i % PALETTE.length], width: 1.5, points: { show: true, size: 4 } });
    data.push(g.values);
    if (g.band) {
      for (const side of ["lower", "upper"] as const) {
        series.push({ label: `${side} bound`, stroke: PALETTE[i % PALETTE.length], dash: [2, 4], width: 1, points: { show: false } });
        data.push(g.band[side]);
      }
    }
  });
  for (const [level, value] of Object.entries(p.thresholds ?? {})) {
    series.push({ label: level.replace("_", " "), stroke: LEVEL_COLOURS[level] ?? "#656d76", dash: level.endsWith("recovery") ? [2, 3] : [6, 4], width: 1.25, points: { show: false } });
    data.push(p.steps.map(() => value));
  }
  const shade = worstStates(p);
  const width = () => Math.max(300, el.clientWidth);
  const plot = new uPlot(
    {
      width: width(),
      height: 260,
      tzDate: opts.utc ? (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC") : undefined,
      scales: { x: { time: true } },
      series,
      axes: [{}, { size: 60 }],
      hooks: {
        drawClear: [
          (u) => {
            const ctx = u.ctx;
            const step = x.length > 1 ? x[1] - x[0] : 60;
            shade.forEach((st, i) => {
              if (st !== "firing" && st !== "pending") return;
              const left = u.valToPos(x[i] - step, "x", true);
              const right = u.valToPos(x[i], "x", true);
              ctx.fillStyle = st === "firing" ? "#d1242f22" : "#bf870022";
              ctx.fillRect(left, u.bbox.top, right - left, u.bbox.height);
            });
          },
        ],
      },
    },
    data as uPlot.AlignedData,
    el,
  );
  const resize = new ResizeObserver(() => plot.setSize({ width: width(), height: 260 }));
  resize.observe(el);
  return () => {
    resize.disconnect();
    plot.destroy();
  };
}
