/**
 * Wall-clock time in an IANA zone ↔ instants, through Intl only (no tz database of our
 * own). Schedules hand off at a local time ("09:00 Europe/Berlin"), which is a different
 * UTC instant before and after a daylight-saving change.
 */
import { zonedParts } from "../routing/time-intervals";

/** Offset of the zone from UTC at an instant, in ms (Berlin in summer: +7 200 000). */
export function zoneOffsetMs(atMs: number, zone: string): number {
  const p = zonedParts(atMs, zone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return asUtc - Math.floor(atMs / 60_000) * 60_000;
}

/**
 * The instant at which the zone's clock shows this wall time. A time skipped by a
 * spring-forward change resolves to the instant just after the gap; an ambiguous time
 * in the autumn overlap resolves to its first occurrence.
 */
export function zonedToUtc(year: number, month: number, day: number, hour: number, minute: number, zone: string): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const first = wall - zoneOffsetMs(wall, zone);
  const second = wall - zoneOffsetMs(first, zone);
  if (second === first) return first;
  // Try both offsets and keep the earlier one that shows the same wall time.
  const candidates = [first, second].filter((t) => t + zoneOffsetMs(t, zone) === wall).sort((a, b) => a - b);
  return candidates[0] ?? Math.max(first, second);
}

export function parseLocalDate(text: string): { year: number; month: number; day: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return { year, month, day };
}

export function parseLocalTime(text: string): { hour: number; minute: number } | null {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return null;
  return { hour: Number(m[1]), minute: Number(m[2]) };
}
