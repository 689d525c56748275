/**
 * Shapes of the dashboards API beyond the stored model in ./spec.ts (which stays the one
 * source for DashboardRecord, Annotation and DashboardExport): list summaries, versions,
 * conflicts and folders. Shared by the worker routes and the dashboard app.
 */
import type { DashboardSpec } from "./spec";
import type { SpecDiff } from "./diff";

/** One row of `GET /api/v1/dashboards` → `{ dashboards: DashboardSummary[] }`. */
export interface DashboardSummary {
  id: string;
  title: string;
  tags: string[];
  folderId: string | null;
  starred: boolean;
  builtIn: string | null;
  version: number;
  panelCount: number;
  updatedAt: number;
  updatedBy: string | null;
}

/** One row of `GET /api/v1/dashboards/:id/versions` → `{ versions: DashboardVersionInfo[] }`. */
export interface DashboardVersionInfo {
  version: number;
  /** Display name: the user's email, or `key:<name>` for an API key. */
  author: string | null;
  createdAt: number;
  message: string | null;
}

/** `GET /api/v1/dashboards/:id/versions/:v`. */
export interface DashboardVersion extends DashboardVersionInfo {
  spec: DashboardSpec;
}

/** `GET /api/v1/dashboards/:id/diff?from=&to=`. */
export interface DashboardDiffResponse extends SpecDiff {
  from: number;
  to: number;
}

/** The 409 body when an update sends a version that is no longer current. */
export interface VersionConflict {
  error: string;
  currentVersion: number;
  updatedBy: string | null;
  updatedAt: number;
}

/** `GET /api/v1/folders` → `{ folders: Folder[] }`. */
export interface Folder {
  id: string;
  title: string;
  dashboardCount: number;
  createdAt: number;
}
