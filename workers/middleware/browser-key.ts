/**
 * Authentication of RUM beacons. A browser key is public, so it proves little on its
 * own: it must have the `rum` scope (a server key is refused, so it is never pasted into
 * a page by mistake), and the request's `Origin` must be one its project allows. The key
 * comes in the query string (`sendBeacon` cannot set headers) or `x-api-key`.
 *
 * Allowed origins are cached per isolate for a short time, like keys.
 */
import type { Context, MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv, Vars } from "../env";
import { listOrigins } from "../rum/settings";
import { resolveApiKey } from "./auth";

const CACHE_MS = 30_000;
const originCache = new Map<string, { origins: Set<string>; until: number }>();

export function clearOriginCache(): void {
  originCache.clear();
}

async function allowedOrigins(db: D1Database, projectId: string, now: number): Promise<Set<string>> {
  const hit = originCache.get(projectId);
  if (hit && hit.until > now) return hit.origins;
  const origins = new Set(await listOrigins(db, projectId));
  if (originCache.size > 1000) originCache.clear();
  originCache.set(projectId, { origins, until: now + CACHE_MS });
  return origins;
}

/**
 * CORS headers for an allowed origin (never for a refused one: its page must not read our
 * answer). Retry-After is not a CORS-safelisted response header: without exposing it the
 * SDK could not honour a 429's wait.
 */
export function corsHeaders(origin: string): Record<string, string> {
  return { "access-control-allow-origin": origin, "access-control-expose-headers": "Retry-After", vary: "Origin" };
}

export function requireBrowserKey(): MiddlewareHandler<{ Bindings: AppEnv; Variables: Vars }> {
  return async (c: Context<{ Bindings: AppEnv; Variables: Vars }>, next) => {
    const key = c.req.query("key") ?? c.req.header("x-api-key");
    if (!key) throw new HTTPException(401, { message: "missing browser key: add ?key=<browser key> to the URL" });
    const now = Date.now();
    const record = await resolveApiKey(c.env.DB, key, now);
    if (!record) throw new HTTPException(401, { message: "invalid browser key" });
    if (!record.scopes.has("rum")) throw new HTTPException(401, { message: "this key cannot send RUM: create a browser key (scope 'rum'); server keys must not be put in pages" });
    const origin = c.req.header("origin");
    if (!origin) throw new HTTPException(403, { message: "missing Origin header: RUM beacons are accepted from browsers on allowed origins only" });
    if (!(await allowedOrigins(c.env.DB, record.projectId, now)).has(origin)) {
      throw new HTTPException(403, { message: `origin '${origin}' is not allowed to send RUM for this project: add it to the project's RUM origins` });
    }
    c.set("projectId", record.projectId);
    c.set("scopes", record.scopes);
    c.set("keyId", record.id);
    for (const [k, v] of Object.entries(corsHeaders(origin))) c.header(k, v);
    await next();
  };
}
