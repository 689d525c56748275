/**
 * Manual annotations: list by time range (and dashboard, tags), create, edit, delete.
 * Times are epoch milliseconds in bodies; the list's `from`/`to` also take ISO-8601 or
 * `now-6h` like the query API.
 */
import { Hono, type Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv, Vars } from "../../env";
import { requireScope } from "../../middleware/auth";
import { actorFor, getDashboard } from "../../control/dashboards";
import { createAnnotation, deleteAnnotation, listAnnotations, updateAnnotation, type AnnotationInput } from "../../control/annotations";
import { parseTimeBound, TimeRangeError } from "../../query/time-range";
import { readJsonObject } from "../json-body";

type App = { Bindings: AppEnv; Variables: Vars };

export const annotationRoutes = new Hono<App>();

const MAX_TEXT = 10_000;
const MAX_TAGS = 20;

function bad(message: string): never {
  throw new HTTPException(400, { message });
}

function epochMs(v: unknown, name: string): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) bad(`'${name}' must be epoch milliseconds (a whole number)`);
  return v;
}

async function inputFrom(c: Context<App>): Promise<AnnotationInput> {
  const body = await readJsonObject(c, 64 * 1024);
  const time = epochMs(body.time, "time");
  const timeEnd = body.timeEnd === undefined || body.timeEnd === null ? null : epochMs(body.timeEnd, "timeEnd");
  if (timeEnd !== null && timeEnd < time) bad("'timeEnd' must not be before 'time'");
  if (typeof body.text !== "string" || body.text.trim() === "" || body.text.length > MAX_TEXT) bad(`'text' must be a non-empty string of at most ${MAX_TEXT} characters`);
  const tags = body.tags ?? [];
  if (!Array.isArray(tags) || tags.length > MAX_TAGS || !tags.every((t) => typeof t === "string" && t.trim() !== "" && t.length <= 50)) {
    bad(`'tags' must be a list of at most ${MAX_TAGS} non-empty strings of at most 50 characters`);
  }
  const dashboardId = body.dashboardId ?? null;
  const panelId = body.panelId ?? null;
  if (dashboardId !== null && typeof dashboardId !== "string") bad("'dashboardId' must be a dashboard id or null");
  if (panelId !== null && typeof panelId !== "string") bad("'panelId' must be a panel id or null");
  if (panelId !== null && dashboardId === null) bad("'panelId' needs a 'dashboardId'");
  if (dashboardId !== null) {
    const dashboard = await getDashboard(c.env.DB, c.get("projectId"), dashboardId, c.get("keyId"));
    if (!dashboard) bad(`'dashboardId': no dashboard ${JSON.stringify(dashboardId)} in this project`);
    if (panelId !== null && !dashboard.spec.panels.some((p) => p.id === panelId)) bad(`'panelId': dashboard has no panel ${JSON.stringify(panelId)}`);
  }
  return { time, timeEnd, text: body.text as string, tags: [...new Set((tags as string[]).map((t) => t.trim()))], dashboardId: dashboardId as string | null, panelId: panelId as string | null };
}

const notFound = (id: string) => new HTTPException(404, { message: `no annotation '${id}' in this project` });

annotationRoutes.get("/api/v1/annotations", requireScope("read"), async (c) => {
  const now = Date.now();
  let fromMs: number;
  let toMs: number;
  try {
    // Numbers in a query string are epoch milliseconds, as in bodies.
    const bound = (v: string | undefined, name: string, fallback: string) => {
      const text = v ?? fallback;
      return Math.floor(parseTimeBound(/^\d+$/.test(text) ? Number(text) : text, now, name) / 1000);
    };
    fromMs = bound(c.req.query("from"), "from", "now-6h");
    toMs = bound(c.req.query("to"), "to", "now");
  } catch (err) {
    if (err instanceof TimeRangeError) bad(err.message);
    throw err;
  }
  if (fromMs > toMs) bad("'from' must not be after 'to'");
  const tags = c.req.query("tags");
  const annotations = await listAnnotations(c.env.DB, c.get("projectId"), {
    fromMs,
    toMs,
    dashboardId: c.req.query("dashboard"),
    tags: tags ? tags.split(",").map((t) => t.trim()).filter((t) => t !== "") : undefined,
  });
  return c.json({ annotations });
});

annotationRoutes.post("/api/v1/annotations", requireScope("admin"), async (c) => {
  const input = await inputFrom(c);
  const actor = await actorFor(c.env.DB, c.get("projectId"), c.get("keyId"));
  return c.json(await createAnnotation(c.env.DB, c.get("projectId"), input, actor.name), 201);
});

annotationRoutes.put("/api/v1/annotations/:id", requireScope("admin"), async (c) => {
  const updated = await updateAnnotation(c.env.DB, c.get("projectId"), c.req.param("id"), await inputFrom(c));
  if (!updated) throw notFound(c.req.param("id"));
  return c.json(updated);
});

annotationRoutes.delete("/api/v1/annotations/:id", requireScope("admin"), async (c) => {
  if (!(await deleteAnnotation(c.env.DB, c.get("projectId"), c.req.param("id")))) throw notFound(c.req.param("id"));
  return c.body(null, 204);
});
