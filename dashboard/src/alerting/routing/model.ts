/**
 * Shapes the routing tabs read from the API, and the pure helpers behind them: matchers
 * prefilled from an alert, the silence link, and the on-call timeline layout.
 */
export type MatchType = "=" | "!=" | "=~" | "!~";
export interface Matcher {
  name: string;
  type: MatchType;
  value: string;
}

export interface Alert {
  fingerprint: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: number;
  status: string;
  status_detail: { state: "active" | "suppressed"; silencedBy: string[]; inhibitedBy: string[]; mutedBy: string[] };
  acknowledged: { by: string; at: number } | null;
}

export interface AlertGroup {
  labels: Record<string, string>;
  receiver: { name: string };
  groupKey: string;
  mutedBy: string | null;
  escalation: { policy: string; level: number; status: string; nextAt: number | null } | null;
  alerts: Alert[];
}

export interface Silence {
  id: string;
  matchers: Matcher[];
  startsAt: number;
  endsAt: number;
  createdBy: string;
  comment: string;
  fingerprint: string | null;
  status: { state: "pending" | "active" | "expired" };
}

export interface Integration {
  kind: "webhook" | "slack" | "pagerduty" | "teams";
  send_resolved: boolean;
  settings: Record<string, string | number>;
}
export interface ContactPoint {
  id: string;
  name: string;
  integrations: Integration[];
}

export interface Shift {
  userId: string;
  source: "override" | "layer";
  start: number;
  end: number;
}
export interface Member {
  id: string;
  email: string;
  contactPointIds: string[];
}

export const SETTING_FIELDS: Record<Integration["kind"], { key: string; label: string; secret?: boolean; required?: boolean }[]> = {
  webhook: [{ key: "url", label: "URL", secret: true, required: true }],
  slack: [
    { key: "url", label: "Incoming webhook URL", secret: true, required: true },
    { key: "channel", label: "Channel (optional)" },
  ],
  pagerduty: [
    { key: "routing_key", label: "Integration (routing) key", secret: true, required: true },
    { key: "severity", label: "Severity override (optional)" },
    { key: "url", label: "Events API URL (optional)" },
  ],
  teams: [{ key: "url", label: "Workflows webhook URL", secret: true, required: true }],
};

/** Labels that identify an alert, as `=` matchers (what "silence this alert" starts from). */
export function matchersFromLabels(labels: Record<string, string>): Matcher[] {
  return Object.keys(labels)
    .sort((a, b) => (a === "alertname" ? -1 : b === "alertname" ? 1 : a.localeCompare(b)))
    .map((name) => ({ name, type: "=" as const, value: labels[name] }));
}

export function formatMatcher(m: Matcher): string {
  return `${m.name}${m.type}${JSON.stringify(m.value)}`;
}

/** The link from an alert to a prefilled silence form. */
export function silenceLink(alert: Pick<Alert, "labels" | "fingerprint">): string {
  const q = new URLSearchParams({ fingerprint: alert.fingerprint });
  for (const m of matchersFromLabels(alert.labels)) q.append("m", formatMatcher(m));
  return `/alerting/silences/new?${q}`;
}

/** Parses `name="value"` (or the other operators) back into a matcher; null when malformed. */
export function parseMatcher(text: string): Matcher | null {
  const m = /^([a-zA-Z_][a-zA-Z0-9_.]*)(=~|!~|!=|=)(".*")$/s.exec(text.trim());
  if (!m) return null;
  try {
    return { name: m[1], type: m[2] as MatchType, value: JSON.parse(m[3]) as string };
  } catch {
    return null;
  }
}

export interface TimelineBar {
  userId: string;
  override: boolean;
  /** Percent of the range. */
  left: number;
  width: number;
}

/** Shifts as bars across [from, to), clipped to the range. */
export function timelineBars(shifts: Shift[], from: number, to: number): TimelineBar[] {
  const span = to - from;
  return shifts
    .map((s) => ({ s, start: Math.max(s.start, from), end: Math.min(s.end, to) }))
    .filter(({ start, end }) => end > start)
    .map(({ s, start, end }) => ({ userId: s.userId, override: s.source === "override", left: ((start - from) / span) * 100, width: ((end - start) / span) * 100 }));
}

/** A stable colour per person. */
export function userColor(userId: string): string {
  let h = 0;
  for (const ch of userId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `hsl(${h % 360} 55% 72%)`;
}

export function ago(ms: number, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.round(s / 60)}m`;
  if (s < 86400) return `${Math.round(s / 3600)}h`;
  return `${Math.round(s / 86400)}d`;
}
