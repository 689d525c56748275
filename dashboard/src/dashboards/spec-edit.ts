/**
 * Edits to a dashboard spec as pure functions returning a new spec: new and duplicated
 * panels (unique ids, placed on the grid), removal, layout changes from the grid, a new
 * dashboard. The editor UI calls these; unit-tested.
 */
import { DASHBOARD_SCHEMA_VERSION, type DashboardSpec, type Panel, type PanelQuery, type WidgetType } from "../../../core/dashboards/spec";
import { duplicatePos, firstFit, insertItem, type LayoutItem } from "./layout";
import { WIDGET_META } from "./widgets/meta";

export function emptySpec(title: string): DashboardSpec {
  return { schemaVersion: DASHBOARD_SCHEMA_VERSION, title, tags: [], time: { from: "now-6h", to: "now" }, refresh: null, variables: [], panels: [], annotations: [] };
}

/** `p1`, `p2`, …: the first id the dashboard does not use. */
export function nextPanelId(spec: DashboardSpec): string {
  const used = new Set(spec.panels.map((p) => p.id));
  let n = spec.panels.length + 1;
  while (used.has(`p${n}`)) n++;
  return `p${n}`;
}

/** `A`, `B`, … `Z`, `AA`…: the first refId the panel does not use. */
export function nextRefId(queries: PanelQuery[]): string {
  const used = new Set(queries.map((q) => q.refId));
  for (let i = 0; ; i++) {
    let id = "";
    for (let n = i; n >= 0; n = Math.floor(n / 26) - 1) id = String.fromCharCode(65 + (n % 26)) + id;
    if (!used.has(id)) return id;
  }
}

export function layoutOf(spec: DashboardSpec): LayoutItem[] {
  return spec.panels.map((p) => ({ id: p.id, ...p.grid }));
}

/** Puts a layout's positions back on the panels. */
export function withLayout(spec: DashboardSpec, layout: LayoutItem[]): DashboardSpec {
  const at = new Map(layout.map((l) => [l.id, l]));
  return {
    ...spec,
    panels: spec.panels.map((p) => {
      const l = at.get(p.id);
      return l ? { ...p, grid: { x: l.x, y: l.y, w: l.w, h: l.h } } : p;
    }),
  };
}

/**
 * A new panel of a type in the first free spot, with the widget's default size, options and
 * example query; returns the spec and the new panel's id.
 */
export function addPanel(spec: DashboardSpec, type: WidgetType): { spec: DashboardSpec; id: string } {
  const id = nextPanelId(spec);
  const meta = WIDGET_META[type];
  const grid = firstFit(layoutOf(spec), meta.size.w, meta.size.h);
  const panel: Panel = {
    id,
    type,
    title: meta.label,
    grid,
    queries: meta.queries === "none" ? [] : [{ refId: "A", query: meta.example }],
    options: structuredClone(meta.defaults),
  };
  return { spec: { ...spec, panels: [...spec.panels, panel] }, id };
}

/** A copy of a panel (deep, new id) beside or below the original. */
export function duplicatePanel(spec: DashboardSpec, panelId: string): { spec: DashboardSpec; id: string } {
  const source = spec.panels.find((p) => p.id === panelId);
  if (!source) return { spec, id: panelId };
  const id = nextPanelId(spec);
  const copy: Panel = { ...structuredClone(source), id, title: `${source.title} (copy)`, grid: duplicatePos(layoutOf(spec), source.grid) };
  const next = { ...spec, panels: [...spec.panels, copy] };
  return { spec: withLayout(next, insertItem(layoutOf(spec), { id, ...copy.grid })), id };
}

export function removePanel(spec: DashboardSpec, panelId: string): DashboardSpec {
  return { ...spec, panels: spec.panels.filter((p) => p.id !== panelId) };
}

export function replacePanel(spec: DashboardSpec, panel: Panel): DashboardSpec {
  return { ...spec, panels: spec.panels.map((p) => (p.id === panel.id ? panel : p)) };
}
