/**
 * Every call the dashboards pages make to the server, in one place: the dashboards, folders,
 * versions, stars and annotations API (docs/openapi.yaml) and the query API with variables.
 * Built on the app's `api()` (session cookie, project header, 401 → sign-in).
 */
import type { Annotation, DashboardExport, DashboardRecord, DashboardSpec } from "../../../core/dashboards/spec";
import { api, type QueryResult } from "../api";
import { readDiff } from "./api-shapes";
import type { SentValue } from "./variables";

export interface DashboardSummary {
  id: string;
  title: string;
  tags: string[];
  folderId: string | null;
  starred: boolean;
  updatedAt: number;
  version: number;
  panelCount?: number;
}

export interface Folder {
  id: string;
  title: string;
  dashboardCount?: number;
}

export interface VersionInfo {
  version: number;
  author: string | null;
  createdAt: number;
  message: string | null;
}


const D = "/api/v1/dashboards";
const enc = encodeURIComponent;

export const listDashboards = (filter: { q?: string; tag?: string; folder?: string; starred?: boolean } = {}) => {
  const p = new URLSearchParams();
  if (filter.q) p.set("q", filter.q);
  if (filter.tag) p.set("tag", filter.tag);
  if (filter.folder) p.set("folder", filter.folder);
  if (filter.starred) p.set("starred", "true");
  const qs = p.toString();
  return api<{ dashboards: DashboardSummary[] }>(qs ? `${D}?${qs}` : D).then((r) => r.dashboards);
};

export const createDashboard = (spec: DashboardSpec, folderId: string | null = null) => api<DashboardRecord>(D, { spec, folderId });
export const getDashboard = (id: string) => api<DashboardRecord>(`${D}/${enc(id)}`);
/** Saves on top of `version`; a 409 (ApiError; `readConflict(err.body)`) means someone saved first. */
export const saveDashboard = (id: string, version: number, spec: DashboardSpec, extra: { message?: string; folderId?: string | null } = {}) =>
  api<DashboardRecord>(`${D}/${enc(id)}`, { version, spec, ...extra }, { method: "PUT" });
export const deleteDashboard = (id: string) => api<unknown>(`${D}/${enc(id)}`, undefined, { method: "DELETE" });

export const listVersions = (id: string) => api<{ versions: VersionInfo[] }>(`${D}/${enc(id)}/versions`).then((r) => r.versions);
export const getVersion = (id: string, version: number) => api<VersionInfo & { spec: DashboardSpec }>(`${D}/${enc(id)}/versions/${version}`);
export const diffVersions = (id: string, from: number, to: number) => api<unknown>(`${D}/${enc(id)}/diff?from=${from}&to=${to}`).then(readDiff);
export const restoreVersion = (id: string, version: number) => api<DashboardRecord>(`${D}/${enc(id)}/versions/${version}/restore`, {});

export const exportDashboard = (id: string) => api<DashboardExport>(`${D}/${enc(id)}/export`);
/**
 * Imports an export file (or a bare spec). The file names its folder by title (created if
 * missing); `folderTitle`, when given, puts it there instead.
 */
export const importDashboard = (file: DashboardExport | DashboardSpec, folderTitle?: string | null) => {
  const asExport: DashboardExport = "kind" in file || "dashboard" in file ? (file as DashboardExport) : { kind: "monoscope.dashboard", schemaVersion: (file as DashboardSpec).schemaVersion ?? 1, folder: null, dashboard: file as DashboardSpec };
  return api<DashboardRecord>(`${D}/import`, folderTitle === undefined ? asExport : { ...asExport, folder: folderTitle });
};

export const setStar = (id: string, starred: boolean) => api<unknown>(`${D}/${enc(id)}/star`, undefined, { method: starred ? "PUT" : "DELETE" });

export const listFolders = () => api<{ folders: Folder[] }>("/api/v1/folders").then((r) => r.folders);
export const createFolder = (title: string) => api<Folder>("/api/v1/folders", { title });
export const renameFolder = (id: string, title: string) => api<Folder>(`/api/v1/folders/${enc(id)}`, { title }, { method: "PUT" });
export const deleteFolder = (id: string) => api<unknown>(`/api/v1/folders/${enc(id)}`, undefined, { method: "DELETE" });

export const listAnnotations = (dashboardId: string, range: { fromMs: number; toMs: number }) =>
  api<{ annotations: Annotation[] }>(`/api/v1/annotations?from=${Math.floor(range.fromMs)}&to=${Math.ceil(range.toMs)}&dashboard=${enc(dashboardId)}`).then((r) => r.annotations);
export const createAnnotation = (a: { dashboardId: string; panelId?: string | null; time: number; timeEnd?: number | null; text: string; tags: string[] }) =>
  api<Annotation>("/api/v1/annotations", a);
export const updateAnnotation = (id: string, a: { text?: string; tags?: string[]; time?: number; timeEnd?: number | null }) =>
  api<Annotation>(`/api/v1/annotations/${enc(id)}`, a, { method: "PUT" });
export const deleteAnnotation = (id: string) => api<unknown>(`/api/v1/annotations/${enc(id)}`, undefined, { method: "DELETE" });

/** Runs a query over an absolute range (epoch ms) with variables; `signal` cancels it. */
export const runQuery = (query: string, range: { fromMs: number; toMs: number }, vars: Record<string, SentValue>, signal?: AbortSignal) =>
  api<QueryResult>("/api/v1/query", { query, from: Math.floor(range.fromMs), to: Math.ceil(range.toMs), vars }, { signal });
