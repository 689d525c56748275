/**
 * Table: every column of the first query's rows; click a header to sort (descending first,
 * then ascending), type in the filter box to keep rows containing every word, numbers in the
 * panel's unit, and numeric cells coloured by the thresholds when `columnColors` is on.
 */
import { useMemo, useState } from "preact/hooks";
import { cellText, isTime, sortedOrder } from "../../results";
import { formatTime } from "../../time";
import { formatValue } from "./format";
import { firstResult, utcChosen } from "./frame";
import { filterRows, valueColumns } from "./table-model";
import { thresholdColor } from "./thresholds";
import type { WidgetProps } from "./types";

/** Rows in the DOM at most; the filter finds the rest. */
const MAX_SHOWN = 500;

export function TableWidget(props: WidgetProps) {
  const o = props.panel.options;
  const { columns, rows } = firstResult(props.data);
  const [sort, setSort] = useState<{ column: number; dir: "asc" | "desc" } | null>(null);
  const [filter, setFilter] = useState("");
  const order = useMemo(() => (sort ? sortedOrder(rows, sort.column, sort.dir) : rows.map((_, i) => i)), [rows, sort]);
  const shown = useMemo(() => filterRows(rows, order, filter), [rows, order, filter]);
  const values = valueColumns(columns);
  const zone = utcChosen() ? "utc" : "local";
  const colour = (o.columnColors ?? false) && (o.thresholds?.length ?? 0) > 0;
  const coloured = columns.map((c, i) => colour && values[i] && (!o.colorColumns || o.colorColumns.includes(c.name)));
  const cell = (v: unknown, i: number) => {
    if (isTime(columns[i]) && v !== null) return formatTime(Date.parse(String(v)), zone);
    if (values[i] && o.unit && o.unit !== "none") return formatValue(v, o.unit, o.decimals);
    if (values[i] && o.decimals !== undefined) return formatValue(v, "none", o.decimals);
    return cellText(v);
  };
  return (
    <div class="wtable">
      <div class="wtable-bar">
        <input type="search" placeholder="Filter rows" aria-label="Filter rows" value={filter} onInput={(e) => setFilter((e.target as HTMLInputElement).value)} />
        <span class="muted">
          {shown.length === rows.length ? `${rows.length} rows` : `${shown.length} of ${rows.length} rows`}
          {shown.length > MAX_SHOWN && ` · first ${MAX_SHOWN} shown`}
        </span>
      </div>
      <div class="wtable-scroll">
        <table>
          <thead>
            <tr>
              {columns.map((c, i) => (
                <th
                  class={values[i] ? "num" : ""}
                  title={c.type}
                  aria-sort={sort?.column === i ? (sort.dir === "asc" ? "ascending" : "descending") : "none"}
                  onClick={() => setSort(sort?.column === i && sort.dir === "desc" ? { column: i, dir: "asc" } : { column: i, dir: "desc" })}
                >
                  {c.name} {sort?.column === i ? (sort.dir === "asc" ? "▲" : "▼") : ""}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.slice(0, MAX_SHOWN).map((r) => (
              <tr>
                {rows[r].map((v, i) => {
                  const bg = coloured[i] && v !== null && v !== undefined ? thresholdColor(Number(v), o.thresholds) : undefined;
                  return (
                    <td class={values[i] ? "num" : ""} style={bg ? { background: `color-mix(in srgb, ${bg} 22%, transparent)`, boxShadow: `inset 3px 0 ${bg}` } : undefined} data-color={bg}>
                      {cell(v, i)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
