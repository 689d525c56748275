/**
 * Alerts as the dispatcher holds them, grouped like Alertmanager's /api/v2/alerts/groups,
 * and acknowledge / resolve from the dashboard or the API.
 */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv, Vars } from "../../../env";
import { requireScope } from "../../../middleware/auth";
import { dispatcherFor } from "../../../../alerting/routing/sink";
import { actor } from "./common";

export const alertRoutes = new Hono<{ Bindings: AppEnv; Variables: Vars }>();

const FINGERPRINT = /^[A-Za-z0-9:_.-]{1,128}$/;

alertRoutes.get("/api/v1/alerts", requireScope("read"), async (c) => {
  const projectId = c.get("projectId");
  const groups = await dispatcherFor(c.env, projectId).alertGroups(projectId, Date.now());
  return c.json({ groups });
});

for (const action of ["ack", "resolve"] as const) {
  alertRoutes.post(`/api/v1/alerts/:fingerprint/${action}`, requireScope("admin"), async (c) => {
    const projectId = c.get("projectId");
    const fingerprint = c.req.param("fingerprint");
    if (!FINGERPRINT.test(fingerprint)) throw new HTTPException(400, { message: "invalid fingerprint" });
    const stub = dispatcherFor(c.env, projectId);
    const who = await actor(c);
    const result = action === "ack" ? await stub.ack(projectId, fingerprint, who, Date.now()) : await stub.resolve(projectId, fingerprint, who, Date.now());
    if (!result.ok) throw new HTTPException(404, { message: result.message });
    return c.json({ fingerprint, status: result.message, by: who });
  });
}
