/**
 * The dashboards list, shaped for display: grouped by folder (General for none), starred
 * first in each group then by title, and the tags to filter by. Pure, unit-tested.
 */
import type { DashboardSummary, Folder } from "./client";

export interface FolderGroup {
  folder: Folder | null;
  dashboards: DashboardSummary[];
}

export const byStarThenTitle = (a: DashboardSummary, b: DashboardSummary) => Number(b.starred) - Number(a.starred) || a.title.localeCompare(b.title) || a.id.localeCompare(b.id);

/**
 * Folders in title order, General first; empty folders are shown only when nothing is
 * filtered (a search that matches nothing in a folder hides it).
 */
export function groupByFolder(dashboards: DashboardSummary[], folders: Folder[], filtered: boolean): FolderGroup[] {
  const groups: FolderGroup[] = [{ folder: null, dashboards: [] }, ...[...folders].sort((a, b) => a.title.localeCompare(b.title)).map((folder) => ({ folder, dashboards: [] as DashboardSummary[] }))];
  const byId = new Map(groups.filter((g) => g.folder).map((g) => [g.folder!.id, g]));
  for (const d of dashboards) (byId.get(d.folderId ?? "") ?? groups[0]).dashboards.push(d);
  for (const g of groups) g.dashboards.sort(byStarThenTitle);
  return groups.filter((g) => g.dashboards.length > 0 || (!filtered && g.folder !== null));
}

/** Every tag in use, sorted, for the tag filter. */
export function allTags(dashboards: DashboardSummary[]): string[] {
  return [...new Set(dashboards.flatMap((d) => d.tags))].sort((a, b) => a.localeCompare(b));
}
