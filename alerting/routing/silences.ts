/**
 * Silences (Alertmanager's silence/silence.go): an alert whose labels satisfy every
 * matcher of a silence is muted between its startsAt and endsAt. "Mute until resolved"
 * is a silence bound to one alert's fingerprint: it mutes that alert only (not a later
 * alert with the same labels after it resolved), and the dispatcher expires it when the
 * alert resolves.
 */
import { matchesAll, type Labels, type Matcher } from "./matchers";

export interface Silence {
  id: string;
  matchers: Matcher[];
  startsAt: number;
  endsAt: number;
  createdBy: string;
  comment: string;
  /** Set for "mute until resolved": only this alert instance is muted. */
  fingerprint: string | null;
  createdAt: number;
  updatedAt: number;
}

export type SilenceState = "pending" | "active" | "expired";

export function silenceState(s: Pick<Silence, "startsAt" | "endsAt">, nowMs: number): SilenceState {
  if (nowMs >= s.endsAt) return "expired";
  if (nowMs < s.startsAt) return "pending";
  return "active";
}

/** Ids of the active silences that mute this alert. */
export function silencedBy(silences: Silence[], alert: { fingerprint: string; labels: Labels }, nowMs: number): string[] {
  return silences
    .filter((s) => silenceState(s, nowMs) === "active" && (s.fingerprint === null || s.fingerprint === alert.fingerprint) && matchesAll(s.matchers, alert.labels))
    .map((s) => s.id);
}
