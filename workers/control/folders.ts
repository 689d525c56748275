/**
 * Dashboard folders in D1, one level deep (like Grafana's default). Titles are unique
 * per project so import can find a folder by name; a folder with dashboards in it
 * cannot be deleted (the caller moves or deletes them first).
 */
import type { Folder } from "../../core/dashboards/api-types";

export type FolderResult = { kind: "ok"; folder: Folder } | { kind: "not_found" } | { kind: "duplicate" } | { kind: "not_empty"; dashboards: number };

interface FolderRow {
  id: string;
  title: string;
  created_at: number;
  dashboards: number;
}

const SELECT = `SELECT f.id, f.title, f.created_at,
  (SELECT COUNT(*) FROM dashboards d WHERE d.project_id = f.project_id AND d.folder_id = f.id) AS dashboards
  FROM dashboard_folders f`;

const toFolder = (r: FolderRow): Folder => ({ id: r.id, title: r.title, dashboardCount: r.dashboards, createdAt: r.created_at });

export async function listFolders(db: D1Database, projectId: string): Promise<Folder[]> {
  const { results } = await db.prepare(`${SELECT} WHERE f.project_id = ? ORDER BY lower(f.title)`).bind(projectId).all<FolderRow>();
  return results.map(toFolder);
}

export async function getFolder(db: D1Database, projectId: string, id: string): Promise<Folder | null> {
  const row = await db.prepare(`${SELECT} WHERE f.project_id = ? AND f.id = ?`).bind(projectId, id).first<FolderRow>();
  return row ? toFolder(row) : null;
}

export async function findFolderByTitle(db: D1Database, projectId: string, title: string): Promise<Folder | null> {
  const row = await db.prepare(`${SELECT} WHERE f.project_id = ? AND f.title = ?`).bind(projectId, title).first<FolderRow>();
  return row ? toFolder(row) : null;
}

const isUnique = (err: unknown) => /UNIQUE/i.test(String(err));

export async function createFolder(db: D1Database, projectId: string, title: string, now = Date.now()): Promise<FolderResult> {
  const id = crypto.randomUUID();
  try {
    await db.prepare("INSERT INTO dashboard_folders (project_id, id, title, created_at) VALUES (?, ?, ?, ?)").bind(projectId, id, title, now).run();
  } catch (err) {
    if (isUnique(err)) return { kind: "duplicate" };
    throw err;
  }
  return { kind: "ok", folder: { id, title, dashboardCount: 0, createdAt: now } };
}

/** The folder called `title`, created if missing (import uses this). */
export async function ensureFolder(db: D1Database, projectId: string, title: string): Promise<Folder> {
  const existing = await findFolderByTitle(db, projectId, title);
  if (existing) return existing;
  const created = await createFolder(db, projectId, title);
  if (created.kind === "ok") return created.folder;
  // Created by a concurrent import a moment ago.
  return (await findFolderByTitle(db, projectId, title))!;
}

export async function renameFolder(db: D1Database, projectId: string, id: string, title: string): Promise<FolderResult> {
  try {
    const r = await db.prepare("UPDATE dashboard_folders SET title = ? WHERE project_id = ? AND id = ?").bind(title, projectId, id).run();
    if ((r.meta.changes ?? 0) === 0) return { kind: "not_found" };
  } catch (err) {
    if (isUnique(err)) return { kind: "duplicate" };
    throw err;
  }
  return { kind: "ok", folder: (await getFolder(db, projectId, id))! };
}

export async function deleteFolder(db: D1Database, projectId: string, id: string): Promise<FolderResult> {
  const folder = await getFolder(db, projectId, id);
  if (!folder) return { kind: "not_found" };
  // The emptiness check is part of the DELETE, so a dashboard moved in meanwhile still blocks it.
  const r = await db
    .prepare("DELETE FROM dashboard_folders WHERE project_id = ? AND id = ? AND NOT EXISTS (SELECT 1 FROM dashboards d WHERE d.project_id = ? AND d.folder_id = ?)")
    .bind(projectId, id, projectId, id)
    .run();
  if ((r.meta.changes ?? 0) === 0) return { kind: "not_empty", dashboards: (await getFolder(db, projectId, id))?.dashboardCount ?? folder.dashboardCount };
  return { kind: "ok", folder };
}
