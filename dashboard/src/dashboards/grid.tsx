/**
 * The panel grid: 24 columns, rows of ROW_HEIGHT px, panels absolutely placed from their
 * `grid`. In edit mode a panel's header drags it and its bottom-right corner resizes it; the
 * layout rules (layout.ts) run live while dragging, and the result is committed on release.
 */
import type { ComponentChild } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { GRID_COLUMNS, type Panel } from "../../../core/dashboards/spec";
import { cellsFromPixels, moveItem, resizeItem, type LayoutItem } from "./layout";

export const ROW_HEIGHT = 30;
export const GAP = 8;

interface Gesture {
  id: string;
  kind: "move" | "resize";
  x0: number;
  y0: number;
  start: LayoutItem[];
}

export function Grid(props: {
  panels: Panel[];
  editing: boolean;
  renderPanel(panel: Panel, size: { width: number; height: number }, dragHandle: (e: PointerEvent) => void): ComponentChild;
  onLayout(layout: LayoutItem[]): void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(1200);
  const [preview, setPreview] = useState<LayoutItem[] | null>(null);
  const gesture = useRef<Gesture | null>(null);
  const latest = useRef<LayoutItem[] | null>(null);

  useEffect(() => {
    const el = box.current!;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    setWidth(el.clientWidth);
    return () => ro.disconnect();
  }, []);

  const layout: LayoutItem[] = preview ?? props.panels.map((p) => ({ id: p.id, ...p.grid }));
  const colWidth = (width + GAP) / GRID_COLUMNS;
  const rowUnit = ROW_HEIGHT + GAP;
  const bottom = Math.max(0, ...layout.map((l) => l.y + l.h));

  const begin = (id: string, kind: Gesture["kind"], e: PointerEvent) => {
    if (!props.editing || e.button !== 0) return;
    e.preventDefault();
    gesture.current = { id, kind, x0: e.clientX, y0: e.clientY, start: layout.map((l) => ({ ...l })) };
    const move = (m: PointerEvent) => {
      const g = gesture.current!;
      const item = g.start.find((l) => l.id === g.id)!;
      const d = cellsFromPixels(m.clientX - g.x0, m.clientY - g.y0, colWidth, rowUnit);
      latest.current = g.kind === "move" ? moveItem(g.start, g.id, item.x + d.dx, item.y + d.dy) : resizeItem(g.start, g.id, item.w + d.dx, item.h + d.dy);
      setPreview(latest.current);
    };
    const up = (m: PointerEvent) => {
      removeEventListener("pointermove", move);
      removeEventListener("pointerup", up);
      move(m);
      gesture.current = null;
      const final = latest.current;
      latest.current = null;
      setPreview(null);
      if (final) props.onLayout(final);
    };
    addEventListener("pointermove", move);
    addEventListener("pointerup", up);
  };

  return (
    <div class={props.editing ? "grid editing" : "grid"} ref={box} style={{ height: `${bottom * rowUnit}px` }}>
      {props.panels.map((p) => {
        const l = layout.find((x) => x.id === p.id) ?? { id: p.id, ...p.grid };
        const style = {
          left: `${l.x * colWidth}px`,
          top: `${l.y * rowUnit}px`,
          width: `${l.w * colWidth - GAP}px`,
          height: `${l.h * rowUnit - GAP}px`,
        };
        const dragging = gesture.current?.id === p.id;
        return (
          <section class={dragging ? "grid-item dragging" : "grid-item"} style={style} data-panel-id={p.id} data-grid={`${l.x},${l.y},${l.w},${l.h}`} aria-label={p.title || "Panel"}>
            {props.renderPanel(p, { width: l.w * colWidth - GAP, height: l.h * rowUnit - GAP }, (e) => begin(p.id, "move", e))}
            {props.editing && <span class="resize-handle" title="Drag to resize" aria-label="Resize panel" onPointerDown={(e) => begin(p.id, "resize", e as PointerEvent)} />}
          </section>
        );
      })}
    </div>
  );
}
