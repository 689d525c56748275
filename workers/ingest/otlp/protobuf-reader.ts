/**
 * A bounds-checked reader for the protobuf wire format, walked by hand.
 *
 * Generated decoders build an object per message; OTLP batches hold thousands of
 * records with a dozen attributes each, so the decoders here walk the bytes and copy
 * values straight into column builders instead. This reader only knows the wire
 * format: tags, varints, fixed-width numbers, length-delimited ranges, and skipping.
 *
 * Every read takes `end`, the end of the enclosing message, so a field can never run
 * into its sibling or past the buffer; any violation throws `OtlpDecodeError` with the
 * byte offset. 64-bit values are returned as two unsigned 32-bit halves in `lo`/`hi`
 * (no BigInt, no allocation); see `int64.ts` for exact conversions.
 */
import { OtlpDecodeError } from "./errors";

export const WIRE_VARINT = 0;
export const WIRE_I64 = 1;
export const WIRE_LEN = 2;
export const WIRE_SGROUP = 3;
export const WIRE_EGROUP = 4;
export const WIRE_I32 = 5;

/** Deepest nesting we follow (groups, AnyValue arrays/kvlists): keeps recursion off the stack limit. */
export const MAX_DEPTH = 64;

/** `tag` value for a field number and wire type, for `switch` statements. */
export function tagOf(field: number, wireType: number): number {
  return ((field << 3) | wireType) >>> 0;
}

export class ProtoReader {
  readonly buf: Uint8Array;
  readonly view: DataView;
  pos = 0;
  /** Low/high unsigned 32-bit halves of the last 64-bit read (fixed64, varint64). */
  lo = 0;
  hi = 0;

  constructor(buf: Uint8Array) {
    this.buf = buf;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  fail(message: string, offset: number = this.pos): never {
    throw new OtlpDecodeError(`invalid protobuf: ${message} at byte offset ${offset}`, { offset });
  }

  private truncated(what: string, offset: number, end: number): never {
    this.fail(`truncated ${what} (message ends at byte ${end})`, offset);
  }

  /** Reads a field tag (field number << 3 | wire type). */
  tag(end: number): number {
    const start = this.pos;
    const t = this.varint32(end);
    if (t >>> 3 === 0) this.fail("field number 0", start);
    return t;
  }

  /** Reads a varint and returns its low 32 bits unsigned (uint32, enum, bool; `| 0` for int32). */
  varint32(end: number): number {
    const buf = this.buf;
    let p = this.pos;
    if (p >= end) this.truncated("varint", p, end);
    let b = buf[p++];
    if (b < 0x80) {
      this.pos = p;
      return b;
    }
    const start = p - 1;
    let result = b & 0x7f;
    let shift = 7;
    do {
      if (p >= end) this.truncated("varint", start, end);
      if (shift >= 70) this.fail("varint longer than 10 bytes", start);
      b = buf[p++];
      // Bits past 32 are dropped, as protobuf does when reading a 64-bit varint into 32 bits.
      if (shift < 32) result |= (b & 0x7f) << shift;
      shift += 7;
    } while (b >= 0x80);
    this.pos = p;
    return result >>> 0;
  }

  /** Reads a 64-bit varint into `lo`/`hi`. */
  varint64(end: number): void {
    const buf = this.buf;
    let p = this.pos;
    const start = p;
    let lo = 0;
    let hi = 0;
    let b = 0;
    for (let shift = 0; shift < 28; shift += 7) {
      if (p >= end) this.truncated("varint", start, end);
      b = buf[p++];
      lo |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = p;
        this.lo = lo >>> 0;
        this.hi = 0;
        return;
      }
    }
    if (p >= end) this.truncated("varint", start, end);
    b = buf[p++];
    lo |= (b & 0x7f) << 28;
    hi = (b & 0x7f) >> 4;
    if (b >= 0x80) {
      for (let shift = 3; ; shift += 7) {
        if (shift > 31) this.fail("varint longer than 10 bytes", start);
        if (p >= end) this.truncated("varint", start, end);
        b = buf[p++];
        hi |= (b & 0x7f) << shift;
        if (b < 0x80) break;
      }
    }
    this.pos = p;
    this.lo = lo >>> 0;
    this.hi = hi >>> 0;
  }

  /** zigzag-encoded sint32. */
  sint32(end: number): number {
    const v = this.varint32(end);
    return (v >>> 1) ^ -(v & 1);
  }

  fixed32(end: number): number {
    const p = this.pos;
    if (p + 4 > end) this.truncated("fixed32", p, end);
    const b = this.buf;
    this.pos = p + 4;
    return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
  }

  /** Reads a fixed64/sfixed64 into `lo`/`hi`. */
  fixed64(end: number): void {
    const p = this.pos;
    if (p + 8 > end) this.truncated("fixed64", p, end);
    const b = this.buf;
    this.lo = (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
    this.hi = (b[p + 4] | (b[p + 5] << 8) | (b[p + 6] << 16) | (b[p + 7] << 24)) >>> 0;
    this.pos = p + 8;
  }

  double(end: number): number {
    const p = this.pos;
    if (p + 8 > end) this.truncated("double", p, end);
    this.pos = p + 8;
    return this.view.getFloat64(p, true);
  }

  /**
   * Reads the length prefix of a length-delimited field; leaves `pos` at its first
   * byte and returns its end, checked against the enclosing message's `end`.
   */
  len(end: number): number {
    const start = this.pos;
    const buf = this.buf;
    let p = start;
    if (p >= end) this.truncated("length", start, end);
    let b = buf[p++];
    let n = b & 0x7f;
    // Up to 5 bytes; anything ≥ 2^31 cannot fit in a request and is corrupt.
    for (let shift = 7; b >= 0x80; shift += 7) {
      if (shift > 28) this.fail("length prefix too large", start);
      if (p >= end) this.truncated("length", start, end);
      b = buf[p++];
      if (shift === 28 && b > 7) this.fail("length prefix too large", start);
      n |= (b & 0x7f) << shift;
    }
    const fieldEnd = p + n;
    if (fieldEnd > end) {
      this.fail(`length-delimited field of ${n} bytes overruns its message (ends at byte ${end})`, start);
    }
    this.pos = p;
    return fieldEnd;
  }

  /** Skips the value of a field whose tag was just read (unknown or unwanted fields). */
  skip(tag: number, end: number, depth = 0): void {
    switch (tag & 7) {
      case WIRE_VARINT: {
        const buf = this.buf;
        const start = this.pos;
        let p = start;
        for (let i = 0; ; i++) {
          if (i >= 10) this.fail("varint longer than 10 bytes", start);
          if (p >= end) this.truncated("varint", start, end);
          if (buf[p++] < 0x80) break;
        }
        this.pos = p;
        return;
      }
      case WIRE_I64:
        if (this.pos + 8 > end) this.truncated("fixed64", this.pos, end);
        this.pos += 8;
        return;
      case WIRE_LEN:
        this.pos = this.len(end);
        return;
      case WIRE_I32:
        if (this.pos + 4 > end) this.truncated("fixed32", this.pos, end);
        this.pos += 4;
        return;
      case WIRE_SGROUP: {
        // Deprecated groups: skip fields until the matching end-group tag.
        if (depth >= MAX_DEPTH) this.fail("groups nested too deeply");
        const field = tag >>> 3;
        for (;;) {
          const inner = this.tag(end);
          if ((inner & 7) === WIRE_EGROUP) {
            if (inner >>> 3 !== field) this.fail("mismatched end-group tag", this.pos - 1);
            return;
          }
          this.skip(inner, end, depth + 1);
        }
      }
      case WIRE_EGROUP:
        this.fail("unexpected end-group tag", this.pos - 1);
      default:
        this.fail(`invalid wire type ${tag & 7} for field ${tag >>> 3}`, this.pos - 1);
    }
  }
}
