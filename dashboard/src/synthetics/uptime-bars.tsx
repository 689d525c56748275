/** A strip of daily uptime bars (Statuspage style): green at 100 %, amber, red; grey where nothing ran. */
import type { UptimeBar } from "../../../synthetics/uptime";

function tone(p: number | null): string {
  if (p === null) return "none";
  if (p >= 99.9) return "up";
  if (p >= 95) return "degraded";
  return "down";
}

export function UptimeBars({ bars, percent }: { bars: UptimeBar[]; percent: number | null }) {
  return (
    <div class="uptime" aria-label={`uptime ${percent === null ? "no data" : `${percent.toFixed(2)}%`}`}>
      <div class="uptime-bars">
        {bars.map((b) => (
          <span class={`bar ${tone(b.percent)}`} title={`${new Date(b.start).toISOString().slice(0, 10)}: ${b.percent === null ? "no runs" : `${b.percent.toFixed(2)}% of ${b.runs} runs`}`} />
        ))}
      </div>
      <span class="uptime-pct">{percent === null ? "—" : `${percent.toFixed(2)}%`}</span>
    </div>
  );
}
