/**
 * When a rule is due: at the minutes that are multiples of its interval since the epoch
 * (Grafana's aligned ticks), so a 5-minute rule runs at :00, :05, … and every evaluation's
 * window ends on a round minute, whoever runs it and however late the cron fires.
 */
export const MINUTE_MS = 60_000;

export function scheduledMinute(scheduledTimeMs: number): number {
  return Math.floor(scheduledTimeMs / MINUTE_MS) * MINUTE_MS;
}

export function isDue(intervalMs: number, minuteMs: number): boolean {
  const every = Math.max(1, Math.round(intervalMs / MINUTE_MS));
  return Math.round(minuteMs / MINUTE_MS) % every === 0;
}
