/**
 * Which files to merge next. Buffers flush every few seconds, so an hour collects
 * many small files; reading them costs a request and a footer each. We merge the small
 * files of one hour partition (oldest partition first) into one file, capped in rows
 * so a merge fits in a Worker's 128 MB: rows in memory cost ~700 bytes each, plus
 * ~40–50 MB of parquet-wasm heap (measured, core/parquet/README.md).
 */
import type { Signal } from "../../core/schema";

export interface PlanFile {
  key: string;
  signal: Signal;
  date: string;
  hour: string;
  rows: number;
  bytes: number;
}

export interface CompactionOptions {
  /** A partition is compacted once it has at least this many small files. */
  minFiles: number;
  /** Files at or above this size are left alone. */
  smallBytes: number;
  /** Most rows one merged file may hold. */
  maxRows: number;
}

export interface CompactionPlan {
  signal: Signal;
  date: string;
  hour: string;
  inputs: string[];
}

export const DEFAULT_COMPACTION: CompactionOptions = { minFiles: 4, smallBytes: 8 * 1024 * 1024, maxRows: 60_000 };

export function planCompaction(files: readonly PlanFile[], options: CompactionOptions): CompactionPlan | null {
  const groups = new Map<string, PlanFile[]>();
  for (const f of files) {
    if (f.bytes >= options.smallBytes) continue;
    const k = `${f.date}/${f.hour}/${f.signal}`;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(f);
  }
  const keys = [...groups.keys()].sort();
  for (const k of keys) {
    // A file already holding half the cap is a finished merge: leave it, or the plan
    // would pick it first every time and, unable to add anything, skip the hour forever.
    // Smallest first packs the most files into each merge.
    const candidates = groups
      .get(k)!
      .filter((f) => f.rows < options.maxRows / 2)
      .sort((a, b) => a.rows - b.rows || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    if (candidates.length < options.minFiles) continue;
    const inputs: string[] = [];
    let rows = 0;
    for (const f of candidates) {
      if (inputs.length > 0 && rows + f.rows > options.maxRows) break;
      inputs.push(f.key);
      rows += f.rows;
    }
    if (inputs.length < 2) continue;
    const { signal, date, hour } = candidates[0];
    return { signal, date, hour, inputs: inputs.sort() };
  }
  return null;
}
