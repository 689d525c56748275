/**
 * ExportMetricsServiceRequest (protobuf) → one metrics-table row per data point.
 *
 * Metric: name=1, description=2, unit=3, gauge=5, sum=7, histogram=9,
 * exponential_histogram=10, summary=11 (one of). Gauge/Sum/Histogram/… hold
 * data_points=1; Sum/Histogram/ExponentialHistogram add aggregation_temporality=2,
 * Sum adds is_monotonic=3. Data point field numbers differ per type (see each reader).
 */
import type { DecodeResult } from "./errors";
import { int64ToNumber, uint64ToNumber } from "./int64";
import { FLAG_NO_RECORDED_VALUE, MetricColumns, type MetricInfo, MetricPoint, temporalityName } from "./metric-rows";
import { PbWalker } from "./pb-walker";
import { ProtoReader, tagOf, WIRE_I64, WIRE_LEN, WIRE_VARINT } from "./protobuf-reader";
import { copyUtf8 } from "./text";

const T_NAME = tagOf(1, WIRE_LEN);
const T_DESCRIPTION = tagOf(2, WIRE_LEN);
const T_UNIT = tagOf(3, WIRE_LEN);
const T_DATA_POINT = tagOf(1, WIRE_LEN);
const T_TEMPORALITY = tagOf(2, WIRE_VARINT);
const T_MONOTONIC = tagOf(3, WIRE_VARINT);

/** Metric field number → metric type, for the data oneof. */
const DATA_FIELDS: Record<number, MetricInfo["type"]> = {
  5: "gauge",
  7: "sum",
  9: "histogram",
  10: "exponential_histogram",
  11: "summary",
};
/** JSON names, for rejection paths. */
const JSON_NAMES: Record<MetricInfo["type"], string> = {
  gauge: "gauge",
  sum: "sum",
  histogram: "histogram",
  exponential_histogram: "exponentialHistogram",
  summary: "summary",
};

// Data point tags, named field number + wire type (cases need constants, not calls).
const F1_I64 = tagOf(1, WIRE_I64);
const F1_LEN = tagOf(1, WIRE_LEN);
const F1_VARINT = tagOf(1, WIRE_VARINT);
const F2_I64 = tagOf(2, WIRE_I64);
const F2_LEN = tagOf(2, WIRE_LEN);
const F2_VARINT = tagOf(2, WIRE_VARINT);
const F3_I64 = tagOf(3, WIRE_I64);
const F4_I64 = tagOf(4, WIRE_I64);
const F5_I64 = tagOf(5, WIRE_I64);
const F6_I64 = tagOf(6, WIRE_I64);
const F6_LEN = tagOf(6, WIRE_LEN);
const F6_VARINT = tagOf(6, WIRE_VARINT);
const F7_I64 = tagOf(7, WIRE_I64);
const F7_LEN = tagOf(7, WIRE_LEN);
const F8_LEN = tagOf(8, WIRE_LEN);
const F8_VARINT = tagOf(8, WIRE_VARINT);
const F9_LEN = tagOf(9, WIRE_LEN);
const F10_VARINT = tagOf(10, WIRE_VARINT);
const F11_I64 = tagOf(11, WIRE_I64);
const F12_I64 = tagOf(12, WIRE_I64);
const F13_I64 = tagOf(13, WIRE_I64);

export function decodeMetricsProtobuf(bytes: Uint8Array): DecodeResult {
  return new MetricsDecoder(bytes).run();
}

class MetricsDecoder extends PbWalker {
  private readonly columns: MetricColumns;
  private readonly point = new MetricPoint();
  // Scratch lists, reused for every point (ListColumn.append copies them).
  private readonly bucketCounts: number[] = [];
  private readonly explicitBounds: number[] = [];
  private readonly positiveCounts: number[] = [];
  private readonly negativeCounts: number[] = [];
  private readonly quantiles: number[] = [];
  private readonly quantileValues: number[] = [];

  constructor(bytes: Uint8Array) {
    super("metrics", bytes, ["resourceMetrics", "scopeMetrics", "metrics"]);
    this.columns = new MetricColumns(this.st);
  }

  protected item(end: number, index: number): void {
    const r = this.r;
    let name: Uint8Array = new Uint8Array(0);
    let description: Uint8Array | null = null;
    let unit: Uint8Array | null = null;
    let type: MetricInfo["type"] | null = null;
    let dataS = 0, dataE = 0;
    while (r.pos < end) {
      const tag = r.tag(end);
      const dataType = (tag & 7) === WIRE_LEN ? DATA_FIELDS[tag >>> 3] : undefined;
      if (dataType !== undefined) {
        dataE = r.len(end);
        dataS = r.pos;
        type = dataType; // a oneof: the last one on the wire wins
        r.pos = dataE;
      } else if (tag === T_NAME || tag === T_DESCRIPTION || tag === T_UNIT) {
        const e = r.len(end);
        const value = copyUtf8(r.buf, r.pos, e);
        if (tag === T_NAME) name = value;
        else if (tag === T_DESCRIPTION) description = value.length ? value : null;
        else unit = value.length ? value : null;
        r.pos = e;
      } else r.skip(tag, end);
    }
    if (type === null) return; // no data: nothing to store, nothing to reject
    // Temporality and monotonicity may follow the points on the wire: read them first.
    let temporality = 0;
    let monotonic = 0;
    r.pos = dataS;
    while (r.pos < dataE) {
      const tag = r.tag(dataE);
      if (tag === T_TEMPORALITY && type !== "gauge" && type !== "summary") temporality = r.varint32(dataE);
      else if (tag === T_MONOTONIC && type === "sum") monotonic = r.varint32(dataE) !== 0 ? 1 : 0;
      else r.skip(tag, dataE);
    }
    const info: MetricInfo = {
      name,
      description,
      unit,
      type,
      temporality: type === "gauge" || type === "summary" ? null : temporalityName(temporality),
      monotonic: type === "sum" ? monotonic : null,
    };
    r.pos = dataS;
    let pi = 0;
    while (r.pos < dataE) {
      const tag = r.tag(dataE);
      if (tag === T_DATA_POINT) {
        const e = r.len(dataE);
        this.dataPoint(info, r.pos, e, index, pi++);
        r.pos = e;
      } else r.skip(tag, dataE);
    }
  }

  private dataPoint(info: MetricInfo, start: number, end: number, metricIndex: number, pointIndex: number): void {
    const p = this.point;
    p.reset();
    this.attrs.reset();
    this.r.pos = start;
    switch (info.type) {
      case "gauge":
      case "sum":
        if (!this.numberPoint(end, p)) {
          const path = `${this.path(metricIndex)}.${JSON_NAMES[info.type]}.dataPoints[${pointIndex}]`;
          this.rejections.add(path, "data point has no value (neither as_double nor as_int)");
          return;
        }
        break;
      case "histogram":
        this.histogramPoint(end, p);
        break;
      case "exponential_histogram":
        this.exponentialPoint(end, p);
        break;
      case "summary":
        this.summaryPoint(end, p);
        break;
    }
    this.columns.write(info, p);
    this.appendShared();
    this.st.endRow();
  }

  /**
   * NumberDataPoint: start=2, time=3, as_double=4, as_int=6 (sfixed64), attributes=7,
   * flags=8. Returns false when it has no value and is not flagged as such.
   */
  private numberPoint(end: number, p: MetricPoint): boolean {
    const r = this.r;
    while (r.pos < end) {
      const tag = r.tag(end);
      switch (tag) {
        case F2_I64:
          r.fixed64(end);
          p.startLo = r.lo;
          p.startHi = r.hi;
          break;
        case F3_I64:
          r.fixed64(end);
          p.timeLo = r.lo;
          p.timeHi = r.hi;
          break;
        case F4_I64:
          p.value = r.double(end);
          break;
        case F6_I64:
          r.fixed64(end);
          p.value = int64ToNumber(r.lo, r.hi);
          break;
        case F7_LEN:
          this.attribute(end);
          break;
        case F8_VARINT:
          p.flags = r.varint32(end) | 0;
          break;
        default:
          r.skip(tag, end);
      }
    }
    return p.value !== null || (p.flags & FLAG_NO_RECORDED_VALUE) !== 0;
  }

  /**
   * HistogramDataPoint: start=2, time=3, count=4 (fixed64), sum=5, bucket_counts=6
   * (fixed64), explicit_bounds=7 (double), attributes=9, flags=10, min=11, max=12.
   */
  private histogramPoint(end: number, p: MetricPoint): void {
    const r = this.r;
    const counts = (p.bucketCounts = this.bucketCounts);
    const bounds = (p.explicitBounds = this.explicitBounds);
    counts.length = 0;
    bounds.length = 0;
    p.count = 0;
    while (r.pos < end) {
      const tag = r.tag(end);
      switch (tag) {
        case F2_I64:
          r.fixed64(end);
          p.startLo = r.lo;
          p.startHi = r.hi;
          break;
        case F3_I64:
          r.fixed64(end);
          p.timeLo = r.lo;
          p.timeHi = r.hi;
          break;
        case F4_I64:
          r.fixed64(end);
          p.count = uint64ToNumber(r.lo, r.hi);
          break;
        case F5_I64:
          p.sum = r.double(end);
          break;
        case F6_LEN:
        case F6_I64:
          readFixed64s(r, tag, end, counts);
          break;
        case F7_LEN:
        case F7_I64:
          readDoubles(r, tag, end, bounds);
          break;
        case F9_LEN:
          this.attribute(end);
          break;
        case F10_VARINT:
          p.flags = r.varint32(end) | 0;
          break;
        case F11_I64:
          p.min = r.double(end);
          break;
        case F12_I64:
          p.max = r.double(end);
          break;
        default:
          r.skip(tag, end);
      }
    }
  }

  /**
   * ExponentialHistogramDataPoint: attributes=1, start=2, time=3, count=4, sum=5,
   * scale=6 (sint32), zero_count=7 (fixed64), positive=8, negative=9, flags=10,
   * min=12, max=13. Buckets: offset=1 (sint32), bucket_counts=2 (uint64 varints).
   */
  private exponentialPoint(end: number, p: MetricPoint): void {
    const r = this.r;
    p.count = 0;
    p.expScale = 0;
    p.expZeroCount = 0;
    while (r.pos < end) {
      const tag = r.tag(end);
      switch (tag) {
        case F1_LEN:
          this.attribute(end);
          break;
        case F2_I64:
          r.fixed64(end);
          p.startLo = r.lo;
          p.startHi = r.hi;
          break;
        case F3_I64:
          r.fixed64(end);
          p.timeLo = r.lo;
          p.timeHi = r.hi;
          break;
        case F4_I64:
          r.fixed64(end);
          p.count = uint64ToNumber(r.lo, r.hi);
          break;
        case F5_I64:
          p.sum = r.double(end);
          break;
        case F6_VARINT:
          p.expScale = r.sint32(end);
          break;
        case F7_I64:
          r.fixed64(end);
          p.expZeroCount = uint64ToNumber(r.lo, r.hi);
          break;
        case F8_LEN: {
          const e = r.len(end);
          p.expPositiveCounts = this.positiveCounts;
          p.expPositiveOffset = readBuckets(r, e, this.positiveCounts);
          break;
        }
        case F9_LEN: {
          const e = r.len(end);
          p.expNegativeCounts = this.negativeCounts;
          p.expNegativeOffset = readBuckets(r, e, this.negativeCounts);
          break;
        }
        case F10_VARINT:
          p.flags = r.varint32(end) | 0;
          break;
        case F12_I64:
          p.min = r.double(end);
          break;
        case F13_I64:
          p.max = r.double(end);
          break;
        default:
          r.skip(tag, end);
      }
    }
  }

  /**
   * SummaryDataPoint: start=2, time=3, count=4, sum=5, quantile_values=6
   * {quantile=1, value=2}, attributes=7, flags=8.
   */
  private summaryPoint(end: number, p: MetricPoint): void {
    const r = this.r;
    const qs = (p.quantiles = this.quantiles);
    const vs = (p.quantileValues = this.quantileValues);
    qs.length = 0;
    vs.length = 0;
    p.count = 0;
    p.sum = 0;
    while (r.pos < end) {
      const tag = r.tag(end);
      switch (tag) {
        case F2_I64:
          r.fixed64(end);
          p.startLo = r.lo;
          p.startHi = r.hi;
          break;
        case F3_I64:
          r.fixed64(end);
          p.timeLo = r.lo;
          p.timeHi = r.hi;
          break;
        case F4_I64:
          r.fixed64(end);
          p.count = uint64ToNumber(r.lo, r.hi);
          break;
        case F5_I64:
          p.sum = r.double(end);
          break;
        case F6_LEN: {
          const e = r.len(end);
          let q = 0;
          let v = 0;
          while (r.pos < e) {
            const t = r.tag(e);
            if (t === F1_I64) q = r.double(e);
            else if (t === F2_I64) v = r.double(e);
            else r.skip(t, e);
          }
          qs.push(q);
          vs.push(v);
          break;
        }
        case F7_LEN:
          this.attribute(end);
          break;
        case F8_VARINT:
          p.flags = r.varint32(end) | 0;
          break;
        default:
          r.skip(tag, end);
      }
    }
  }

  /** Collects one attribute KeyValue at `r.pos` and moves past it. */
  private attribute(end: number): void {
    const r = this.r;
    const e = r.len(end);
    this.attrs.add(r.pos, e);
    r.pos = e;
  }
}

/** Buckets { offset = 1 (sint32), bucket_counts = 2 (repeated uint64) }; returns the offset, leaves `r.pos` at `end`. */
function readBuckets(r: ProtoReader, end: number, counts: number[]): number {
  counts.length = 0;
  let offset = 0;
  while (r.pos < end) {
    const tag = r.tag(end);
    if (tag === F1_VARINT) offset = r.sint32(end);
    else if (tag === F2_LEN) {
      const e = r.len(end);
      while (r.pos < e) {
        r.varint64(e);
        counts.push(uint64ToNumber(r.lo, r.hi));
      }
    } else if (tag === F2_VARINT) {
      r.varint64(end);
      counts.push(uint64ToNumber(r.lo, r.hi));
    } else r.skip(tag, end);
  }
  return offset;
}

/** A repeated fixed64, packed (one LEN field) or not (one I64 field per value). */
function readFixed64s(r: ProtoReader, tag: number, end: number, out: number[]): void {
  if ((tag & 7) === WIRE_I64) {
    r.fixed64(end);
    out.push(uint64ToNumber(r.lo, r.hi));
    return;
  }
  const e = r.len(end);
  if ((e - r.pos) % 8 !== 0) r.fail("packed fixed64 field length is not a multiple of 8");
  while (r.pos < e) {
    r.fixed64(e);
    out.push(uint64ToNumber(r.lo, r.hi));
  }
}

/** A repeated double, packed or not. */
function readDoubles(r: ProtoReader, tag: number, end: number, out: number[]): void {
  if ((tag & 7) === WIRE_I64) {
    out.push(r.double(end));
    return;
  }
  const e = r.len(end);
  if ((e - r.pos) % 8 !== 0) r.fail("packed double field length is not a multiple of 8");
  while (r.pos < e) out.push(r.double(e));
}
