/**
 * Authentication for API routes, by API key or by dashboard session:
 * - `Authorization: Bearer <key>` / `x-api-key` resolves to the key's project and scopes;
 * - else the `mse_session` cookie resolves to a user, and `x-project-id` (or the user's
 *   first project) to one of their projects, with their role's scopes. A cookie-borne
 *   request that changes state must come from our own origin (CSRF).
 * Refuses with 401 when neither is valid or the scope is missing, 403 for a project the
 * user is not a member of.
 *
 * Ingest checks a key on every request, so resolved keys are cached in the isolate
 * for a short time (a revoked key stops working within `CACHE_MS`).
 */
import type { MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv, Scope, Vars } from "../env";
import { apiKeyFromHeaders } from "../control/keys";
import { findApiKey, type ApiKeyRecord } from "../control/store";
import { findSession, memberships, sessionToken } from "../control/sessions";
import type { Context } from "hono";

const CACHE_MS = 30_000;
const CACHE_MAX = 1000;
const cache = new Map<string, { record: ApiKeyRecord | null; until: number }>();

/** Key → record, cached per isolate (also used by the browser-key check of RUM intake). */
export async function resolveApiKey(db: D1Database, key: string, now: number): Promise<ApiKeyRecord | null> {
  const hit = cache.get(key);
  if (hit && hit.until > now) return hit.record;
  const record = await findApiKey(db, key);
  if (cache.size >= CACHE_MAX) cache.clear();
  // Unknown keys are cached briefly too, so a client with a wrong key cannot hammer D1.
  cache.set(key, { record, until: now + CACHE_MS });
  return record;
}

/** Forget cached keys (tests, and after a key is revoked in this isolate). */
export function clearKeyCache(): void {
  cache.clear();
}

/** Scopes a project member's role grants in the dashboard. */
const ROLE_SCOPES: Record<string, Scope[]> = { admin: ["ingest", "read", "admin"], member: ["read"], viewer: ["read"] };

async function sessionAuth(c: Context<{ Bindings: AppEnv; Variables: Vars }>, token: string, scope: Scope): Promise<void> {
  const user = await findSession(c.env.DB, token);
  if (!user) throw new HTTPException(401, { message: "session expired: sign in again" });
  if (!["GET", "HEAD", "OPTIONS"].includes(c.req.method) && !sameOrigin(c.req.raw)) {
    throw new HTTPException(403, { message: "cross-site request refused" });
  }
  const projects = await memberships(c.env.DB, user.userId);
  // A header from the app; a query parameter where a browser cannot set headers
  // (WebSockets, DuckDB's range requests from a Web Worker).
  const wanted = c.req.header("x-project-id") ?? c.req.query("project");
  const project = wanted ? projects.find((p) => p.id === wanted) : projects[0];
  if (!project) throw new HTTPException(403, { message: wanted ? `not a member of project '${wanted}'` : "you are not a member of any project" });
  const scopes = new Set(ROLE_SCOPES[project.role] ?? ["read"]);
  if (!scopes.has(scope)) throw new HTTPException(403, { message: `your role in '${project.id}' does not allow '${scope}'` });
  c.set("projectId", project.id);
  c.set("scopes", scopes);
  c.set("keyId", `session:${user.userId}`);
}

/** Browsers send Origin on cross-site POSTs; fetch metadata covers the rest. */
function sameOrigin(req: Request): boolean {
  const origin = req.headers.get("origin");
  if (origin) return origin === new URL(req.url).origin;
  const site = req.headers.get("sec-fetch-site");
  return site === null || site === "same-origin" || site === "none";
}

export function requireScope(scope: Scope): MiddlewareHandler<{ Bindings: AppEnv; Variables: Vars }> {
  return async (c, next) => {
    const key = apiKeyFromHeaders(c.req.raw.headers);
    if (!key) {
      const token = sessionToken(c.req.header("cookie"));
      if (token) {
        await sessionAuth(c, token, scope);
        return next();
      }
      throw new HTTPException(401, { message: "missing API key: send 'Authorization: Bearer <key>' or 'x-api-key: <key>'" });
    }
    const record = await resolveApiKey(c.env.DB, key, Date.now());
    if (!record) throw new HTTPException(401, { message: "invalid API key" });
    if (!record.scopes.has(scope)) throw new HTTPException(401, { message: `API key lacks the '${scope}' scope` });
    c.set("projectId", record.projectId);
    c.set("scopes", record.scopes);
    c.set("keyId", record.id);
    await next();
  };
}
