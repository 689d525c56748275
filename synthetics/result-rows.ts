/**
 * A check run as a row of the `checks` table (core/schema.ts CHECK_COLUMNS), and the
 * conversion of such rows into a TableBuilder. Runners hand the buffer a JSON array of
 * these rows; the buffer decodes them at flush (and hot-tier) time, like OTLP payloads.
 */
import { MapColumn, NumberColumn, StringColumn, TableBuilder } from "../core/columns";
import { CHECK_COLUMNS } from "../core/schema";

/** One run of one check in one region. Times are epoch ms; the table stores µs. */
export interface CheckRunRow {
  timestamp: number;
  scheduled_at: number;
  run_id: string;
  check_id: string;
  check_name: string;
  check_type: string;
  region: string;
  colo: string | null;
  ok: boolean;
  status: "ok" | "failed" | "error";
  error: string | null;
  duration_ms: number;
  ttfb_ms: number | null;
  http_status_code: number | null;
  http_request_method: string | null;
  url_full: string | null;
  redirects: number;
  assertions_total: number;
  assertions_failed: number;
  /** JSON text. */
  assertions: string;
  /** JSON text. */
  steps: string;
  response_excerpt: string | null;
  ssl_days_remaining: number | null;
  ssl_not_after: number | null;
  ssl_subject: string | null;
  ssl_error: string | null;
  attributes: Record<string, string>;
}

const TIME_COLUMNS = new Set(["timestamp", "scheduled_at", "ssl_not_after"]);

export function checkRowsTable(rows: readonly CheckRunRow[]): TableBuilder {
  if (!Array.isArray(rows)) throw new Error("check results payload is not an array");
  const table = new TableBuilder("checks");
  for (const row of rows) {
    const record = row as unknown as Record<string, unknown>;
    for (const def of CHECK_COLUMNS) {
      const col = table.column(def.name);
      const value = record[def.name];
      if (col instanceof MapColumn) {
        for (const [k, v] of Object.entries((value ?? {}) as Record<string, string>)) {
          col.keys.append(k);
          col.values.append(String(v));
        }
        col.closeRow();
      } else if (col instanceof StringColumn) {
        if (value === null || value === undefined) col.appendNull();
        else col.append(String(value));
      } else if (col instanceof NumberColumn) {
        if (value === null || value === undefined || (typeof value === "number" && !Number.isFinite(value))) col.appendNull();
        else if (typeof value === "boolean") col.append(value ? 1 : 0);
        else col.append(TIME_COLUMNS.has(def.name) ? Math.round(Number(value) * 1000) : Number(value));
      } else {
        col.appendNull();
      }
    }
    table.endRow();
  }
  return table;
}
