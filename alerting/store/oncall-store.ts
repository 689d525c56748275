/**
 * D1 access for on-call: schedules, escalation policies, people's contact points, project
 * members, and the signing secret of action links. Every query filters by project id.
 */
import type { EscalationPolicy } from "../oncall/escalation";
import type { Schedule } from "../oncall/schedule";

type SpecRow = { id: string; name: string; spec: string };

export async function listSchedules(db: D1Database, projectId: string): Promise<Schedule[]> {
  const { results } = await db.prepare("SELECT id, name, spec FROM oncall_schedules WHERE project_id = ? ORDER BY name").bind(projectId).all<SpecRow>();
  return results.map((r) => ({ id: r.id, name: r.name, ...(JSON.parse(r.spec) as Omit<Schedule, "id" | "name">) }));
}

export async function getSchedule(db: D1Database, projectId: string, id: string): Promise<Schedule | null> {
  const r = await db.prepare("SELECT id, name, spec FROM oncall_schedules WHERE project_id = ? AND id = ?").bind(projectId, id).first<SpecRow>();
  return r ? { id: r.id, name: r.name, ...(JSON.parse(r.spec) as Omit<Schedule, "id" | "name">) } : null;
}

export async function saveSchedule(db: D1Database, projectId: string, s: Schedule, now = Date.now()): Promise<void> {
  const spec = JSON.stringify({ time_zone: s.time_zone, layers: s.layers, overrides: s.overrides });
  await db
    .prepare("INSERT INTO oncall_schedules (id, project_id, name, spec, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, spec = excluded.spec, updated_at = excluded.updated_at WHERE oncall_schedules.project_id = excluded.project_id")
    .bind(s.id, projectId, s.name, spec, now, now)
    .run();
}

export async function deleteSchedule(db: D1Database, projectId: string, id: string): Promise<boolean> {
  return (await db.prepare("DELETE FROM oncall_schedules WHERE project_id = ? AND id = ?").bind(projectId, id).run()).meta.changes > 0;
}

export async function listPolicies(db: D1Database, projectId: string): Promise<EscalationPolicy[]> {
  const { results } = await db.prepare("SELECT id, name, spec FROM escalation_policies WHERE project_id = ? ORDER BY name").bind(projectId).all<SpecRow>();
  return results.map((r) => ({ id: r.id, name: r.name, ...(JSON.parse(r.spec) as Omit<EscalationPolicy, "id" | "name">) }));
}

export async function savePolicy(db: D1Database, projectId: string, p: EscalationPolicy, now = Date.now()): Promise<void> {
  await db
    .prepare("INSERT INTO escalation_policies (id, project_id, name, spec, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, spec = excluded.spec, updated_at = excluded.updated_at WHERE escalation_policies.project_id = excluded.project_id")
    .bind(p.id, projectId, p.name, JSON.stringify({ levels: p.levels, repeat: p.repeat }), now, now)
    .run();
}

export async function deletePolicy(db: D1Database, projectId: string, id: string): Promise<boolean> {
  return (await db.prepare("DELETE FROM escalation_policies WHERE project_id = ? AND id = ?").bind(projectId, id).run()).meta.changes > 0;
}

export interface Member {
  id: string;
  email: string;
  contactPointIds: string[];
}

/** Project members (the people schedules and policies can name) with their contact points. */
export async function listMembers(db: D1Database, projectId: string): Promise<Member[]> {
  const { results } = await db
    .prepare(
      "SELECT u.id, u.email, group_concat(ucp.contact_point_id) AS cps FROM project_members m JOIN users u ON u.id = m.user_id LEFT JOIN user_contact_points ucp ON ucp.project_id = m.project_id AND ucp.user_id = u.id WHERE m.project_id = ? GROUP BY u.id ORDER BY u.email",
    )
    .bind(projectId)
    .all<{ id: string; email: string; cps: string | null }>();
  return results.map((r) => ({ id: r.id, email: r.email, contactPointIds: r.cps ? r.cps.split(",") : [] }));
}

/** Replaces a member's contact points (only the project's own contact points are accepted). */
export async function setUserContactPoints(db: D1Database, projectId: string, userId: string, contactPointIds: string[]): Promise<void> {
  await db.batch([
    db.prepare("DELETE FROM user_contact_points WHERE project_id = ? AND user_id = ?").bind(projectId, userId),
    ...contactPointIds.map((cp) =>
      db
        .prepare("INSERT INTO user_contact_points (project_id, user_id, contact_point_id) SELECT ?, ?, id FROM contact_points WHERE project_id = ? AND id = ?")
        .bind(projectId, userId, projectId, cp),
    ),
  ]);
}

/**
 * The key that signs acknowledge/resolve links: the ALERT_LINK_SECRET secret when set
 * (production: `wrangler secret put ALERT_LINK_SECRET`), else one generated on first use
 * and kept in D1 so links survive restarts of a development instance.
 */
export async function linkSecret(env: { DB: D1Database; ALERT_LINK_SECRET?: string }): Promise<string> {
  if (env.ALERT_LINK_SECRET) return env.ALERT_LINK_SECRET;
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const fresh = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  await env.DB.prepare("INSERT OR IGNORE INTO instance_secrets (name, value, created_at) VALUES ('alert_link_secret', ?, ?)").bind(fresh, Date.now()).run();
  const row = await env.DB.prepare("SELECT value FROM instance_secrets WHERE name = 'alert_link_secret'").first<{ value: string }>();
  return row!.value;
}
