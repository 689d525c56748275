/**
 * OTLP AnyValue / KeyValue on the protobuf path.
 *
 * `readAnyValue` only locates the value (kind + byte range or number), so a string
 * can be copied into a column without being decoded. Non-string values become text:
 * scalars as their literal text, bytes as base64, arrays and kvlists as JSON (see
 * docs in core/schema.ts: map values are strings).
 */
import type { StringColumn } from "../../../core/columns";
import { int64ToDecimal } from "./int64";
import { MAX_DEPTH, ProtoReader, tagOf, WIRE_I64, WIRE_LEN, WIRE_VARINT } from "./protobuf-reader";
import { appendUtf8Checked } from "./column-append";
import { base64, decodeUtf8, doubleJson, doubleText } from "./text";

// AnyValue oneof field numbers double as kinds.
export const AV_NONE = 0;
export const AV_STRING = 1;
export const AV_BOOL = 2;
export const AV_INT = 3;
export const AV_DOUBLE = 4;
export const AV_ARRAY = 5;
export const AV_KVLIST = 6;
export const AV_BYTES = 7;

const T_STRING = tagOf(1, WIRE_LEN);
const T_BOOL = tagOf(2, WIRE_VARINT);
const T_INT = tagOf(3, WIRE_VARINT);
const T_DOUBLE = tagOf(4, WIRE_I64);
const T_ARRAY = tagOf(5, WIRE_LEN);
const T_KVLIST = tagOf(6, WIRE_LEN);
const T_BYTES = tagOf(7, WIRE_LEN);
const T_KEY = tagOf(1, WIRE_LEN);
const T_VALUE = tagOf(2, WIRE_LEN);
/** ArrayValue.values and KeyValueList.values are both field 1. */
const T_VALUES = tagOf(1, WIRE_LEN);

/** Where an AnyValue's content is; reused to avoid allocation. */
export class AnyValueRef {
  kind = AV_NONE;
  /** Byte range of string/bytes/array/kvlist content. */
  start = 0;
  end = 0;
  /** bool (0/1) or double. */
  num = 0;
  /** int64 halves. */
  lo = 0;
  hi = 0;
}

/** Locates the value of the AnyValue message in [start, end). Last oneof field wins, as in protobuf. */
export function readAnyValue(r: ProtoReader, start: number, end: number, out: AnyValueRef): void {
  r.pos = start;
  out.kind = AV_NONE;
  while (r.pos < end) {
    const tag = r.tag(end);
    switch (tag) {
      case T_STRING:
      case T_ARRAY:
      case T_KVLIST:
      case T_BYTES: {
        const e = r.len(end);
        out.kind = tag >>> 3;
        out.start = r.pos;
        out.end = e;
        r.pos = e;
        break;
      }
      case T_BOOL:
        r.varint64(end);
        out.kind = AV_BOOL;
        out.num = r.lo !== 0 || r.hi !== 0 ? 1 : 0;
        break;
      case T_INT:
        r.varint64(end);
        out.kind = AV_INT;
        out.lo = r.lo;
        out.hi = r.hi;
        break;
      case T_DOUBLE:
        out.num = r.double(end);
        out.kind = AV_DOUBLE;
        break;
      default:
        r.skip(tag, end);
    }
  }
}

/**
 * Reads the KeyValue message in [start, end) into `out`: key byte range in [0], [1],
 * AnyValue message range in [2], [3] (both -1 when the value is absent).
 */
export function readKeyValue(r: ProtoReader, start: number, end: number, out: Int32Array): void {
  r.pos = start;
  out[0] = start;
  out[1] = start;
  out[2] = -1;
  out[3] = -1;
  while (r.pos < end) {
    const tag = r.tag(end);
    if (tag === T_KEY) {
      const e = r.len(end);
      out[0] = r.pos;
      out[1] = e;
      r.pos = e;
    } else if (tag === T_VALUE) {
      const e = r.len(end);
      out[2] = r.pos;
      out[3] = e;
      r.pos = e;
    } else r.skip(tag, end);
  }
}

/** Text of a located value (strings decoded; see `appendAnyValueText` to avoid that). */
export function anyValueText(r: ProtoReader, v: AnyValueRef, depth = 0): string {
  switch (v.kind) {
    case AV_STRING:
      return decodeUtf8(r.buf, v.start, v.end);
    case AV_BOOL:
      return v.num ? "true" : "false";
    case AV_INT:
      return int64ToDecimal(v.lo, v.hi);
    case AV_DOUBLE:
      return doubleText(v.num);
    case AV_BYTES:
      return base64(r.buf, v.start, v.end);
    case AV_ARRAY:
      return arrayJson(r, v.start, v.end, depth + 1);
    case AV_KVLIST:
      return kvlistJson(r, v.start, v.end, depth + 1);
    default:
      return "";
  }
}

/** Appends the text of a value; strings are copied from the request bytes. */
export function appendAnyValueText(col: StringColumn, r: ProtoReader, v: AnyValueRef): void {
  if (v.kind === AV_STRING) appendUtf8Checked(col, r.buf, v.start, v.end);
  else if (v.kind === AV_BOOL) col.append(v.num ? "true" : "false");
  else col.append(anyValueText(r, v));
}

/** JSON text of the AnyValue message in [start, end) (absent value → null). */
export function anyValueJson(r: ProtoReader, start: number, end: number, depth: number): string {
  if (depth > MAX_DEPTH) r.fail("AnyValue nested too deeply", start);
  const v = new AnyValueRef();
  readAnyValue(r, start, end, v);
  switch (v.kind) {
    case AV_STRING:
      return JSON.stringify(decodeUtf8(r.buf, v.start, v.end));
    case AV_BOOL:
      return v.num ? "true" : "false";
    case AV_INT:
      return int64ToDecimal(v.lo, v.hi); // exact digits, even past 2^53
    case AV_DOUBLE:
      return doubleJson(v.num);
    case AV_BYTES:
      return `"${base64(r.buf, v.start, v.end)}"`;
    case AV_ARRAY:
      return arrayJson(r, v.start, v.end, depth + 1);
    case AV_KVLIST:
      return kvlistJson(r, v.start, v.end, depth + 1);
    default:
      return "null";
  }
}

/** ArrayValue { repeated AnyValue values = 1 } → JSON array. */
function arrayJson(r: ProtoReader, start: number, end: number, depth: number): string {
  if (depth > MAX_DEPTH) r.fail("AnyValue nested too deeply", start);
  const parts: string[] = [];
  r.pos = start;
  while (r.pos < end) {
    const tag = r.tag(end);
    if (tag === T_VALUES) {
      const e = r.len(end);
      parts.push(anyValueJson(r, r.pos, e, depth));
      r.pos = e;
    } else r.skip(tag, end);
  }
  return `[${parts.join(",")}]`;
}

/** KeyValueList { repeated KeyValue values = 1 } → JSON object. */
function kvlistJson(r: ProtoReader, start: number, end: number, depth: number): string {
  const obj = new KeyValueJson();
  r.pos = start;
  while (r.pos < end) {
    const tag = r.tag(end);
    if (tag === T_VALUES) {
      const e = r.len(end);
      obj.add(r, r.pos, e, depth);
      r.pos = e;
    } else r.skip(tag, end);
  }
  return obj.text();
}

/** Builds a JSON object from KeyValue messages (kvlists, event and link attributes). */
export class KeyValueJson {
  private parts: string[] = [];
  private readonly range = new Int32Array(4);
  /** Adds the KeyValue message in [start, end); `r.pos` is left undefined. */
  add(r: ProtoReader, start: number, end: number, depth: number): { key: string; value: AnyValueRef } {
    if (depth > MAX_DEPTH) r.fail("AnyValue nested too deeply", start);
    const kv = this.range;
    readKeyValue(r, start, end, kv);
    const key = decodeUtf8(r.buf, kv[0], kv[1]);
    const value = new AnyValueRef();
    if (kv[2] >= 0) readAnyValue(r, kv[2], kv[3], value);
    this.parts.push(`${JSON.stringify(key)}:${kv[2] >= 0 ? anyValueJson(r, kv[2], kv[3], depth + 1) : "null"}`);
    return { key, value };
  }
  text(): string {
    return `{${this.parts.join(",")}}`;
  }
}
