/**
 * `GET /api/v1/tail?query=…[&project=…]` upgrades to a WebSocket streaming new rows that
 * match the query (see durable-objects/tail). Browsers cannot set headers on a
 * WebSocket, so the project comes as `?project=` (read by requireScope); a cross-site page cannot
 * open one with the user's cookie (the Origin must be ours).
 */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv, Vars } from "../../env";
import { requireScope } from "../../middleware/auth";

export const tailRoutes = new Hono<{ Bindings: AppEnv; Variables: Vars }>();

tailRoutes.get(
  "/api/v1/tail",
  async (c, next) => {
    const origin = c.req.header("origin");
    if (origin && origin !== new URL(c.req.url).origin) throw new HTTPException(403, { message: "cross-site WebSocket refused" });
    await next();
  },
  requireScope("read"),
  async (c) => {
    if (c.req.header("upgrade") !== "websocket") throw new HTTPException(426, { message: "expected a WebSocket upgrade" });
    const projectId = c.get("projectId");
    const headers = new Headers(c.req.raw.headers);
    headers.set("x-tail-project", projectId);
    const stub = c.env.TAIL.get(c.env.TAIL.idFromName(projectId));
    return stub.fetch(new Request(c.req.url, { headers }));
  },
);
