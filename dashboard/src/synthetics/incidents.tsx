/** Incidents, open first: what failed, where, since when, and for how long. */
import { linkClick } from "../router";
import type { Incident } from "./model";

function duration(ms: number): string {
  // Never negative: an incident opened by a cron tick a little ahead of this clock.
  const m = Math.max(0, Math.round(ms / 60_000));
  return m < 60 ? `${m} min` : m < 48 * 60 ? `${(m / 60).toFixed(1)} h` : `${(m / 1440).toFixed(1)} d`;
}

export function IncidentList({ incidents, showCheck = true }: { incidents: Incident[]; showCheck?: boolean }) {
  if (incidents.length === 0) return <div class="empty">No incidents.</div>;
  const sorted = [...incidents].sort((a, b) => (a.status === b.status ? b.openedAt - a.openedAt : a.status === "open" ? -1 : 1));
  return (
    <ul class="incidents">
      {sorted.map((i) => (
        <li class={`incident-row ${i.status} ${i.severity}`} data-kind={i.kind}>
          <span class={`pill ${i.status === "open" ? (i.severity === "warning" ? "warn" : "bad") : "ok"}`}>{i.status}</span>
          <div>
            {showCheck && (
              <a href={`/synthetics/${i.checkId}`} onClick={linkClick}>
                {i.checkName}
              </a>
            )}{" "}
            <span class="muted">{i.kind.replace("_", " ")}</span>
            <div>{i.summary}</div>
            {i.lastError && <div class="muted small">{i.lastError}</div>}
          </div>
          <div class="muted small when">
            {new Date(i.openedAt).toLocaleString()}
            <br />
            {i.resolvedAt ? `resolved after ${duration(i.resolvedAt - i.openedAt)}` : `open for ${duration(Date.now() - i.openedAt)}`}
          </div>
        </li>
      ))}
    </ul>
  );
}
