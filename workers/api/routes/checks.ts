/**
 * Synthetic monitoring API: checks (CRUD, run now), their incidents, the secrets
 * checks reference by name, and the heartbeat ping URL jobs call. Definitions are
 * validated by synthetics/definition.ts; a bad one is refused whole with every problem
 * and its field path. Run history is not here: it is the `checks` table, read with the
 * query API (`checks | where check_id == "…"`).
 */
import { Hono, type Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv, Vars } from "../../env";
import { requireScope } from "../../middleware/auth";
import { CheckValidationError, parseCheck, toInput } from "../../../synthetics/definition";
import { heartbeatPing, runNow } from "../../../synthetics/dispatch";
import { incidentAlert } from "../../../synthetics/alerts";
import {
  CheckConflictError,
  createCheck,
  deleteCheck,
  deleteSecret,
  findCheckByToken,
  getCheck,
  listChecks,
  listIncidents,
  openIncidentKinds,
  putSecret,
  recordPing,
  regionStatuses,
  secretNames,
  updateCheck,
  type CheckRecord,
  type RegionStatus,
} from "../../../synthetics/store";

type Ctx = Context<{ Bindings: AppEnv; Variables: Vars }>;

const MAX_BODY_BYTES = 256 * 1024;
const MAX_SECRET_BYTES = 4096;
/** Checks per project: each one costs runs every interval in every region it lists. */
const MAX_CHECKS = 500;
const SECRET_NAME = /^[A-Z][A-Z0-9_]{0,63}$/;

export const checkRoutes = new Hono<{ Bindings: AppEnv; Variables: Vars }>();

async function jsonBody(c: Ctx): Promise<unknown> {
  const length = Number(c.req.header("content-length") ?? "0");
  if (length > MAX_BODY_BYTES) throw new HTTPException(413, { message: `body larger than ${MAX_BODY_BYTES} bytes` });
  const text = await c.req.text();
  if (text.length > MAX_BODY_BYTES) throw new HTTPException(413, { message: `body larger than ${MAX_BODY_BYTES} bytes` });
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new HTTPException(400, { message: `body is not valid JSON: ${(e as Error).message}` });
  }
}

function definitionFrom(input: unknown) {
  try {
    return { def: parseCheck(input) };
  } catch (e) {
    if (e instanceof CheckValidationError) return { problems: e.problems };
    throw e;
  }
}

function invalid(c: Ctx, problems: { path: string; message: string }[]) {
  return c.json({ error: `invalid check: ${problems.map((p) => `${p.path || "(body)"}: ${p.message}`).join("; ")}`, problems }, 400);
}

function heartbeatUrl(c: Ctx, check: CheckRecord): string | null {
  return check.heartbeatToken ? `${new URL(c.req.url).origin}/api/v1/heartbeat/${check.heartbeatToken}` : null;
}

function view(c: Ctx, check: CheckRecord, statuses: RegionStatus[] = [], openKinds: string[] = []) {
  return {
    id: check.id,
    name: check.definition.name,
    type: check.definition.type,
    definition: toInput(check.definition),
    heartbeatUrl: heartbeatUrl(c, check),
    lastPingAt: check.lastPingAt,
    createdAt: check.createdAt,
    updatedAt: check.updatedAt,
    regions: statuses.map(({ checkId: _, ...s }) => s),
    openIncidents: openKinds,
  };
}

async function found(c: Ctx): Promise<CheckRecord> {
  const check = await getCheck(c.env.DB, c.get("projectId"), c.req.param("id") ?? "");
  if (!check) throw new HTTPException(404, { message: `no check '${c.req.param("id")}' in this project` });
  return check;
}

// Fixed paths first: they would otherwise match /checks/:id.
checkRoutes.get("/api/v1/checks/incidents", requireScope("read"), async (c) => {
  const status = c.req.query("status");
  if (status !== undefined && status !== "open" && status !== "resolved") throw new HTTPException(400, { message: "status must be open or resolved" });
  const limit = Number(c.req.query("limit") ?? "100");
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new HTTPException(400, { message: "limit must be an integer from 1 to 1000" });
  const incidents = await listIncidents(c.env.DB, c.get("projectId"), { status, checkId: c.req.query("check"), limit });
  // `format=alerts`: the Alertmanager-shaped alerts the alerting router consumes.
  if (c.req.query("format") === "alerts") return c.json({ alerts: incidents.map(incidentAlert) });
  return c.json({ incidents });
});

checkRoutes.get("/api/v1/checks/secrets", requireScope("read"), async (c) => {
  return c.json({ secrets: await secretNames(c.env.DB, c.get("projectId")) });
});

checkRoutes.put("/api/v1/checks/secrets/:name", requireScope("admin"), async (c) => {
  const name = c.req.param("name");
  if (!SECRET_NAME.test(name)) throw new HTTPException(400, { message: "secret name must be UPPER_SNAKE_CASE (A–Z, 0–9, _), at most 64 characters" });
  const body = (await jsonBody(c)) as { value?: unknown };
  if (typeof body?.value !== "string" || body.value.length === 0) throw new HTTPException(400, { message: "body must be {\"value\": \"…\"} with a non-empty string" });
  if (new TextEncoder().encode(body.value).byteLength > MAX_SECRET_BYTES) throw new HTTPException(413, { message: `secret larger than ${MAX_SECRET_BYTES} bytes` });
  await putSecret(c.env.DB, c.get("projectId"), name, body.value, Date.now());
  return c.json({ name }, 200);
});

checkRoutes.delete("/api/v1/checks/secrets/:name", requireScope("admin"), async (c) => {
  if (!(await deleteSecret(c.env.DB, c.get("projectId"), c.req.param("name")))) throw new HTTPException(404, { message: `no secret '${c.req.param("name")}'` });
  return c.body(null, 204);
});

checkRoutes.get("/api/v1/checks", requireScope("read"), async (c) => {
  const projectId = c.get("projectId");
  const [checks, statuses, incidents] = await Promise.all([listChecks(c.env.DB, projectId), regionStatuses(c.env.DB, projectId), listIncidents(c.env.DB, projectId, { status: "open", limit: 1000 })]);
  return c.json({
    checks: checks.map((check) =>
      view(
        c,
        check,
        statuses.filter((s) => s.checkId === check.id),
        incidents.filter((i) => i.checkId === check.id).map((i) => i.kind),
      ),
    ),
  });
});

checkRoutes.post("/api/v1/checks", requireScope("admin"), async (c) => {
  const { def, problems } = definitionFrom(await jsonBody(c));
  if (!def) return invalid(c, problems);
  if ((await listChecks(c.env.DB, c.get("projectId"))).length >= MAX_CHECKS) {
    throw new HTTPException(409, { message: `this project already has ${MAX_CHECKS} checks (the limit): delete some first` });
  }
  try {
    const check = await createCheck(c.env.DB, c.get("projectId"), def, Date.now());
    return c.json({ check: view(c, check) }, 201);
  } catch (e) {
    if (e instanceof CheckConflictError) throw new HTTPException(409, { message: e.message });
    throw e;
  }
});

checkRoutes.get("/api/v1/checks/:id", requireScope("read"), async (c) => {
  const check = await found(c);
  const statuses = (await regionStatuses(c.env.DB, check.projectId)).filter((s) => s.checkId === check.id);
  return c.json({ check: view(c, check, statuses, [...(await openIncidentKinds(c.env.DB, check.projectId, check.id))]) });
});

checkRoutes.put("/api/v1/checks/:id", requireScope("admin"), async (c) => {
  const { def, problems } = definitionFrom(await jsonBody(c));
  if (!def) return invalid(c, problems);
  try {
    const check = await updateCheck(c.env.DB, c.get("projectId"), c.req.param("id"), def, Date.now());
    if (!check) throw new HTTPException(404, { message: `no check '${c.req.param("id")}' in this project` });
    return c.json({ check: view(c, check) });
  } catch (e) {
    if (e instanceof CheckConflictError) throw new HTTPException(409, { message: e.message });
    throw e;
  }
});

checkRoutes.delete("/api/v1/checks/:id", requireScope("admin"), async (c) => {
  if (!(await deleteCheck(c.env.DB, c.get("projectId"), c.req.param("id")))) throw new HTTPException(404, { message: `no check '${c.req.param("id")}' in this project` });
  return c.body(null, 204);
});

checkRoutes.post("/api/v1/checks/:id/run", requireScope("admin"), async (c) => {
  const check = await found(c);
  if (check.definition.type === "heartbeat") throw new HTTPException(400, { message: "a heartbeat check is not run: it is pinged (see heartbeatUrl)" });
  return c.json({ runs: await runNow(c.env, check, Date.now()) });
});

/** The dead man's switch: the token in the URL is the credential (jobs call it with curl). */
checkRoutes.on(["GET", "POST", "HEAD"], "/api/v1/heartbeat/:token", async (c) => {
  const token = c.req.param("token");
  const check = token.length >= 16 ? await findCheckByToken(c.env.DB, token) : null;
  if (!check) throw new HTTPException(404, { message: "unknown heartbeat token" });
  const now = Date.now();
  await recordPing(c.env.DB, check.projectId, check.id, now);
  await heartbeatPing(c.env, check, now);
  return c.json({ ok: true, check: check.definition.name, at: now });
});
