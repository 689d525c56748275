/**
 * Alert rules in D1. Every query filters by project id: a rule id from another project
 * is simply not found.
 */
import type { AlertRule, RuleSpec } from "./model";

export class RuleNameTaken extends Error {}

interface Row {
  id: string;
  project_id: string;
  spec: string;
  enabled: number;
  created_at: number;
  updated_at: number;
}

function fromRow(r: Row): AlertRule {
  const spec = JSON.parse(r.spec) as RuleSpec;
  return { ...spec, id: r.id, projectId: r.project_id, enabled: r.enabled === 1, createdAt: r.created_at, updatedAt: r.updated_at };
}

function isUniqueViolation(err: unknown): boolean {
  return err instanceof Error && /UNIQUE constraint failed/.test(err.message);
}

export async function createRule(db: D1Database, projectId: string, spec: RuleSpec, now = Date.now()): Promise<AlertRule> {
  const id = `rule_${crypto.randomUUID().replaceAll("-", "").slice(0, 20)}`;
  try {
    await db
      .prepare("INSERT INTO alert_rules (id, project_id, name, spec, interval_ms, enabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(id, projectId, spec.name, JSON.stringify(spec), spec.intervalMs, spec.enabled ? 1 : 0, now, now)
      .run();
  } catch (err) {
    if (isUniqueViolation(err)) throw new RuleNameTaken(`a rule named '${spec.name}' already exists in this project`);
    throw err;
  }
  return { ...spec, id, projectId, createdAt: now, updatedAt: now };
}

export async function getRule(db: D1Database, projectId: string, id: string): Promise<AlertRule | null> {
  const row = await db.prepare("SELECT * FROM alert_rules WHERE project_id = ? AND id = ?").bind(projectId, id).first<Row>();
  return row ? fromRow(row) : null;
}

export async function listRules(db: D1Database, projectId: string): Promise<AlertRule[]> {
  const { results } = await db.prepare("SELECT * FROM alert_rules WHERE project_id = ? ORDER BY name").bind(projectId).all<Row>();
  return results.map(fromRow);
}

/** Enabled rules of every project, grouped by project (the cron's work list). */
export async function enabledRulesByProject(db: D1Database): Promise<Map<string, AlertRule[]>> {
  const { results } = await db.prepare("SELECT * FROM alert_rules WHERE enabled = 1 ORDER BY project_id, name").all<Row>();
  const out = new Map<string, AlertRule[]>();
  for (const r of results) {
    const rule = fromRow(r);
    const list = out.get(rule.projectId) ?? [];
    list.push(rule);
    out.set(rule.projectId, list);
  }
  return out;
}

export async function updateRule(db: D1Database, projectId: string, id: string, spec: RuleSpec, now = Date.now()): Promise<AlertRule | null> {
  try {
    const res = await db
      .prepare("UPDATE alert_rules SET name = ?, spec = ?, interval_ms = ?, enabled = ?, updated_at = ? WHERE project_id = ? AND id = ?")
      .bind(spec.name, JSON.stringify(spec), spec.intervalMs, spec.enabled ? 1 : 0, now, projectId, id)
      .run();
    if (res.meta.changes === 0) return null;
  } catch (err) {
    if (isUniqueViolation(err)) throw new RuleNameTaken(`a rule named '${spec.name}' already exists in this project`);
    throw err;
  }
  return getRule(db, projectId, id);
}

export async function deleteRule(db: D1Database, projectId: string, id: string): Promise<boolean> {
  const res = await db.prepare("DELETE FROM alert_rules WHERE project_id = ? AND id = ?").bind(projectId, id).run();
  return res.meta.changes > 0;
}
