/**
 * Alerts as the dispatcher holds them, grouped like Alertmanager's /api/v2/alerts/groups,
 * and acknowledge / resolve from the dashboard or the API.
 */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv, Vars } from "../../../env";
import { requireScope } from "../../../middleware/auth";
import { dispatcherFor } from "../../../../alerting/routing/sink";
import { actor, invalid, readJson, type FieldError } from "./common";
import type { AlertInstance } from "../../../../core/alerts/model";

export const alertRoutes = new Hono<{ Bindings: AppEnv; Variables: Vars }>();

const FINGERPRINT = /^[A-Za-z0-9:_.-]{1,128}$/;

/**
 * Alerts from outside (Alertmanager's POST /api/v2/alerts body), so a Prometheus or any
 * tool that speaks to Alertmanager can use our routing, silences and on-call too. An alert
 * whose endsAt has passed is resolved; a firing one not re-sent for 5 minutes resolves.
 */
alertRoutes.post("/api/v1/alerts", requireScope("ingest"), async (c) => {
  const projectId = c.get("projectId");
  const body = await readJson<unknown>(c, 1024 * 1024);
  if (!Array.isArray(body) || body.length === 0 || body.length > 1000) return invalid(c, [{ path: "", message: "body must be an array of 1 to 1000 alerts" }]);
  const now = Date.now();
  const errors: FieldError[] = [];
  const alerts: AlertInstance[] = [];
  for (const [i, raw] of body.entries()) {
    const a = raw as { labels?: Record<string, unknown>; annotations?: Record<string, unknown>; startsAt?: string; endsAt?: string; generatorURL?: string };
    const labels = strings(a?.labels, `[${i}].labels`, errors);
    const annotations = strings(a?.annotations ?? {}, `[${i}].annotations`, errors);
    if (labels && !labels.alertname) errors.push({ path: `[${i}].labels.alertname`, message: "is required" });
    const startsAt = a?.startsAt ? Date.parse(a.startsAt) : now;
    const endsAt = a?.endsAt ? Date.parse(a.endsAt) : null;
    if (Number.isNaN(startsAt)) errors.push({ path: `[${i}].startsAt`, message: "must be an RFC 3339 time" });
    if (endsAt !== null && Number.isNaN(endsAt)) errors.push({ path: `[${i}].endsAt`, message: "must be an RFC 3339 time" });
    if (!labels || errors.length) continue;
    const resolved = endsAt !== null && endsAt <= now;
    alerts.push({
      projectId,
      ruleId: "external",
      ruleName: labels.alertname,
      fingerprint: await fingerprint(labels),
      labels,
      annotations: annotations ?? {},
      status: resolved ? "resolved" : "firing",
      startsAt,
      endsAt: resolved ? endsAt : null,
      value: null,
      generatorURL: typeof a.generatorURL === "string" ? a.generatorURL.slice(0, 2048) : "",
    });
  }
  if (errors.length) return invalid(c, errors);
  await dispatcherFor(c.env, projectId).receive(projectId, alerts, now);
  return c.json({ accepted: alerts.length });
});

function strings(v: unknown, path: string, errors: FieldError[]): Record<string, string> | null {
  if (typeof v !== "object" || v === null || Array.isArray(v)) {
    errors.push({ path, message: "must be an object of string values" });
    return null;
  }
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) {
    if (!/^[a-zA-Z_][a-zA-Z0-9_.]*$/.test(k)) errors.push({ path: `${path}.${k}`, message: "invalid label name" });
    else if (typeof x !== "string" || x.length > 4096) errors.push({ path: `${path}.${k}`, message: "must be a string of at most 4096 characters" });
    else out[k] = x;
  }
  return out;
}

/** Stable id of a label set: SHA-256 of the sorted pairs, 16 hex characters. */
async function fingerprint(labels: Record<string, string>): Promise<string> {
  const text = Object.keys(labels)
    .sort()
    .map((k) => `${k}\xff${labels[k]}`)
    .join("\xff");
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return [...digest.slice(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

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
