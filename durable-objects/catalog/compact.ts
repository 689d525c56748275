/**
 * Executes a compaction plan: reads the input files, merges and re-sorts their rows,
 * and writes one file whose name is derived from the inputs, so a retried compaction
 * writes the same object.
 */
import { TableBuilder } from "../../core/columns";
import { encodeParquetChunked } from "../../core/parquet/write";
import { readParquetInto } from "../../core/parquet/read";
import { columnStats } from "../../core/parquet/stats";
import { sortOrder } from "../../core/parquet/sort";
import { SCHEMA_VERSION } from "../../core/schema";
import { SORT_KEYS } from "../buffer/flush";
import { objectKey } from "../buffer/partition";
import type { FileRecord } from "../buffer/types";
import type { CompactionPlan } from "./compaction-plan";

export async function compactedName(inputs: readonly string[]): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode([...inputs].sort().join("\n")));
  return "c-" + [...new Uint8Array(digest).subarray(0, 10)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export async function compactionOutputKey(projectId: string, plan: CompactionPlan): Promise<string> {
  return objectKey(projectId, plan.signal, { date: plan.date, hour: plan.hour }, await compactedName(plan.inputs));
}

export async function runCompaction(projectId: string, plan: CompactionPlan, bucket: Pick<R2Bucket, "get" | "put">): Promise<FileRecord> {
  const table = new TableBuilder(plan.signal);
  for (const key of plan.inputs) {
    const obj = await bucket.get(key);
    if (!obj) throw new Error(`compaction input missing from R2: ${key}`);
    readParquetInto(new Uint8Array(await obj.arrayBuffer()), table);
  }
  const rows = sortOrder(table, SORT_KEYS[plan.signal]);
  const bytes = await encodeParquetChunked(table, { rows });
  const key = await compactionOutputKey(projectId, plan);
  await bucket.put(key, bytes, { httpMetadata: { contentType: "application/vnd.apache.parquet" } });
  const stats = columnStats(table, rows);
  return {
    key,
    signal: plan.signal,
    date: plan.date,
    hour: plan.hour,
    minTimestampUs: stats.minTimestamp,
    maxTimestampUs: stats.maxTimestamp,
    rows: table.rows,
    bytes: bytes.byteLength,
    schemaVersion: SCHEMA_VERSION,
    stats: stats.columns,
  };
}
