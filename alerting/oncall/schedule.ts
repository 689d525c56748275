/**
 * On-call schedules, PagerDuty-style: layers of rotations (a list of users taking turns,
 * each for `rotation_days`, handing off at a local time in the schedule's zone from a start
 * date), optionally restricted to a recurring time interval (e.g. business hours), and
 * overrides (this person from … to …). The last layer with someone on call wins; an override
 * beats every layer. Pure: `whoIsOnCall(schedule, at)` and `shifts(schedule, from, to)`.
 */
import { compileTimeInterval, intervalContains, zonedParts, type TimeIntervalSpec } from "../routing/time-intervals";
import { parseLocalDate, parseLocalTime, zonedToUtc } from "./zone-time";

export interface RotationLayer {
  name?: string;
  /** User ids, in turn order. */
  users: string[];
  /** Length of one turn in days (1 daily, 7 weekly). */
  rotation_days: number;
  /** Local date (schedule zone) the first turn starts: "2026-11-02". */
  start_date: string;
  /** Local time of every hand-off: "09:00". */
  handoff_time: string;
  /** Only on call inside this interval (e.g. weekdays 09:00-17:00); always when absent. */
  restriction?: TimeIntervalSpec;
}

export interface Override {
  /** epoch ms */
  start: number;
  end: number;
  user: string;
}

export interface Schedule {
  id: string;
  name: string;
  time_zone: string;
  layers: RotationLayer[];
  overrides: Override[];
}

export interface OnCall {
  userId: string;
  source: "override" | "layer";
  layer: number | null;
}

export interface Shift extends OnCall {
  start: number;
  end: number;
}

const DAY_MS = 86_400_000;

/** Instant the turn with index `k` of a layer starts (DST-aware: hand-off stays at local time). */
function turnStart(layer: RotationLayer, zone: string, k: number): number {
  const d = parseLocalDate(layer.start_date)!;
  const t = parseLocalTime(layer.handoff_time)!;
  // Calendar arithmetic on the local date, then to an instant in the zone.
  const local = new Date(Date.UTC(d.year, d.month - 1, d.day) + k * layer.rotation_days * DAY_MS);
  return zonedToUtc(local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate(), t.hour, t.minute, zone);
}

/** Index of the turn running at `at` (negative before the layer starts). */
function turnIndex(layer: RotationLayer, zone: string, at: number): number {
  const approx = Math.floor((at - turnStart(layer, zone, 0)) / (layer.rotation_days * DAY_MS));
  // DST shifts move a boundary by at most an hour: step to the exact turn.
  let k = approx;
  while (turnStart(layer, zone, k) > at) k--;
  while (turnStart(layer, zone, k + 1) <= at) k++;
  return k;
}

const restrictions = new WeakMap<TimeIntervalSpec, ReturnType<typeof compileTimeInterval>>();
function restricted(layer: RotationLayer, zone: string, at: number): boolean {
  if (!layer.restriction) return false;
  let c = restrictions.get(layer.restriction);
  if (!c) {
    c = compileTimeInterval({ location: zone, ...layer.restriction });
    restrictions.set(layer.restriction, c);
  }
  return !intervalContains(c, at);
}

function layerOnCall(layer: RotationLayer, zone: string, at: number): string | null {
  if (layer.users.length === 0) return null;
  const k = turnIndex(layer, zone, at);
  if (k < 0 || restricted(layer, zone, at)) return null;
  return layer.users[k % layer.users.length];
}

export function whoIsOnCall(schedule: Schedule, at: number): OnCall | null {
  // The latest-created override wins where overrides overlap.
  for (let i = schedule.overrides.length - 1; i >= 0; i--) {
    const o = schedule.overrides[i];
    if (at >= o.start && at < o.end) return { userId: o.user, source: "override", layer: null };
  }
  for (let i = schedule.layers.length - 1; i >= 0; i--) {
    const user = layerOnCall(schedule.layers[i], schedule.time_zone, at);
    if (user) return { userId: user, source: "layer", layer: i };
  }
  return null;
}

const MAX_RANGE_MS = 62 * DAY_MS;

/**
 * The calendar: consecutive shifts covering [from, to), merged where the same person stays
 * on call. Every instant the answer can change at (hand-offs, override edges, restriction
 * edges on every local day) is a candidate; between candidates the answer is constant.
 */
export function shifts(schedule: Schedule, from: number, to: number): Shift[] {
  if (to <= from) return [];
  if (to - from > MAX_RANGE_MS) throw new RangeError("at most 62 days of shifts at once");
  const zone = schedule.time_zone;
  const points = new Set<number>([from]);
  for (const o of schedule.overrides) for (const t of [o.start, o.end]) if (t > from && t < to) points.add(t);
  for (const layer of schedule.layers) {
    for (let k = Math.max(0, turnIndex(layer, zone, from)); ; k++) {
      const t = turnStart(layer, zone, k);
      if (t >= to) break;
      if (t > from) points.add(t);
    }
    if (layer.restriction) {
      // Restriction edges: each local day's midnight and each time-of-day edge.
      const edges = (layer.restriction.times ?? []).flatMap((r) => [r.start_time, r.end_time]);
      for (let day = from - DAY_MS; day < to + DAY_MS; day += DAY_MS) {
        const p = zonedParts(day, zone);
        for (const hm of ["00:00", ...edges]) {
          const [h, m] = hm === "24:00" ? [24, 0] : hm.split(":").map(Number);
          const t = zonedToUtc(p.year, p.month, p.day, 0, 0, zone) + (h * 60 + m) * 60_000;
          const exact = h === 24 ? t : zonedToUtc(p.year, p.month, p.day, h, m, zone);
          if (exact > from && exact < to) points.add(exact);
        }
      }
    }
  }
  const sorted = [...points].sort((a, b) => a - b);
  const out: Shift[] = [];
  sorted.forEach((start, i) => {
    const end = sorted[i + 1] ?? to;
    const who = whoIsOnCall(schedule, start);
    if (!who) return;
    const prev = out[out.length - 1];
    if (prev && prev.end === start && prev.userId === who.userId && prev.source === who.source && prev.layer === who.layer) prev.end = end;
    else out.push({ ...who, start, end });
  });
  return out;
}

export interface FieldError {
  path: string;
  message: string;
}

export function validateSchedule(body: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const b = body as Partial<Schedule>;
  if (typeof b !== "object" || b === null) return [{ path: "", message: "must be an object { name, time_zone, layers, overrides }" }];
  if (typeof b.name !== "string" || !b.name.trim() || b.name.length > 100) errors.push({ path: "name", message: "must be a non-empty string (at most 100 characters)" });
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: String(b.time_zone) });
  } catch {
    errors.push({ path: "time_zone", message: `unknown time zone ${JSON.stringify(b.time_zone)}` });
  }
  if (!Array.isArray(b.layers) || b.layers.length > 10) errors.push({ path: "layers", message: "must be an array of at most 10 layers" });
  else
    b.layers.forEach((l, i) => {
      const p = `layers[${i}]`;
      if (!Array.isArray(l?.users) || l.users.length === 0 || l.users.some((u) => typeof u !== "string")) errors.push({ path: `${p}.users`, message: "must be a non-empty array of user ids" });
      if (!Number.isInteger(l?.rotation_days) || l.rotation_days < 1 || l.rotation_days > 365) errors.push({ path: `${p}.rotation_days`, message: "must be a whole number of days, 1 to 365" });
      if (typeof l?.start_date !== "string" || !parseLocalDate(l.start_date)) errors.push({ path: `${p}.start_date`, message: "must be a date YYYY-MM-DD" });
      if (typeof l?.handoff_time !== "string" || !parseLocalTime(l.handoff_time)) errors.push({ path: `${p}.handoff_time`, message: "must be a time HH:MM" });
      if (l?.restriction !== undefined) {
        try {
          compileTimeInterval(l.restriction);
        } catch (e) {
          errors.push({ path: `${p}.restriction`, message: (e as Error).message });
        }
      }
    });
  if (!Array.isArray(b.overrides) || b.overrides.length > 500) errors.push({ path: "overrides", message: "must be an array of at most 500 overrides" });
  else
    b.overrides.forEach((o, i) => {
      const p = `overrides[${i}]`;
      if (!Number.isFinite(o?.start) || !Number.isFinite(o?.end) || o.end <= o.start) errors.push({ path: `${p}.end`, message: "start and end must be epoch ms with end after start" });
      if (typeof o?.user !== "string" || !o.user) errors.push({ path: `${p}.user`, message: "must be a user id" });
    });
  return errors;
}
