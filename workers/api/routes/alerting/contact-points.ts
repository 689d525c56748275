/**
 * Contact points CRUD (secrets masked in every answer) and "send test notification",
 * which delivers a made-up firing alert through the real integration and records the
 * attempt in the alert history.
 */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv, Vars } from "../../../env";
import { requireScope } from "../../../middleware/auth";
import { redactContactPoint, validateContactPoint } from "../../../../alerting/notify/contact-points";
import { buildRequest } from "../../../../alerting/notify/build";
import { deliver } from "../../../../alerting/notify/deliver";
import type { NotificationMessage } from "../../../../alerting/notify/message";
import { recordHistory } from "../../../../alerting/history";
import { deleteContactPoint, getContactPoint, listContactPoints, loadConfig, upsertContactPoint } from "../../../../alerting/store/routing-store";
import { referencedNames } from "../../../../alerting/routing/config";
import { actor, invalid, notFound, readJson } from "./common";
import type { Ctx } from "./common";

export const contactPointRoutes = new Hono<{ Bindings: AppEnv; Variables: Vars }>();

contactPointRoutes.get("/api/v1/contact-points", requireScope("read"), async (c) => {
  return c.json({ contact_points: (await listContactPoints(c.env.DB, c.get("projectId"))).map(redactContactPoint) });
});

contactPointRoutes.get("/api/v1/contact-points/:id", requireScope("read"), async (c) => {
  const cp = await getContactPoint(c.env.DB, c.get("projectId"), c.req.param("id"));
  return cp ? c.json(redactContactPoint(cp)) : notFound("contact point");
});

async function save(c: Ctx, id: string | undefined) {
  const projectId = c.get("projectId");
  const previous = id ? await getContactPoint(c.env.DB, projectId, id) : null;
  if (id && !previous) notFound("contact point");
  const check = validateContactPoint(await readJson(c), previous?.integrations);
  if (!check.ok) return invalid(c, check.errors);
  const clash = (await listContactPoints(c.env.DB, projectId)).find((cp) => cp.name === check.name && cp.id !== id);
  if (clash) return invalid(c, [{ path: "name", message: `a contact point named '${check.name}' exists` }]);
  if (previous && previous.name !== check.name && referencedNames((await loadConfig(c.env.DB, projectId)).config).receivers.has(previous.name))
    return invalid(c, [{ path: "name", message: `the routing config refers to '${previous.name}': change the routes first` }]);
  const cp = await upsertContactPoint(c.env.DB, projectId, { id, name: check.name, integrations: check.integrations });
  return c.json(redactContactPoint(cp), id ? 200 : 201);
}

contactPointRoutes.post("/api/v1/contact-points", requireScope("admin"), (c) => save(c, undefined));
contactPointRoutes.put("/api/v1/contact-points/:id", requireScope("admin"), (c) => save(c, c.req.param("id")));

contactPointRoutes.delete("/api/v1/contact-points/:id", requireScope("admin"), async (c) => {
  const projectId = c.get("projectId");
  const cp = await getContactPoint(c.env.DB, projectId, c.req.param("id"));
  if (!cp) notFound("contact point");
  if (referencedNames((await loadConfig(c.env.DB, projectId)).config).receivers.has(cp.name))
    throw new HTTPException(409, { message: `the routing config sends to '${cp.name}': change the routes first` });
  await deleteContactPoint(c.env.DB, projectId, cp.id);
  return c.json({ deleted: cp.id });
});

contactPointRoutes.post("/api/v1/contact-points/:id/test", requireScope("admin"), async (c) => {
  const projectId = c.get("projectId");
  const cp = await getContactPoint(c.env.DB, projectId, c.req.param("id"));
  if (!cp) notFound("contact point");
  const now = Date.now();
  const origin = new URL(c.req.url).origin;
  const message: NotificationMessage = {
    receiver: cp.name,
    groupKey: `{}:{alertname="TestNotification"}`,
    status: "firing",
    groupLabels: { alertname: "TestNotification" },
    truncatedAlerts: 0,
    externalURL: `${origin}/alerting/contact-points`,
    actions: {},
    test: true,
    alerts: [
      {
        projectId,
        ruleId: "test",
        ruleName: "TestNotification",
        fingerprint: "test",
        labels: { alertname: "TestNotification", severity: "info", instance: "monoscope" },
        annotations: { summary: `Test notification from Monoscope Edge to '${cp.name}'`, description: `Sent by ${await actor(c)}` },
        status: "firing",
        startsAt: now,
        endsAt: null,
        value: null,
        generatorURL: `${origin}/alerting/contact-points`,
      },
    ],
  };
  const results = [];
  for (const [i, integration] of cp.integrations.entries()) {
    const request = (await buildRequest(message, integration))!;
    const attempts: unknown[] = [];
    const last = await deliver(request, {
      fetch: (input, init) => fetch(input, init),
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      maxAttempts: 2,
      baseDelayMs: Number(c.env.NOTIFY_RETRY_BASE_MS) || 1000,
      onAttempt: (a) => void attempts.push(a),
    });
    results.push({ integration: i, kind: integration.kind, outcome: last.outcome, status: last.status, error: last.error, attempts: last.attempt });
    await recordHistory(c.env.DB, [
      { projectId, at: now, kind: "notification", ruleId: null, fingerprint: null, status: last.outcome, detail: cp.name, data: { test: true, receiverKind: integration.kind, attempt: last.attempt, httpStatus: last.status, error: last.error } },
    ]);
  }
  const ok = results.every((r) => r.outcome === "sent");
  return c.json({ ok, results }, ok ? 200 : 502);
});
