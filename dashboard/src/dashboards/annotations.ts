/**
 * Annotations for a dashboard: rows of its annotation queries turned into annotations, merged
 * with the manual ones the API stores, in time order. Also the built-in "deployments" query.
 * Pure, unit-tested.
 */
import type { Annotation, AnnotationQuery } from "../../../core/dashboards/spec";
import type { QueryResult } from "../api";

/**
 * Deployments: the first time each (service, version) was seen in the range. Each row marks
 * a version appearing, which is what a deploy looks like from the telemetry.
 */
export const DEPLOYMENTS_QUERY =
  'spans | where isnotempty(service.version) | summarize timestamp = min(timestamp) by service.name, service.version | extend title = "Deployment", text = strcat(service.name, " ", service.version), tags = strcat("deploy,", service.name) | sort by timestamp asc';

export const DEPLOYMENTS_ANNOTATION: AnnotationQuery = { name: "Deployments", query: DEPLOYMENTS_QUERY, color: "#8250df", enabled: true };

const timeOf = (v: unknown): number | null => {
  if (typeof v === "number") return v;
  const ms = Date.parse(String(v));
  return Number.isNaN(ms) ? null : ms;
};

const tagsOf = (v: unknown): string[] => {
  if (Array.isArray(v)) return v.map(String).filter(Boolean);
  if (v === null || v === undefined || v === "") return [];
  return String(v)
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
};

/**
 * One annotation per row with a time: `timestamp` (else the first TIMESTAMP column), text from
 * `text` (else `title`, else the other columns), tags from `tags` (a list or comma-separated)
 * plus the query's name, so a marker says where it came from.
 */
export function annotationsFromResult(query: AnnotationQuery, result: QueryResult, dashboardId: string | null): Annotation[] {
  const col = (name: string) => result.columns.findIndex((c) => c.name === name);
  let t = col("timestamp");
  if (t < 0) t = result.columns.findIndex((c) => c.type.startsWith("TIMESTAMP"));
  if (t < 0) return [];
  const text = col("text");
  const title = col("title");
  const tags = col("tags");
  const end = col("timeEnd");
  const out: Annotation[] = [];
  result.rows.forEach((row, i) => {
    const time = timeOf(row[t]);
    if (time === null) return;
    const rest = result.columns.map((c, j) => (j === t || j === tags ? null : `${c.name}=${row[j] ?? ""}`)).filter(Boolean);
    const body = [title >= 0 ? row[title] : null, text >= 0 ? row[text] : null].filter((x) => x !== null && x !== undefined && x !== "").map(String);
    out.push({
      id: `query:${query.name}:${i}`,
      dashboardId,
      panelId: null,
      time,
      timeEnd: end >= 0 ? timeOf(row[end]) : null,
      text: body.length ? body.join(": ") : rest.join(" "),
      tags: [...new Set([query.name, ...(tags >= 0 ? tagsOf(row[tags]) : [])])],
      createdBy: null,
      createdAt: time,
    });
  });
  return out;
}

/** Manual and query annotations in one list, by time, each id once, only those touching the range. */
export function mergeAnnotations(lists: Annotation[][], range: { fromMs: number; toMs: number }): Annotation[] {
  const byId = new Map<string, Annotation>();
  for (const list of lists) for (const a of list) if (!byId.has(a.id)) byId.set(a.id, a);
  return [...byId.values()].filter((a) => (a.timeEnd ?? a.time) >= range.fromMs && a.time <= range.toMs).sort((a, b) => a.time - b.time || a.id.localeCompare(b.id));
}

/** Tags typed as `deploy, api` → `["deploy", "api"]`. */
export const parseTags = (text: string): string[] => [...new Set(tagsOf(text))];
