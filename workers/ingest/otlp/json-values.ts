/**
 * Field and value conversions for OTLP JSON (proto3 JSON mapping, as the OTLP spec
 * profiles it): lowerCamelCase names (snake_case accepted too), 64-bit integers as
 * strings or numbers, enums as integers or names, trace/span ids as hex, bytes as
 * base64, and AnyValue as `{stringValue | intValue | doubleValue | boolValue |
 * arrayValue | kvlistValue | bytesValue}`.
 *
 * A problem inside one record throws `RecordError`, which the walker turns into a
 * rejection of that record only; problems above records are `OtlpDecodeError`s.
 */
import { OtlpDecodeError } from "./errors";
import { int64ToDecimal, parseInt64Decimal, parseUint64Decimal, U64, uint64FromNumber } from "./int64";
import { MAX_DEPTH } from "./protobuf-reader";
import { doubleJson } from "./text";

export type JsonObject = Record<string, unknown>;

/** A problem confined to one record (span, log record, data point). */
export class RecordError extends Error {}

/**
 * Thrown when a 64-bit integer field holds a JSON number beyond 2^53, which JSON.parse
 * has already rounded. `decodeJson` then decodes the request again from text where
 * such numbers are quoted (rare: OTLP JSON should send them as strings), so the common
 * path pays nothing for exactness.
 */
export class UnsafeJsonInteger extends Error {}

let roundUnsafeIntegers = false;

/** Runs `fn` accepting rounded integers (the second pass, when exactness is out of reach). */
export function acceptingRoundedIntegers<T>(fn: () => T): T {
  roundUnsafeIntegers = true;
  try {
    return fn();
  } finally {
    roundUnsafeIntegers = false;
  }
}

function checkExact(v: number): void {
  if (!roundUnsafeIntegers && !Number.isSafeInteger(v) && Number.isInteger(v)) throw new UnsafeJsonInteger();
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A field by its JSON name or its proto (snake_case) name; null counts as absent. */
export function get(o: JsonObject, camel: string, snake?: string): unknown {
  const v = o[camel];
  if (v !== undefined && v !== null) return v;
  if (snake === undefined) return undefined;
  const s = o[snake];
  return s === null ? undefined : s;
}

export function getString(o: JsonObject, camel: string, snake?: string): string {
  const v = get(o, camel, snake);
  if (v === undefined) return "";
  if (typeof v !== "string") throw new RecordError(`${camel} must be a string`);
  return v;
}

export function getArray(o: JsonObject, camel: string, snake?: string): unknown[] {
  const v = get(o, camel, snake);
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new RecordError(`${camel} must be an array`);
  return v;
}

/** Parses an unsigned 64-bit integer given as a decimal string or a number into `out`. */
export function uint64(v: unknown, field: string, out: U64): void {
  if (typeof v === "number") checkExact(v);
  if (typeof v === "string" ? parseUint64Decimal(v, out) : typeof v === "number" && uint64FromNumber(v, out)) return;
  throw new RecordError(`${field} must be an unsigned 64-bit integer (string or number), got ${preview(v)}`);
}

/** Reads an unsigned 64-bit field (timestamps, counts) into `out`; absent → 0. */
export function getUint64(o: JsonObject, camel: string, snake: string, out: U64): void {
  const v = get(o, camel, snake);
  out.lo = 0;
  out.hi = 0;
  if (v !== undefined) uint64(v, camel, out);
}

const tmp = new U64();

/** An unsigned 64-bit value as a number (counts; rounds above 2^53). */
export function uint64Number(v: unknown, field: string): number {
  uint64(v, field, tmp);
  return tmp.hi * 4294967296 + tmp.lo;
}

export function getUint64Number(o: JsonObject, camel: string, snake: string): number {
  getUint64(o, camel, snake, tmp);
  return tmp.hi * 4294967296 + tmp.lo;
}

/** A signed 64-bit integer as a number (metric values; rounds beyond 2^53). */
export function int64Number(v: unknown, field: string): number {
  if (typeof v === "number" && Number.isInteger(v)) {
    checkExact(v);
    return v;
  }
  if (typeof v === "string" && parseInt64Decimal(v, tmp)) return (tmp.hi | 0) * 4294967296 + tmp.lo;
  throw new RecordError(`${field} must be a 64-bit integer, got ${preview(v)}`);
}

/** A double: a JSON number, or a string ("NaN", "Infinity", "-Infinity", or numeric). */
export function double(v: unknown, field: string): number {
  if (typeof v === "number") return v;
  if (typeof v === "string") {
    if (v === "NaN") return NaN;
    if (v === "Infinity") return Infinity;
    if (v === "-Infinity") return -Infinity;
    const n = Number(v);
    if (v.trim() !== "" && !Number.isNaN(n)) return n;
  }
  throw new RecordError(`${field} must be a number, got ${preview(v)}`);
}

export function getDouble(o: JsonObject, camel: string, snake: string): number | null {
  const v = get(o, camel, snake);
  return v === undefined ? null : double(v, camel);
}

/** uint32/int32 fields (flags, offsets, scale): integer numbers or numeric strings. */
export function getInt32(o: JsonObject, camel: string, snake: string): number {
  const v = get(o, camel, snake);
  if (v === undefined) return 0;
  const n = typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : v;
  if (typeof n === "number" && Number.isInteger(n) && n >= -2147483648 && n <= 4294967295) return n | 0;
  throw new RecordError(`${camel} must be a 32-bit integer, got ${preview(v)}`);
}

/** An enum, as its number or its name (`SPAN_KIND_SERVER`). */
export function getEnum(o: JsonObject, camel: string, snake: string, names: Readonly<Record<string, number>>): number {
  const v = get(o, camel, snake);
  if (v === undefined) return 0;
  if (typeof v === "number" && Number.isInteger(v)) return v;
  if (typeof v === "string") {
    if (Object.hasOwn(names, v)) return names[v]; // own names only: "constructor" is not an enum value
    if (/^\d+$/.test(v)) return Number(v);
  }
  throw new RecordError(`${camel} has unknown value ${preview(v)}`);
}

export function getBool(o: JsonObject, camel: string, snake: string): boolean {
  const v = get(o, camel, snake);
  if (v === undefined) return false;
  if (typeof v === "boolean") return v;
  throw new RecordError(`${camel} must be a boolean, got ${preview(v)}`);
}

const HEX_RE = /^[0-9a-fA-F]*$/;
const ZERO_RE = /^0*$/;

/**
 * A trace or span id: hex in either case → lowercase; "" or absent → null; all zeros
 * → null ("no id" in W3C trace context). Wrong length or non-hex → RecordError.
 */
export function getHexId(o: JsonObject, camel: string, snake: string, bytes: number): string | null {
  const v = get(o, camel, snake);
  if (v === undefined || v === "") return null;
  if (typeof v !== "string") throw new RecordError(`invalid ${camel} (expected a hex string, got ${preview(v)})`);
  if (v.length !== bytes * 2) {
    throw new RecordError(`invalid ${camel} (expected ${bytes * 2} hex characters, got ${v.length})`);
  }
  if (!HEX_RE.test(v)) throw new RecordError(`invalid ${camel} (not hex: ${preview(v)})`);
  return ZERO_RE.test(v) ? null : v.toLowerCase();
}

/** Short, safe rendering of a bad value for error messages. */
export function preview(v: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > 40 ? s.slice(0, 37) + "..." : s;
}

// ---- AnyValue ---------------------------------------------------------------

/** Text of a 64-bit integer given as a string or number, canonicalised when it is one. */
function int64Text(v: unknown): string {
  if (typeof v === "number") {
    checkExact(v);
    return String(v);
  }
  const s = String(v);
  return parseInt64Decimal(s, tmp) ? int64ToDecimal(tmp.lo, tmp.hi) : s;
}

function doubleOf(v: unknown): number {
  try {
    return double(v, "doubleValue");
  } catch {
    return NaN;
  }
}

/**
 * Text of an AnyValue for map values, body and promoted string columns: strings as
 * is, scalars as literal text, bytes as the base64 sent, arrays/kvlists as JSON.
 * Returns null when no value is set. Lenient: odd values never reject a record.
 */
export function anyText(v: unknown, depth = 0): string | null {
  if (!isObject(v)) return null;
  let x = get(v, "stringValue", "string_value");
  if (x !== undefined) return typeof x === "string" ? x : String(x);
  x = get(v, "intValue", "int_value");
  if (x !== undefined) return int64Text(x);
  x = get(v, "doubleValue", "double_value");
  if (x !== undefined) return String(doubleOf(x));
  x = get(v, "boolValue", "bool_value");
  if (x !== undefined) return x === true || x === "true" ? "true" : "false";
  x = get(v, "bytesValue", "bytes_value");
  if (x !== undefined) return String(x);
  if (get(v, "arrayValue", "array_value") !== undefined || get(v, "kvlistValue", "kvlist_value") !== undefined) {
    return anyJson(v, depth);
  }
  return null;
}

/** JSON text of an AnyValue (events, links, arrays, kvlists); unset → null. */
export function anyJson(v: unknown, depth: number): string {
  if (depth > MAX_DEPTH) throw new OtlpDecodeError("invalid OTLP JSON: AnyValue nested too deeply");
  if (!isObject(v)) return "null";
  let x = get(v, "stringValue", "string_value");
  if (x !== undefined) return JSON.stringify(typeof x === "string" ? x : String(x));
  x = get(v, "intValue", "int_value");
  if (x !== undefined) {
    const t = int64Text(x);
    return /^-?\d+$/.test(t) ? t : JSON.stringify(t);
  }
  x = get(v, "doubleValue", "double_value");
  if (x !== undefined) return doubleJson(doubleOf(x));
  x = get(v, "boolValue", "bool_value");
  if (x !== undefined) return x === true || x === "true" ? "true" : "false";
  x = get(v, "bytesValue", "bytes_value");
  if (x !== undefined) return JSON.stringify(String(x));
  x = get(v, "arrayValue", "array_value");
  if (x !== undefined) {
    const values = isObject(x) ? get(x, "values") : undefined;
    const list = Array.isArray(values) ? values : [];
    return `[${list.map((e) => anyJson(e, depth + 1)).join(",")}]`;
  }
  x = get(v, "kvlistValue", "kvlist_value");
  if (x !== undefined) {
    const values = isObject(x) ? get(x, "values") : undefined;
    return keyValuesJson(Array.isArray(values) ? values : [], depth + 1);
  }
  return "null";
}

/** JSON object text of a KeyValue list (`[{key, value}]`); entries without a string key are skipped. */
export function keyValuesJson(list: unknown[], depth: number): string {
  if (depth > MAX_DEPTH) throw new OtlpDecodeError("invalid OTLP JSON: AnyValue nested too deeply");
  const parts: string[] = [];
  for (const kv of list) {
    if (!isObject(kv) || typeof kv.key !== "string") continue;
    parts.push(`${JSON.stringify(kv.key)}:${anyJson(kv.value, depth + 1)}`);
  }
  return `{${parts.join(",")}}`;
}
