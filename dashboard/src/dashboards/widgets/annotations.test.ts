import { describe, expect, it } from "vitest";
import type { Annotation } from "../../../../core/dashboards/spec";
import { placeMarkers } from "./annotations";

const ann = (id: string, time: number, timeEnd: number | null = null): Annotation => ({
  id, dashboardId: "d", panelId: null, time, timeEnd, text: id, tags: [], createdBy: null, createdAt: 0,
});

describe("placeMarkers", () => {
  it("places visible annotations in time order, regions with a width clipped to the plot", () => {
    const markers = placeMarkers([ann("b", 1500), ann("a", 1000), ann("out", 5000), ann("r", 1800, 9000)], 1000, 2000, 200);
    expect(markers.map((m) => [m.annotation.id, m.x, m.width])).toEqual([
      ["a", 0, 0],
      ["b", 100, 0],
      ["r", 160, 40],
    ]);
  });
  it("places nothing on an empty range or plot", () => {
    expect(placeMarkers([ann("a", 1)], 5, 5, 100)).toEqual([]);
    expect(placeMarkers([ann("a", 1)], 0, 5, 0)).toEqual([]);
  });
});
