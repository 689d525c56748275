/**
 * Test helpers for the OTLP decoder tests (not used by the worker):
 * - `pb`: a tiny protobuf writer to hand-craft requests the SDK would never send
 *   (unknown fields, bad ids, odd encodings);
 * - SDK payloads through @opentelemetry/otlp-transformer, as real exporters send them;
 * - `expectComplete`: every column has exactly one value per row.
 */
import { expect } from "vitest";
import type { TableBuilder } from "../../../core/columns";
import {
  JsonLogsSerializer,
  JsonMetricsSerializer,
  JsonTraceSerializer,
  ProtobufLogsSerializer,
  ProtobufMetricsSerializer,
  ProtobufTraceSerializer,
} from "@opentelemetry/otlp-transformer";
import type { ReadableLogRecord } from "@opentelemetry/sdk-logs";
import type { ResourceMetrics } from "@opentelemetry/sdk-metrics";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";

// ---- hand-written protobuf ----------------------------------------------------

export type Field = Uint8Array;

function varintBytes(v: bigint | number): number[] {
  let x = BigInt.asUintN(64, BigInt(v));
  const out: number[] = [];
  while (x >= 0x80n) {
    out.push(Number(x & 0x7fn) | 0x80);
    x >>= 7n;
  }
  out.push(Number(x));
  return out;
}

const concat = (parts: ArrayLike<number>[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

/** Field builders: each returns the encoded field (tag + value). */
export const pb = {
  varint: (field: number, v: bigint | number): Field => concat([varintBytes(field << 3), varintBytes(v)]),
  fixed64: (field: number, v: bigint | number): Field => {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, BigInt(v)), true);
    return concat([varintBytes((field << 3) | 1), b]);
  },
  double: (field: number, v: number): Field => {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, v, true);
    return concat([varintBytes((field << 3) | 1), b]);
  },
  fixed32: (field: number, v: number): Field => {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, v >>> 0, true);
    return concat([varintBytes((field << 3) | 5), b]);
  },
  bytes: (field: number, v: Uint8Array | number[]): Field => concat([varintBytes((field << 3) | 2), varintBytes(v.length), v]),
  string: (field: number, s: string): Field => pb.bytes(field, new TextEncoder().encode(s)),
  message: (field: number, ...fields: Field[]): Field => pb.bytes(field, concat(fields)),
  /** A deprecated group (wire types 3/4) holding `fields`. */
  group: (field: number, ...fields: Field[]): Field =>
    concat([varintBytes((field << 3) | 3), ...fields, varintBytes((field << 3) | 4)]),
  /** Concatenates fields into a message body. */
  body: (...fields: Field[]): Uint8Array => concat(fields),
};

/** One unknown field of every wire type, with numbers no OTLP message uses. */
export function unknownFields(): Field[] {
  return [
    pb.varint(1000, 123456789012n),
    pb.fixed64(1001, 42),
    pb.string(1002, "ignored"),
    pb.fixed32(1003, 7),
    pb.group(1004, pb.varint(1, 1), pb.string(2, "nested")),
  ];
}

export function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
}

/** KeyValue with a string value. */
export const kvString = (field: number, key: string, value: string): Field =>
  pb.message(field, pb.string(1, key), pb.message(2, pb.string(1, value)));
/** KeyValue with an int value. */
export const kvInt = (field: number, key: string, value: bigint | number): Field =>
  pb.message(field, pb.string(1, key), pb.message(2, pb.varint(3, value)));

// ---- SDK payloads ---------------------------------------------------------------

export function logsPayload(records: ReadableLogRecord[]): { protobuf: Uint8Array; json: string } {
  return {
    protobuf: ProtobufLogsSerializer.serializeRequest(records)!,
    json: new TextDecoder().decode(JsonLogsSerializer.serializeRequest(records)!),
  };
}

export function spansPayload(spans: ReadableSpan[]): { protobuf: Uint8Array; json: string } {
  return {
    protobuf: ProtobufTraceSerializer.serializeRequest(spans)!,
    json: new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans)!),
  };
}

export function metricsPayload(metrics: ResourceMetrics): { protobuf: Uint8Array; json: string } {
  return {
    protobuf: ProtobufMetricsSerializer.serializeRequest(metrics)!,
    json: new TextDecoder().decode(JsonMetricsSerializer.serializeRequest(metrics)!),
  };
}

// ---- tables -----------------------------------------------------------------------

/** Every column holds exactly `table.rows` values: no partial or missing row. */
export function expectComplete(table: TableBuilder): void {
  table.columns.forEach((c, i) => {
    expect(c.length, `column ${table.defs[i].name}`).toBe(table.rows);
  });
}

export function allRows(table: TableBuilder): Record<string, unknown>[] {
  expectComplete(table);
  return Array.from({ length: table.rows }, (_, i) => table.row(i));
}

/** Exact microseconds of a nanosecond count, via BigInt (the reference for our integer maths). */
export function micros(ns: bigint): number {
  return Number(ns / 1000n);
}
