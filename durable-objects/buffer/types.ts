import type { Signal } from "../../core/schema";
import type { ColumnStats } from "../../core/parquet/stats";

export type PayloadFormat = "protobuf" | "json";

/** One accepted OTLP request, as the ingest worker hands it to a buffer. */
export interface AppendRequest {
  projectId: string;
  signal: Signal;
  shard: number;
  format: PayloadFormat;
  /** The decompressed request body: kept verbatim, decoded again at flush time. */
  payload: Uint8Array;
  /** Records the ingest worker accepted from this payload (for stats). */
  records: number;
  receivedAtMs: number;
}

export type AppendResult = { ok: true; batchId: number } | { ok: false; reason: "buffer_full"; retryAfterSeconds: number };

export interface StoredBatch {
  id: number;
  receivedAtMs: number;
  format: PayloadFormat;
  payload: Uint8Array;
}

export interface BufferStats {
  batches: number;
  bytes: number;
  records: number;
  oldestMs: number | null;
  flushedFiles: number;
  lastFlushError: string | null;
  /** Batches set aside because they no longer decode (see flush.ts). */
  quarantined: number;
}

/** What the catalog records of each Parquet file. */
export interface FileRecord {
  key: string;
  signal: Signal;
  date: string;
  hour: string;
  minTimestampUs: number;
  maxTimestampUs: number;
  rows: number;
  bytes: number;
  schemaVersion: number;
  /** Per-column min/max/nulls (and small distinct sets), for pruning. */
  stats: Record<string, ColumnStats>;
}

/** The rows a buffer still holds, as Parquet files (see BufferObject.hotSnapshot). */
export interface HotSnapshot {
  files: Uint8Array[];
  rows: number;
  shard: number;
  /** With shard, names this buffer's flush files: `s{shard}-{epoch}-{minBatch}-{maxBatch}`. */
  epoch: string;
  /** Batch ids the files hold (inclusive); maxBatch < minBatch when empty. */
  minBatch: number;
  maxBatch: number;
  /** True when older buffered batches were left out (over the hot tier's cap). */
  truncated: boolean;
}
