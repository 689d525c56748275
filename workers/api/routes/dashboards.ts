/**
 * The dashboards API (docs/dashboards.md): list with search, create, read, update with
 * optimistic concurrency, delete; versions, diff and restore; export and import; stars.
 * Folders and annotations have their own route files, mounted here so the worker wires
 * one module. Reads need the `read` scope, changes `admin`; stars are personal, so `read`.
 */
import { Hono, type Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { diffSpecs } from "../../../core/dashboards/diff";
import { DASHBOARD_SCHEMA_VERSION, type DashboardExport, type DashboardSpec } from "../../../core/dashboards/spec";
import { LIMITS, validateSpec, type SpecError } from "../../../core/dashboards/validate";
import type { AppEnv, Vars } from "../../env";
import { requireScope } from "../../middleware/auth";
import {
  actorFor,
  createDashboard,
  deleteDashboard,
  getDashboard,
  getVersion,
  listDashboards,
  listVersions,
  setStar,
  updateDashboard,
} from "../../control/dashboards";
import { ensureFolder, getFolder } from "../../control/folders";
import { readJsonObject } from "../json-body";
import { annotationRoutes } from "./annotations";
import { folderRoutes } from "./dashboard-folders";

type App = { Bindings: AppEnv; Variables: Vars };
type Ctx = Context<App>;

export const dashboardRoutes = new Hono<App>();

/** A spec may be 1 MB; the envelope (version, message, export header) a little more. */
const MAX_BODY_BYTES = LIMITS.specBytes + 64 * 1024;
const BASE = "/api/v1/dashboards";

/** 400 with every problem and its JSON path; the message names the first. */
class InvalidSpec extends HTTPException {
  constructor(readonly errors: SpecError[]) {
    const first = errors[0];
    super(400, { message: `invalid dashboard: ${first.path ? `${first.path}: ` : ""}${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ""}` });
  }
}

function specFrom(value: unknown, prefix = "spec."): DashboardSpec {
  if (value === undefined) throw new HTTPException(400, { message: `'${prefix.slice(0, -1)}' is required` });
  const result = validateSpec(value);
  if (!result.ok) throw new InvalidSpec(result.errors.map((e) => ({ ...e, path: e.path ? prefix + e.path : prefix.slice(0, -1) })));
  return result.spec;
}

/** Runs a handler, turning spec errors into `{ error, errors: [{ path, message }] }`. */
const withSpecErrors =
  (handler: (c: Ctx) => Promise<Response>) =>
  async (c: Ctx): Promise<Response> => {
    try {
      return await handler(c);
    } catch (err) {
      if (err instanceof InvalidSpec) return c.json({ error: err.message, errors: err.errors }, 400);
      throw err;
    }
  };

function optionalString(body: Record<string, unknown>, name: string, max: number): string | null {
  const v = body[name];
  if (v === undefined || v === null) return null;
  if (typeof v !== "string" || v.length > max) throw new HTTPException(400, { message: `'${name}' must be a string of at most ${max} characters` });
  return v;
}

/** `folderId`: undefined (unchanged), null (no folder) or the id of a folder of this project. */
async function folderIdFrom(c: Ctx, body: Record<string, unknown>): Promise<string | null | undefined> {
  const v = body.folderId;
  if (v === undefined) return undefined;
  if (v === null) return null;
  if (typeof v !== "string" || !(await getFolder(c.env.DB, c.get("projectId"), v))) {
    throw new HTTPException(400, { message: `'folderId': no folder ${JSON.stringify(v)} in this project` });
  }
  return v;
}

function versionParam(text: string | undefined, name: string): number {
  const n = Number(text);
  if (!text || !Number.isInteger(n) || n < 1) throw new HTTPException(400, { message: `'${name}' must be a version number (1, 2, …)` });
  return n;
}

const notFound = (id: string) => new HTTPException(404, { message: `no dashboard '${id}' in this project` });

dashboardRoutes.get(BASE, requireScope("read"), async (c) => {
  const starred = c.req.query("starred");
  if (starred !== undefined && starred !== "true" && starred !== "false") throw new HTTPException(400, { message: "'starred' must be true or false" });
  const q = c.req.query("q");
  if (q !== undefined && q.length > 200) throw new HTTPException(400, { message: "'q' must be at most 200 characters" });
  const dashboards = await listDashboards(c.env.DB, c.get("projectId"), c.get("keyId"), {
    q,
    tag: c.req.query("tag"),
    folderId: c.req.query("folder"),
    starred: starred === "true",
  });
  return c.json({ dashboards });
});

dashboardRoutes.post(
  BASE,
  requireScope("admin"),
  withSpecErrors(async (c) => {
    const body = await readJsonObject(c, MAX_BODY_BYTES);
    const spec = specFrom(body.spec);
    const folderId = (await folderIdFrom(c, body)) ?? null;
    const actor = await actorFor(c.env.DB, c.get("projectId"), c.get("keyId"));
    const record = await createDashboard(c.env.DB, c.get("projectId"), spec, actor, { folderId, message: optionalString(body, "message", 500) });
    return c.json(record, 201);
  }),
);

dashboardRoutes.post(
  `${BASE}/import`,
  requireScope("admin"),
  withSpecErrors(async (c) => {
    const body = await readJsonObject(c, MAX_BODY_BYTES);
    // A DashboardExport file, or a bare spec.
    const isExport = body.kind !== undefined || body.dashboard !== undefined;
    let folderTitle: string | null = null;
    let spec: DashboardSpec;
    if (isExport) {
      if (body.kind !== "monoscope.dashboard") throw new HTTPException(400, { message: "'kind' must be \"monoscope.dashboard\"" });
      if (typeof body.schemaVersion === "number" && body.schemaVersion > DASHBOARD_SCHEMA_VERSION) {
        throw new HTTPException(400, { message: `this server reads dashboard schema versions up to ${DASHBOARD_SCHEMA_VERSION}; the file is version ${body.schemaVersion}` });
      }
      folderTitle = optionalString(body, "folder", 200);
      spec = specFrom(body.dashboard, "dashboard.");
    } else {
      spec = specFrom(body, "");
    }
    const projectId = c.get("projectId");
    const folderId = folderTitle === null || folderTitle.trim() === "" ? null : (await ensureFolder(c.env.DB, projectId, folderTitle.trim())).id;
    const actor = await actorFor(c.env.DB, projectId, c.get("keyId"));
    return c.json(await createDashboard(c.env.DB, projectId, spec, actor, { folderId, message: "imported" }), 201);
  }),
);

dashboardRoutes.get(`${BASE}/:id`, requireScope("read"), async (c) => {
  const record = await getDashboard(c.env.DB, c.get("projectId"), c.req.param("id"), c.get("keyId"));
  if (!record) throw notFound(c.req.param("id"));
  return c.json(record);
});

dashboardRoutes.put(
  `${BASE}/:id`,
  requireScope("admin"),
  withSpecErrors(async (c) => {
    const id = c.req.param("id") as string;
    const body = await readJsonObject(c, MAX_BODY_BYTES);
    if (typeof body.version !== "number" || !Number.isInteger(body.version)) {
      throw new HTTPException(400, { message: "'version' must be the version you edited (from the record you read)" });
    }
    const spec = specFrom(body.spec);
    const folderId = await folderIdFrom(c, body);
    const message = optionalString(body, "message", 500);
    return save(c, id, body.version, spec, message, folderId);
  }),
);

async function save(c: Ctx, id: string, version: number, spec: DashboardSpec, message: string | null, folderId?: string | null): Promise<Response> {
  const projectId = c.get("projectId");
  const actor = await actorFor(c.env.DB, projectId, c.get("keyId"));
  const result = await updateDashboard(c.env.DB, projectId, id, version, spec, actor, { message, folderId });
  if (result.kind === "not_found") throw notFound(id);
  if (result.kind === "conflict") {
    const by = result.updatedBy ? ` by ${result.updatedBy}` : "";
    return c.json(
      {
        error: `version conflict: you edited version ${version}, but version ${result.currentVersion} was saved${by} since; reload and apply your change again`,
        currentVersion: result.currentVersion,
        updatedBy: result.updatedBy,
        updatedAt: result.updatedAt,
      },
      409,
    );
  }
  return c.json(result.record);
}

dashboardRoutes.delete(`${BASE}/:id`, requireScope("admin"), async (c) => {
  if (!(await deleteDashboard(c.env.DB, c.get("projectId"), c.req.param("id")))) throw notFound(c.req.param("id"));
  return c.body(null, 204);
});

async function requireDashboard(c: Ctx, id: string) {
  const record = await getDashboard(c.env.DB, c.get("projectId"), id, c.get("keyId"));
  if (!record) throw notFound(id);
  return record;
}

dashboardRoutes.get(`${BASE}/:id/versions`, requireScope("read"), async (c) => {
  const id = c.req.param("id");
  await requireDashboard(c, id);
  return c.json({ versions: await listVersions(c.env.DB, c.get("projectId"), id) });
});

async function requireVersion(c: Ctx, id: string, version: number) {
  const v = await getVersion(c.env.DB, c.get("projectId"), id, version);
  if (!v) {
    await requireDashboard(c, id);
    throw new HTTPException(404, { message: `dashboard '${id}' has no version ${version}` });
  }
  return v;
}

dashboardRoutes.get(`${BASE}/:id/versions/:version`, requireScope("read"), async (c) => {
  const id = c.req.param("id");
  return c.json(await requireVersion(c, id, versionParam(c.req.param("version"), "version")));
});

dashboardRoutes.get(`${BASE}/:id/diff`, requireScope("read"), async (c) => {
  const id = c.req.param("id");
  const from = versionParam(c.req.query("from"), "from");
  const to = versionParam(c.req.query("to"), "to");
  const [a, b] = [await requireVersion(c, id, from), await requireVersion(c, id, to)];
  return c.json({ from, to, ...diffSpecs(a.spec, b.spec) });
});

/** Restore = a new version whose spec is version v's; history is never rewritten. */
dashboardRoutes.post(`${BASE}/:id/versions/:version/restore`, requireScope("admin"), async (c) => {
  const id = c.req.param("id");
  const v = versionParam(c.req.param("version"), "version");
  const old = await requireVersion(c, id, v);
  const current = await requireDashboard(c, id);
  return save(c, id, current.version, old.spec, `restored version ${v}`);
});

dashboardRoutes.get(`${BASE}/:id/export`, requireScope("read"), async (c) => {
  const record = await requireDashboard(c, c.req.param("id"));
  const folder = record.folderId ? await getFolder(c.env.DB, c.get("projectId"), record.folderId) : null;
  const file: DashboardExport = { kind: "monoscope.dashboard", schemaVersion: DASHBOARD_SCHEMA_VERSION, folder: folder?.title ?? null, dashboard: record.spec };
  const name = record.spec.title.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "").toLowerCase() || "dashboard";
  c.header("content-disposition", `attachment; filename="${name}.json"`);
  return c.json(file);
});

dashboardRoutes.put(`${BASE}/:id/star`, requireScope("read"), async (c) => {
  if (!(await setStar(c.env.DB, c.get("projectId"), c.req.param("id"), c.get("keyId"), true))) throw notFound(c.req.param("id"));
  return c.json({ starred: true });
});

dashboardRoutes.delete(`${BASE}/:id/star`, requireScope("read"), async (c) => {
  if (!(await setStar(c.env.DB, c.get("projectId"), c.req.param("id"), c.get("keyId"), false))) throw notFound(c.req.param("id"));
  return c.json({ starred: false });
});

dashboardRoutes.route("/", folderRoutes);
dashboardRoutes.route("/", annotationRoutes);
