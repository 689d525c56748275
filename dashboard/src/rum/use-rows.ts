/** Runs a query for a RUM view and gives its rows as objects keyed by column name. */
import { useEffect, useState } from "preact/hooks";
import { api, ApiError, type QueryResult } from "../api";
import type { RangeText } from "../time";

export type Row = Record<string, unknown>;

export function toRows(r: QueryResult): Row[] {
  return r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c.name, row[i]])));
}

export function useRows(query: string | null, range: RangeText): { rows: Row[] | null; error: string | null } {
  const [state, setState] = useState<{ rows: Row[] | null; error: string | null }>({ rows: null, error: null });
  useEffect(() => {
    if (!query) return;
    let live = true;
    setState({ rows: null, error: null });
    api<QueryResult>("/api/v1/query", { query, from: range.from, to: range.to })
      .then((r) => live && setState({ rows: toRows(r), error: null }))
      .catch((e) => live && setState({ rows: null, error: e instanceof ApiError ? e.message : String(e) }));
    return () => {
      live = false;
    };
  }, [query, range.from, range.to]);
  return state;
}

/** Query results carry timestamps as ISO text (µs precision); Date reads the ms part. */
export const toMs = (v: unknown): number => (typeof v === "number" ? v : Date.parse(String(v).replace(" ", "T").replace(/(\.\d{3})\d+/, "$1") + (/[zZ]|[+-]\d\d:?\d\d$/.test(String(v)) ? "" : "Z")));

export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return "–";
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${Math.round(s % 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}
