/**
 * A project's RUM settings in D1: its browser keys and the origins allowed to send
 * beacons. Every query is scoped by project id.
 */
import { generateApiKey, hashApiKey, keyPrefix } from "../control/keys";

export class OriginError extends Error {}

/** `https://Shop.example:443/` → `https://shop.example`; refuses anything but an http(s) origin. */
export function normalizeOrigin(text: string): string {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new OriginError(`'${text}' is not an origin: write scheme://host[:port], e.g. https://shop.example`);
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") throw new OriginError(`'${text}': only http and https origins can send beacons`);
  if ((u.pathname !== "/" && u.pathname !== "") || u.search || u.hash || u.username) throw new OriginError(`'${text}': an origin has no path, query or credentials`);
  return u.origin;
}

export async function listOrigins(db: D1Database, projectId: string): Promise<string[]> {
  const { results } = await db.prepare("SELECT origin FROM rum_origins WHERE project_id = ? ORDER BY origin").bind(projectId).all<{ origin: string }>();
  return results.map((r) => r.origin);
}

/** Replaces the project's allowed origins (one batch: all or nothing). */
export async function replaceOrigins(db: D1Database, projectId: string, origins: readonly string[], now = Date.now()): Promise<string[]> {
  const unique = [...new Set(origins.map(normalizeOrigin))].sort();
  await db.batch([
    db.prepare("DELETE FROM rum_origins WHERE project_id = ?").bind(projectId),
    ...unique.map((o) => db.prepare("INSERT INTO rum_origins (project_id, origin, created_at) VALUES (?, ?, ?)").bind(projectId, o, now)),
  ]);
  return unique;
}

export interface BrowserKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: number;
}

/** A browser key: scope `rum` only. Returns the plaintext once. */
export async function createBrowserKey(db: D1Database, projectId: string, name: string, plaintext = generateApiKey(), now = Date.now()): Promise<{ id: string; key: string }> {
  const id = crypto.randomUUID();
  await db
    .prepare("INSERT INTO api_keys (id, project_id, name, key_hash, key_prefix, scopes, kind, created_at) VALUES (?, ?, ?, ?, ?, 'rum', 'browser', ?)")
    .bind(id, projectId, name, await hashApiKey(plaintext), keyPrefix(plaintext), now)
    .run();
  return { id, key: plaintext };
}

export async function listBrowserKeys(db: D1Database, projectId: string): Promise<BrowserKey[]> {
  const { results } = await db
    .prepare("SELECT id, name, key_prefix, created_at FROM api_keys WHERE project_id = ? AND kind = 'browser' AND revoked_at IS NULL ORDER BY created_at")
    .bind(projectId)
    .all<{ id: string; name: string; key_prefix: string; created_at: number }>();
  return results.map((r) => ({ id: r.id, name: r.name, prefix: r.key_prefix, createdAt: r.created_at }));
}
