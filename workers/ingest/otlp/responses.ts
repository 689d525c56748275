/**
 * OTLP/HTTP response bodies.
 *
 * Success: Export{Trace,Logs,Metrics}ServiceResponse, whose only field is
 * partial_success = 1 { rejected_<items> int64 = 1, error_message string = 2 }. When
 * everything was accepted the message is empty (0 bytes, or `{}` in JSON), as the
 * spec asks. Failure: google.rpc.Status { code int32 = 1, message string = 2 }.
 */
import type { Signal } from "./errors";

const REJECTED_FIELD: Record<Signal, string> = {
  spans: "rejectedSpans",
  logs: "rejectedLogRecords",
  metrics: "rejectedDataPoints",
};

export interface PartialSuccess {
  rejected: number;
  message: string;
}

export function encodeExportResponse(signal: Signal, format: "protobuf", partial?: PartialSuccess): Uint8Array;
export function encodeExportResponse(signal: Signal, format: "json", partial?: PartialSuccess): string;
export function encodeExportResponse(
  signal: Signal,
  format: "protobuf" | "json",
  partial?: PartialSuccess,
): Uint8Array | string;
export function encodeExportResponse(
  signal: Signal,
  format: "protobuf" | "json",
  partial?: PartialSuccess,
): Uint8Array | string {
  const rejected = partial ? Math.max(0, Math.trunc(partial.rejected)) : 0;
  const message = partial?.message ?? "";
  const empty = rejected === 0 && message === "";
  if (format === "json") {
    if (empty) return "{}";
    const inner: Record<string, string> = {};
    // proto3 JSON writes int64 as a decimal string.
    if (rejected !== 0) inner[REJECTED_FIELD[signal]] = String(rejected);
    if (message !== "") inner.errorMessage = message;
    return JSON.stringify({ partialSuccess: inner });
  }
  if (empty) return new Uint8Array(0);
  const w = new Writer();
  if (rejected !== 0) w.varintField(1, rejected);
  if (message !== "") w.stringField(2, message);
  const inner = w.finish();
  const outer = new Writer();
  outer.bytesField(1, inner);
  return outer.finish();
}

export function encodeStatus(format: "protobuf", code: number, message: string): Uint8Array;
export function encodeStatus(format: "json", code: number, message: string): string;
export function encodeStatus(format: "protobuf" | "json", code: number, message: string): Uint8Array | string;
export function encodeStatus(format: "protobuf" | "json", code: number, message: string): Uint8Array | string {
  const c = code | 0;
  if (format === "json") return JSON.stringify(message === "" ? { code: c } : { code: c, message });
  const w = new Writer();
  if (c !== 0) w.varintField(1, c);
  if (message !== "") w.stringField(2, message);
  return w.finish();
}

/** Just enough of a protobuf writer for these two small messages. */
class Writer {
  private bytes: number[] = [];
  private varint(v: number): void {
    if (v < 0) {
      // Negative int32/int64: ten-byte two's complement varint.
      let lo = v >>> 0;
      let hi = Math.floor(v / 4294967296) >>> 0;
      for (let i = 0; i < 9; i++) {
        this.bytes.push((lo & 0x7f) | 0x80);
        lo = ((lo >>> 7) | (hi << 25)) >>> 0;
        hi >>>= 7;
      }
      this.bytes.push(lo & 0x01);
      return;
    }
    while (v >= 0x80) {
      this.bytes.push((v % 128) | 0x80);
      v = Math.floor(v / 128);
    }
    this.bytes.push(v);
  }
  varintField(field: number, v: number): void {
    this.varint(field << 3);
    this.varint(v);
  }
  bytesField(field: number, b: Uint8Array): void {
    this.varint((field << 3) | 2);
    this.varint(b.length);
    for (const x of b) this.bytes.push(x);
  }
  stringField(field: number, s: string): void {
    this.bytesField(field, new TextEncoder().encode(s));
  }
  finish(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}
