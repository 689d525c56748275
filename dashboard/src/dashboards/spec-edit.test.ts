import { describe, expect, it } from "vitest";
import type { DashboardSpec, Panel } from "../../../core/dashboards/spec";
import { allTags, groupByFolder } from "./list-model";
import { WIDGET_META } from "./widgets/meta";
import { addPanel, duplicatePanel, emptySpec, layoutOf, nextPanelId, nextRefId, removePanel, withLayout } from "./spec-edit";

const panel = (id: string, x: number, y: number, w: number, h: number): Panel => ({ id, type: "timeseries", title: id, grid: { x, y, w, h }, queries: [{ refId: "A", query: "logs" }], options: { unit: "ms" } });
const spec = (...panels: Panel[]): DashboardSpec => ({ ...emptySpec("T"), panels });

describe("ids", () => {
  it("panel ids skip used ones", () => {
    expect(nextPanelId(spec())).toBe("p1");
    expect(nextPanelId(spec(panel("p2", 0, 0, 1, 1)))).toBe("p3");
    expect(nextPanelId(spec(panel("p1", 0, 0, 1, 1), panel("p3", 0, 0, 1, 1)))).toBe("p4");
  });
  it("refIds go A…Z then AA", () => {
    expect(nextRefId([])).toBe("A");
    expect(nextRefId([{ refId: "A", query: "" }, { refId: "C", query: "" }])).toBe("B");
    expect(nextRefId(Array.from({ length: 26 }, (_, i) => ({ refId: String.fromCharCode(65 + i), query: "" })))).toBe("AA");
  });
});

describe("panels", () => {
  it("adds a panel in the first free spot, with the widget's size, defaults and example query", () => {
    const { spec: next, id } = addPanel(spec(panel("p1", 0, 0, 12, 8)), "gauge");
    const added = next.panels.find((p) => p.id === id)!;
    const meta = WIDGET_META.gauge;
    expect(added).toMatchObject({ type: "gauge", title: meta.label, grid: { x: 12, y: 0, ...meta.size }, queries: [{ refId: "A", query: meta.example }], options: meta.defaults });
    added.options.min = -1;
    expect(WIDGET_META.gauge.defaults.min).not.toBe(-1);
  });
  it("a text panel has no queries", () => {
    expect(addPanel(spec(), "text").spec.panels[0]).toMatchObject({ queries: [], grid: { x: 0, y: 0, ...WIDGET_META.text.size } });
  });
  it("duplicates deeply, beside when there is room, else below pushing others down", () => {
    const base = spec(panel("p1", 0, 0, 12, 8));
    const right = duplicatePanel(base, "p1");
    expect(right.spec.panels[1]).toMatchObject({ id: "p2", title: "p1 (copy)", grid: { x: 12, y: 0, w: 12, h: 8 } });
    right.spec.panels[1].options.unit = "s";
    expect(base.panels[0].options.unit).toBe("ms");

    const full = spec(panel("p1", 0, 0, 24, 4), panel("p2", 0, 4, 24, 4));
    const below = duplicatePanel(full, "p1");
    expect(layoutOf(below.spec)).toEqual([
      { id: "p1", x: 0, y: 0, w: 24, h: 4 },
      { id: "p2", x: 0, y: 8, w: 24, h: 4 },
      { id: "p3", x: 0, y: 4, w: 24, h: 4 },
    ]);
  });
  it("removes, and applies a layout back to the panels", () => {
    const s = spec(panel("p1", 0, 0, 12, 8), panel("p2", 12, 0, 12, 8));
    expect(removePanel(s, "p1").panels.map((p) => p.id)).toEqual(["p2"]);
    expect(withLayout(s, [{ id: "p2", x: 0, y: 8, w: 6, h: 3 }]).panels[1].grid).toEqual({ x: 0, y: 8, w: 6, h: 3 });
  });
});

describe("list model", () => {
  const d = (id: string, title: string, folderId: string | null, starred = false, tags: string[] = []) => ({ id, title, folderId, starred, tags, updatedAt: 0, version: 1 });
  it("groups by folder, General first, starred first then by title", () => {
    const groups = groupByFolder(
      [d("1", "Zeta", null), d("2", "alpha", null), d("3", "Mid", null, true), d("4", "In ops", "f2"), d("5", "lost folder", "gone")],
      [{ id: "f2", title: "Ops" }, { id: "f1", title: "Empty" }],
      false,
    );
    expect(groups.map((g) => [g.folder?.title ?? "General", g.dashboards.map((x) => x.title)])).toEqual([
      ["General", ["Mid", "alpha", "lost folder", "Zeta"]],
      ["Empty", []],
      ["Ops", ["In ops"]],
    ]);
  });
  it("hides empty groups when filtered", () => {
    expect(groupByFolder([d("4", "In ops", "f2")], [{ id: "f2", title: "Ops" }, { id: "f1", title: "Empty" }], true).map((g) => g.folder?.title)).toEqual(["Ops"]);
  });
  it("collects tags", () => {
    expect(allTags([d("1", "a", null, false, ["web", "api"]), d("2", "b", null, false, ["api"])])).toEqual(["api", "web"]);
  });
});
