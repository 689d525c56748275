/** The one-line status the demo prints every 10 s, and the incident announcements. */
import type { ExportStats } from "./export-stats.ts";
import { DESCRIPTIONS, type Incident } from "./incidents.ts";

export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${String(s % 60).padStart(2, "0")}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}

const n = (x: number) => x.toLocaleString("en-US");

export interface StatusInput {
  elapsedMs: number;
  stats: ExportStats;
  /** `stats.spans` at the previous status line, for the rate. */
  spansBefore: number;
  intervalMs: number;
  incident: Incident | null;
  next: Incident | null;
}

export function formatStatus(i: StatusInput): string {
  const rate = Math.round(((i.stats.spans - i.spansBefore) * 1000) / i.intervalMs);
  const errors = i.stats.failures === 0 ? "export errors: 0" : `export errors: ${n(i.stats.failures)} (last: ${i.stats.lastError})`;
  const incident = i.incident
    ? `INCIDENT ${DESCRIPTIONS[i.incident.kind]}, ${duration(i.incident.endMs - i.elapsedMs)} left`
    : i.next
      ? `next incident in ${duration(i.next.startMs - i.elapsedMs)}`
      : "incidents off";
  return `[demo ${duration(i.elapsedMs)}] sent ${n(i.stats.spans)} spans (${n(rate)}/s), ${n(i.stats.logs)} logs, ${n(i.stats.metricPoints)} metric points · ${errors} · ${incident}`;
}

export function incidentStarted(incident: Incident): string {
  return `⚠ incident: ${DESCRIPTIONS[incident.kind]} for the next ${duration(incident.endMs - incident.startMs)}`;
}

export function incidentEnded(incident: Incident): string {
  return `✓ incident over: ${DESCRIPTIONS[incident.kind]}`;
}
