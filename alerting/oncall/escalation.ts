/**
 * Escalation policies, as in PagerDuty and Grafana OnCall: levels notified one after the
 * other, each waiting `delay_minutes` for an acknowledgement before the next is notified;
 * after the last level the policy starts over at level 0 up to `repeat` more times.
 * Acknowledging or resolving stops it. Pure: the dispatcher keeps the state and timers.
 */
export type EscalationTarget = { type: "schedule"; id: string } | { type: "user"; id: string } | { type: "contact_point"; id: string };

export interface EscalationLevel {
  /** Minutes to wait for an acknowledgement before the next level is notified. */
  delay_minutes: number;
  targets: EscalationTarget[];
}

export interface EscalationPolicy {
  id: string;
  name: string;
  levels: EscalationLevel[];
  /** How many times to start over after the last level (0: once through). */
  repeat: number;
}

export interface EscalationState {
  level: number;
  /** 0 on the first pass through the levels. */
  cycle: number;
  /** When the next level is due (null: no further level). */
  nextAt: number | null;
}

/** The state right after level 0 is notified at `now`. */
export function startEscalation(policy: EscalationPolicy, now: number): EscalationState {
  return { level: 0, cycle: 0, nextAt: dueAfter(policy, 0, 0, now) };
}

function dueAfter(policy: EscalationPolicy, level: number, cycle: number, now: number): number | null {
  const hasNext = level + 1 < policy.levels.length || cycle < policy.repeat;
  return hasNext ? now + policy.levels[level].delay_minutes * 60_000 : null;
}

/** The next level to notify when the timer fires unacknowledged, or null when the policy is exhausted. */
export function advanceEscalation(policy: EscalationPolicy, state: EscalationState, now: number): EscalationState | null {
  if (state.nextAt === null) return null;
  let level = state.level + 1;
  let cycle = state.cycle;
  if (level >= policy.levels.length) {
    if (cycle >= policy.repeat) return null;
    level = 0;
    cycle++;
  }
  return { level, cycle, nextAt: dueAfter(policy, level, cycle, now) };
}

export function validatePolicy(body: unknown): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  const b = body as Partial<EscalationPolicy>;
  if (typeof b !== "object" || b === null) return [{ path: "", message: "must be an object { name, levels, repeat }" }];
  if (typeof b.name !== "string" || !/^[\w .:-]{1,100}$/.test(b.name)) errors.push({ path: "name", message: "must be 1-100 letters, digits, spaces or . _ : -" });
  if (b.repeat !== undefined && (!Number.isInteger(b.repeat) || b.repeat < 0 || b.repeat > 10)) errors.push({ path: "repeat", message: "must be a whole number 0 to 10" });
  if (!Array.isArray(b.levels) || b.levels.length === 0 || b.levels.length > 10) errors.push({ path: "levels", message: "must be an array of 1 to 10 levels" });
  else
    b.levels.forEach((l, i) => {
      if (!Number.isInteger(l?.delay_minutes) || l.delay_minutes < 1 || l.delay_minutes > 1440) errors.push({ path: `levels[${i}].delay_minutes`, message: "must be whole minutes, 1 to 1440" });
      if (!Array.isArray(l?.targets) || l.targets.length === 0) errors.push({ path: `levels[${i}].targets`, message: "must be a non-empty array" });
      else
        l.targets.forEach((t, j) => {
          if (!t || !["schedule", "user", "contact_point"].includes(t.type)) errors.push({ path: `levels[${i}].targets[${j}].type`, message: "must be schedule, user or contact_point" });
          if (typeof t?.id !== "string" || !t.id) errors.push({ path: `levels[${i}].targets[${j}].id`, message: "must be an id" });
        });
    });
  return errors;
}
