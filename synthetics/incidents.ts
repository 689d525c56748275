/**
 * When a check's incident opens and closes. A run (one slot, all regions) is failing
 * when at least N of the check's regions failed; an incident opens after M failing runs
 * in a row and resolves at the first run that is not failing. One bad region alone (a
 * local network problem) never opens one unless the check runs in fewer than N regions.
 * Certificate expiry and missing heartbeats are incidents of their own kinds.
 */
export type IncidentKind = "failure" | "ssl_expiry" | "heartbeat_missing";

export interface FailureState {
  failStreak: number;
  open: boolean;
}

export interface RegionRun {
  region: string;
  ok: boolean;
  error: string | null;
}

export interface RunDecision {
  state: FailureState;
  /** open: an incident starts now; resolve: the open one ends now. */
  action: "open" | "resolve" | null;
  failing: boolean;
  failingRegions: string[];
}

export function decideFailure(state: FailureState, runs: readonly RegionRun[], needed: number, consecutiveRuns: number): RunDecision {
  const failingRegions = runs.filter((r) => !r.ok).map((r) => r.region).sort();
  const failing = failingRegions.length >= needed;
  const failStreak = failing ? state.failStreak + 1 : 0;
  let action: RunDecision["action"] = null;
  let open = state.open;
  if (!open && failing && failStreak >= consecutiveRuns) {
    action = "open";
    open = true;
  } else if (open && !failing) {
    action = "resolve";
    open = false;
  }
  return { state: { failStreak, open }, action, failing, failingRegions };
}

/** Certificate expiry: open while any region saw fewer days left than the threshold. */
export function decideSslExpiry(open: boolean, daysRemaining: readonly (number | null)[], thresholdDays: number): "open" | "resolve" | null {
  const known = daysRemaining.filter((d): d is number => d !== null);
  if (known.length === 0) return null; // no reading this run: keep the state
  const expiring = Math.min(...known) < thresholdDays;
  if (expiring && !open) return "open";
  if (!expiring && open) return "resolve";
  return null;
}

/** A heartbeat is missing once its period and grace have passed since the last ping (or its creation). */
export function heartbeatMissing(lastPingMs: number | null, createdMs: number, periodMinutes: number, graceMinutes: number, nowMs: number): boolean {
  const since = lastPingMs ?? createdMs;
  return nowMs > since + (periodMinutes + graceMinutes) * 60_000;
}
