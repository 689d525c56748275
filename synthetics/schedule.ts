/**
 * Which checks are due at a cron tick. Time is cut into slots of the check's interval
 * (aligned to the epoch, so every region agrees on them); a check is due once per slot,
 * at the first tick inside it. A missed tick therefore delays a run instead of dropping
 * it, and a repeated tick (a restart, a retried cron) finds the slot already taken —
 * both here (`lastSlot`) and in the region runner, which refuses a slot it has run.
 */
import type { Region } from "./definition";

export function slotStart(intervalMinutes: number, nowMs: number): number {
  const size = intervalMinutes * 60_000;
  return Math.floor(nowMs / size) * size;
}

export interface SchedulableCheck {
  id: string;
  enabled: boolean;
  intervalMinutes: number;
  /** Start of the last slot dispatched, or null if never. */
  lastSlot: number | null;
}

export interface DueCheck {
  id: string;
  slot: number;
}

export function dueChecks(checks: readonly SchedulableCheck[], nowMs: number): DueCheck[] {
  const due: DueCheck[] = [];
  for (const c of checks) {
    if (!c.enabled) continue;
    const slot = slotStart(c.intervalMinutes, nowMs);
    if (c.lastSlot === null || c.lastSlot < slot) due.push({ id: c.id, slot });
  }
  return due;
}

/** One run is one check × region × slot; the id is stable so a retry names the same run. */
export function runId(checkId: string, region: Region | "global", slot: number): string {
  return `${checkId}.${region}.${slot}`;
}
