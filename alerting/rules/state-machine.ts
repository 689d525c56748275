/**
 * One alert series' state machine. Pure: the clock is the `now` passed in.
 *
 *             breach (for = 0)
 *   ok ──breach──▶ pending ──breach, held `for`──▶ firing ──clear──▶ resolved ──▶ ok
 *    ▲               │ hold/clear (the `for` resets)   │ hold: stays firing (hysteresis)
 *    └───────────────┘                                 │ nodata ─▶ nodata   error: stays firing
 *   any ──nodata──▶ nodata     any but firing ──error──▶ error     nodata/error ──verdict──▶ as from ok
 */
import type { AlertSeriesState } from "../../core/alerts/model";
import type { Verdict } from "./conditions";

export interface SeriesCore {
  state: AlertSeriesState;
  /** When the current state began (ms). */
  since: number;
  /** When the condition first held in this episode (Prometheus's ActiveAt: the alert's startsAt). */
  activeAt: number | null;
  firedAt: number | null;
  resolvedAt: number | null;
}

export const INITIAL: SeriesCore = { state: "ok", since: 0, activeAt: null, firedAt: null, resolvedAt: null };

export type Input = Verdict | "error";

function enter(prev: SeriesCore, state: AlertSeriesState, now: number, patch: Partial<SeriesCore> = {}): SeriesCore {
  return { ...prev, ...patch, state, since: prev.state === state ? prev.since : now };
}

/** Start an episode: pending, or straight to firing when there is no `for`. */
function startBreach(prev: SeriesCore, now: number, forMs: number): SeriesCore {
  if (forMs <= 0) return enter(prev, "firing", now, { activeAt: now, firedAt: now, resolvedAt: null });
  return enter(prev, "pending", now, { activeAt: now, firedAt: null, resolvedAt: null });
}

const calm = (prev: SeriesCore, now: number) => enter(prev, "ok", now, { activeAt: null, firedAt: null });

export function step(prev: SeriesCore, input: Input, now: number, forMs: number): SeriesCore {
  switch (prev.state) {
    case "firing":
      if (input === "breach" || input === "hold" || input === "error") return prev;
      if (input === "clear") return enter(prev, "resolved", now, { resolvedAt: now });
      return enter(prev, "nodata", now, { resolvedAt: now });
    case "pending":
      if (input === "breach") {
        return now - (prev.activeAt ?? now) >= forMs ? enter(prev, "firing", now, { firedAt: now }) : prev;
      }
      if (input === "hold" || input === "clear") return calm(prev, now);
      return enter(prev, input, now, { activeAt: null });
    default:
      // ok, resolved, nodata, error: a fresh start.
      if (input === "breach") return startBreach(prev, now, forMs);
      if (input === "hold" || input === "clear") return calm(prev, now);
      return enter(prev, input, now, { activeAt: null, firedAt: null });
  }
}

/** A firing alert stopped firing in this step (what the sink hears as "resolved"). */
export function stoppedFiring(prev: SeriesCore, next: SeriesCore): boolean {
  return prev.state === "firing" && next.state !== "firing";
}
