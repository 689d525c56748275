/**
 * Error and result types shared by the OTLP decoders.
 *
 * Two failure levels, matching OTLP/HTTP semantics:
 * - the whole request is unreadable (bad wire format, malformed JSON, wrong top-level
 *   shape) → `OtlpDecodeError`, which the route turns into HTTP 400;
 * - one record is invalid (bad trace id, gauge point without a value…) → it is dropped,
 *   counted in `rejected`, and reported through `partial_success`, the rest is kept.
 */
import type { TableBuilder } from "../../../core/columns";

export type { OtlpSignal as Signal } from "../../../core/schema";

export interface DecodeResult {
  table: TableBuilder;
  /** Rows written to `table`. */
  accepted: number;
  /** Records (spans, log records, data points) dropped as invalid. */
  rejected: number;
  /** The first few rejection reasons, each prefixed with the record's path. */
  errors: string[];
}

export class OtlpDecodeError extends Error {
  /** Byte offset (protobuf) or character offset (JSON) of the problem, when known. */
  readonly offset?: number;
  /** JSON path of the problem (`$.resourceSpans[0].scopeSpans`), when known. */
  readonly path?: string;
  constructor(message: string, where: { offset?: number; path?: string } = {}) {
    super(message);
    this.name = "OtlpDecodeError";
    this.offset = where.offset;
    this.path = where.path;
  }
}

/** How many rejection reasons we keep: enough to debug a client, bounded for huge batches. */
export const MAX_REPORTED_ERRORS = 10;

/** Counts rejected records and keeps the first few reasons. */
export class Rejections {
  count = 0;
  readonly errors: string[] = [];
  add(path: string, reason: string): void {
    this.count++;
    if (this.errors.length < MAX_REPORTED_ERRORS) this.errors.push(`${path}: ${reason}`);
  }
}
