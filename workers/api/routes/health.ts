import { Hono } from "hono";
import type { AppEnv, Vars } from "../../env";

export const healthRoutes = new Hono<{ Bindings: AppEnv; Variables: Vars }>();

/** Liveness plus a cheap D1 round trip, so a broken binding shows up here first. */
healthRoutes.get("/healthz", async (c) => {
  await c.env.DB.prepare("SELECT 1").first();
  return c.json({ status: "ok", time: new Date().toISOString() });
});
