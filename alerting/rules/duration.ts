/**
 * Rule durations as people write them in Prometheus and Grafana: "30s", "5m", "1h", "1d",
 * "1w", or a sum like "1h30m". Pure; the API stores milliseconds and prints them back.
 */
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const PART = /(\d+)(w|d|h|m|s)/gy;

/** Milliseconds, or undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  const t = text.trim();
  if (t === "0") return 0;
  if (!/^(\d+(w|d|h|m|s))+$/.test(t)) return undefined;
  let ms = 0;
  PART.lastIndex = 0;
  for (let m = PART.exec(t); m; m = PART.exec(t)) ms += Number(m[1]) * UNIT_MS[m[2]];
  return ms;
}

/** The shortest text for a number of milliseconds: 90 000 → "1m30s", 0 → "0". */
export function formatDuration(ms: number): string {
  if (ms === 0) return "0";
  let rest = ms;
  let out = "";
  for (const unit of ["w", "d", "h", "m", "s"]) {
    const n = Math.floor(rest / UNIT_MS[unit]);
    if (n > 0) (out += `${n}${unit}`), (rest -= n * UNIT_MS[unit]);
  }
  return out || `${ms}ms`;
}
