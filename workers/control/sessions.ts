/**
 * Dashboard sessions in D1: a random 256-bit token in an HttpOnly cookie, stored only as
 * its SHA-256. Sessions last `SESSION_DAYS`; signing out deletes the row.
 */
import { hashApiKey, toHex } from "./keys";
import { verifyPassword } from "./passwords";

export const SESSION_COOKIE = "mse_session";
export const SESSION_DAYS = 7;

export interface SessionUser {
  userId: string;
  email: string;
  isAdmin: boolean;
}

export interface Membership {
  id: string;
  name: string;
  role: string;
}

/** Checks a password; the same answer (null) for an unknown email and a wrong password. */
export async function checkCredentials(db: D1Database, email: string, password: string): Promise<SessionUser | null> {
  const row = await db
    .prepare("SELECT id, email, password_hash, is_admin FROM users WHERE email = ?")
    .bind(email.trim().toLowerCase())
    .first<{ id: string; email: string; password_hash: string; is_admin: number }>();
  // Verify against a dummy hash when the user does not exist, so timing does not tell.
  const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
  return row && ok ? { userId: row.id, email: row.email, isAdmin: row.is_admin === 1 } : null;
}

/** Well-formed, with the real iteration count (so the check costs the same), matching no password in practice. */
const DUMMY_HASH = "pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA==$Vd1dAovOQJfXeMGDxHfvTxvIqHCjsxXCDYgN4b9RW9U=";

export async function createSession(db: D1Database, userId: string, now = Date.now()): Promise<{ token: string; expiresAt: number }> {
  const token = toHex(crypto.getRandomValues(new Uint8Array(32)));
  const expiresAt = now + SESSION_DAYS * 86_400_000;
  await db
    .prepare("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
    .bind(await hashApiKey(token), userId, now, expiresAt)
    .run();
  return { token, expiresAt };
}

export async function findSession(db: D1Database, token: string, now = Date.now()): Promise<SessionUser | null> {
  const row = await db
    .prepare(
      "SELECT u.id, u.email, u.is_admin FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?",
    )
    .bind(await hashApiKey(token), now)
    .first<{ id: string; email: string; is_admin: number }>();
  return row ? { userId: row.id, email: row.email, isAdmin: row.is_admin === 1 } : null;
}

export async function deleteSession(db: D1Database, token: string): Promise<void> {
  await db.prepare("DELETE FROM sessions WHERE token_hash = ?").bind(await hashApiKey(token)).run();
}

export async function memberships(db: D1Database, userId: string): Promise<Membership[]> {
  const { results } = await db
    .prepare("SELECT p.id, p.name, m.role FROM project_members m JOIN projects p ON p.id = m.project_id WHERE m.user_id = ? ORDER BY p.id")
    .bind(userId)
    .all<Membership>();
  return results;
}

/** The cookie value from a Cookie header, if present. */
export function sessionToken(cookieHeader: string | undefined | null): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === SESSION_COOKIE) return rest.join("=") || null;
  }
  return null;
}
