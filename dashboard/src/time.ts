/**
 * Time ranges as the picker and the URL hold them: Grafana-style text (`now-6h`, `now`,
 * or ISO-8601), sent to the API as is. Pure helpers, unit-tested.
 */
export interface RangeText {
  from: string;
  to: string;
}

export const QUICK_RANGES: { label: string; from: string }[] = [
  { label: "Last 5 minutes", from: "now-5m" },
  { label: "Last 15 minutes", from: "now-15m" },
  { label: "Last 1 hour", from: "now-1h" },
  { label: "Last 6 hours", from: "now-6h" },
  { label: "Last 24 hours", from: "now-24h" },
  { label: "Last 7 days", from: "now-7d" },
  { label: "Last 30 days", from: "now-30d" },
];

const RELATIVE = /^now(?:\s*-\s*(\d+)\s*(s|m|h|d|w))?$/;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** A bound → epoch ms, or null if it is not one we understand. */
export function resolveBound(text: string, nowMs: number): number | null {
  const t = text.trim();
  const rel = RELATIVE.exec(t);
  if (rel) return nowMs - (rel[1] ? Number(rel[1]) * UNIT_MS[rel[2]] : 0);
  if (!/^\d{4}-\d{2}-\d{2}/.test(t)) return null;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? null : ms;
}

export function describeRange(r: RangeText): string {
  const quick = QUICK_RANGES.find((q) => q.from === r.from && r.to === "now");
  return quick ? quick.label : `${r.from} → ${r.to}`;
}

/** An absolute range (after a drag-zoom on a chart), as ISO text. */
export function absoluteRange(fromMs: number, toMs: number): RangeText {
  return { from: new Date(Math.floor(fromMs)).toISOString(), to: new Date(Math.ceil(toMs)).toISOString() };
}

/** Formats epoch ms in UTC or the browser's zone, to the second. */
export function formatTime(ms: number, zone: "utc" | "local"): string {
  const d = new Date(ms);
  if (zone === "utc") return d.toISOString().replace("T", " ").slice(0, 19);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
