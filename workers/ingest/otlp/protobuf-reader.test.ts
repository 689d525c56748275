import { TextDecoder as NodeTextDecoder } from "node:util";
import { describe, expect, it } from "vitest";
import { OtlpDecodeError } from "./errors";
import {
  int64ToDecimal,
  nanosToMicros,
  parseInt64Decimal,
  parseUint64Decimal,
  U64,
  uint64Diff,
  uint64ToDecimal,
} from "./int64";
import { ProtoReader } from "./protobuf-reader";
import { base64, hexInto, isValidUtf8, toHex } from "./text";
import { pb, unknownFields } from "./test-support";

const halves = (v: bigint): [number, number] => [Number(v & 0xffffffffn), Number((v >> 32n) & 0xffffffffn)];

/** Deterministic pseudo-random 64-bit values, biased to the edges. */
function* samples(n: number): Generator<bigint> {
  let s = 0x9e3779b97f4a7c15n;
  const edges = [0n, 1n, 999n, 1000n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 63n - 1n, 2n ** 63n, 2n ** 64n - 1n];
  yield* edges;
  for (let i = 0; i < n; i++) {
    s = BigInt.asUintN(64, s * 6364136223846793005n + 1442695040888963407n);
    yield s >> BigInt(i % 64);
  }
}

describe("int64 helpers", () => {
  it("converts nanoseconds to microseconds exactly", () => {
    for (const ns of samples(2000)) {
      const expected = ns / 1000n;
      if (expected > BigInt(Number.MAX_SAFE_INTEGER)) continue; // past year 2255
      expect(nanosToMicros(...halves(ns)), String(ns)).toBe(Number(expected));
    }
    // A real timestamp where float maths would be off: 1700000000123456789 ns.
    expect(nanosToMicros(...halves(1700000000123456789n))).toBe(1700000000123456);
    expect(Number(1700000000123456789n) / 1000).not.toBe(1700000000123456); // why the integer maths exists
  });

  it("subtracts exactly", () => {
    const a = 1700000000987654321n;
    const b = 1700000000123456789n;
    expect(uint64Diff(...halves(a), ...halves(b))).toBe(Number(a - b));
    expect(uint64Diff(...halves(b), ...halves(a))).toBe(Number(b - a));
  });

  it("prints unsigned and signed 64-bit decimals exactly", () => {
    for (const v of samples(2000)) {
      expect(uint64ToDecimal(...halves(v))).toBe(v.toString());
      expect(int64ToDecimal(...halves(v))).toBe(BigInt.asIntN(64, v).toString());
    }
  });

  it("parses decimal strings into 64-bit halves", () => {
    const out = new U64();
    for (const v of samples(500)) {
      expect(parseUint64Decimal(v.toString(), out)).toBe(true);
      expect([out.lo, out.hi]).toEqual(halves(v));
      const signed = BigInt.asIntN(64, v);
      expect(parseInt64Decimal(signed.toString(), out)).toBe(true);
      expect([out.lo, out.hi]).toEqual(halves(v));
    }
    expect(parseUint64Decimal("18446744073709551616", out)).toBe(false); // 2^64
    expect(parseUint64Decimal("12a", out)).toBe(false);
    expect(parseUint64Decimal("", out)).toBe(false);
    expect(parseInt64Decimal("9223372036854775808", out)).toBe(false); // 2^63
    expect(parseInt64Decimal("-9223372036854775808", out)).toBe(true);
    expect(parseInt64Decimal("-9223372036854775809", out)).toBe(false);
  });
});

describe("ProtoReader", () => {
  it("reads varints of every length, keeping the low 32 bits or the full 64", () => {
    for (const v of samples(300)) {
      const bytes = pb.varint(1, v).subarray(1); // drop the tag
      const r = new ProtoReader(bytes);
      r.varint64(bytes.length);
      expect([r.lo, r.hi]).toEqual(halves(v));
      expect(r.pos).toBe(bytes.length);
      const r32 = new ProtoReader(bytes);
      expect(r32.varint32(bytes.length)).toBe(Number(v & 0xffffffffn));
    }
  });

  it("reads negative int32 encoded as ten-byte varints", () => {
    const bytes = pb.varint(1, -5).subarray(1);
    expect(bytes.length).toBe(10);
    expect(new ProtoReader(bytes).varint32(bytes.length) | 0).toBe(-5);
  });

  it("decodes zigzag sint32", () => {
    const cases: [number, number][] = [[0, 0], [1, -1], [2, 1], [3, -2], [4294967294, 2147483647], [4294967295, -2147483648]];
    for (const [enc, dec] of cases) {
      const bytes = pb.varint(1, enc).subarray(1);
      expect(new ProtoReader(bytes).sint32(bytes.length)).toBe(dec);
    }
  });

  it("reads fixed-width values little-endian", () => {
    const bytes = pb.body(pb.fixed64(1, 0x0102030405060708n), pb.fixed32(2, 0xdeadbeef), pb.double(3, -2.5));
    const r = new ProtoReader(bytes);
    const end = bytes.length;
    expect(r.tag(end)).toBe(9);
    r.fixed64(end);
    expect([r.lo, r.hi]).toEqual([0x05060708, 0x01020304]);
    expect(r.tag(end)).toBe(21);
    expect(r.fixed32(end)).toBe(0xdeadbeef);
    expect(r.tag(end)).toBe(25);
    expect(r.double(end)).toBe(-2.5);
    expect(r.pos).toBe(end);
  });

  it("skips unknown fields of every wire type, including groups", () => {
    const bytes = pb.body(...unknownFields(), pb.varint(7, 99));
    const r = new ProtoReader(bytes);
    const end = bytes.length;
    for (;;) {
      const tag = r.tag(end);
      if (tag >>> 3 === 7) break;
      r.skip(tag, end);
    }
    expect(r.varint32(end)).toBe(99);
  });

  const fails = (bytes: Uint8Array | number[], fn: (r: ProtoReader, end: number) => void): OtlpDecodeError => {
    const b = Uint8Array.from(bytes);
    const r = new ProtoReader(b);
    try {
      fn(r, b.length);
    } catch (e) {
      expect(e).toBeInstanceOf(OtlpDecodeError);
      expect((e as OtlpDecodeError).message).toMatch(/at byte offset \d+/);
      return e as OtlpDecodeError;
    }
    throw new Error("expected an OtlpDecodeError");
  };

  it("rejects malformed wire data with the byte offset", () => {
    expect(fails([0x80, 0x80], (r, e) => r.varint32(e)).message).toMatch(/truncated varint/);
    expect(fails([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], (r, e) => r.varint64(e)).message).toMatch(
      /longer than 10 bytes/,
    );
    expect(fails([1, 2, 3], (r, e) => r.fixed32(e)).offset).toBe(0);
    expect(fails([0, 0, 0, 0, 0, 0, 0], (r, e) => r.fixed64(e)).message).toMatch(/truncated fixed64/);
    // A length that runs past the message.
    const overrun = fails([0x0a, 0x05, 1, 2], (r, e) => {
      r.tag(e);
      r.len(e);
    });
    expect(overrun.message).toMatch(/overruns/);
    expect(overrun.offset).toBe(1);
    expect(fails([0x00], (r, e) => r.tag(e)).message).toMatch(/field number 0/);
    expect(fails([0x0e, 0x00], (r, e) => r.skip(r.tag(e), e)).message).toMatch(/invalid wire type 6/);
    expect(fails([0x0c], (r, e) => r.skip(r.tag(e), e)).message).toMatch(/end-group/);
    expect(fails([0x0b, 0x08, 0x01, 0x14], (r, e) => r.skip(r.tag(e), e)).message).toMatch(/mismatched end-group/);
    // Groups nested past the limit.
    const deep = [...Array(100).fill(0x0b), ...Array(100).fill(0x0c)];
    expect(fails(deep, (r, e) => r.skip(r.tag(e), e)).message).toMatch(/nested too deeply/);
  });

  it("bounds reads by the enclosing message, not the buffer", () => {
    // fixed64 starting 3 bytes before the end of a sub-message.
    const bytes = [0x09, 1, 2, 3, 4, 5, 6, 7, 8];
    expect(fails(bytes, (r) => {
      r.tag(4);
      r.fixed64(4);
    }).message).toMatch(/message ends at byte 4/);
  });
});

describe("text helpers", () => {
  it("validates UTF-8 exactly like a fatal TextDecoder", () => {
    const fatal = new NodeTextDecoder("utf-8", { fatal: true });
    const valid = (b: Uint8Array) => {
      try {
        fatal.decode(b);
        return true;
      } catch {
        return false;
      }
    };
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    const interesting = [0x00, 0x41, 0x7f, 0x80, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 0x9f, 0xa0, 0x8f, 0x90];
    for (let i = 0; i < 20000; i++) {
      const n = 1 + (rand() % 5);
      const b = Uint8Array.from({ length: n }, () => (rand() & 1 ? interesting[rand() % interesting.length] : rand()));
      expect(isValidUtf8(b, 0, n), Array.from(b).join(",")).toBe(valid(b));
    }
    const text = new TextEncoder().encode("héllo wörld — 日本 🎉");
    expect(isValidUtf8(text, 0, text.length)).toBe(true);
  });

  it("encodes base64 and hex like Node does", () => {
    for (let n = 0; n < 20; n++) {
      const b = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      expect(base64(b, 0, n)).toBe(Buffer.from(b).toString("base64"));
      expect(toHex(b, 0, n)).toBe(Buffer.from(b).toString("hex"));
      const out = new Uint8Array(2 * n);
      expect(new TextDecoder().decode(out.subarray(0, hexInto(b, 0, n, out)))).toBe(Buffer.from(b).toString("hex"));
    }
  });
});
