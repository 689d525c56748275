/**
 * The dashboard grid's layout rules, as react-grid-layout and Grafana have them: panels sit
 * on a 24-column grid at integer `{x, y, w, h}`; a panel moved or resized onto others pushes
 * them down (or, when a dragged panel lands on one, lets it hop above if there is room, which
 * is how two panels swap); then every panel floats up as far as it can (vertical compaction),
 * so there are never holes above a panel. Pure functions over plain objects, unit-tested.
 */
import { GRID_COLUMNS, type GridPos } from "../../../core/dashboards/spec";

export interface LayoutItem extends GridPos {
  id: string;
}

export const MIN_W = 2;
export const MIN_H = 2;

export function collides(a: GridPos, b: GridPos): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Top to bottom, then left to right: the order compaction settles panels in. */
export function sortByRowCol<T extends GridPos>(items: T[]): T[] {
  return [...items].sort((a, b) => a.y - b.y || a.x - b.x);
}

/** Keeps a position inside the grid and at least the minimum size. */
export function clampPos(p: GridPos, cols = GRID_COLUMNS): GridPos {
  const w = Math.max(MIN_W, Math.min(cols, Math.round(p.w)));
  const h = Math.max(MIN_H, Math.round(p.h));
  const x = Math.max(0, Math.min(cols - w, Math.round(p.x)));
  const y = Math.max(0, Math.round(p.y));
  return { x, y, w, h };
}

/** Floats every panel up until it touches the one above it (or the top). */
export function compact(items: LayoutItem[]): LayoutItem[] {
  const placed: LayoutItem[] = [];
  const out = new Map<string, LayoutItem>();
  for (const item of sortByRowCol(items)) {
    const p = { ...item };
    while (p.y > 0 && !placed.some((o) => collides({ ...p, y: p.y - 1 }, o))) p.y--;
    // An item that arrived overlapping (bad input) goes below whatever it hits.
    for (let hit = placed.find((o) => collides(p, o)); hit; hit = placed.find((o) => collides(p, o))) p.y = hit.y + hit.h;
    placed.push(p);
    out.set(p.id, p);
  }
  return items.map((i) => out.get(i.id)!);
}

/**
 * Pushes panels down out of `fixed`'s way, in top-to-bottom order, so panels keep their
 * relative order (what was above stays above) and each moves only as far as it must.
 */
function settleAround(items: LayoutItem[], fixed: LayoutItem): void {
  const placed: LayoutItem[] = [fixed];
  for (const other of sortByRowCol(items)) {
    if (other === fixed) continue;
    for (let hit = placed.find((o) => collides(other, o)); hit; hit = placed.find((o) => collides(other, o))) other.y = hit.y + hit.h;
    placed.push(other);
  }
}

/**
 * Moves a panel to (x, y). What it lands on hops above it if that spot is free (so dragging a
 * panel below its neighbour swaps them), else is pushed down; then the layout compacts.
 */
export function moveItem(items: LayoutItem[], id: string, x: number, y: number, cols = GRID_COLUMNS): LayoutItem[] {
  const next = items.map((i) => ({ ...i }));
  const moved = next.find((i) => i.id === id);
  if (!moved) return items;
  Object.assign(moved, clampPos({ ...moved, x, y }, cols));
  for (const other of sortByRowCol(next)) {
    if (other === moved || !collides(moved, other)) continue;
    const above = { ...other, y: moved.y - other.h };
    if (above.y >= 0 && !next.some((o) => o !== other && collides(above, o))) other.y = above.y;
  }
  settleAround(next, moved);
  return compact(next);
}

/** Resizes a panel (its top-left corner stays), pushing what it now covers down, then compacts. */
export function resizeItem(items: LayoutItem[], id: string, w: number, h: number, cols = GRID_COLUMNS): LayoutItem[] {
  const next = items.map((i) => ({ ...i }));
  const item = next.find((i) => i.id === id);
  if (!item) return items;
  const size = clampPos({ x: 0, y: item.y, w: Math.min(w, cols - item.x), h }, cols);
  item.w = Math.max(MIN_W, Math.min(size.w, cols - item.x));
  item.h = size.h;
  settleAround(next, item);
  return compact(next);
}

/** The first free spot for a w×h panel, scanning rows top-down and columns left to right. */
export function firstFit(items: GridPos[], w: number, h: number, cols = GRID_COLUMNS): GridPos {
  const width = Math.min(w, cols);
  const bottom = Math.max(0, ...items.map((i) => i.y + i.h));
  for (let y = 0; y <= bottom; y++) {
    for (let x = 0; x + width <= cols; x++) {
      const p = { x, y, w: width, h };
      if (!items.some((o) => collides(p, o))) return p;
    }
  }
  return { x: 0, y: bottom, w: width, h };
}

/** Where a copy of a panel goes: to its right when it fits there, else right below it. */
export function duplicatePos(items: LayoutItem[], source: GridPos, cols = GRID_COLUMNS): GridPos {
  const right = { ...source, x: source.x + source.w };
  if (right.x + right.w <= cols && !items.some((o) => collides(right, o))) return right;
  return { ...source, y: source.y + source.h };
}

/** Inserts a panel at a position, pushing overlapped panels down, then compacts. */
export function insertItem(items: LayoutItem[], item: LayoutItem, cols = GRID_COLUMNS): LayoutItem[] {
  const next = [...items.map((i) => ({ ...i })), { ...item, ...clampPos(item, cols) }];
  const added = next[next.length - 1];
  settleAround(next, added);
  return compact(next);
}

/** Grid cells from a pointer delta in pixels. */
export function cellsFromPixels(dx: number, dy: number, cellWidth: number, rowHeight: number): { dx: number; dy: number } {
  return { dx: Math.round(dx / cellWidth), dy: Math.round(dy / rowHeight) };
}
