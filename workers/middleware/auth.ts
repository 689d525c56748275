/**
 * API-key authentication: resolves `Authorization: Bearer <key>` / `x-api-key` to a
 * project and scopes, and refuses with 401 when the key is missing, unknown, revoked
 * or lacks the scope the route needs.
 *
 * Ingest checks a key on every request, so resolved keys are cached in the isolate
 * for a short time (a revoked key stops working within `CACHE_MS`).
 */
import type { MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv, Scope, Vars } from "../env";
import { apiKeyFromHeaders } from "../control/keys";
import { findApiKey, type ApiKeyRecord } from "../control/store";

const CACHE_MS = 30_000;
const CACHE_MAX = 1000;
const cache = new Map<string, { record: ApiKeyRecord | null; until: number }>();

async function resolve(db: D1Database, key: string, now: number): Promise<ApiKeyRecord | null> {
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

export function requireScope(scope: Scope): MiddlewareHandler<{ Bindings: AppEnv; Variables: Vars }> {
  return async (c, next) => {
    const key = apiKeyFromHeaders(c.req.raw.headers);
    if (!key) throw new HTTPException(401, { message: "missing API key: send 'Authorization: Bearer <key>' or 'x-api-key: <key>'" });
    const record = await resolve(c.env.DB, key, Date.now());
    if (!record) throw new HTTPException(401, { message: "invalid API key" });
    if (!record.scopes.has(scope)) throw new HTTPException(401, { message: `API key lacks the '${scope}' scope` });
    c.set("projectId", record.projectId);
    c.set("scopes", record.scopes);
    c.set("keyId", record.id);
    await next();
  };
}
