/**
 * Storage layout in R2: `v1/{project}/{signal}/date=YYYY-MM-DD/hour=HH/{file}.parquet`.
 * Hive-style `key=value` folders let stock DuckDB, Spark or Athena prune by date and
 * hour without our catalog.
 */
import type { Signal } from "../../core/schema";

export interface Partition {
  date: string; // YYYY-MM-DD (UTC)
  hour: string; // HH (UTC)
}

export function partitionOf(timestampUs: number): Partition {
  const iso = new Date(Math.floor(timestampUs / 1000)).toISOString();
  return { date: iso.slice(0, 10), hour: iso.slice(11, 13) };
}

export function partitionKey(p: Partition): string {
  return `date=${p.date}/hour=${p.hour}`;
}

export function parsePartitionKey(key: string): Partition {
  const m = /^date=(\d{4}-\d{2}-\d{2})\/hour=(\d{2})$/.exec(key);
  if (!m) throw new Error(`not a partition key: ${key}`);
  return { date: m[1], hour: m[2] };
}

export function signalPrefix(project: string, signal: Signal): string {
  return `v1/${project}/${signal}/`;
}

export function objectKey(project: string, signal: Signal, p: Partition, file: string): string {
  return `${signalPrefix(project, signal)}${partitionKey(p)}/${file}.parquet`;
}
