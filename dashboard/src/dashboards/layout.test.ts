import { describe, expect, it } from "vitest";
import { clampPos, collides, compact, duplicatePos, firstFit, insertItem, moveItem, resizeItem, type LayoutItem } from "./layout";

const item = (id: string, x: number, y: number, w: number, h: number): LayoutItem => ({ id, x, y, w, h });
const pos = (items: LayoutItem[]) => Object.fromEntries(items.map((i) => [i.id, [i.x, i.y, i.w, i.h]]));
const noOverlaps = (items: LayoutItem[]) => items.every((a, i) => items.every((b, j) => i === j || !collides(a, b)));

describe("collides", () => {
  it("touching edges do not collide, overlaps do", () => {
    expect(collides({ x: 0, y: 0, w: 12, h: 8 }, { x: 12, y: 0, w: 12, h: 8 })).toBe(false);
    expect(collides({ x: 0, y: 0, w: 12, h: 8 }, { x: 0, y: 8, w: 12, h: 8 })).toBe(false);
    expect(collides({ x: 0, y: 0, w: 12, h: 8 }, { x: 11, y: 7, w: 2, h: 2 })).toBe(true);
  });
});

describe("compact", () => {
  it("floats panels up to close holes, keeping their columns", () => {
    const out = compact([item("a", 0, 5, 12, 4), item("b", 12, 10, 12, 4), item("c", 0, 20, 24, 2)]);
    expect(pos(out)).toEqual({ a: [0, 0, 12, 4], b: [12, 0, 12, 4], c: [0, 4, 24, 2] });
  });
  it("separates panels that arrive overlapping", () => {
    const out = compact([item("a", 0, 0, 12, 4), item("b", 6, 2, 12, 4)]);
    expect(pos(out)).toEqual({ a: [0, 0, 12, 4], b: [6, 4, 12, 4] });
  });
  it("keeps the input order of the array", () => {
    expect(compact([item("z", 0, 9, 4, 4), item("a", 0, 0, 4, 4)]).map((i) => i.id)).toEqual(["z", "a"]);
  });
});

describe("moveItem", () => {
  const layout = [item("a", 0, 0, 12, 4), item("b", 12, 0, 12, 4), item("c", 0, 4, 24, 4)];

  it("moves a panel sideways into free space", () => {
    const out = moveItem([item("a", 0, 0, 6, 4)], "a", 10, 0);
    expect(pos(out)).toEqual({ a: [10, 0, 6, 4] });
  });

  it("pushes what it lands on down, with a cascade", () => {
    const out = moveItem([item("a", 0, 0, 12, 4), item("b", 0, 4, 12, 4), item("c", 0, 8, 12, 4), item("d", 12, 0, 12, 12)], "d", 0, 0);
    // d takes the left column from the top; a, b, c go below it in order.
    expect(pos(out)).toEqual({ d: [0, 0, 12, 12], a: [0, 12, 12, 4], b: [0, 16, 12, 4], c: [0, 20, 12, 4] });
    expect(noOverlaps(out)).toBe(true);
  });

  it("swaps two stacked panels when one is dragged below the other", () => {
    const out = moveItem([item("a", 0, 0, 24, 4), item("b", 0, 4, 24, 4)], "a", 0, 5);
    expect(pos(out)).toEqual({ a: [0, 4, 24, 4], b: [0, 0, 24, 4] });
  });

  it("swaps when the lower panel is dragged up over the upper one", () => {
    const out = moveItem([item("a", 0, 0, 24, 4), item("b", 0, 4, 24, 4)], "b", 0, 1);
    expect(pos(out)).toEqual({ a: [0, 4, 24, 4], b: [0, 0, 24, 4] });
  });

  it("keeps the panel inside the 24 columns and never above the top", () => {
    const out = moveItem(layout, "a", 30, -3);
    expect(out.find((i) => i.id === "a")).toMatchObject({ x: 12, y: 0 });
    expect(noOverlaps(out)).toBe(true);
  });

  it("compacts after the move: the hole the panel left closes", () => {
    const out = moveItem(layout, "c", 0, 40);
    expect(pos(out)).toEqual({ a: [0, 0, 12, 4], b: [12, 0, 12, 4], c: [0, 4, 24, 4] });
  });

  it("does not change its input", () => {
    const before = JSON.stringify(layout);
    moveItem(layout, "c", 0, 0);
    expect(JSON.stringify(layout)).toBe(before);
  });
});

describe("resizeItem", () => {
  it("grows a panel and pushes the one below down", () => {
    const out = resizeItem([item("a", 0, 0, 12, 4), item("b", 0, 4, 12, 4)], "a", 12, 7);
    expect(pos(out)).toEqual({ a: [0, 0, 12, 7], b: [0, 7, 12, 4] });
  });
  it("grows sideways over a neighbour, which goes below", () => {
    const out = resizeItem([item("a", 0, 0, 12, 4), item("b", 12, 0, 12, 4)], "a", 18, 4);
    expect(pos(out)).toEqual({ a: [0, 0, 18, 4], b: [12, 4, 12, 4] });
  });
  it("shrinks, and what was below floats up", () => {
    const out = resizeItem([item("a", 0, 0, 12, 8), item("b", 0, 8, 12, 4)], "a", 12, 3);
    expect(pos(out)).toEqual({ a: [0, 0, 12, 3], b: [0, 3, 12, 4] });
  });
  it("keeps a minimum size and the right edge of the grid", () => {
    const out = resizeItem([item("a", 20, 0, 4, 4)], "a", 40, 0);
    expect(pos(out)).toEqual({ a: [20, 0, 4, 2] });
  });
});

describe("placing new panels", () => {
  it("first fit finds the first hole, else the bottom", () => {
    expect(firstFit([item("a", 0, 0, 12, 4)], 12, 4)).toEqual({ x: 12, y: 0, w: 12, h: 4 });
    expect(firstFit([item("a", 0, 0, 24, 4)], 12, 4)).toEqual({ x: 0, y: 4, w: 12, h: 4 });
  });
  it("a duplicate goes right of its source when there is room, else below", () => {
    expect(duplicatePos([item("a", 0, 0, 8, 4)], { x: 0, y: 0, w: 8, h: 4 })).toEqual({ x: 8, y: 0, w: 8, h: 4 });
    expect(duplicatePos([item("a", 0, 0, 16, 4)], { x: 0, y: 0, w: 16, h: 4 })).toEqual({ x: 0, y: 4, w: 16, h: 4 });
  });
  it("insert pushes what is under the new panel down", () => {
    const out = insertItem([item("a", 0, 0, 12, 4), item("b", 0, 4, 12, 4)], item("n", 0, 4, 24, 3));
    expect(pos(out)).toEqual({ a: [0, 0, 12, 4], b: [0, 7, 12, 4], n: [0, 4, 24, 3] });
  });
  it("clamps positions from bad input", () => {
    expect(clampPos({ x: -3, y: -1, w: 100, h: 0.4 })).toEqual({ x: 0, y: 0, w: 24, h: 2 });
  });
});
