/**
 * On-call: schedules (with who is on call and the shift calendar over a range),
 * escalation policies, and the members they name with their contact points.
 */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv, Vars } from "../../../env";
import { requireScope } from "../../../middleware/auth";
import { shifts, validateSchedule, whoIsOnCall, type Schedule } from "../../../../alerting/oncall/schedule";
import { validatePolicy, type EscalationPolicy } from "../../../../alerting/oncall/escalation";
import { referencedNames } from "../../../../alerting/routing/config";
import { deletePolicy, deleteSchedule, getSchedule, listMembers, listPolicies, listSchedules, savePolicy, saveSchedule, setUserContactPoints } from "../../../../alerting/store/oncall-store";
import { listContactPoints, loadConfig } from "../../../../alerting/store/routing-store";
import { invalid, notFound, readJson, type FieldError } from "./common";
import type { Ctx } from "./common";

export const oncallRoutes = new Hono<{ Bindings: AppEnv; Variables: Vars }>();

async function memberIds(db: D1Database, projectId: string) {
  return new Set((await listMembers(db, projectId)).map((m) => m.id));
}

oncallRoutes.get("/api/v1/oncall/members", requireScope("read"), async (c) => c.json({ members: await listMembers(c.env.DB, c.get("projectId")) }));

oncallRoutes.put("/api/v1/oncall/members/:userId/contact-points", requireScope("admin"), async (c) => {
  const projectId = c.get("projectId");
  const userId = c.req.param("userId");
  if (!(await memberIds(c.env.DB, projectId)).has(userId)) notFound("member");
  const body = await readJson<{ contact_point_ids?: unknown }>(c);
  const ids = body?.contact_point_ids;
  if (!Array.isArray(ids) || ids.some((i) => typeof i !== "string") || ids.length > 20) return invalid(c, [{ path: "contact_point_ids", message: "must be an array of at most 20 contact point ids" }]);
  const known = new Set((await listContactPoints(c.env.DB, projectId)).map((cp) => cp.id));
  const unknown = (ids as string[]).findIndex((i) => !known.has(i));
  if (unknown >= 0) return invalid(c, [{ path: `contact_point_ids[${unknown}]`, message: "no such contact point in this project" }]);
  await setUserContactPoints(c.env.DB, projectId, userId, ids as string[]);
  return c.json({ user_id: userId, contact_point_ids: ids });
});

// ————— schedules —————

oncallRoutes.get("/api/v1/schedules", requireScope("read"), async (c) => {
  const now = Date.now();
  const schedules = await listSchedules(c.env.DB, c.get("projectId"));
  return c.json({ schedules: schedules.map((s) => ({ ...s, on_call_now: whoIsOnCall(s, now) })) });
});

oncallRoutes.get("/api/v1/schedules/:id", requireScope("read"), async (c) => {
  const s = await getSchedule(c.env.DB, c.get("projectId"), c.req.param("id"));
  return s ? c.json(s) : notFound("schedule");
});

async function saveScheduleRoute(c: Ctx, id: string | undefined) {
  const projectId = c.get("projectId");
  if (id && !(await getSchedule(c.env.DB, projectId, id))) notFound("schedule");
  const body = await readJson<Schedule>(c);
  const errors: FieldError[] = validateSchedule(body);
  if (!errors.length) {
    const members = await memberIds(c.env.DB, projectId);
    body.layers.forEach((l, i) => l.users.forEach((u, j) => members.has(u) || errors.push({ path: `layers[${i}].users[${j}]`, message: `user ${u} is not a member of this project` })));
    body.overrides.forEach((o, i) => members.has(o.user) || errors.push({ path: `overrides[${i}].user`, message: `user ${o.user} is not a member of this project` }));
    const clash = (await listSchedules(c.env.DB, projectId)).find((s) => s.name === body.name && s.id !== id);
    if (clash) errors.push({ path: "name", message: `a schedule named '${body.name}' exists` });
  }
  if (errors.length) return invalid(c, errors);
  const schedule: Schedule = { id: id ?? crypto.randomUUID(), name: body.name, time_zone: body.time_zone, layers: body.layers, overrides: body.overrides };
  await saveSchedule(c.env.DB, projectId, schedule);
  return c.json(schedule, id ? 200 : 201);
}

oncallRoutes.post("/api/v1/schedules", requireScope("admin"), (c) => saveScheduleRoute(c, undefined));
oncallRoutes.put("/api/v1/schedules/:id", requireScope("admin"), (c) => saveScheduleRoute(c, c.req.param("id")));

oncallRoutes.delete("/api/v1/schedules/:id", requireScope("admin"), async (c) => {
  const projectId = c.get("projectId");
  const id = c.req.param("id");
  const used = (await listPolicies(c.env.DB, projectId)).find((p) => p.levels.some((l) => l.targets.some((t) => t.type === "schedule" && t.id === id)));
  if (used) throw new HTTPException(409, { message: `escalation policy '${used.name}' pages this schedule` });
  return (await deleteSchedule(c.env.DB, projectId, id)) ? c.json({ deleted: id }) : notFound("schedule");
});

const DAY = 86_400_000;

oncallRoutes.get("/api/v1/schedules/:id/oncall", requireScope("read"), async (c) => {
  const s = await getSchedule(c.env.DB, c.get("projectId"), c.req.param("id"));
  if (!s) notFound("schedule");
  const now = Date.now();
  const parse = (name: string, dflt: number) => {
    const v = c.req.query(name);
    if (v === undefined) return dflt;
    const t = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
    if (!Number.isFinite(t)) throw new HTTPException(400, { message: `'${name}' must be an ISO 8601 time or epoch ms` });
    return t;
  };
  const from = parse("from", now);
  const to = parse("to", from + 14 * DAY);
  if (to <= from) throw new HTTPException(400, { message: "'to' must be after 'from'" });
  if (to - from > 62 * DAY) throw new HTTPException(400, { message: "at most 62 days at once" });
  return c.json({ schedule: { id: s.id, name: s.name, time_zone: s.time_zone }, from, to, on_call_now: whoIsOnCall(s, now), shifts: shifts(s, from, to) });
});

// ————— escalation policies —————

oncallRoutes.get("/api/v1/escalation-policies", requireScope("read"), async (c) => c.json({ escalation_policies: await listPolicies(c.env.DB, c.get("projectId")) }));

async function savePolicyRoute(c: Ctx, id: string | undefined) {
  const projectId = c.get("projectId");
  const existing = await listPolicies(c.env.DB, projectId);
  const previous = id ? existing.find((p) => p.id === id) : undefined;
  if (id && !previous) notFound("escalation policy");
  const body = await readJson<EscalationPolicy>(c);
  const errors: FieldError[] = validatePolicy(body);
  if (!errors.length) {
    const [members, schedules, cps] = await Promise.all([memberIds(c.env.DB, projectId), listSchedules(c.env.DB, projectId), listContactPoints(c.env.DB, projectId)]);
    const ids = { user: members, schedule: new Set(schedules.map((s) => s.id)), contact_point: new Set(cps.map((cp) => cp.id)) };
    body.levels.forEach((l, i) =>
      l.targets.forEach((t, j) => ids[t.type].has(t.id) || errors.push({ path: `levels[${i}].targets[${j}].id`, message: `no ${t.type.replace("_", " ")} ${t.id} in this project` })),
    );
    if (existing.some((p) => p.name === body.name && p.id !== id)) errors.push({ path: "name", message: `a policy named '${body.name}' exists` });
    if (previous && previous.name !== body.name && referencedNames((await loadConfig(c.env.DB, projectId)).config).policies.has(previous.name))
      errors.push({ path: "name", message: `the routing config refers to '${previous.name}': change the routes first` });
  }
  if (errors.length) return invalid(c, errors);
  const policy: EscalationPolicy = { id: id ?? crypto.randomUUID(), name: body.name, levels: body.levels, repeat: body.repeat ?? 0 };
  await savePolicy(c.env.DB, projectId, policy);
  return c.json(policy, id ? 200 : 201);
}

oncallRoutes.post("/api/v1/escalation-policies", requireScope("admin"), (c) => savePolicyRoute(c, undefined));
oncallRoutes.put("/api/v1/escalation-policies/:id", requireScope("admin"), (c) => savePolicyRoute(c, c.req.param("id")));

oncallRoutes.delete("/api/v1/escalation-policies/:id", requireScope("admin"), async (c) => {
  const projectId = c.get("projectId");
  const policy = (await listPolicies(c.env.DB, projectId)).find((p) => p.id === c.req.param("id"));
  if (!policy) notFound("escalation policy");
  if (referencedNames((await loadConfig(c.env.DB, projectId)).config).policies.has(policy.name))
    throw new HTTPException(409, { message: `the routing config pages '${policy.name}': change the routes first` });
  await deletePolicy(c.env.DB, projectId, policy.id);
  return c.json({ deleted: policy.id });
});
