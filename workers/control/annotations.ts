/**
 * Manual annotations in D1: a time (or a time range) with text and tags, on one
 * dashboard (optionally one panel) or, without a dashboard, on all of them. Query
 * annotations (deployments…) are run by the app through the query API; none are stored.
 */
import type { Annotation } from "../../core/dashboards/spec";

export interface AnnotationInput {
  time: number;
  timeEnd: number | null;
  text: string;
  tags: string[];
  dashboardId: string | null;
  panelId: string | null;
}

interface AnnotationRow {
  id: string;
  dashboard_id: string | null;
  panel_id: string | null;
  time: number;
  time_end: number | null;
  text: string;
  tags: string;
  created_by: string | null;
  created_at: number;
}

const toAnnotation = (r: AnnotationRow): Annotation => ({
  id: r.id,
  dashboardId: r.dashboard_id,
  panelId: r.panel_id,
  time: r.time,
  timeEnd: r.time_end,
  text: r.text,
  tags: JSON.parse(r.tags) as string[],
  createdBy: r.created_by,
  createdAt: r.created_at,
});

const COLUMNS = "id, dashboard_id, panel_id, time, time_end, text, tags, created_by, created_at";

export const MAX_ANNOTATIONS_LISTED = 1000;

export interface AnnotationFilter {
  fromMs: number;
  toMs: number;
  /** Annotations of this dashboard plus the project-wide ones. */
  dashboardId?: string;
  /** Every tag must be present. */
  tags?: string[];
}

/** Annotations that overlap [fromMs, toMs], oldest first. */
export async function listAnnotations(db: D1Database, projectId: string, filter: AnnotationFilter): Promise<Annotation[]> {
  const where = ["project_id = ?", "time <= ?", "COALESCE(time_end, time) >= ?"];
  const args: unknown[] = [projectId, filter.toMs, filter.fromMs];
  if (filter.dashboardId !== undefined) {
    where.push("(dashboard_id = ? OR dashboard_id IS NULL)");
    args.push(filter.dashboardId);
  }
  for (const tag of filter.tags ?? []) {
    where.push("EXISTS (SELECT 1 FROM json_each(annotations.tags) t WHERE t.value = ?)");
    args.push(tag);
  }
  const { results } = await db
    .prepare(`SELECT ${COLUMNS} FROM annotations WHERE ${where.join(" AND ")} ORDER BY time, id LIMIT ${MAX_ANNOTATIONS_LISTED}`)
    .bind(...args)
    .all<AnnotationRow>();
  return results.map(toAnnotation);
}

export async function getAnnotation(db: D1Database, projectId: string, id: string): Promise<Annotation | null> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM annotations WHERE project_id = ? AND id = ?`).bind(projectId, id).first<AnnotationRow>();
  return row ? toAnnotation(row) : null;
}

export async function createAnnotation(db: D1Database, projectId: string, input: AnnotationInput, createdBy: string | null, now = Date.now()): Promise<Annotation> {
  const id = crypto.randomUUID();
  await db
    .prepare(`INSERT INTO annotations (project_id, ${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .bind(projectId, id, input.dashboardId, input.panelId, input.time, input.timeEnd, input.text, JSON.stringify(input.tags), createdBy, now)
    .run();
  return (await getAnnotation(db, projectId, id))!;
}

export async function updateAnnotation(db: D1Database, projectId: string, id: string, input: AnnotationInput): Promise<Annotation | null> {
  const r = await db
    .prepare("UPDATE annotations SET dashboard_id = ?, panel_id = ?, time = ?, time_end = ?, text = ?, tags = ? WHERE project_id = ? AND id = ?")
    .bind(input.dashboardId, input.panelId, input.time, input.timeEnd, input.text, JSON.stringify(input.tags), projectId, id)
    .run();
  return (r.meta.changes ?? 0) > 0 ? getAnnotation(db, projectId, id) : null;
}

export async function deleteAnnotation(db: D1Database, projectId: string, id: string): Promise<boolean> {
  const r = await db.prepare("DELETE FROM annotations WHERE project_id = ? AND id = ?").bind(projectId, id).run();
  return (r.meta.changes ?? 0) > 0;
}
