/** One chip per region: the latest run's status there, its latency and when it ran. */
import type { RegionState } from "./model";

export function RegionChips({ regions, states }: { regions: string[]; states: RegionState[] }) {
  return (
    <div class="regions">
      {regions.map((r) => {
        const s = states.find((x) => x.region === r);
        const title = s ? `${r}: ${s.status}${s.httpStatusCode ? ` (${s.httpStatusCode})` : ""} at ${new Date(s.at).toLocaleString()}${s.error ? ` — ${s.error}` : ""}` : `${r}: not run yet`;
        return (
          <span class={`chip ${s?.status ?? "pending"}`} title={title} data-region={r}>
            {r}
            {s?.durationMs != null && <span class="ms">{Math.round(s.durationMs)} ms</span>}
          </span>
        );
      })}
    </div>
  );
}
