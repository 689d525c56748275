/**
 * Checks, their latest status per region, incidents and secrets in D1. Plain functions
 * over a `D1Database`; every query is scoped by project id (a check id alone never
 * reaches another project's row).
 */
import type { CheckDefinition, Region } from "./definition";
import type { IncidentKind } from "./incidents";

export interface CheckRecord {
  id: string;
  projectId: string;
  definition: CheckDefinition;
  heartbeatToken: string | null;
  lastSlot: number | null;
  lastPingAt: number | null;
  failStreak: number;
  createdAt: number;
  updatedAt: number;
}

interface CheckRow {
  id: string;
  project_id: string;
  definition: string;
  heartbeat_token: string | null;
  last_slot: number | null;
  last_ping_at: number | null;
  fail_streak: number;
  created_at: number;
  updated_at: number;
}

const CHECK_FIELDS = "id, project_id, definition, heartbeat_token, last_slot, last_ping_at, fail_streak, created_at, updated_at";

function toRecord(r: CheckRow): CheckRecord {
  return {
    id: r.id,
    projectId: r.project_id,
    definition: JSON.parse(r.definition) as CheckDefinition,
    heartbeatToken: r.heartbeat_token,
    lastSlot: r.last_slot,
    lastPingAt: r.last_ping_at,
    failStreak: r.fail_streak,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export class CheckConflictError extends Error {}

export async function listChecks(db: D1Database, projectId: string): Promise<CheckRecord[]> {
  const { results } = await db.prepare(`SELECT ${CHECK_FIELDS} FROM checks WHERE project_id = ? ORDER BY name`).bind(projectId).all<CheckRow>();
  return results.map(toRecord);
}

export async function getCheck(db: D1Database, projectId: string, id: string): Promise<CheckRecord | null> {
  const row = await db.prepare(`SELECT ${CHECK_FIELDS} FROM checks WHERE project_id = ? AND id = ?`).bind(projectId, id).first<CheckRow>();
  return row ? toRecord(row) : null;
}

export async function findCheckByToken(db: D1Database, token: string): Promise<CheckRecord | null> {
  const row = await db.prepare(`SELECT ${CHECK_FIELDS} FROM checks WHERE heartbeat_token = ? AND type = 'heartbeat'`).bind(token).first<CheckRow>();
  return row ? toRecord(row) : null;
}

function isUniqueViolation(e: unknown): boolean {
  return /UNIQUE constraint failed/i.test(String((e as Error)?.message ?? e));
}

export async function createCheck(db: D1Database, projectId: string, def: CheckDefinition, now: number): Promise<CheckRecord> {
  const id = `chk_${crypto.randomUUID().replace(/-/g, "").slice(0, 16)}`;
  const token = def.type === "heartbeat" ? heartbeatToken() : null;
  try {
    await db
      .prepare("INSERT INTO checks (id, project_id, name, type, enabled, interval_minutes, definition, heartbeat_token, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(id, projectId, def.name, def.type, def.enabled ? 1 : 0, def.intervalMinutes, JSON.stringify(def), token, now, now)
      .run();
  } catch (e) {
    if (isUniqueViolation(e)) throw new CheckConflictError(`a check named '${def.name}' already exists in this project`);
    throw e;
  }
  return (await getCheck(db, projectId, id))!;
}

/** Replaces a definition. A changed type or interval restarts scheduling and streaks. */
export async function updateCheck(db: D1Database, projectId: string, id: string, def: CheckDefinition, now: number): Promise<CheckRecord | null> {
  const current = await getCheck(db, projectId, id);
  if (!current) return null;
  const reset = current.definition.type !== def.type || current.definition.intervalMinutes !== def.intervalMinutes;
  const token = def.type === "heartbeat" ? (current.heartbeatToken ?? heartbeatToken()) : null;
  try {
    await db
      .prepare(
        `UPDATE checks SET name = ?, type = ?, enabled = ?, interval_minutes = ?, definition = ?, heartbeat_token = ?, updated_at = ?${reset ? ", last_slot = NULL, fail_streak = 0" : ""} WHERE project_id = ? AND id = ?`,
      )
      .bind(def.name, def.type, def.enabled ? 1 : 0, def.intervalMinutes, JSON.stringify(def), token, now, projectId, id)
      .run();
  } catch (e) {
    if (isUniqueViolation(e)) throw new CheckConflictError(`a check named '${def.name}' already exists in this project`);
    throw e;
  }
  // Regions no longer checked must not show a stale status.
  await db
    .prepare(`DELETE FROM check_region_status WHERE project_id = ? AND check_id = ? AND region NOT IN (SELECT value FROM json_each(?))`)
    .bind(projectId, id, JSON.stringify(def.regions))
    .run();
  return getCheck(db, projectId, id);
}

export async function deleteCheck(db: D1Database, projectId: string, id: string): Promise<boolean> {
  const batch = await db.batch([
    db.prepare("DELETE FROM check_region_status WHERE project_id = ? AND check_id = ?").bind(projectId, id),
    db.prepare("DELETE FROM check_incidents WHERE project_id = ? AND check_id = ?").bind(projectId, id),
    db.prepare("DELETE FROM checks WHERE project_id = ? AND id = ?").bind(projectId, id),
  ]);
  return (batch[2].meta.changes ?? 0) > 0;
}

/** Claims a slot: false when it was already dispatched (a repeated cron tick). */
export async function claimSlot(db: D1Database, projectId: string, id: string, slot: number): Promise<boolean> {
  const res = await db
    .prepare("UPDATE checks SET last_slot = ? WHERE project_id = ? AND id = ? AND (last_slot IS NULL OR last_slot < ?)")
    .bind(slot, projectId, id, slot)
    .run();
  return (res.meta.changes ?? 0) > 0;
}

export async function setFailStreak(db: D1Database, projectId: string, id: string, streak: number): Promise<void> {
  await db.prepare("UPDATE checks SET fail_streak = ? WHERE project_id = ? AND id = ?").bind(streak, projectId, id).run();
}

export async function recordPing(db: D1Database, projectId: string, id: string, now: number): Promise<void> {
  await db.prepare("UPDATE checks SET last_ping_at = ? WHERE project_id = ? AND id = ?").bind(now, projectId, id).run();
}

export interface RegionStatus {
  checkId: string;
  region: Region | "global";
  runId: string;
  at: number;
  status: "ok" | "failed" | "error";
  durationMs: number | null;
  httpStatusCode: number | null;
  error: string | null;
  sslDaysRemaining: number | null;
}

export async function saveRegionStatus(db: D1Database, projectId: string, s: RegionStatus): Promise<void> {
  await db
    .prepare(
      `INSERT INTO check_region_status (project_id, check_id, region, run_id, at, status, duration_ms, http_status_code, error, ssl_days_remaining)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (check_id, region) DO UPDATE SET run_id = excluded.run_id, at = excluded.at, status = excluded.status,
         duration_ms = excluded.duration_ms, http_status_code = excluded.http_status_code, error = excluded.error,
         ssl_days_remaining = excluded.ssl_days_remaining
       WHERE excluded.at >= check_region_status.at AND check_region_status.project_id = excluded.project_id`,
    )
    .bind(projectId, s.checkId, s.region, s.runId, s.at, s.status, s.durationMs, s.httpStatusCode, s.error, s.sslDaysRemaining)
    .run();
}

export async function regionStatuses(db: D1Database, projectId: string): Promise<RegionStatus[]> {
  const { results } = await db
    .prepare("SELECT check_id, region, run_id, at, status, duration_ms, http_status_code, error, ssl_days_remaining FROM check_region_status WHERE project_id = ? ORDER BY check_id, region")
    .bind(projectId)
    .all<Record<string, unknown>>();
  return results.map((r) => ({
    checkId: r.check_id as string,
    region: r.region as Region,
    runId: r.run_id as string,
    at: r.at as number,
    status: r.status as RegionStatus["status"],
    durationMs: r.duration_ms as number | null,
    httpStatusCode: r.http_status_code as number | null,
    error: r.error as string | null,
    sslDaysRemaining: r.ssl_days_remaining as number | null,
  }));
}

export interface Incident {
  id: string;
  projectId: string;
  checkId: string;
  checkName: string;
  kind: IncidentKind;
  status: "open" | "resolved";
  severity: "critical" | "warning";
  openedAt: number;
  resolvedAt: number | null;
  regions: string[];
  summary: string;
  lastError: string | null;
}

export interface OpenIncidentInput {
  checkId: string;
  kind: IncidentKind;
  severity: Incident["severity"];
  regions: string[];
  summary: string;
  lastError: string | null;
}

/** Opens an incident unless one of this kind is already open for the check; returns it when new. */
export async function openIncident(db: D1Database, projectId: string, input: OpenIncidentInput, now: number): Promise<string | null> {
  const id = `inc_${crypto.randomUUID().replace(/-/g, "").slice(0, 16)}`;
  const res = await db
    .prepare(
      `INSERT INTO check_incidents (id, project_id, check_id, kind, status, severity, opened_at, regions, summary, last_error)
       SELECT ?, ?, ?, ?, 'open', ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM checks WHERE project_id = ? AND id = ?)
       ON CONFLICT DO NOTHING`,
    )
    .bind(id, projectId, input.checkId, input.kind, input.severity, now, JSON.stringify(input.regions), input.summary, input.lastError, projectId, input.checkId)
    .run();
  return (res.meta.changes ?? 0) > 0 ? id : null;
}

export async function resolveIncident(db: D1Database, projectId: string, checkId: string, kind: IncidentKind, now: number): Promise<boolean> {
  const res = await db
    .prepare("UPDATE check_incidents SET status = 'resolved', resolved_at = ? WHERE project_id = ? AND check_id = ? AND kind = ? AND status = 'open'")
    .bind(now, projectId, checkId, kind)
    .run();
  return (res.meta.changes ?? 0) > 0;
}

export async function openIncidentKinds(db: D1Database, projectId: string, checkId: string): Promise<Set<IncidentKind>> {
  const { results } = await db
    .prepare("SELECT kind FROM check_incidents WHERE project_id = ? AND check_id = ? AND status = 'open'")
    .bind(projectId, checkId)
    .all<{ kind: IncidentKind }>();
  return new Set(results.map((r) => r.kind));
}

export interface IncidentFilter {
  status?: "open" | "resolved";
  checkId?: string;
  limit: number;
}

export async function listIncidents(db: D1Database, projectId: string, f: IncidentFilter): Promise<Incident[]> {
  const where = ["i.project_id = ?"];
  const binds: unknown[] = [projectId];
  if (f.status) {
    where.push("i.status = ?");
    binds.push(f.status);
  }
  if (f.checkId) {
    where.push("i.check_id = ?");
    binds.push(f.checkId);
  }
  const { results } = await db
    .prepare(
      `SELECT i.*, c.name AS check_name FROM check_incidents i JOIN checks c ON c.id = i.check_id AND c.project_id = i.project_id
       WHERE ${where.join(" AND ")} ORDER BY i.opened_at DESC LIMIT ?`,
    )
    .bind(...binds, f.limit)
    .all<Record<string, unknown>>();
  return results.map((r) => ({
    id: r.id as string,
    projectId: r.project_id as string,
    checkId: r.check_id as string,
    checkName: r.check_name as string,
    kind: r.kind as IncidentKind,
    status: r.status as Incident["status"],
    severity: r.severity as Incident["severity"],
    openedAt: r.opened_at as number,
    resolvedAt: r.resolved_at as number | null,
    regions: JSON.parse(r.regions as string) as string[],
    summary: r.summary as string,
    lastError: r.last_error as string | null,
  }));
}

export async function projectSecrets(db: D1Database, projectId: string): Promise<Record<string, string>> {
  const { results } = await db.prepare("SELECT name, value FROM check_secrets WHERE project_id = ?").bind(projectId).all<{ name: string; value: string }>();
  return Object.fromEntries(results.map((r) => [r.name, r.value]));
}

export async function secretNames(db: D1Database, projectId: string): Promise<{ name: string; updatedAt: number }[]> {
  const { results } = await db.prepare("SELECT name, updated_at FROM check_secrets WHERE project_id = ? ORDER BY name").bind(projectId).all<{ name: string; updated_at: number }>();
  return results.map((r) => ({ name: r.name, updatedAt: r.updated_at }));
}

export async function putSecret(db: D1Database, projectId: string, name: string, value: string, now: number): Promise<void> {
  await db
    .prepare("INSERT INTO check_secrets (project_id, name, value, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (project_id, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at")
    .bind(projectId, name, value, now)
    .run();
}

export async function deleteSecret(db: D1Database, projectId: string, name: string): Promise<boolean> {
  const res = await db.prepare("DELETE FROM check_secrets WHERE project_id = ? AND name = ?").bind(projectId, name).run();
  return (res.meta.changes ?? 0) > 0;
}

function heartbeatToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_");
}
