/**
 * Counts the records of an OTLP protobuf request by walking the wire format only
 * (no values decoded, nothing appended): the lower bound the decoders are benchmarked
 * against, and a cheap way to size or sanity-check a request.
 *
 * Counts log records, spans, or metric data points. Throws OtlpDecodeError like the
 * decoders when the framing is broken.
 */
import type { Signal } from "./errors";
import { ProtoReader, tagOf, WIRE_LEN } from "./protobuf-reader";

const T1 = tagOf(1, WIRE_LEN);
const T2 = tagOf(2, WIRE_LEN);
/** Metric data fields (gauge, sum, histogram, exponential_histogram, summary). */
const METRIC_DATA = new Set([5, 7, 9, 10, 11].map((f) => tagOf(f, WIRE_LEN)));

export function countProtobufRecords(signal: Signal, bytes: Uint8Array): number {
  const r = new ProtoReader(bytes);
  let count = 0;
  // Calls `fn(end)` for each `want` field of the message ending at `end`, with `r.pos` at its start.
  const each = (end: number, want: (tag: number) => boolean, fn: (end: number) => void): void => {
    while (r.pos < end) {
      const tag = r.tag(end);
      if (want(tag)) {
        const e = r.len(end);
        fn(e);
        r.pos = e;
      } else r.skip(tag, end);
    }
  };
  const is1 = (t: number) => t === T1;
  const is2 = (t: number) => t === T2;
  const isData = (t: number) => METRIC_DATA.has(t);
  each(bytes.length, is1, (resourceEnd) =>
    each(resourceEnd, is2, (scopeEnd) =>
      each(scopeEnd, is2, (itemEnd) => {
        if (signal !== "metrics") {
          r.pos = itemEnd;
          count++;
        } else each(itemEnd, isData, (dataEnd) => each(dataEnd, is1, () => count++));
      }),
    ),
  );
  return count;
}
