/**
 * The alert history in D1: every state change (rule evaluation) and every notification
 * attempt, escalation, acknowledgement and suppression (routing). One writer and one reader
 * so both halves of alerting record the same shape.
 */
import type { AlertHistoryEvent, AlertHistoryKind } from "../core/alerts/model";

export async function recordHistory(db: D1Database, events: AlertHistoryEvent[]): Promise<void> {
  if (events.length === 0) return;
  const insert = db.prepare(
    "INSERT INTO alert_history (project_id, at, kind, rule_id, fingerprint, status, detail, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  await db.batch(
    events.map((e) => insert.bind(e.projectId, e.at, e.kind, e.ruleId, e.fingerprint, e.status, e.detail, JSON.stringify(e.data))),
  );
}

export interface HistoryFilter {
  from?: number;
  to?: number;
  ruleId?: string;
  fingerprint?: string;
  kind?: AlertHistoryKind;
  limit?: number;
}

export interface HistoryRow extends AlertHistoryEvent {
  id: number;
}

/** Newest first, always scoped to one project. */
export async function listHistory(db: D1Database, projectId: string, filter: HistoryFilter = {}): Promise<HistoryRow[]> {
  const where = ["project_id = ?"];
  const args: unknown[] = [projectId];
  if (filter.from !== undefined) (where.push("at >= ?"), args.push(filter.from));
  if (filter.to !== undefined) (where.push("at < ?"), args.push(filter.to));
  if (filter.ruleId) (where.push("rule_id = ?"), args.push(filter.ruleId));
  if (filter.fingerprint) (where.push("fingerprint = ?"), args.push(filter.fingerprint));
  if (filter.kind) (where.push("kind = ?"), args.push(filter.kind));
  const limit = Math.min(Math.max(filter.limit ?? 200, 1), 1000);
  const { results } = await db
    .prepare(`SELECT * FROM alert_history WHERE ${where.join(" AND ")} ORDER BY at DESC, id DESC LIMIT ${limit}`)
    .bind(...args)
    .all<Record<string, unknown>>();
  return results.map((r) => ({
    id: r.id as number,
    projectId: r.project_id as string,
    at: r.at as number,
    kind: r.kind as AlertHistoryKind,
    ruleId: (r.rule_id as string | null) ?? null,
    fingerprint: (r.fingerprint as string | null) ?? null,
    status: r.status as string,
    detail: (r.detail as string | null) ?? null,
    data: JSON.parse((r.data as string) || "{}") as Record<string, unknown>,
  }));
}
