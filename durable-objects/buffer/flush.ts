/**
 * Turns buffered OTLP batches into Parquet files in R2, one per hour partition.
 * Rows are sorted before writing (by service and time for logs and metrics, by trace
 * for spans) because sorted columns compress far better and give tight min/max
 * statistics for pruning.
 */
import { SCHEMA_VERSION, type Signal } from "../../core/schema";
import { appendTable, TableBuilder, type NumberColumn } from "../../core/columns";
import { encodeParquetChunked } from "../../core/parquet/write";
import { columnStats } from "../../core/parquet/stats";
import { sortOrder } from "../../core/parquet/sort";
import { decodeBatch } from "./decode-batch";
import { objectKey, partitionKey, partitionOf, parsePartitionKey } from "./partition";
import type { FileRecord, StoredBatch } from "./types";

/**
 * Measured (core/parquet/README.md): logs by service, instance and time give the
 * smallest files; sorting spans by trace_id scrambles them (random ids) and makes files
 * bigger without helping pruning, since every file spans the whole id range anyway.
 */
export const SORT_KEYS: Readonly<Record<Signal, string[]>> = {
  logs: ["service_name", "service_instance_id", "timestamp"],
  spans: ["service_name", "timestamp"],
  metrics: ["metric_name", "service_name", "timestamp"],
  checks: ["check_id", "region", "timestamp"],
  // A session's events together: the sessions view reads one session's timeline.
  rum: ["service_name", "session_id", "timestamp"],
};

export interface FlushInput {
  projectId: string;
  signal: Signal;
  /** Deterministic per flush intent, so a retried flush writes the same keys. */
  fileStem: string;
  batches: StoredBatch[];
  bucket: Pick<R2Bucket, "put">;
  /** Which of these keys the catalog already has (written by an earlier attempt). */
  knownKeys: (keys: string[]) => Promise<string[]>;
}

export interface BuiltTable {
  table: TableBuilder;
  /** Batches that no longer decode (validated at ingest, so only a decoder regression does this). */
  undecodable: number[];
}

/** Decodes the batches into one table; rows without a timestamp get their batch's receive time. */
export function buildTable(signal: Signal, batches: StoredBatch[]): BuiltTable {
  let table = new TableBuilder(signal);
  const undecodable: number[] = [];
  for (const batch of batches) {
    let decoded: TableBuilder;
    try {
      decoded = decodeBatch(signal, batch.format, batch.payload);
    } catch (err) {
      console.error(`buffered batch ${batch.id} no longer decodes: ${err instanceof Error ? err.message : String(err)}`);
      undecodable.push(batch.id);
      continue;
    }
    const first = table.rows;
    if (first === 0) table = decoded; // the common single-batch case: no copy
    else appendTable(table, decoded);
    const ts = table.column<NumberColumn>("timestamp");
    for (let r = first; r < table.rows; r++) {
      if (ts.get(r) === null) {
        ts.values[r] = batch.receivedAtMs * 1000;
        ts.validity.bits[r >> 3] |= 1 << (r & 7);
        ts.validity.nulls--;
      }
    }
  }
  return { table, undecodable };
}

/** Splits a row order by hour partition, keeping the order within each. */
export function splitByPartition(table: TableBuilder, order: Int32Array): Map<string, Int32Array> {
  const ts = table.column<NumberColumn>("timestamp");
  const groups = new Map<string, number[]>();
  let lastHour = NaN;
  let lastGroup: number[] = [];
  for (const row of order) {
    const hour = Math.floor(ts.values[row] / 3_600_000_000);
    if (hour !== lastHour) {
      const key = partitionKey(partitionOf(ts.values[row]));
      lastGroup = groups.get(key) ?? [];
      groups.set(key, lastGroup);
      lastHour = hour;
    }
    lastGroup.push(row);
  }
  return new Map([...groups].map(([k, rows]) => [k, Int32Array.from(rows)]));
}

export interface FlushOutput {
  files: FileRecord[];
  undecodable: number[];
}

export async function writeFlushFiles(input: FlushInput): Promise<FlushOutput> {
  const { signal } = input;
  const { table, undecodable } = buildTable(signal, input.batches);
  if (table.rows === 0) return { files: [], undecodable };
  const order = sortOrder(table, SORT_KEYS[signal]);
  const planned = [...splitByPartition(table, order)].map(([part, rows]) => ({
    part: parsePartitionKey(part),
    rows,
    key: objectKey(input.projectId, signal, parsePartitionKey(part), input.fileStem),
  }));
  // A retried flush must not re-create a file the catalog already has: it may have
  // been compacted (and deleted) since, and writing it again would duplicate rows.
  const known = new Set(await input.knownKeys(planned.map((p) => p.key)));
  const files: FileRecord[] = [];
  for (const p of planned) {
    if (known.has(p.key)) continue;
    // Chunked: the wasm heap never shrinks, so it must stay small (~40 MB) per file.
    const bytes = await encodeParquetChunked(table, { rows: p.rows });
    await input.bucket.put(p.key, bytes, { httpMetadata: { contentType: "application/vnd.apache.parquet" } });
    const stats = columnStats(table, p.rows);
    files.push({
      key: p.key,
      signal,
      date: p.part.date,
      hour: p.part.hour,
      minTimestampUs: stats.minTimestamp,
      maxTimestampUs: stats.maxTimestamp,
      rows: p.rows.length,
      bytes: bytes.byteLength,
      schemaVersion: SCHEMA_VERSION,
      stats: stats.columns,
    });
  }
  return { files, undecodable };
}
