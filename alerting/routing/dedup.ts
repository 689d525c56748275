/**
 * Whether a group needs a notification to one receiver now, given what the notification
 * log says was last sent to it: Alertmanager's DedupStage.needsUpdate (notify/dedup_stage.go),
 * so re-sent alerts are not re-notified until something changes or repeat_interval passes.
 */
export interface LogEntry {
  firing: string[];
  resolved: string[];
  sentAt: number;
}

export type NotifyReason = "first" | "new-alerts" | "all-resolved" | "new-resolved" | "repeat" | null;

const subset = (of: string[], items: Iterable<string>) => {
  const set = new Set(of);
  for (const i of items) if (!set.has(i)) return false;
  return true;
};

export function needsUpdate(entry: LogEntry | null, firing: string[], resolved: string[], sendResolved: boolean, repeatMs: number, now: number): NotifyReason {
  if (!entry) return firing.length > 0 ? "first" : null;
  if (!subset(entry.firing, firing)) return entry.firing.length === 0 ? "first" : "new-alerts";
  // Sent irrespective of send_resolved so the log forgets the firing alerts.
  if (firing.length === 0) return entry.firing.length > 0 ? "all-resolved" : null;
  if (sendResolved && !subset(entry.resolved, resolved)) return "new-resolved";
  return entry.sentAt < now - repeatMs ? "repeat" : null;
}
