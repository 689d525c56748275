/**
 * The dashboards API inside workerd with real local D1 (and, for the built-ins, real
 * ingest and queries): CRUD, search, project isolation, optimistic concurrency,
 * versions, import/export, folders, stars, annotations, built-in dashboards.
 */
import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { DashboardDiffResponse, DashboardSummary, DashboardVersion, DashboardVersionInfo, Folder } from "../../../core/dashboards/api-types";
import { BUILT_IN_DASHBOARDS } from "../../../core/dashboards/builtins";
import type { Annotation, DashboardExport, DashboardRecord, DashboardSpec } from "../../../core/dashboards/spec";
import { seedAllProjects, seedBuiltInDashboards } from "../../control/builtin-dashboards";
import { createApiKey, createProject, createUser } from "../../control/store";
import { logsPayload } from "../../../test/workers/otlp-json";

let n = 0;
async function project() {
  const id = `d${Date.now().toString(36)}${n++}`;
  await createProject(env.DB, id, id);
  const { key } = await createApiKey(env.DB, id, "editor", ["ingest", "read", "admin"]);
  const { key: reader } = await createApiKey(env.DB, id, "reader", ["read"]);
  return { id, key, reader };
}

type Json = Record<string, unknown> & { error?: string };

async function call<T = Json>(key: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: T; headers: Headers }> {
  const res = await SELF.fetch(`http://x${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : null) as T, headers: res.headers };
}

function spec(title: string, extra: Partial<DashboardSpec> = {}): Record<string, unknown> {
  return {
    title,
    tags: ["team-a"],
    panels: [{ id: "p1", type: "timeseries", title: "Request rate", grid: { x: 0, y: 0, w: 12, h: 8 }, queries: [{ refId: "A", query: "spans | summarize count() by bin_auto(timestamp)" }] }],
    ...extra,
  };
}

async function create(key: string, s: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const r = await call<DashboardRecord>(key, "POST", "/api/v1/dashboards", { spec: s, ...extra });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json;
}

const list = async (key: string, query = "") => (await call<{ dashboards: DashboardSummary[] }>(key, "GET", `/api/v1/dashboards${query}`)).json.dashboards;
const userTitles = async (key: string, query = "") => (await list(key, query)).filter((d) => !d.builtIn).map((d) => d.title);

describe("dashboards API", () => {
  it("creates, reads, lists, updates and deletes", async () => {
    const p = await project();
    const created = await create(p.key, spec("Checkout"));
    expect(created).toMatchObject({ projectId: p.id, folderId: null, version: 1, starred: false, builtIn: null, updatedBy: "key:editor" });
    expect(created.spec).toMatchObject({ schemaVersion: 1, title: "Checkout", time: { from: "now-6h", to: "now" }, refresh: null, variables: [], annotations: [] });

    const read = await call<DashboardRecord>(p.reader, "GET", `/api/v1/dashboards/${created.id}`);
    expect(read.json).toEqual(created);
    const summary = (await list(p.reader)).find((d) => d.id === created.id);
    expect(summary).toEqual({ id: created.id, title: "Checkout", tags: ["team-a"], folderId: null, starred: false, builtIn: null, version: 1, panelCount: 1, updatedAt: created.updatedAt, updatedBy: "key:editor" });

    const updated = await call<DashboardRecord>(p.key, "PUT", `/api/v1/dashboards/${created.id}`, { version: 1, spec: spec("Checkout v2"), message: "rename" });
    expect(updated.status).toBe(200);
    expect(updated.json.version).toBe(2);
    expect(updated.json.spec.title).toBe("Checkout v2");

    // A read-only key reads but does not change.
    expect((await call(p.reader, "PUT", `/api/v1/dashboards/${created.id}`, { version: 2, spec: spec("x") })).status).toBe(401);
    expect((await call(p.reader, "POST", "/api/v1/dashboards", { spec: spec("x") })).status).toBe(401);

    expect((await call(p.key, "DELETE", `/api/v1/dashboards/${created.id}`)).status).toBe(204);
    const gone = await call(p.key, "GET", `/api/v1/dashboards/${created.id}`);
    expect(gone.status).toBe(404);
    expect(gone.json.error).toBe(`no dashboard '${created.id}' in this project`);
    expect((await call(p.key, "GET", `/api/v1/dashboards/${created.id}/versions`)).status).toBe(404);
  });

  it("searches titles, tags and panel titles, and filters by tag and folder", async () => {
    const p = await project();
    const folder = (await call<Folder>(p.key, "POST", "/api/v1/folders", { title: "Payments" })).json;
    await create(p.key, spec("Checkout latency", { tags: ["payments", "slo"] }), { folderId: folder.id });
    await create(p.key, spec("Inventory", { tags: ["warehouse"], panels: [{ id: "x", type: "stat", title: "Stock levels", grid: { x: 0, y: 0, w: 6, h: 4 }, queries: [{ refId: "A", query: "logs | count" }], options: {} }] }));
    await create(p.key, spec("Édition spéciale", { tags: [] }));

    expect(await userTitles(p.key, "?q=checkout")).toEqual(["Checkout latency"]);
    expect(await userTitles(p.key, "?q=chec")).toEqual(["Checkout latency"]); // part of a word
    expect(await userTitles(p.key, "?q=CHECKOUT%20slo")).toEqual(["Checkout latency"]); // every word, anywhere, any case
    expect(await userTitles(p.key, "?q=warehouse")).toEqual(["Inventory"]); // tag
    expect(await userTitles(p.key, "?q=stock")).toEqual(["Inventory"]); // panel title
    expect(await userTitles(p.key, "?q=edition")).toEqual(["Édition spéciale"]); // diacritics folded
    expect((await userTitles(p.key, `?q=${encodeURIComponent('request "rate')}`)).sort()).toEqual(["Checkout latency", "Édition spéciale"]); // punctuation is not matched
    expect(await userTitles(p.key, "?q=nothing-like-this")).toEqual([]);
    expect(await userTitles(p.key, "?q=%25")).toEqual([]); // a LIKE wildcard is not a wildcard here
    // Ranked: a title match comes before a panel-title match, whatever the alphabet says.
    await create(p.key, spec("Alpha", { panels: [{ id: "l", type: "stat", title: "Latency p99", grid: { x: 0, y: 0, w: 6, h: 4 }, queries: [{ refId: "A", query: "spans | count" }], options: {} }] }));
    expect(await userTitles(p.key, "?q=latency")).toEqual(["Checkout latency", "Alpha"]);
    expect(await userTitles(p.key, "?tag=slo")).toEqual(["Checkout latency"]);
    expect(await userTitles(p.key, `?folder=${folder.id}`)).toEqual(["Checkout latency"]);
    expect((await call(p.key, "GET", `/api/v1/dashboards?starred=maybe`)).status).toBe(400);
  });

  it("keeps projects apart on every route", async () => {
    const a = await project();
    const b = await project();
    const mine = await create(a.key, spec("Secret board"));
    const ann = (await call<Annotation>(a.key, "POST", "/api/v1/annotations", { time: 1000, text: "deploy", dashboardId: mine.id })).json;
    const folder = (await call<Folder>(a.key, "POST", "/api/v1/folders", { title: "A only" })).json;
    const path = `/api/v1/dashboards/${mine.id}`;

    for (const [method, route, body] of [
      ["GET", path, undefined],
      ["PUT", path, { version: 1, spec: spec("stolen") }],
      ["GET", `${path}/versions`, undefined],
      ["GET", `${path}/versions/1`, undefined],
      ["GET", `${path}/diff?from=1&to=1`, undefined],
      ["POST", `${path}/versions/1/restore`, undefined],
      ["GET", `${path}/export`, undefined],
      ["PUT", `${path}/star`, undefined],
      ["DELETE", path, undefined],
      ["PUT", `/api/v1/annotations/${ann.id}`, { time: 1, text: "x" }],
      ["DELETE", `/api/v1/annotations/${ann.id}`, undefined],
      ["PUT", `/api/v1/folders/${folder.id}`, { title: "mine now" }],
      ["DELETE", `/api/v1/folders/${folder.id}`, undefined],
    ] as const) {
      const r = await call(b.key, method, route, body);
      expect(r.status, `${method} ${route}`).toBe(404);
    }
    expect((await list(b.key)).map((d) => d.id)).not.toContain(mine.id);
    expect((await call<{ folders: Folder[] }>(b.key, "GET", "/api/v1/folders")).json.folders).toEqual([]);
    expect((await call<{ annotations: Annotation[] }>(b.key, "GET", "/api/v1/annotations?from=0&to=10000")).json.annotations).toEqual([]);
    // B cannot file a dashboard in A's folder or annotate A's dashboard.
    expect((await call(b.key, "POST", "/api/v1/dashboards", { spec: spec("x"), folderId: folder.id })).status).toBe(400);
    expect((await call(b.key, "POST", "/api/v1/annotations", { time: 1, text: "x", dashboardId: mine.id })).status).toBe(400);
    // Nothing of A changed.
    const still = await call<DashboardRecord>(a.key, "GET", path);
    expect(still.json.version).toBe(1);
    expect(still.json.spec.title).toBe("Secret board");
    expect((await call<{ annotations: Annotation[] }>(a.key, "GET", "/api/v1/annotations?from=0&to=10000")).json.annotations).toHaveLength(1);
  });

  it("refuses a save based on an old version with 409 and who saved since, changing nothing", async () => {
    const p = await project();
    const { key: other } = await createApiKey(env.DB, p.id, "alice-laptop", ["read", "admin"]);
    const d = await create(p.key, spec("Shared"));
    const first = await call<DashboardRecord>(other, "PUT", `/api/v1/dashboards/${d.id}`, { version: 1, spec: spec("Alice's edit") });
    expect(first.status).toBe(200);
    const second = await call(p.key, "PUT", `/api/v1/dashboards/${d.id}`, { version: 1, spec: spec("Bob's edit") });
    expect(second.status).toBe(409);
    expect(second.json).toMatchObject({ currentVersion: 2, updatedBy: "key:alice-laptop", updatedAt: first.json.updatedAt });
    expect(second.json.error).toMatch(/^version conflict: you edited version 1, but version 2 was saved by key:alice-laptop since/);
    const now = await call<DashboardRecord>(p.key, "GET", `/api/v1/dashboards/${d.id}`);
    expect(now.json.spec.title).toBe("Alice's edit");
    expect((await call<{ versions: DashboardVersionInfo[] }>(p.key, "GET", `/api/v1/dashboards/${d.id}/versions`)).json.versions.map((v) => v.version)).toEqual([2, 1]);

    // Two saves of the same version at the same moment: exactly one wins.
    const race = await Promise.all(["one", "two", "three"].map((t) => call(p.key, "PUT", `/api/v1/dashboards/${d.id}`, { version: 2, spec: spec(t) })));
    expect(race.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const winner = race.find((r) => r.status === 200)!.json as unknown as DashboardRecord;
    const after = await call<DashboardRecord>(p.key, "GET", `/api/v1/dashboards/${d.id}`);
    expect(after.json.version).toBe(3);
    expect(after.json.spec.title).toBe(winner.spec.title);
    expect((await call<{ versions: DashboardVersionInfo[] }>(p.key, "GET", `/api/v1/dashboards/${d.id}/versions`)).json.versions).toHaveLength(3);
  });

  it("keeps every version with its author, diffs two and restores one as a new version", async () => {
    const p = await project();
    const d = await create(p.key, spec("Orders"), { message: "first" });
    const v2spec = spec("Orders", { tags: ["team-a", "orders"] });
    (v2spec.panels as { grid: { w: number } }[])[0].grid.w = 24;
    await call(p.key, "PUT", `/api/v1/dashboards/${d.id}`, { version: 1, spec: v2spec, message: "wider" });

    const versions = (await call<{ versions: DashboardVersionInfo[] }>(p.reader, "GET", `/api/v1/dashboards/${d.id}/versions`)).json.versions;
    expect(versions.map((v) => [v.version, v.author, v.message])).toEqual([
      [2, "key:editor", "wider"],
      [1, "key:editor", "first"],
    ]);
    const v1 = await call<DashboardVersion>(p.reader, "GET", `/api/v1/dashboards/${d.id}/versions/1`);
    expect(v1.json.spec).toEqual(d.spec);
    expect((await call(p.reader, "GET", `/api/v1/dashboards/${d.id}/versions/9`)).status).toBe(404);
    expect((await call(p.reader, "GET", `/api/v1/dashboards/${d.id}/versions/abc`)).status).toBe(400);

    const diff = (await call<DashboardDiffResponse>(p.reader, "GET", `/api/v1/dashboards/${d.id}/diff?from=1&to=2`)).json;
    expect(diff.from).toBe(1);
    expect(diff.changes).toEqual([
      { section: "tags", kind: "changed", before: ["team-a"], after: ["team-a", "orders"] },
      expect.objectContaining({ section: "panels", key: "p1", kind: "changed", fields: [{ path: "grid.w", before: 12, after: 24 }] }),
    ]);
    const changed = diff.hunks!.flatMap((h) => h.lines).filter((l) => l.op !== "=").map((l) => `${l.op}${l.text.trim()}`);
    expect(changed.sort()).toEqual(['+"orders"', '+"w": 24,', '-"team-a"', '+"team-a",', '-"w": 12,'].sort());
    expect((await call(p.reader, "GET", `/api/v1/dashboards/${d.id}/diff?from=1`)).status).toBe(400);

    const restored = await call<DashboardRecord>(p.key, "POST", `/api/v1/dashboards/${d.id}/versions/1/restore`);
    expect(restored.status).toBe(200);
    expect(restored.json.version).toBe(3);
    expect(restored.json.spec).toEqual(d.spec);
    const v3 = (await call<{ versions: DashboardVersionInfo[] }>(p.reader, "GET", `/api/v1/dashboards/${d.id}/versions`)).json.versions[0];
    expect(v3).toMatchObject({ version: 3, message: "restored version 1", author: "key:editor" });
    expect((await call(p.reader, "POST", `/api/v1/dashboards/${d.id}/versions/1/restore`)).status).toBe(401);
  });

  it("exports and imports a dashboard unchanged, into a folder found or created by name", async () => {
    const p = await project();
    const folder = (await call<Folder>(p.key, "POST", "/api/v1/folders", { title: "Ops" })).json;
    const source = spec("Round trip", {
      description: "all the parts",
      variables: [
        { name: "service", kind: "query", query: "spans | distinct service.name", multi: true, includeAll: true, default: "$__all" },
        { name: "interval", kind: "interval", values: ["1m", "5m"], auto: true },
      ],
      annotations: [{ name: "Deploys", query: "spans | summarize timestamp = min(timestamp) by service.version", color: "#abc", enabled: true }],
    });
    const d = await create(p.key, source, { folderId: folder.id });
    const exported = await call<DashboardExport>(p.reader, "GET", `/api/v1/dashboards/${d.id}/export`);
    expect(exported.headers.get("content-disposition")).toBe('attachment; filename="round-trip.json"');
    expect(exported.json).toEqual({ kind: "monoscope.dashboard", schemaVersion: 1, folder: "Ops", dashboard: d.spec });

    const imported = await call<DashboardRecord>(p.key, "POST", "/api/v1/dashboards/import", exported.json);
    expect(imported.status).toBe(201);
    expect(imported.json.id).not.toBe(d.id);
    expect(imported.json.folderId).toBe(folder.id);
    const again = await call<DashboardExport>(p.reader, "GET", `/api/v1/dashboards/${imported.json.id}/export`);
    expect(JSON.stringify(again.json)).toBe(JSON.stringify(exported.json));

    // Into another project: the folder is created there; a bare spec imports too.
    const q = await project();
    const elsewhere = await call<DashboardRecord>(q.key, "POST", "/api/v1/dashboards/import", exported.json);
    expect(elsewhere.status).toBe(201);
    const folders = (await call<{ folders: Folder[] }>(q.key, "GET", "/api/v1/folders")).json.folders;
    expect(folders.map((f) => [f.title, f.dashboardCount])).toEqual([["Ops", 1]]);
    expect(JSON.stringify((await call<DashboardExport>(q.key, "GET", `/api/v1/dashboards/${elsewhere.json.id}/export`)).json)).toBe(JSON.stringify(exported.json));
    const bare = await call<DashboardRecord>(q.key, "POST", "/api/v1/dashboards/import", d.spec);
    expect(bare.status).toBe(201);
    expect(bare.json.spec).toEqual(d.spec);

    const newer = await call(q.key, "POST", "/api/v1/dashboards/import", { ...exported.json, schemaVersion: 99 });
    expect(newer.status).toBe(400);
    expect(newer.json.error).toMatch(/schema versions up to 1; the file is version 99/);
    const broken = await call(q.key, "POST", "/api/v1/dashboards/import", { ...exported.json, dashboard: { ...d.spec, panels: [{ ...d.spec.panels[0], type: "nope" }] } });
    expect(broken.status).toBe(400);
    expect((broken.json.errors as { path: string }[])[0].path).toBe("dashboard.panels[0].type");
  });

  it("refuses bad input with the path of the problem and changes nothing", async () => {
    const p = await project();
    const before = await list(p.key);
    const badGrid = spec("Bad");
    (badGrid.panels as { grid: { x: number; w: number } }[])[0].grid = { x: 20, y: 0, w: 8, h: 4 } as never;
    const r = await call(p.key, "POST", "/api/v1/dashboards", { spec: badGrid });
    expect(r.status).toBe(400);
    expect(r.json.error).toBe("invalid dashboard: spec.panels[0].grid.w: x + w is 28: the grid has 24 columns");
    expect(r.json.errors).toEqual([{ path: "spec.panels[0].grid.w", message: "x + w is 28: the grid has 24 columns" }]);

    const badQuery = spec("Bad query", { panels: [{ id: "p", type: "table", title: "t", grid: { x: 0, y: 0, w: 4, h: 4 }, queries: [{ refId: "A", query: "spans | where servce.name == 1" }], options: {} }] });
    const q = await call(p.key, "POST", "/api/v1/dashboards", { spec: badQuery });
    expect(q.status).toBe(400);
    expect(q.json.errors).toEqual([{ path: "spec.panels[0].queries[0].query", message: expect.stringMatching(/unknown field 'servce.name'.*did you mean 'service.name'/), range: { from: 14, to: 25 } }]);

    expect((await call(p.key, "POST", "/api/v1/dashboards", "{not json")).status).toBe(400);
    expect((await call(p.key, "POST", "/api/v1/dashboards", {})).json.error).toBe("'spec' is required");
    const d = await create(p.key, spec("Good"));
    const noVersion = await call(p.key, "PUT", `/api/v1/dashboards/${d.id}`, { spec: spec("x") });
    expect(noVersion.status).toBe(400);
    expect(noVersion.json.error).toMatch(/'version' must be the version you edited/);
    const badUpdate = await call(p.key, "PUT", `/api/v1/dashboards/${d.id}`, { version: 1, spec: { ...spec("x"), refresh: "sometimes" } });
    expect(badUpdate.status).toBe(400);
    expect((badUpdate.json.errors as { path: string }[])[0].path).toBe("spec.refresh");
    expect((await call(p.key, "POST", "/api/v1/dashboards", { spec: spec("x"), folderId: "nope" })).json.error).toBe("'folderId': no folder \"nope\" in this project");
    const tooBig = await call(p.key, "POST", "/api/v1/dashboards", { spec: spec("x", { description: "y".repeat(1_200_000) }) });
    expect(tooBig.status).toBe(413);

    const now = await list(p.key);
    expect(now.map((x) => x.id).sort()).toEqual([...before.map((x) => x.id), d.id].sort());
    expect((await call<DashboardRecord>(p.key, "GET", `/api/v1/dashboards/${d.id}`)).json.version).toBe(1);
  });

  it("manages folders: unique titles, rename, refuse to delete a non-empty one", async () => {
    const p = await project();
    const f = await call<Folder>(p.key, "POST", "/api/v1/folders", { title: "Team A" });
    expect(f.status).toBe(201);
    expect(f.json).toMatchObject({ title: "Team A", dashboardCount: 0 });
    expect((await call(p.key, "POST", "/api/v1/folders", { title: "Team A" })).status).toBe(409);
    expect((await call(p.key, "POST", "/api/v1/folders", { title: "" })).status).toBe(400);
    expect((await call(p.reader, "POST", "/api/v1/folders", { title: "x" })).status).toBe(401);

    const renamed = await call<Folder>(p.key, "PUT", `/api/v1/folders/${f.json.id}`, { title: "Team Alpha" });
    expect(renamed.json.title).toBe("Team Alpha");
    const d = await create(p.key, spec("In folder"), { folderId: f.json.id });
    expect((await call<{ folders: Folder[] }>(p.reader, "GET", "/api/v1/folders")).json.folders).toEqual([{ ...renamed.json, dashboardCount: 1 }]);

    const refused = await call(p.key, "DELETE", `/api/v1/folders/${f.json.id}`);
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatch(/still holds 1 dashboard/);
    // Move the dashboard out (folderId null), then the folder can go.
    const moved = await call<DashboardRecord>(p.key, "PUT", `/api/v1/dashboards/${d.id}`, { version: 1, spec: d.spec, folderId: null });
    expect(moved.json.folderId).toBeNull();
    expect((await call(p.key, "DELETE", `/api/v1/folders/${f.json.id}`)).status).toBe(204);
    expect((await call(p.key, "DELETE", `/api/v1/folders/${f.json.id}`)).status).toBe(404);
  });

  it("stars per caller", async () => {
    const p = await project();
    const d = await create(p.key, spec("Favourite"));
    expect((await call(p.reader, "PUT", `/api/v1/dashboards/${d.id}/star`)).json).toEqual({ starred: true });
    expect((await call(p.reader, "PUT", `/api/v1/dashboards/${d.id}/star`)).status).toBe(200); // idempotent
    expect((await list(p.reader, "?starred=true")).map((x) => x.id)).toEqual([d.id]);
    expect((await call<DashboardRecord>(p.reader, "GET", `/api/v1/dashboards/${d.id}`)).json.starred).toBe(true);
    // Another key of the same project has its own stars.
    expect(await list(p.key, "?starred=true")).toEqual([]);
    expect((await call<DashboardRecord>(p.key, "GET", `/api/v1/dashboards/${d.id}`)).json.starred).toBe(false);
    expect((await call(p.reader, "DELETE", `/api/v1/dashboards/${d.id}/star`)).json).toEqual({ starred: false });
    expect(await list(p.reader, "?starred=true")).toEqual([]);
    expect((await call(p.reader, "PUT", "/api/v1/dashboards/nope/star")).status).toBe(404);

    // A signed-in user stars for themself, and their saves carry their email.
    const email = `${p.id}@example.com`;
    const userId = await createUser(env.DB, email, "correct horse battery", false);
    await env.DB.prepare("INSERT INTO project_members (project_id, user_id, role) VALUES (?, ?, 'admin')").bind(p.id, userId).run();
    const login = await SELF.fetch("http://x/api/v1/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password: "correct horse battery" }) });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0];
    const asUser = (method: string, path: string, body?: unknown) =>
      SELF.fetch(`http://x${path}`, { method, headers: { cookie, origin: "http://x", "x-project-id": p.id, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    expect((await asUser("PUT", `/api/v1/dashboards/${d.id}/star`)).status).toBe(200);
    const mine = (await (await asUser("GET", "/api/v1/dashboards?starred=true")).json()) as { dashboards: DashboardSummary[] };
    expect(mine.dashboards.map((x) => x.id)).toEqual([d.id]);
    expect(await list(p.reader, "?starred=true")).toEqual([]);
    const saved = (await (await asUser("PUT", `/api/v1/dashboards/${d.id}`, { version: 1, spec: d.spec, message: "by hand" })).json()) as DashboardRecord;
    expect(saved.updatedBy).toBe(email);
    expect(saved.starred).toBe(true);
  });

  it("stores annotations and lists them by time range, dashboard and tags", async () => {
    const p = await project();
    const d = await create(p.key, spec("Annotated"));
    const other = await create(p.key, spec("Other"));
    const post = (body: Record<string, unknown>) => call<Annotation>(p.key, "POST", "/api/v1/annotations", body);
    const deploy = await post({ time: 10_000, text: "deploy v2", tags: ["deploy", "api"], dashboardId: d.id, panelId: "p1" });
    expect(deploy.status).toBe(201);
    expect(deploy.json).toMatchObject({ dashboardId: d.id, panelId: "p1", time: 10_000, timeEnd: null, text: "deploy v2", tags: ["deploy", "api"], createdBy: "key:editor" });
    const outage = (await post({ time: 20_000, timeEnd: 30_000, text: "outage", tags: ["incident"] })).json; // every dashboard
    await post({ time: 15_000, text: "elsewhere", dashboardId: other.id });

    const ids = async (query: string) => (await call<{ annotations: Annotation[] }>(p.reader, "GET", `/api/v1/annotations${query}`)).json.annotations.map((a) => a.text);
    expect(await ids("?from=0&to=40000")).toEqual(["deploy v2", "elsewhere", "outage"]);
    expect(await ids(`?from=0&to=40000&dashboard=${d.id}`)).toEqual(["deploy v2", "outage"]);
    expect(await ids("?from=25000&to=26000")).toEqual(["outage"]); // inside a region
    expect(await ids("?from=11000&to=14000")).toEqual([]);
    expect(await ids("?from=0&to=40000&tags=deploy,api")).toEqual(["deploy v2"]);
    expect(await ids("?from=0&to=40000&tags=deploy,incident")).toEqual([]);
    expect(await ids("?from=1970-01-01T00:00:00Z&to=1970-01-01T00:00:12Z")).toEqual(["deploy v2"]);

    const edited = await call<Annotation>(p.key, "PUT", `/api/v1/annotations/${outage.id}`, { time: 20_000, timeEnd: 35_000, text: "outage (resolved)", tags: ["incident"] });
    expect(edited.json).toMatchObject({ id: outage.id, timeEnd: 35_000, text: "outage (resolved)" });
    expect((await call(p.key, "DELETE", `/api/v1/annotations/${deploy.json.id}`)).status).toBe(204);
    expect(await ids(`?from=0&to=40000&dashboard=${d.id}`)).toEqual(["outage (resolved)"]);

    for (const [body, message] of [
      [{ time: 5, timeEnd: 1, text: "x" }, "'timeEnd' must not be before 'time'"],
      [{ time: "soon", text: "x" }, "'time' must be epoch milliseconds (a whole number)"],
      [{ time: 1, text: "" }, "'text' must be a non-empty string of at most 10000 characters"],
      [{ time: 1, text: "x", panelId: "p1" }, "'panelId' needs a 'dashboardId'"],
      [{ time: 1, text: "x", dashboardId: d.id, panelId: "zz" }, "'panelId': dashboard has no panel \"zz\""],
      [{ time: 1, text: "x", tags: [1] }, "'tags' must be a list of at most 20 non-empty strings of at most 50 characters"],
    ] as const) {
      const r = await post(body);
      expect(r.status).toBe(400);
      expect((r.json as unknown as Json).error).toBe(message);
    }
    expect((await call(p.reader, "GET", "/api/v1/annotations?from=later")).status).toBe(400);
    expect((await call(p.reader, "POST", "/api/v1/annotations", { time: 1, text: "x" })).status).toBe(401);
    expect(await ids("?from=0&to=40000")).toEqual(["elsewhere", "outage (resolved)"]);
  });
});

// ---- built-in dashboards -------------------------------------------------------------------

function spansPayload(spans: { service: string; route: string; method: string; ms: number; error: boolean; timeMs: number; version: string }[]): string {
  const byService = new Map<string, typeof spans>();
  for (const s of spans) byService.set(s.service, [...(byService.get(s.service) ?? []), s]);
  const hex = (i: number, len: number) => i.toString(16).padStart(len, "0");
  let i = 0;
  return JSON.stringify({
    resourceSpans: [...byService].map(([service, list]) => ({
      resource: { attributes: [{ key: "service.name", value: { stringValue: service } }, { key: "service.version", value: { stringValue: list[0].version } }] },
      scopeSpans: [
        {
          scope: { name: "test" },
          spans: list.map((s) => {
            i++;
            return {
              traceId: hex(i, 32),
              spanId: hex(i, 16),
              name: `${s.method} ${s.route}`,
              kind: 2,
              startTimeUnixNano: String(BigInt(s.timeMs) * 1_000_000n),
              endTimeUnixNano: String(BigInt(s.timeMs) * 1_000_000n + BigInt(s.ms) * 1_000_000n),
              attributes: [
                { key: "http.route", value: { stringValue: s.route } },
                { key: "http.request.method", value: { stringValue: s.method } },
              ],
              status: { code: s.error ? 2 : 1 },
            };
          }),
        },
      ],
    })),
  });
}

const SEVERITY_NUMBER: Record<string, number> = { DEBUG: 5, INFO: 9, WARN: 13, ERROR: 17 };

describe("built-in dashboards", () => {
  it("exist once in every new project, and a deleted one stays deleted", async () => {
    const p = await project();
    const builtIns = (await list(p.key)).filter((d) => d.builtIn);
    expect(builtIns.map((d) => [d.builtIn, d.title, d.version])).toEqual([
      ["logs-overview", "Logs overview", 1],
      ["service-overview", "Service overview", 1],
    ]);
    expect(await seedBuiltInDashboards(env.DB, p.id)).toBe(0);
    expect((await list(p.key)).filter((d) => d.builtIn)).toHaveLength(2);
    await call(p.key, "DELETE", `/api/v1/dashboards/${builtIns[0].id}`);
    expect(await seedBuiltInDashboards(env.DB, p.id)).toBe(0);
    expect((await list(p.key)).filter((d) => d.builtIn).map((d) => d.builtIn)).toEqual(["service-overview"]);
    const record = await call<DashboardRecord>(p.key, "GET", `/api/v1/dashboards/${builtIns[1].id}`);
    expect(record.json.spec).toEqual(BUILT_IN_DASHBOARDS.find((b) => b.key === "service-overview")!.spec);
  });

  it("reach projects that predate them when the worker starts, once", async () => {
    const id = `old${Date.now().toString(36)}${n++}`;
    // A project created before built-in dashboards existed: no seeding ran for it.
    await env.DB.prepare("INSERT INTO projects (id, name, created_at) VALUES (?, ?, ?)").bind(id, id, Date.now()).run();
    const { key } = await createApiKey(env.DB, id, "k", ["read"]);
    expect(await list(key)).toEqual([]);
    await seedAllProjects(env.DB);
    await seedAllProjects(env.DB);
    expect((await list(key)).map((d) => d.builtIn)).toEqual(["logs-overview", "service-overview"]);
  });

  it("run every query on real data", async () => {
    const p = await project();
    const t = Date.now() - 10 * 60_000;
    const spans = [
      ...Array.from({ length: 8 }, (_, i) => ({ service: "checkout", route: "/pay", method: "POST", ms: 100 + i * 10, error: i === 0, timeMs: t + i * 1000, version: "1.2" })),
      ...Array.from({ length: 4 }, (_, i) => ({ service: "catalog", route: "/items", method: "GET", ms: 5 + i, error: false, timeMs: t + i * 1000, version: "3.0" })),
    ];
    const sent = await SELF.fetch("http://x/v1/traces", { method: "POST", headers: { authorization: `Bearer ${p.key}`, "content-type": "application/json" }, body: spansPayload(spans) });
    expect(sent.status).toBe(200);
    for (const [service, records] of [
      ["checkout", [{ seq: 1, timeMs: t, body: "card declined", severity: "ERROR" }, { seq: 2, timeMs: t + 1, body: "card declined", severity: "ERROR" }, { seq: 3, timeMs: t + 2, body: "ok" }]],
      ["catalog", [{ seq: 4, timeMs: t + 3, body: "cache miss", severity: "WARN" }]],
    ] as const) {
      // Real SDKs send the severity number with the text; `severity >= "ERROR"` compares the number.
      const body = logsPayload(service, [...records]).replace(/"severityText":"(\w+)","severityNumber":9/g, (_, text: string) => `"severityText":"${text}","severityNumber":${SEVERITY_NUMBER[text]}`);
      const r = await SELF.fetch("http://x/v1/logs", { method: "POST", headers: { authorization: `Bearer ${p.key}`, "content-type": "application/json" }, body });
      expect(r.status).toBe(200);
    }

    const run = async (query: string, vars: Record<string, unknown>) => {
      const r = await call<{ columns: { name: string }[]; rows: unknown[][] }>(p.reader, "POST", "/api/v1/query", { query, vars, from: "now-1h", to: "now" });
      expect(r.status, `${query}: ${JSON.stringify(r.json)}`).toBe(200);
      return r.json;
    };
    for (const { key, spec: s } of BUILT_IN_DASHBOARDS) {
      // The variable's own query gives the values; "All" sends them all as a list.
      const variable = s.variables[0];
      expect(variable.kind).toBe("query");
      const values = (await run((variable as { query: string }).query, {})).rows.map((r) => r[0]);
      expect(values, key).toEqual(["catalog", "checkout"]);
      const vars = { service: values };
      const results = new Map<string, unknown[][]>();
      for (const panel of s.panels) {
        for (const q of panel.queries) results.set(panel.id, (await run(q.query, vars)).rows);
      }
      for (const a of s.annotations) expect((await run(a.query, vars)).rows.length).toBeGreaterThan(0);
      if (key === "service-overview") {
        expect(results.get("requests")).toEqual([[12]]);
        expect(results.get("error-ratio")).toEqual([[1 / 12]]);
        expect(results.get("slowest-routes")![0]).toEqual(["/pay", expect.closeTo(166.5, 1)]);
        expect(results.get("endpoints")!.map((r) => r.slice(0, 4))).toEqual([
          ["checkout", "POST", "/pay", 8],
          ["catalog", "GET", "/items", 4],
        ]);
        // Only the chosen service when the variable holds one value.
        expect((await run(s.panels[0].queries[0].query, { service: ["catalog"] })).rows).toEqual([[4]]);
      } else {
        expect(results.get("errors-by-service")).toEqual([["checkout", 2]]);
        expect(results.get("top-errors")!.map((r) => r.slice(0, 3))).toEqual([["checkout", "card declined", 2]]);
        expect(results.get("logs")).toHaveLength(4);
      }
    }
  }, 120_000);
});
