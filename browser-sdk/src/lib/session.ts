/**
 * Session rules, kept pure so they are tested with plain numbers: a session ends after
 * 30 minutes without activity or 4 hours after it began (the limits Datadog and Sentry
 * use, so numbers compare); sampling is decided once per session, so a sampled session
 * is complete and an unsampled one sends nothing.
 */
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_MAX_MS = 4 * 3_600_000;

export interface SessionState {
  id: string;
  /** ms since the epoch */
  start: number;
  last: number;
  sampled: boolean;
}

export interface SessionDeps {
  now: number;
  sampleRate: number;
  random: () => number;
  newId: () => string;
}

/** The session to use now: `prev` extended, or a fresh one when it expired. */
export function touchSession(prev: SessionState | null, d: SessionDeps): { state: SessionState; renewed: boolean } {
  if (prev && d.now - prev.last < SESSION_IDLE_MS && d.now - prev.start < SESSION_MAX_MS && d.now >= prev.start) {
    return { state: { ...prev, last: d.now }, renewed: false };
  }
  return { state: { id: d.newId(), start: d.now, last: d.now, sampled: d.random() < d.sampleRate }, renewed: true };
}

/** Compact text for a cookie / sessionStorage value: `id.start.last.sampled`. */
export function encodeSession(s: SessionState): string {
  return `${s.id}.${s.start.toString(36)}.${s.last.toString(36)}.${s.sampled ? 1 : 0}`;
}

export function decodeSession(text: string | null | undefined): SessionState | null {
  const m = /^([0-9a-f]{32})\.([0-9a-z]+)\.([0-9a-z]+)\.([01])$/.exec(text ?? "");
  return m ? { id: m[1], start: parseInt(m[2], 36), last: parseInt(m[3], 36), sampled: m[4] === "1" } : null;
}

/**
 * A decision that is the same on every page of a session (replay sampling): the session
 * id is random, so its first 32 bits are a uniform number to compare with the rate.
 */
export function sessionInSample(id: string, rate: number): boolean {
  return parseInt(id.slice(0, 8), 16) / 0x1_0000_0000 < rate;
}
