/**
 * Which bytes of a Parquet file a query needs, from its footer: the column chunks of the
 * wanted top-level columns in the row groups whose time range overlaps the query's.
 * Pure (no I/O) so it is unit-tested on its own; r2-source.ts does the fetching.
 *
 * The footer is parsed with hyparquet (pure JS, already a dependency) rather than
 * DuckDB's `parquet_metadata()`: the decision has to be made before DuckDB can read
 * anything, and it costs no wasm memory.
 */
import { parquetMetadata, type FileMetaData } from "hyparquet";
import { mayMatch, type ColumnBounds, type ValueFilter } from "./prune";

/** Footer bytes read first: our files' footers are ~5–30 KB (40+ columns, a few row groups). */
export const FOOTER_GUESS = 64 * 1024;

/** Ranges closer than this are fetched in one R2 request (fewer, cheaper requests; a little waste). */
export const COALESCE_GAP = 32 * 1024;

export interface ColumnChunkRange {
  rowGroup: number;
  /** Top-level column name (first element of `path_in_schema`). */
  column: string;
  start: number;
  end: number;
}

export interface RowGroupInfo {
  index: number;
  rows: number;
  /** Time range of the row group from the `timestamp` column's statistics (µs), if present. */
  minUs?: number;
  maxUs?: number;
  /** [start, end) of all its column chunks. */
  start: number;
  end: number;
  /** min/max of top-level primitive columns, for statistics pruning. */
  bounds: Map<string, ColumnBounds>;
}

export interface FileLayout {
  size: number;
  /** Where the footer (metadata + length + magic) starts. */
  footerStart: number;
  rows: number;
  rowGroups: RowGroupInfo[];
  chunks: ColumnChunkRange[];
  columns: string[];
}

/** Footer length from the last 8 bytes, or throws if this is not Parquet. */
export function footerLength(tail: Uint8Array): number {
  if (tail.length < 8) throw new Error("parquet file too short");
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  if (view.getUint32(tail.length - 4, true) !== 0x31524150) throw new Error("not a parquet file (no PAR1 footer)");
  return view.getUint32(tail.length - 8, true) + 8;
}

/** Layout of a file from its tail (which must hold the whole footer). */
export function fileLayout(tail: Uint8Array, size: number, timeColumn = "timestamp"): FileLayout {
  const meta: FileMetaData = parquetMetadata(tail);
  const chunks: ColumnChunkRange[] = [];
  const rowGroups: RowGroupInfo[] = [];
  const columns = new Set<string>();
  meta.row_groups.forEach((rg, index) => {
    let start = Infinity;
    let end = 0;
    const info: RowGroupInfo = { index, rows: Number(rg.num_rows), start: 0, end: 0, bounds: new Map() };
    for (const col of rg.columns) {
      const md = col.meta_data;
      if (!md) continue;
      const first = Math.min(Number(md.data_page_offset), md.dictionary_page_offset !== undefined ? Number(md.dictionary_page_offset) : Infinity);
      const range = { rowGroup: index, column: md.path_in_schema[0], start: first, end: first + Number(md.total_compressed_size) };
      chunks.push(range);
      columns.add(range.column);
      start = Math.min(start, range.start);
      end = Math.max(end, range.end);
      if (md.path_in_schema.length === 1 && md.statistics) {
        const st = md.statistics;
        const nulls = st.null_count !== undefined ? Number(st.null_count) : undefined;
        info.bounds.set(md.path_in_schema[0], {
          min: st.min_value ?? st.min,
          max: st.max_value ?? st.max,
          allNull: nulls !== undefined && nulls === Number(rg.num_rows),
        });
      }
      if (md.path_in_schema.length === 1 && md.path_in_schema[0] === timeColumn && md.statistics) {
        const lo = toMicros(md.statistics.min_value ?? md.statistics.min, "floor");
        const hi = toMicros(md.statistics.max_value ?? md.statistics.max, "ceil");
        if (lo !== undefined) info.minUs = lo;
        if (hi !== undefined) info.maxUs = hi;
      }
    }
    info.start = start === Infinity ? 0 : start;
    info.end = end;
    rowGroups.push(info);
  });
  return { size, footerStart: size - footerLength(tail), rows: Number(meta.num_rows), rowGroups, chunks, columns: [...columns] };
}

/** hyparquet gives TIMESTAMP(MICROS) statistics as Date (ms) or bigint; µs, rounded outward. */
function toMicros(v: unknown, round: "floor" | "ceil"): number | undefined {
  if (v instanceof Date) return v.getTime() * 1000 + (round === "ceil" ? 999 : 0);
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "number") return v;
  return undefined;
}

export interface Need {
  /** Top-level columns to fetch; undefined = all. */
  columns?: Iterable<string>;
  /** Row groups to fetch even if the time range excludes them (learned from misses). */
  rowGroups?: Iterable<number>;
  fromUs?: number;
  toUs?: number;
  /** Equality filters every matching row satisfies (prune.ts). */
  filters?: readonly ValueFilter[];
}

/** Row groups the time range and the filters keep (groups without statistics are kept). */
export function keptRowGroups(layout: FileLayout, need: Need): Set<number> {
  const keep = new Set<number>(need.rowGroups ?? []);
  for (const rg of layout.rowGroups) {
    if (need.fromUs !== undefined && rg.maxUs !== undefined && rg.maxUs < need.fromUs) continue;
    if (need.toUs !== undefined && rg.minUs !== undefined && rg.minUs >= need.toUs) continue;
    if (need.filters?.some((f) => !mayMatch(rg.bounds.get(f.column), f))) continue;
    keep.add(rg.index);
  }
  return keep;
}

/** The column chunks a query needs. */
export function neededChunks(layout: FileLayout, need: Need): ColumnChunkRange[] {
  const groups = keptRowGroups(layout, need);
  const cols = need.columns ? new Set(need.columns) : null;
  return layout.chunks.filter((c) => groups.has(c.rowGroup) && (!cols || cols.has(c.column)));
}

/** The column chunk holding byte `at`, if any (to learn from a miss). */
export function chunkAt(layout: FileLayout, at: number): ColumnChunkRange | undefined {
  return layout.chunks.find((c) => at >= c.start && at < c.end);
}

/**
 * DuckDB-WASM 1.28 reads files through a page buffer: every read is a whole 16 KiB page
 * at a 16 KiB-aligned offset (measured: `212992+16384`, `1327104+16384`, the last page
 * short). A column chunk's bytes must therefore be fetched out to page boundaries, or
 * the pages it shares with its neighbours miss.
 */
export const DUCKDB_PAGE = 16 * 1024;

export function alignToPages(start: number, end: number, size: number, page = DUCKDB_PAGE): { start: number; end: number } {
  return { start: Math.floor(start / page) * page, end: Math.min(size, Math.ceil(end / page) * page) };
}

/** Sorted, merged [start, end) ranges; ranges within `gap` bytes are joined. */
export function coalesce(ranges: Iterable<{ start: number; end: number }>, gap = COALESCE_GAP): [number, number][] {
  const sorted = [...ranges].filter((r) => r.end > r.start).sort((a, b) => a.start - b.start);
  const out: [number, number][] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last[1] + gap) last[1] = Math.max(last[1], r.end);
    else out.push([r.start, r.end]);
  }
  return out;
}
