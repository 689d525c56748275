/**
 * OTLP/HTTP decoding for the ingest worker: protobuf and JSON request bodies for
 * logs, traces and metrics, decoded straight into columnar TableBuilders (see
 * core/columns.ts, core/schema.ts), plus the response bodies OTLP expects.
 *
 * - `decodeProtobuf` / `decodeJson` return the table, how many records were accepted
 *   and rejected (partial success), and the first few rejection reasons; they throw
 *   `OtlpDecodeError` (→ HTTP 400) when the request as a whole is unreadable.
 * - `encodeExportResponse` / `encodeStatus` build success and error bodies.
 * - `countProtobufRecords` walks the wire format without decoding (benchmark baseline).
 */
export type { DecodeResult, Signal } from "./errors";
export { OtlpDecodeError } from "./errors";
export { decodeProtobuf } from "./decode-protobuf";
export { decodeJson } from "./decode-json";
export { encodeExportResponse, encodeStatus, type PartialSuccess } from "./responses";
export { countProtobufRecords } from "./count-records";
