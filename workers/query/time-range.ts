/**
 * The time range of a query request: `from`/`to` as ISO-8601 text, epoch milliseconds,
 * or relative to now like Grafana (`now`, `now-15m`, `now-7d`). Pure, so the rules are
 * unit-tested; the default is the last hour.
 */
export class TimeRangeError extends Error {}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const RELATIVE = /^now(?:\s*([-+])\s*(\d+)\s*(ms|s|m|h|d|w))?$/;

/** One bound → µs since the epoch. */
export function parseTimeBound(value: unknown, nowMs: number, name: string): number {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TimeRangeError(`'${name}' must be a finite number of epoch milliseconds`);
    return Math.round(value * 1000);
  }
  if (typeof value !== "string" || value.trim() === "") {
    throw new TimeRangeError(`'${name}' must be an ISO-8601 time, epoch milliseconds, or relative like "now-1h"`);
  }
  const text = value.trim();
  const rel = RELATIVE.exec(text);
  if (rel) {
    const delta = rel[1] ? Number(rel[2]) * UNIT_MS[rel[3]] * (rel[1] === "-" ? -1 : 1) : 0;
    return (nowMs + delta) * 1000;
  }
  // ISO-8601 with a date; keep microseconds when given (Date.parse stops at ms).
  const iso = /^(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?)(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (iso) {
    const base = Date.parse(`${iso[1].replace(" ", "T")}${iso[1].length > 10 ? "" : "T00:00"}${iso[3] ?? "Z"}`);
    if (!Number.isNaN(base)) {
      const frac = iso[2] ? Math.floor(Number(`0.${iso[2]}`) * 1_000_000) : 0;
      return base * 1000 + frac;
    }
  }
  throw new TimeRangeError(`'${name}' is not a time: ${JSON.stringify(text.slice(0, 40))} (use ISO-8601, epoch milliseconds, or "now-15m")`);
}

export interface TimeRangeUs {
  fromUs: number;
  toUs: number;
}

/** Longest range one query may cover. */
export const MAX_RANGE_DAYS = 90;

export function parseTimeRange(from: unknown, to: unknown, nowMs: number): TimeRangeUs {
  const toUs = to === undefined ? nowMs * 1000 : parseTimeBound(to, nowMs, "to");
  const fromUs = from === undefined ? toUs - 3_600_000_000 : parseTimeBound(from, nowMs, "from");
  if (fromUs >= toUs) throw new TimeRangeError("'from' must be before 'to'");
  if (toUs - fromUs > MAX_RANGE_DAYS * 86_400_000_000) throw new TimeRangeError(`the time range may cover at most ${MAX_RANGE_DAYS} days`);
  return { fromUs, toUs };
}
