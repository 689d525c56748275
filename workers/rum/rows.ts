/**
 * RUM rows as the intake stores them in a buffer batch (validated, enriched, one JSON
 * document per beacon) and as the flush decodes them into the `rum` table. Keeping the
 * stored form already normalised means the flush never re-validates or re-parses a
 * User-Agent, and the batch is self-describing if it is ever replayed.
 */
import { type MapColumn, type NumberColumn, type StringColumn, TableBuilder } from "../../core/columns";
import { RUM_COLUMNS } from "../../core/schema";

export type RumValue = string | number | null;

export interface RumRow {
  /** Column name → value; `timestamp` in µs since the epoch. Absent columns are null. */
  [column: string]: RumValue | Record<string, string> | undefined;
  attributes?: Record<string, string>;
}

export function encodeRumRows(rows: readonly RumRow[]): string {
  return JSON.stringify({ rows });
}

export function decodeRumRows(text: string): TableBuilder {
  const { rows } = JSON.parse(text) as { rows: RumRow[] };
  const table = new TableBuilder("rum");
  const cols = RUM_COLUMNS.map((def) => ({ def, col: table.column(def.name) }));
  for (const row of rows) {
    for (const { def, col } of cols) {
      const v = row[def.name];
      if (def.type === "map") {
        const m = col as MapColumn;
        for (const [k, val] of Object.entries((v as Record<string, string> | undefined) ?? {})) {
          m.keys.append(k);
          m.values.append(val);
        }
        m.closeRow();
      } else if (v === null || v === undefined) (col as StringColumn | NumberColumn).appendNull();
      else if (def.type === "string") (col as StringColumn).append(String(v));
      else (col as NumberColumn).append(Number(v));
    }
    table.endRow();
  }
  return table;
}
