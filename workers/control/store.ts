/**
 * The control-plane records in D1: projects, users and API keys. Plain functions over
 * a `D1Database` so routes, the bootstrap and tests share one set of queries.
 */
import type { Scope } from "../env";
import { SCOPES } from "../env";
import { generateApiKey, hashApiKey, keyPrefix } from "./keys";
import { hashPassword } from "./passwords";
import { seedBuiltInDashboards } from "./builtin-dashboards";

export interface ApiKeyRecord {
  id: string;
  projectId: string;
  scopes: Set<Scope>;
}

export async function findApiKey(db: D1Database, key: string): Promise<ApiKeyRecord | null> {
  const hash = await hashApiKey(key);
  const row = await db
    .prepare("SELECT id, project_id, scopes FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL")
    .bind(hash)
    .first<{ id: string; project_id: string; scopes: string }>();
  if (!row) return null;
  return { id: row.id, projectId: row.project_id, scopes: parseScopes(row.scopes) };
}

export function parseScopes(text: string): Set<Scope> {
  return new Set(text.split(/\s+/).filter((s): s is Scope => (SCOPES as readonly string[]).includes(s)));
}

export async function createProject(db: D1Database, id: string, name: string, now = Date.now()): Promise<void> {
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(id)) throw new Error(`invalid project id ${JSON.stringify(id)}`);
  await db.prepare("INSERT INTO projects (id, name, created_at) VALUES (?, ?, ?)").bind(id, name, now).run();
  await seedBuiltInDashboards(db, id, now);
}

/** Creates a key and returns its plaintext (the only time it exists outside the client). */
export async function createApiKey(
  db: D1Database,
  projectId: string,
  name: string,
  scopes: readonly Scope[],
  plaintext: string = generateApiKey(),
  now = Date.now(),
): Promise<{ id: string; key: string }> {
  const id = crypto.randomUUID();
  await db
    .prepare("INSERT INTO api_keys (id, project_id, name, key_hash, key_prefix, scopes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
    .bind(id, projectId, name, await hashApiKey(plaintext), keyPrefix(plaintext), scopes.join(" "), now)
    .run();
  return { id, key: plaintext };
}

export async function createUser(db: D1Database, email: string, password: string, isAdmin: boolean, now = Date.now()): Promise<string> {
  const id = crypto.randomUUID();
  await db
    .prepare("INSERT INTO users (id, email, password_hash, is_admin, created_at) VALUES (?, ?, ?, ?, ?)")
    .bind(id, email.toLowerCase(), await hashPassword(password), isAdmin ? 1 : 0, now)
    .run();
  return id;
}

export async function projectExists(db: D1Database, id: string): Promise<boolean> {
  return (await db.prepare("SELECT 1 AS x FROM projects WHERE id = ?").bind(id).first()) !== null;
}

export async function listProjects(db: D1Database): Promise<{ id: string; name: string }[]> {
  const { results } = await db.prepare("SELECT id, name FROM projects ORDER BY id").all<{ id: string; name: string }>();
  return results;
}
