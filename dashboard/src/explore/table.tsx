/**
 * The result table: sortable by clicking a header, resizable columns, and virtualised
 * (only the rows in view are in the DOM), so 10k+ rows scroll smoothly.
 */
import { useMemo, useRef, useState } from "preact/hooks";
import type { Column } from "../api";
import { cellText, isNumeric, sortedOrder } from "../results";

const ROW_HEIGHT = 26;
const OVERSCAN = 10;

export function ResultTable(props: { columns: Column[]; rows: unknown[][] }) {
  const [sort, setSort] = useState<{ column: number; dir: "asc" | "desc" } | null>(null);
  const [widths, setWidths] = useState<number[]>(() => props.columns.map((c) => (isNumeric(c) ? 110 : 200)));
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(420);
  const box = useRef<HTMLDivElement>(null);
  const order = useMemo(() => (sort ? sortedOrder(props.rows, sort.column, sort.dir) : props.rows.map((_, i) => i)), [props.rows, sort]);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(order.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const template = widths.map((w) => `${w}px`).join(" ");

  const startResize = (i: number, e: MouseEvent) => {
    e.preventDefault();
    e.stopPropagation();
    const x0 = e.clientX;
    const w0 = widths[i];
    const move = (m: MouseEvent) => setWidths((ws) => ws.map((w, j) => (j === i ? Math.max(50, w0 + m.clientX - x0) : w)));
    const up = () => (removeEventListener("mousemove", move), removeEventListener("mouseup", up));
    addEventListener("mousemove", move);
    addEventListener("mouseup", up);
  };

  return (
    <div
      class="table"
      role="table"
      aria-rowcount={order.length}
      ref={box}
      onScroll={(e) => {
        const el = e.currentTarget as HTMLDivElement;
        setScrollTop(el.scrollTop);
        setHeight(el.clientHeight);
      }}
    >
      <div class="thead" role="row" style={{ gridTemplateColumns: template }}>
        {props.columns.map((c, i) => (
          <div
            role="columnheader"
            class="th"
            title={c.type}
            aria-sort={sort?.column === i ? (sort.dir === "asc" ? "ascending" : "descending") : "none"}
            onClick={() => setSort(sort?.column === i && sort.dir === "desc" ? { column: i, dir: "asc" } : { column: i, dir: "desc" })}
          >
            {c.name} {sort?.column === i ? (sort.dir === "asc" ? "▲" : "▼") : ""}
            <span class="resize" onMouseDown={(e) => startResize(i, e as MouseEvent)} />
          </div>
        ))}
      </div>
      <div style={{ height: `${order.length * ROW_HEIGHT}px`, position: "relative" }}>
        {order.slice(first, last).map((r, k) => (
          <div role="row" class="tr" style={{ gridTemplateColumns: template, top: `${(first + k) * ROW_HEIGHT}px` }}>
            {props.rows[r].map((v, i) => (
              <div role="cell" class={isNumeric(props.columns[i]) ? "td num" : "td"} title={cellText(v)}>
                {cellText(v)}
              </div>
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
