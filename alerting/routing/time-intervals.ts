/**
 * Alertmanager's time intervals (timeinterval/timeinterval.go): an instant is inside an
 * interval when it satisfies every field that is set (times of day, weekdays, days of month,
 * months, years), each field being a list of inclusive ranges of which any may match.
 * Fields are evaluated in the interval's `location` (an IANA zone, UTC by default) through
 * Intl, so daylight-saving shifts are the zone database's, not ours.
 */
export interface TimeIntervalSpec {
  /** `[{ start_time: "09:00", end_time: "17:00" }]`: end exclusive, "24:00" allowed. */
  times?: { start_time: string; end_time: string }[];
  /** `["monday:friday", "sunday"]` */
  weekdays?: string[];
  /** `["1:5", "-1"]`: negative days count from the end of the month. */
  days_of_month?: string[];
  /** `["january:march", "12"]` */
  months?: string[];
  /** `["2024:2026"]` */
  years?: string[];
  /** IANA time zone, e.g. "Europe/Berlin"; "Local" is not meaningful on the edge and means UTC. */
  location?: string;
}

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

type Range = [number, number];

export interface CompiledInterval {
  times: Range[] | null;
  weekdays: Range[] | null;
  daysOfMonth: Range[] | null;
  months: Range[] | null;
  years: Range[] | null;
  zone: string;
}

export class TimeIntervalError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

function minutes(text: string, path: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  if (!m) throw new TimeIntervalError(path, `invalid time ${JSON.stringify(text)}: expected HH:MM`);
  const value = Number(m[1]) * 60 + Number(m[2]);
  if (Number(m[2]) > 59 || value > 1440) throw new TimeIntervalError(path, `time ${text} is out of range (00:00 to 24:00)`);
  return value;
}

function parseRanges(list: string[], path: string, value: (s: string) => number | null, [min, max]: Range): Range[] {
  return list.map((text, i) => {
    const p = `${path}[${i}]`;
    const parts = String(text).toLowerCase().split(":");
    if (parts.length > 2) throw new TimeIntervalError(p, `invalid range ${JSON.stringify(text)}`);
    const begin = value(parts[0].trim());
    const end = parts.length === 2 ? value(parts[1].trim()) : begin;
    if (begin === null || end === null || begin < min || end > max || begin > max || end < min)
      throw new TimeIntervalError(p, `invalid range ${JSON.stringify(text)}`);
    return [begin, end];
  });
}

const num = (s: string) => (/^-?\d+$/.test(s) ? Number(s) : null);
const named = (names: string[]) => (s: string) => {
  const i = names.indexOf(s);
  return i >= 0 ? i : null;
};

export function compileTimeInterval(spec: TimeIntervalSpec): CompiledInterval {
  const times = spec.times?.map((t, i) => {
    const start = minutes(t.start_time, `times[${i}].start_time`);
    const end = minutes(t.end_time, `times[${i}].end_time`);
    if (start >= end) throw new TimeIntervalError(`times[${i}]`, "start_time must be before end_time");
    return [start, end] as Range;
  });
  const weekdays = spec.weekdays && parseRanges(spec.weekdays, "weekdays", named(WEEKDAYS), [0, 6]);
  weekdays?.forEach(([b, e], i) => {
    if (b > e) throw new TimeIntervalError(`weekdays[${i}]`, "start day cannot be after end day");
  });
  const daysOfMonth = spec.days_of_month && parseRanges(spec.days_of_month, "days_of_month", num, [-31, 31]);
  daysOfMonth?.forEach(([b, e], i) => {
    if (b === 0 || e === 0) throw new TimeIntervalError(`days_of_month[${i}]`, "day 0 does not exist");
    // Alertmanager: a range must not mix a positive start with a negative end.
    if ((b > 0 && e < 0) || (b < 0 && e < 0 && b > e) || (b > 0 && e > 0 && b > e))
      throw new TimeIntervalError(`days_of_month[${i}]`, "start day cannot be after end day");
  });
  const months = spec.months && parseRanges(spec.months, "months", (s) => num(s) ?? (named(MONTHS)(s) === null ? null : named(MONTHS)(s)! + 1), [1, 12]);
  const years = spec.years && parseRanges(spec.years, "years", num, [0, 9999]);
  const zone = !spec.location || spec.location === "Local" || spec.location === "UTC" ? "UTC" : spec.location;
  try {
    formatter(zone);
  } catch {
    throw new TimeIntervalError("location", `unknown time zone ${JSON.stringify(spec.location)}`);
  }
  return { times: times ?? null, weekdays: weekdays ?? null, daysOfMonth: daysOfMonth ?? null, months: months ?? null, years: years ?? null, zone };
}

export function validateTimeInterval(spec: unknown): { path: string; message: string }[] {
  if (typeof spec !== "object" || spec === null) return [{ path: "", message: "must be an object" }];
  try {
    compileTimeInterval(spec as TimeIntervalSpec);
    return [];
  } catch (e) {
    if (e instanceof TimeIntervalError) return [{ path: e.path, message: e.message }];
    return [{ path: "", message: (e as Error).message }];
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      weekday: "long",
    });
    formatters.set(zone, f);
  }
  return f;
}

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

/** The wall-clock fields of an instant in a zone. */
export function zonedParts(atMs: number, zone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const p of formatter(zone).formatToParts(new Date(atMs))) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    weekday: WEEKDAYS.indexOf(parts.weekday.toLowerCase()),
  };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const inRanges = (ranges: Range[] | null, v: number) => ranges === null || ranges.some(([b, e]) => v >= b && v <= e);

/** Alertmanager's TimeInterval.ContainsTime. */
export function intervalContains(ti: CompiledInterval, atMs: number): boolean {
  const t = zonedParts(atMs, ti.zone);
  if (ti.times && !ti.times.some(([s, e]) => t.hour * 60 + t.minute >= s && t.hour * 60 + t.minute < e)) return false;
  if (ti.daysOfMonth) {
    const dim = daysInMonth(t.year, t.month);
    const hit = ti.daysOfMonth.some(([b0, e0]) => {
      const b = b0 < 0 ? dim + b0 + 1 : b0;
      const e = e0 < 0 ? dim + e0 + 1 : e0;
      // Skip days that do not exist (e.g. 31 in a 30-day month); clamp to the month.
      if (b > dim) return false;
      return t.day >= Math.max(b, 1) && t.day <= Math.min(e, dim);
    });
    if (!hit) return false;
  }
  if (!inRanges(ti.months, t.month)) return false;
  if (!inRanges(ti.weekdays, t.weekday)) return false;
  if (!inRanges(ti.years, t.year)) return false;
  return true;
}

/** A named interval (a list of specs) contains the instant when any of its specs does. */
export function anyIntervalContains(specs: CompiledInterval[], atMs: number): boolean {
  return specs.some((ti) => intervalContains(ti, atMs));
}
