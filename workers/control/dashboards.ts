/**
 * Dashboards in D1: records, every saved version, stars and search. Every
 * statement filters by project id. Specs arrive here already validated and normalised
 * (core/dashboards/validate.ts); this module only stores and reads them.
 *
 * Optimistic concurrency: a save inserts version row N+1 and moves the dashboard from
 * version N in one batch (one transaction). Two writers that both read N race on the
 * primary key of that version row: the second fails and nothing of it is written.
 */
import type { DashboardRecord, DashboardSpec } from "../../core/dashboards/spec";
import type { DashboardSummary, DashboardVersion, DashboardVersionInfo } from "../../core/dashboards/api-types";
import { likePattern, searchFields, searchWords } from "../../core/dashboards/search";

/** Who is acting: `id` is `session:<user>` or an API key id (stars and audit); `name` is shown. */
export interface Actor {
  id: string;
  name: string | null;
}

interface DashboardRow {
  id: string;
  project_id: string;
  folder_id: string | null;
  spec: string;
  version: number;
  built_in: string | null;
  created_at: number;
  updated_at: number;
  updated_by: string | null;
  starred: number;
}

const RECORD_COLUMNS = `d.id, d.project_id, d.folder_id, d.spec, d.version, d.built_in, d.created_at, d.updated_at, d.updated_by,
  EXISTS (SELECT 1 FROM dashboard_stars s WHERE s.project_id = d.project_id AND s.dashboard_id = d.id AND s.owner = ?) AS starred`;

function toRecord(row: DashboardRow): DashboardRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    folderId: row.folder_id,
    version: row.version,
    spec: JSON.parse(row.spec) as DashboardSpec,
    starred: row.starred === 1,
    builtIn: row.built_in,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

/** The display name of whoever is signed in: a user's email, or `key:<name>` for an API key. */
export async function actorFor(db: D1Database, projectId: string, keyId: string): Promise<Actor> {
  if (keyId.startsWith("session:")) {
    const row = await db.prepare("SELECT email FROM users WHERE id = ?").bind(keyId.slice(8)).first<{ email: string }>();
    return { id: keyId, name: row?.email ?? null };
  }
  const row = await db.prepare("SELECT name FROM api_keys WHERE id = ? AND project_id = ?").bind(keyId, projectId).first<{ name: string }>();
  return { id: keyId, name: row ? `key:${row.name}` : null };
}

export interface CreateOptions {
  folderId?: string | null;
  builtIn?: string | null;
  message?: string | null;
  now?: number;
  id?: string;
}

/** Statements that create a dashboard and its version 1 (for batching with other writes). */
export function createStatements(db: D1Database, projectId: string, spec: DashboardSpec, actor: Actor | null, opts: CreateOptions = {}): { id: string; statements: D1PreparedStatement[] } {
  const id = opts.id ?? crypto.randomUUID();
  const now = opts.now ?? Date.now();
  const json = JSON.stringify(spec);
  const statements = [
    db
      .prepare(
        `INSERT INTO dashboards (project_id, id, folder_id, title, tags, panel_count, search_title, search_tags, search_panels, spec, version, built_in,
           created_at, created_by, updated_at, updated_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)`,
      )
      .bind(projectId, id, opts.folderId ?? null, ...listed(spec), json, opts.builtIn ?? null, now, actor?.name ?? null, now, actor?.name ?? null),
    versionStatement(db, projectId, id, 1, json, actor, opts.message ?? null, now),
  ];
  return { id, statements };
}

/** Columns copied from the spec for lists and search: title, tags, panel_count, search_*. */
function listed(spec: DashboardSpec): unknown[] {
  const search = searchFields(spec);
  return [spec.title, JSON.stringify(spec.tags), spec.panels.length, search.title, search.tags, search.panels];
}

function versionStatement(db: D1Database, projectId: string, id: string, version: number, json: string, actor: Actor | null, message: string | null, now: number): D1PreparedStatement {
  return db
    .prepare("INSERT INTO dashboard_versions (project_id, dashboard_id, version, spec, author, author_id, created_at, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
    .bind(projectId, id, version, json, actor?.name ?? null, actor?.id ?? null, now, message);
}

export async function createDashboard(db: D1Database, projectId: string, spec: DashboardSpec, actor: Actor | null, opts: CreateOptions = {}): Promise<DashboardRecord> {
  const { id, statements } = createStatements(db, projectId, spec, actor, opts);
  await db.batch(statements);
  return (await getDashboard(db, projectId, id, actor?.id ?? ""))!;
}

export async function getDashboard(db: D1Database, projectId: string, id: string, owner: string): Promise<DashboardRecord | null> {
  const row = await db
    .prepare(`SELECT ${RECORD_COLUMNS} FROM dashboards d WHERE d.project_id = ? AND d.id = ?`)
    .bind(owner, projectId, id)
    .first<DashboardRow>();
  return row ? toRecord(row) : null;
}

export type UpdateResult =
  | { kind: "updated"; record: DashboardRecord }
  | { kind: "not_found" }
  | { kind: "conflict"; currentVersion: number; updatedBy: string | null; updatedAt: number };

export interface UpdateOptions {
  message?: string | null;
  /** Omitted: the folder stays as it is. */
  folderId?: string | null;
  now?: number;
}

/** Saves `spec` as version `expectedVersion + 1`, if `expectedVersion` is still current. */
export async function updateDashboard(
  db: D1Database,
  projectId: string,
  id: string,
  expectedVersion: number,
  spec: DashboardSpec,
  actor: Actor,
  opts: UpdateOptions = {},
): Promise<UpdateResult> {
  const current = await db
    .prepare("SELECT version, updated_by, updated_at FROM dashboards WHERE project_id = ? AND id = ?")
    .bind(projectId, id)
    .first<{ version: number; updated_by: string | null; updated_at: number }>();
  if (!current) return { kind: "not_found" };
  const conflict = (row: { version: number; updated_by: string | null; updated_at: number }): UpdateResult => ({
    kind: "conflict",
    currentVersion: row.version,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  });
  if (current.version !== expectedVersion) return conflict(current);
  const now = opts.now ?? Date.now();
  const json = JSON.stringify(spec);
  const folderSql = opts.folderId === undefined ? "" : ", folder_id = ?";
  const folderArgs = opts.folderId === undefined ? [] : [opts.folderId];
  try {
    await db.batch([
      versionStatement(db, projectId, id, expectedVersion + 1, json, actor, opts.message ?? null, now),
      db
        .prepare(
          `UPDATE dashboards SET title = ?, tags = ?, panel_count = ?, search_title = ?, search_tags = ?, search_panels = ?, spec = ?,
             version = version + 1, updated_at = ?, updated_by = ?${folderSql}
           WHERE project_id = ? AND id = ? AND version = ?`,
        )
        .bind(...listed(spec), json, now, actor.name, ...folderArgs, projectId, id, expectedVersion),
    ]);
  } catch (err) {
    // Another save took version N+1 between our read and our write.
    if (!/UNIQUE|PRIMARY KEY|constraint/i.test(String(err))) throw err;
    const now = await db
      .prepare("SELECT version, updated_by, updated_at FROM dashboards WHERE project_id = ? AND id = ?")
      .bind(projectId, id)
      .first<{ version: number; updated_by: string | null; updated_at: number }>();
    return now ? conflict(now) : { kind: "not_found" };
  }
  const record = await getDashboard(db, projectId, id, actor.id);
  return record ? { kind: "updated", record } : { kind: "not_found" };
}

export async function deleteDashboard(db: D1Database, projectId: string, id: string): Promise<boolean> {
  const [deleted] = await db.batch([
    db.prepare("DELETE FROM dashboards WHERE project_id = ? AND id = ?").bind(projectId, id),
    db.prepare("DELETE FROM dashboard_versions WHERE project_id = ? AND dashboard_id = ?").bind(projectId, id),
    db.prepare("DELETE FROM dashboard_stars WHERE project_id = ? AND dashboard_id = ?").bind(projectId, id),
    db.prepare("DELETE FROM annotations WHERE project_id = ? AND dashboard_id = ?").bind(projectId, id),
  ]);
  return (deleted.meta.changes ?? 0) > 0;
}

export interface ListFilter {
  /** Words that must each appear in the title, tags or panel titles (any case, accents ignored). */
  q?: string;
  tag?: string;
  folderId?: string;
  starred?: boolean;
}

const MAX_LIST = 1000;

export async function listDashboards(db: D1Database, projectId: string, owner: string, filter: ListFilter): Promise<DashboardSummary[]> {
  const where = ["d.project_id = ?"];
  const whereArgs: unknown[] = [projectId];
  // Rank: per word, 0 when the title has it, 1 for a tag, 2 for a panel title only.
  const rank: string[] = [];
  const rankArgs: unknown[] = [];
  const words = filter.q === undefined ? [] : searchWords(filter.q);
  if (filter.q !== undefined && filter.q.trim() !== "" && words.length === 0) return [];
  for (const word of words) {
    const like = likePattern(word);
    where.push("(d.search_title LIKE ? ESCAPE '\\' OR d.search_tags LIKE ? ESCAPE '\\' OR d.search_panels LIKE ? ESCAPE '\\')");
    whereArgs.push(like, like, like);
    rank.push("(CASE WHEN d.search_title LIKE ? ESCAPE '\\' THEN 0 WHEN d.search_tags LIKE ? ESCAPE '\\' THEN 1 ELSE 2 END)");
    rankArgs.push(like, like);
  }
  if (filter.tag !== undefined) {
    where.push("EXISTS (SELECT 1 FROM json_each(d.tags) t WHERE t.value = ?)");
    whereArgs.push(filter.tag);
  }
  if (filter.folderId !== undefined) {
    where.push("d.folder_id = ?");
    whereArgs.push(filter.folderId);
  }
  if (filter.starred) where.push("starred = 1");
  const { results } = await db
    .prepare(
      `SELECT d.id, d.title, d.tags, d.folder_id, d.built_in, d.version, d.panel_count, d.updated_at, d.updated_by,
         EXISTS (SELECT 1 FROM dashboard_stars s WHERE s.project_id = d.project_id AND s.dashboard_id = d.id AND s.owner = ?) AS starred,
         ${rank.length > 0 ? rank.join(" + ") : "0"} AS rank
       FROM dashboards d WHERE ${where.join(" AND ")} ORDER BY rank, lower(d.title), d.id LIMIT ${MAX_LIST}`,
    )
    .bind(owner, ...rankArgs, ...whereArgs)
    .all<{ id: string; title: string; tags: string; folder_id: string | null; built_in: string | null; version: number; panel_count: number; updated_at: number; updated_by: string | null; starred: number }>();
  return results.map((r) => ({
    id: r.id,
    title: r.title,
    tags: JSON.parse(r.tags) as string[],
    folderId: r.folder_id,
    starred: r.starred === 1,
    builtIn: r.built_in,
    version: r.version,
    panelCount: r.panel_count,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  }));
}

export async function listVersions(db: D1Database, projectId: string, id: string): Promise<DashboardVersionInfo[]> {
  const { results } = await db
    .prepare("SELECT version, author, created_at, message FROM dashboard_versions WHERE project_id = ? AND dashboard_id = ? ORDER BY version DESC")
    .bind(projectId, id)
    .all<{ version: number; author: string | null; created_at: number; message: string | null }>();
  return results.map((r) => ({ version: r.version, author: r.author, createdAt: r.created_at, message: r.message }));
}

export async function getVersion(db: D1Database, projectId: string, id: string, version: number): Promise<DashboardVersion | null> {
  const r = await db
    .prepare("SELECT version, author, created_at, message, spec FROM dashboard_versions WHERE project_id = ? AND dashboard_id = ? AND version = ?")
    .bind(projectId, id, version)
    .first<{ version: number; author: string | null; created_at: number; message: string | null; spec: string }>();
  return r ? { version: r.version, author: r.author, createdAt: r.created_at, message: r.message, spec: JSON.parse(r.spec) as DashboardSpec } : null;
}

/** Stars a dashboard for `owner`; false when the dashboard is not in the project. */
export async function setStar(db: D1Database, projectId: string, id: string, owner: string, starred: boolean, now = Date.now()): Promise<boolean> {
  const exists = await db.prepare("SELECT 1 AS x FROM dashboards WHERE project_id = ? AND id = ?").bind(projectId, id).first();
  if (!exists) return false;
  if (starred) {
    await db
      .prepare("INSERT OR IGNORE INTO dashboard_stars (project_id, dashboard_id, owner, created_at) VALUES (?, ?, ?, ?)")
      .bind(projectId, id, owner, now)
      .run();
  } else {
    await db.prepare("DELETE FROM dashboard_stars WHERE project_id = ? AND dashboard_id = ? AND owner = ?").bind(projectId, id, owner).run();
  }
  return true;
}
