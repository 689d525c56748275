/**
 * The table widget's pure parts: the filter box (every word must appear in some cell of the
 * row, case-insensitive) and which cells get threshold colours. Sorting reuses results.ts
 * `sortedOrder`. Unit-tested.
 */
import type { Column } from "../../api";
import { cellText, isNumeric, isTime } from "../../results";

/** Indexes (into `order`) of the rows matching `filter`; all of them when it is blank. */
export function filterRows(rows: unknown[][], order: number[], filter: string): number[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return order;
  return order.filter((r) => {
    const text = rows[r].map((v) => cellText(v).toLowerCase()).join("\u0000");
    return words.every((w) => text.includes(w));
  });
}

/** Numeric, non-time columns: the ones units, decimals and threshold colours apply to. */
export function valueColumns(columns: Column[]): boolean[] {
  return columns.map((c) => isNumeric(c) && !isTime(c));
}
