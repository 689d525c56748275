/**
 * Exact arithmetic on 64-bit integers held as two unsigned 32-bit halves (lo, hi),
 * which is how the wire reader returns fixed64/varint values.
 *
 * Timestamps are nanoseconds since 1970 (~1.7e18), beyond float64's exact range
 * (2^53 ≈ 9e15), so `hi * 2^32 + lo` would round. Microseconds (~1.7e15) do fit, and
 * can be computed exactly from the halves because 2^32 = 4294967 * 1000 + 296:
 *   ns / 1000 = hi * 4294967 + (hi * 296 + lo) / 1000
 * where `hi * 296 + lo` < 2^41 stays exact. BigInt is only used off the hot path.
 */

const TWO_32 = 4294967296;

/** floor(ns / 1000) for an unsigned 64-bit nanosecond count; exact while the result < 2^53 (year 2255). */
export function nanosToMicros(lo: number, hi: number): number {
  return hi * 4294967 + Math.floor((hi * 296 + lo) / 1000);
}

/** (a − b) for two unsigned 64-bit values, exact while |a − b| < 2^53 (104 days in ns). */
export function uint64Diff(aLo: number, aHi: number, bLo: number, bHi: number): number {
  return (aHi - bHi) * TWO_32 + (aLo - bLo);
}

/** Unsigned 64-bit value as a number (rounds above 2^53, fine for counts). */
export function uint64ToNumber(lo: number, hi: number): number {
  return hi * TWO_32 + lo;
}

/** Signed (two's complement) 64-bit value as a number (rounds beyond ±2^53). */
export function int64ToNumber(lo: number, hi: number): number {
  return (hi | 0) * TWO_32 + lo;
}

/** Exact decimal text of an unsigned 64-bit value. */
export function uint64ToDecimal(lo: number, hi: number): string {
  if (hi < 0x200000) return String(hi * TWO_32 + lo); // < 2^53: exact as a double
  // Split as (value / 1000, value % 1000): the quotient is exact below ~2^63.
  const q = nanosToMicros(lo, hi);
  if (q < 9007199254740992) {
    const r = (((hi * 296) % 1000) + (lo % 1000)) % 1000;
    return String(q) + (r < 10 ? "00" : r < 100 ? "0" : "") + r;
  }
  return ((BigInt(hi) << 32n) | BigInt(lo)).toString();
}

/** Exact decimal text of a signed (two's complement) 64-bit value. */
export function int64ToDecimal(lo: number, hi: number): string {
  if (hi < 0x80000000) return uint64ToDecimal(lo, hi);
  // Negate: ~x + 1, carrying from the low half into the high half.
  const nlo = (~lo + 1) >>> 0;
  const nhi = (~hi + (nlo === 0 ? 1 : 0)) >>> 0;
  return "-" + uint64ToDecimal(nlo, nhi);
}

/** Mutable (lo, hi) pair used to return 64-bit values from parsers without allocating. */
export class U64 {
  lo = 0;
  hi = 0;
}

/**
 * Parses an unsigned decimal integer string (no sign, digits only) into `out`.
 * Returns false when it is not all digits or does not fit in 64 bits.
 */
export function parseUint64Decimal(s: string, out: U64): boolean {
  const n = s.length;
  if (n === 0 || n > 20) return false;
  let lo = 0;
  let hi = 0;
  // Four digits at a time: lo * 10^4 + chunk < 2^46, so every step is exact.
  for (let i = 0; i < n; ) {
    const stop = Math.min(i + 4, n);
    let chunk = 0;
    let scale = 1;
    for (; i < stop; i++) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return false;
      chunk = chunk * 10 + c;
      scale *= 10;
    }
    const low = lo * scale + chunk;
    const carry = Math.floor(low / TWO_32);
    lo = low - carry * TWO_32;
    hi = hi * scale + carry;
    if (hi >= TWO_32) return false;
  }
  out.lo = lo;
  out.hi = hi;
  return true;
}

/**
 * Parses a signed decimal integer string into two's complement `out`.
 * Returns false when it is not an integer in the int64 range.
 */
export function parseInt64Decimal(s: string, out: U64): boolean {
  const neg = s.charCodeAt(0) === 45; // '-'
  if (!parseUint64Decimal(neg ? s.slice(1) : s, out)) return false;
  if (!neg) return out.hi < 0x80000000;
  if (out.hi > 0x80000000 || (out.hi === 0x80000000 && out.lo !== 0)) return false;
  const lo = (~out.lo + 1) >>> 0;
  out.hi = (~out.hi + (lo === 0 ? 1 : 0)) >>> 0;
  out.lo = lo;
  return true;
}

/** Sets `out` from a non-negative integral number (JSON numbers for uint64 fields). */
export function uint64FromNumber(v: number, out: U64): boolean {
  if (!Number.isInteger(v) || v < 0 || v >= 18446744073709551616) return false;
  const hi = Math.floor(v / TWO_32);
  out.hi = hi;
  out.lo = v - hi * TWO_32;
  return true;
}
