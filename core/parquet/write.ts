/**
 * TableBuilder → Parquet bytes (zstd), through Arrow IPC and parquet-wasm (arrow-rs's
 * Parquet writer compiled to wasm): TableBuilder → Arrow RecordBatch (arrow.ts, no
 * builders) → IPC stream (apache-arrow's RecordBatchStreamWriter, which only copies
 * buffers) → parquet-wasm.
 *
 * Two entry points, same output format:
 * - `encodeParquet` (sync): the whole selection goes into wasm at once. The wasm heap
 *   grows to ~2× the Arrow size of the rows (IPC copy + decoded arrays: 147 MB for
 *   100k log rows) and never shrinks. Fine for a few 10k rows, fatal in a 128 MB
 *   isolate beyond that.
 * - `encodeParquetChunked` (async): feeds parquet-wasm's streaming writer
 *   `chunkRows` at a time, so the wasm heap stays at one chunk plus the row group
 *   being built (~40 MB) whatever the table size. Use it for flushes and compaction.
 *
 * Call ensureParquetWasm() (wasm.ts) once before encoding.
 */
import { RecordBatchStreamWriter } from "apache-arrow";
import {
  Compression,
  EnabledStatistics,
  Encoding,
  Table as WasmTable,
  WriterPropertiesBuilder,
  WriterVersion,
  transformParquetStream,
  writeParquet,
  type RecordBatch as WasmRecordBatch,
  type WriterProperties,
} from "parquet-wasm/esm";
import { SCHEMA_VERSION } from "../schema";
import type { TableBuilder } from "../columns";
import { toRecordBatch } from "./arrow";
import { assertParquetWasm } from "./wasm";

/**
 * Rows per row group: 32k. Measured on 100k realistic log rows (README.md): the
 * writer buffers one row group in wasm and the reader decodes one at a time, and the
 * wasm heap never shrinks: 64k-row groups took it to 48 MB writing / 84 MB reading,
 * 32k to 40 / 49 MB, in a 128 MB isolate. The size cost is <1% (33.07 vs 32.87 B/row;
 * 16k: 33.68). A 32k group of logs is ~1 MB compressed: a good unit for the edge
 * query engine's range reads, and files keep several groups for min/max pruning.
 */
export const DEFAULT_ROW_GROUP_SIZE = 32768;

/**
 * Rows per Arrow chunk handed to the streaming writer. Smaller chunks bound the wasm
 * heap tighter (2k: 38 MB, 4k: 47 MB, 8k: 59 MB, 16k: 85 MB for 64k-row groups of
 * logs) at a small speed cost (2k is ~5% slower than 8k).
 */
export const DEFAULT_CHUNK_ROWS = 4096;

/**
 * Top-level columns whose values are (nearly) unique per row: a dictionary costs
 * hashing time, then falls back to PLAIN anyway, and measured bigger than PLAIN+zstd.
 * (Nested map/list columns can only take the global setting: parquet-wasm's
 * per-column setters match top-level names only.)
 */
const NO_DICTIONARY = new Set([
  "timestamp",
  "observed_timestamp",
  "duration_ns",
  "trace_id",
  "span_id",
  "parent_span_id",
  "body",
  "events",
  "links",
  "value",
  "sum",
]);

/**
 * Fixed-length hex ids: DELTA_LENGTH_BYTE_ARRAY stores the (constant) lengths as
 * deltas instead of a 4-byte prefix per value, which zstd cannot fully remove:
 * −1.1 B/span, −0.6 B/log record measured; DuckDB, Spark and Athena read it.
 */
const DELTA_LENGTH = new Set(["trace_id", "span_id", "parent_span_id"]);

/**
 * Columns whose min/max prune nothing (free text, random ids nobody range-filters).
 * Statistics cost ~15% of the encode time, so they are on only for other top-level
 * scalar columns (maps and lists get none).
 */
const NO_STATISTICS = new Set([
  "body",
  "span_id",
  "parent_span_id",
  "trace_state",
  "status_message",
  "events",
  "links",
  "db_query_text",
  "exception_message",
  "url_full",
  "user_agent_original",
]);

export interface EncodeOptions {
  /** Rows to write, in this order (a sort order and/or a selection). Default: all, as built. */
  rows?: Int32Array;
  rowGroupSize?: number;
}

export function encodeParquet(table: TableBuilder, options: EncodeOptions = {}): Uint8Array {
  assertParquetWasm();
  const ipc = encodeArrowIPC(table, options.rows);
  return writeParquet(WasmTable.fromIPCStream(ipc), writerProperties(table, options.rowGroupSize));
}

export async function encodeParquetChunked(
  table: TableBuilder,
  options: EncodeOptions & { chunkRows?: number } = {},
): Promise<Uint8Array> {
  assertParquetWasm();
  const rows = options.rows ?? null;
  const total = rows ? rows.length : table.rows;
  // The streaming writer needs at least one batch to know the schema.
  if (total === 0) return encodeParquet(table, options);
  // Fail here, not inside the stream, on a bad row index.
  if (rows) for (const r of rows) if (!(r >= 0 && r < table.rows)) throw new RangeError(`row ${r} out of range 0..${table.rows - 1}`);
  const chunkRows = options.chunkRows ?? DEFAULT_CHUNK_ROWS;
  let identity: Int32Array | null = null;
  let pos = 0;
  const batches = new ReadableStream<WasmRecordBatch>({
    pull(controller) {
      if (pos >= total) return controller.close();
      const end = Math.min(total, pos + chunkRows);
      let slice: Int32Array;
      if (rows) slice = rows.subarray(pos, end);
      else {
        identity ??= new Int32Array(Math.min(total, chunkRows));
        for (let i = pos; i < end; i++) identity[i - pos] = i;
        slice = identity.subarray(0, end - pos);
      }
      pos = end;
      const wasmTable = WasmTable.fromIPCStream(encodeArrowIPC(table, slice));
      for (const batch of wasmTable.recordBatches()) controller.enqueue(batch);
      wasmTable.free();
    },
  });
  const out: ReadableStream<Uint8Array> = await transformParquetStream(batches, writerProperties(table, options.rowGroupSize));
  const parts: Uint8Array[] = [];
  let length = 0;
  const reader = out.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    length += value.length;
  }
  if (parts.length === 1) return parts[0];
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return bytes;
}

/** The Arrow IPC stream of the (selected) rows. Exposed for benchmarks and the hot tier. */
export function encodeArrowIPC(table: TableBuilder, rows?: Int32Array): Uint8Array {
  return RecordBatchStreamWriter.writeAll([toRecordBatch(table, rows)]).toUint8Array(true);
}

function writerProperties(table: TableBuilder, rowGroupSize = DEFAULT_ROW_GROUP_SIZE): WriterProperties {
  let props = new WriterPropertiesBuilder()
    .setWriterVersion(WriterVersion.V1) // v1 pages: smaller here than v2, and read by everything (Athena, older Spark)
    .setCompression(Compression.ZSTD) // parquet-wasm exposes no level: arrow-rs's default, level 1
    .setDictionaryEnabled(true)
    .setStatisticsEnabled(EnabledStatistics.None)
    .setMaxRowGroupSize(rowGroupSize)
    .setCreatedBy("monoscope-edge")
    .setKeyValueMetadata(
      new Map([
        ["monoscope.schema_version", String(SCHEMA_VERSION)],
        ["monoscope.signal", table.signal],
      ]),
    );
  for (const def of table.defs) {
    if (def.type === "map" || def.type.startsWith("list_")) continue;
    if (NO_DICTIONARY.has(def.name)) props = props.setColumnDictionaryEnabled(def.name, false);
    if (DELTA_LENGTH.has(def.name)) props = props.setColumnEncoding(def.name, Encoding.DELTA_LENGTH_BYTE_ARRAY);
    // Chunk (row-group) statistics only: page indexes cost bytes and time, and
    // DuckDB prunes by row group.
    if (!NO_STATISTICS.has(def.name)) props = props.setColumnStatisticsEnabled(def.name, EnabledStatistics.Chunk);
  }
  return props.build();
}
