/**
 * Timespan units (KQL's short and long forms plus Monoscope's `w`) and datetime text
 * parsing. Timespans are carried as nanoseconds; datetimes as microseconds since the epoch
 * (the storage precision, see docs/schema.md).
 */
const NS: Record<string, number> = {
  ns: 1, nanosecond: 1, nanoseconds: 1,
  us: 1e3, "µs": 1e3, microsecond: 1e3, microseconds: 1e3, tick: 100, ticks: 100,
  ms: 1e6, millisecond: 1e6, milliseconds: 1e6,
  s: 1e9, sec: 1e9, second: 1e9, seconds: 1e9,
  m: 60e9, min: 60e9, minute: 60e9, minutes: 60e9,
  h: 3600e9, hr: 3600e9, hour: 3600e9, hours: 3600e9,
  d: 86400e9, day: 86400e9, days: 86400e9,
  w: 7 * 86400e9, week: 7 * 86400e9, weeks: 7 * 86400e9,
};

/** Nanoseconds in one `unit`, or undefined for an unknown unit. */
export function unitNanos(unit: string): number | undefined {
  return Object.prototype.hasOwnProperty.call(NS, unit) ? NS[unit] : undefined;
}

/** `"5m"`, `"1.5h"`, `"250ms"` → nanoseconds; for `$variables` holding a timespan. */
export function parseTimespanText(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zµ]+)\s*$/i.exec(text);
  if (!m) return undefined;
  const per = unitNanos(m[2].toLowerCase());
  return per === undefined ? undefined : Math.round(Number(m[1]) * per);
}

/** Canonical short text for a number of nanoseconds (`300000000000` → `5m`). */
export function formatTimespan(ns: number): string {
  for (const [unit, per] of [["d", 86400e9], ["h", 3600e9], ["m", 60e9], ["s", 1e9], ["ms", 1e6], ["us", 1e3]] as const) {
    if (ns !== 0 && ns % per === 0) return `${ns / per}${unit}`;
  }
  return `${ns}ns`;
}

/**
 * ISO-8601-ish datetime text → microseconds since the epoch, UTC when no zone is given.
 * Accepts `2026-01-02`, `2026-01-02 03:04`, `2026-01-02T03:04:05.123456Z`, `…+02:00`.
 */
export function parseDatetimeText(text: string): number | undefined {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$/i.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "", zone] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const check = new Date(ms);
  // Date.UTC silently rolls 2026-02-31 over to March; reject it instead.
  if (check.getUTCFullYear() !== Number(y) || check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)) return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  let us = ms * 1000 + Number(frac.padEnd(6, "0").slice(0, 6));
  if (zone && zone.toUpperCase() !== "Z") {
    const sign = zone[0] === "-" ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    us -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60e6;
  }
  return us;
}

/** Microseconds since the epoch → `2026-01-02T03:04:05.123456Z`. */
export function formatDatetime(us: number): string {
  const ms = Math.floor(us / 1000);
  const iso = new Date(ms).toISOString(); // …T03:04:05.123Z
  const micros = String(((us % 1e6) + 1e6) % 1e6).padStart(6, "0");
  return `${iso.slice(0, 19)}.${micros}Z`;
}
