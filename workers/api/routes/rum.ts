/**
 * RUM settings and replay reads for the dashboard and automation:
 * - `GET /api/v1/rum/settings` (read): allowed origins and browser keys (prefixes only);
 * - `PUT /api/v1/rum/origins` (admin): replace the allowed origins;
 * - `POST /api/v1/rum/keys` (admin): create a browser key (plaintext shown once);
 * - `GET /api/v1/rum/replays/:session` (read): a session's replay, chunks in order.
 */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv, Vars } from "../../env";
import { requireScope } from "../../middleware/auth";
import { clearOriginCache } from "../../middleware/browser-key";
import { replayPrefix } from "../../rum/replay";
import { createBrowserKey, listBrowserKeys, listOrigins, OriginError, replaceOrigins } from "../../rum/settings";

/** A replay larger than this is cut (the player gets the beginning, and is told). */
const MAX_REPLAY_BYTES = 64 * 1024 * 1024;

export const rumApiRoutes = new Hono<{ Bindings: AppEnv; Variables: Vars }>();

rumApiRoutes.get("/api/v1/rum/settings", requireScope("read"), async (c) => {
  const projectId = c.get("projectId");
  const [origins, keys] = await Promise.all([listOrigins(c.env.DB, projectId), listBrowserKeys(c.env.DB, projectId)]);
  return c.json({ origins, keys });
});

rumApiRoutes.put("/api/v1/rum/origins", requireScope("admin"), async (c) => {
  const body = await c.req.json().catch(() => null);
  const list = (body as { origins?: unknown } | null)?.origins;
  if (!Array.isArray(list) || !list.every((o) => typeof o === "string")) {
    throw new HTTPException(400, { message: "body must be {\"origins\": [\"https://shop.example\", …]}" });
  }
  if (list.length > 100) throw new HTTPException(400, { message: `at most 100 origins, got ${list.length}` });
  try {
    const origins = await replaceOrigins(c.env.DB, c.get("projectId"), list);
    clearOriginCache();
    return c.json({ origins });
  } catch (err) {
    if (err instanceof OriginError) throw new HTTPException(400, { message: err.message });
    throw err;
  }
});

rumApiRoutes.post("/api/v1/rum/keys", requireScope("admin"), async (c) => {
  const body = (await c.req.json().catch(() => ({}))) as { name?: unknown };
  const name = typeof body.name === "string" && body.name.trim() ? body.name.trim().slice(0, 100) : "browser";
  const created = await createBrowserKey(c.env.DB, c.get("projectId"), name);
  return c.json({ ...created, name, scopes: ["rum"] }, 201);
});

rumApiRoutes.get("/api/v1/rum/replays/:session", requireScope("read"), async (c) => {
  const session = c.req.param("session");
  if (!/^[0-9a-f]{32}$/.test(session)) throw new HTTPException(400, { message: "session: expected 32 lowercase hex characters" });
  const prefix = replayPrefix(c.get("projectId"), session);
  const keys: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await c.env.BUCKET.list({ prefix, cursor });
    keys.push(...page.objects.map((o) => o.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  if (keys.length === 0) throw new HTTPException(404, { message: `no replay recorded for session ${session}` });
  keys.sort();
  const parts: string[] = [];
  let bytes = 0;
  let truncated = false;
  for (const key of keys) {
    const obj = await c.env.BUCKET.get(key);
    if (!obj) continue;
    const text = await obj.text();
    if (bytes + text.length > MAX_REPLAY_BYTES) {
      truncated = true;
      break;
    }
    bytes += text.length;
    // Each chunk is {"events":[…]}: splice the arrays without parsing them.
    const inner = text.slice(text.indexOf("[") + 1, text.lastIndexOf("]")).trim();
    if (inner) parts.push(inner);
  }
  return c.body(`{"session":"${session}","chunks":${keys.length},"truncated":${truncated},"events":[${parts.join(",")}]}`, 200, { "content-type": "application/json" });
});
