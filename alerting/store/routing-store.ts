/**
 * D1 access for routing: the project's config, contact points and silences. Every query
 * filters by project id. Shapes are validated by the callers (the API routes) before
 * they get here.
 */
import { DEFAULT_CONFIG, type AlertingConfig } from "../routing/config";
import type { Matcher } from "../routing/matchers";
import type { Silence } from "../routing/silences";
import type { ContactPoint, Integration } from "../notify/contact-points";

export async function loadConfig(db: D1Database, projectId: string): Promise<{ config: AlertingConfig; updatedAt: number | null }> {
  const row = await db.prepare("SELECT config, updated_at FROM alerting_configs WHERE project_id = ?").bind(projectId).first<{ config: string; updated_at: number }>();
  return row ? { config: JSON.parse(row.config) as AlertingConfig, updatedAt: row.updated_at } : { config: DEFAULT_CONFIG, updatedAt: null };
}

export async function saveConfig(db: D1Database, projectId: string, config: AlertingConfig, by: string, now = Date.now()): Promise<void> {
  await db
    .prepare("INSERT INTO alerting_configs (project_id, config, updated_at, updated_by) VALUES (?, ?, ?, ?) ON CONFLICT (project_id) DO UPDATE SET config = excluded.config, updated_at = excluded.updated_at, updated_by = excluded.updated_by")
    .bind(projectId, JSON.stringify(config), now, by)
    .run();
}

type CpRow = { id: string; name: string; integrations: string };
const toContactPoint = (r: CpRow): ContactPoint => ({ id: r.id, name: r.name, integrations: JSON.parse(r.integrations) as Integration[] });

export async function listContactPoints(db: D1Database, projectId: string): Promise<ContactPoint[]> {
  const { results } = await db.prepare("SELECT id, name, integrations FROM contact_points WHERE project_id = ? ORDER BY name").bind(projectId).all<CpRow>();
  return results.map(toContactPoint);
}

export async function getContactPoint(db: D1Database, projectId: string, id: string): Promise<ContactPoint | null> {
  const r = await db.prepare("SELECT id, name, integrations FROM contact_points WHERE project_id = ? AND id = ?").bind(projectId, id).first<CpRow>();
  return r ? toContactPoint(r) : null;
}

export async function upsertContactPoint(db: D1Database, projectId: string, cp: Omit<ContactPoint, "id"> & { id?: string }, now = Date.now()): Promise<ContactPoint> {
  const id = cp.id ?? crypto.randomUUID();
  await db
    .prepare(
      "INSERT INTO contact_points (id, project_id, name, integrations, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, integrations = excluded.integrations, updated_at = excluded.updated_at WHERE contact_points.project_id = excluded.project_id",
    )
    .bind(id, projectId, cp.name, JSON.stringify(cp.integrations), now, now)
    .run();
  return { id, name: cp.name, integrations: cp.integrations };
}

export async function deleteContactPoint(db: D1Database, projectId: string, id: string): Promise<boolean> {
  const r = await db.prepare("DELETE FROM contact_points WHERE project_id = ? AND id = ?").bind(projectId, id).run();
  return r.meta.changes > 0;
}

type SilenceRow = { id: string; matchers: string; starts_at: number; ends_at: number; created_by: string; comment: string; fingerprint: string | null; created_at: number; updated_at: number };
const toSilence = (r: SilenceRow): Silence => ({
  id: r.id,
  matchers: JSON.parse(r.matchers) as Matcher[],
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  createdBy: r.created_by,
  comment: r.comment,
  fingerprint: r.fingerprint,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Silences not yet expired (plus, with `includeExpiredSince`, those expired after it). */
export async function listSilences(db: D1Database, projectId: string, includeExpiredSince: number): Promise<Silence[]> {
  const { results } = await db.prepare("SELECT * FROM silences WHERE project_id = ? AND ends_at > ? ORDER BY starts_at DESC LIMIT 1000").bind(projectId, includeExpiredSince).all<SilenceRow>();
  return results.map(toSilence);
}

export async function getSilence(db: D1Database, projectId: string, id: string): Promise<Silence | null> {
  const r = await db.prepare("SELECT * FROM silences WHERE project_id = ? AND id = ?").bind(projectId, id).first<SilenceRow>();
  return r ? toSilence(r) : null;
}

export async function saveSilence(db: D1Database, projectId: string, s: Silence): Promise<void> {
  await db
    .prepare(
      "INSERT INTO silences (id, project_id, matchers, starts_at, ends_at, created_by, comment, fingerprint, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET matchers = excluded.matchers, starts_at = excluded.starts_at, ends_at = excluded.ends_at, comment = excluded.comment, updated_at = excluded.updated_at WHERE silences.project_id = excluded.project_id",
    )
    .bind(s.id, projectId, JSON.stringify(s.matchers), s.startsAt, s.endsAt, s.createdBy, s.comment, s.fingerprint, s.createdAt, s.updatedAt)
    .run();
}

/** Ends a silence now (Alertmanager's expire). Returns false when unknown or already expired. */
export async function expireSilence(db: D1Database, projectId: string, id: string, now: number): Promise<boolean> {
  const r = await db.prepare("UPDATE silences SET ends_at = ?, updated_at = ? WHERE project_id = ? AND id = ? AND ends_at > ?").bind(now, now, projectId, id, now).run();
  return r.meta.changes > 0;
}

/** "Mute until resolved": the alert resolved, so its silences end. */
export async function expireFingerprintSilences(db: D1Database, projectId: string, fingerprint: string, now: number): Promise<number> {
  const r = await db.prepare("UPDATE silences SET ends_at = ?, updated_at = ? WHERE project_id = ? AND fingerprint = ? AND ends_at > ?").bind(now, now, projectId, fingerprint, now).run();
  return r.meta.changes;
}
