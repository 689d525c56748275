/**
 * Byte-level text helpers for the protobuf path: UTF-8 validation, hex and base64.
 *
 * Strings are copied from the request buffer into columns without decoding, but a
 * single invalid UTF-8 sequence in a Parquet string column makes readers such as
 * DuckDB refuse the whole file. So every copied string is validated (a tight ASCII
 * loop in the common case), and only an invalid one is decoded with U+FFFD
 * replacement and re-encoded.
 */

const lossyDecoder = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });
const encoder = new TextEncoder();

/** True when bytes [start, end) are well-formed UTF-8 (no overlongs, surrogates or > U+10FFFF). */
export function isValidUtf8(b: Uint8Array, start: number, end: number): boolean {
  let i = start;
  while (i < end) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    if (c < 0xc2) return false; // continuation byte or overlong 2-byte lead
    if (c < 0xe0) {
      if (i + 1 >= end || (b[i + 1] & 0xc0) !== 0x80) return false;
      i += 2;
      continue;
    }
    if (c < 0xf0) {
      if (i + 2 >= end) return false;
      const c1 = b[i + 1];
      if ((c1 & 0xc0) !== 0x80 || (b[i + 2] & 0xc0) !== 0x80) return false;
      if (c === 0xe0 && c1 < 0xa0) return false; // overlong
      if (c === 0xed && c1 >= 0xa0) return false; // UTF-16 surrogate
      i += 3;
      continue;
    }
    if (c < 0xf5) {
      if (i + 3 >= end) return false;
      const c1 = b[i + 1];
      if ((c1 & 0xc0) !== 0x80 || (b[i + 2] & 0xc0) !== 0x80 || (b[i + 3] & 0xc0) !== 0x80) return false;
      if (c === 0xf0 && c1 < 0x90) return false; // overlong
      if (c === 0xf4 && c1 >= 0x90) return false; // > U+10FFFF
      i += 4;
      continue;
    }
    return false;
  }
  return true;
}

/** Decodes UTF-8 bytes, replacing invalid sequences with U+FFFD. */
export function decodeUtf8(b: Uint8Array, start: number, end: number): string {
  return start === end ? "" : lossyDecoder.decode(b.subarray(start, end));
}

export function encodeUtf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/** A standalone, valid UTF-8 copy of bytes [start, end) (for values re-appended on many rows). */
export function copyUtf8(b: Uint8Array, start: number, end: number): Uint8Array {
  return isValidUtf8(b, start, end) ? b.slice(start, end) : encoder.encode(decodeUtf8(b, start, end));
}

const HEX_DIGITS = encoder.encode("0123456789abcdef");

/** Writes bytes [start, end) as lowercase hex ASCII into `out` (from 0); returns the length written. */
export function hexInto(b: Uint8Array, start: number, end: number, out: Uint8Array): number {
  let o = 0;
  for (let i = start; i < end; i++) {
    const v = b[i];
    out[o++] = HEX_DIGITS[v >> 4];
    out[o++] = HEX_DIGITS[v & 15];
  }
  return o;
}

export function toHex(b: Uint8Array, start: number, end: number): string {
  let s = "";
  for (let i = start; i < end; i++) s += (b[i] < 16 ? "0" : "") + b[i].toString(16);
  return s;
}

export function isAllZero(b: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (b[i] !== 0) return false;
  return true;
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Standard base64 with padding (what OTLP JSON uses for bytes), without Buffer or btoa. */
export function base64(b: Uint8Array, start: number, end: number): string {
  let s = "";
  let i = start;
  for (; i + 2 < end; i += 3) {
    const n = (b[i] << 16) | (b[i + 1] << 8) | b[i + 2];
    s += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + B64[n & 63];
  }
  if (i + 1 === end) {
    const n = b[i] << 16;
    s += B64[n >> 18] + B64[(n >> 12) & 63] + "==";
  } else if (i + 2 === end) {
    const n = (b[i] << 16) | (b[i + 1] << 8);
    s += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + "=";
  }
  return s;
}

/** Literal text of a double as stored in attribute maps ("1.5", "NaN", "Infinity"). */
export function doubleText(v: number): string {
  return String(v);
}

/** JSON text of a double: non-finite values cannot be JSON numbers, so they become strings. */
export function doubleJson(v: number): string {
  return Number.isFinite(v) ? String(v) : `"${String(v)}"`;
}
