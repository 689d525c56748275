/**
 * One metrics-table row per data point, whatever the metric type: decoders (protobuf
 * and JSON) fill a `MetricPoint`, and `MetricColumns.write` appends every
 * metric-specific column from it, null where the type has no such field. Resource,
 * scope and attribute columns are appended by the caller.
 */
import type { ListColumn, NumberColumn, StringColumn } from "../../../core/columns";
import { nanosToMicros } from "./int64";
import { appendPrepared, type SignalTable } from "./table-binding";

export const TEMPORALITIES = ["unspecified", "delta", "cumulative"] as const;

export function temporalityName(v: number): string {
  return TEMPORALITIES[v] ?? "unspecified";
}

/** NumberDataPoint.flags bit 0: the point marks a missing value (e.g. a stale series). */
export const FLAG_NO_RECORDED_VALUE = 1;

export class MetricPoint {
  timeLo = 0;
  timeHi = 0;
  startLo = 0;
  startHi = 0;
  flags = 0;
  value: number | null = null;
  count: number | null = null;
  sum: number | null = null;
  min: number | null = null;
  max: number | null = null;
  bucketCounts: number[] | null = null;
  explicitBounds: number[] | null = null;
  expScale: number | null = null;
  expZeroCount: number | null = null;
  expPositiveOffset: number | null = null;
  expPositiveCounts: number[] | null = null;
  expNegativeOffset: number | null = null;
  expNegativeCounts: number[] | null = null;
  quantiles: number[] | null = null;
  quantileValues: number[] | null = null;

  reset(): void {
    this.timeLo = this.timeHi = this.startLo = this.startHi = this.flags = 0;
    this.value = this.count = this.sum = this.min = this.max = null;
    this.bucketCounts = this.explicitBounds = null;
    this.expScale = this.expZeroCount = this.expPositiveOffset = this.expNegativeOffset = null;
    this.expPositiveCounts = this.expNegativeCounts = null;
    this.quantiles = this.quantileValues = null;
  }
}

/** The metric a point belongs to: prepared once per metric. */
export interface MetricInfo {
  name: Uint8Array;
  description: Uint8Array | null;
  unit: Uint8Array | null;
  type: "gauge" | "sum" | "histogram" | "exponential_histogram" | "summary";
  temporality: string | null;
  /** 1/0 for sums, null otherwise. */
  monotonic: number | null;
}

export class MetricColumns {
  private readonly timestamp: NumberColumn;
  private readonly startTimestamp: NumberColumn;
  private readonly name: StringColumn;
  private readonly description: StringColumn;
  private readonly unit: StringColumn;
  private readonly type: StringColumn;
  private readonly temporality: StringColumn;
  private readonly monotonic: NumberColumn;
  private readonly value: NumberColumn;
  private readonly count: NumberColumn;
  private readonly sum: NumberColumn;
  private readonly min: NumberColumn;
  private readonly max: NumberColumn;
  private readonly bucketCounts: ListColumn;
  private readonly explicitBounds: ListColumn;
  private readonly expScale: NumberColumn;
  private readonly expZeroCount: NumberColumn;
  private readonly expPositiveOffset: NumberColumn;
  private readonly expPositiveCounts: ListColumn;
  private readonly expNegativeOffset: NumberColumn;
  private readonly expNegativeCounts: ListColumn;
  private readonly quantiles: ListColumn;
  private readonly quantileValues: ListColumn;
  private readonly flags: NumberColumn;

  constructor(st: SignalTable) {
    this.timestamp = st.number("timestamp");
    this.startTimestamp = st.number("start_timestamp");
    this.name = st.string("metric_name");
    this.description = st.string("metric_description");
    this.unit = st.string("metric_unit");
    this.type = st.string("metric_type");
    this.temporality = st.string("temporality");
    this.monotonic = st.number("is_monotonic");
    this.value = st.number("value");
    this.count = st.number("count");
    this.sum = st.number("sum");
    this.min = st.number("min");
    this.max = st.number("max");
    this.bucketCounts = st.list("bucket_counts");
    this.explicitBounds = st.list("explicit_bounds");
    this.expScale = st.number("exp_scale");
    this.expZeroCount = st.number("exp_zero_count");
    this.expPositiveOffset = st.number("exp_positive_offset");
    this.expPositiveCounts = st.list("exp_positive_bucket_counts");
    this.expNegativeOffset = st.number("exp_negative_offset");
    this.expNegativeCounts = st.list("exp_negative_bucket_counts");
    this.quantiles = st.list("quantiles");
    this.quantileValues = st.list("quantile_values");
    this.flags = st.number("flags");
  }

  write(m: MetricInfo, p: MetricPoint): void {
    if (p.timeLo !== 0 || p.timeHi !== 0) this.timestamp.append(nanosToMicros(p.timeLo, p.timeHi));
    else this.timestamp.appendNull();
    if (p.startLo !== 0 || p.startHi !== 0) this.startTimestamp.append(nanosToMicros(p.startLo, p.startHi));
    else this.startTimestamp.appendNull();
    appendPrepared(this.name, m.name);
    appendPrepared(this.description, m.description);
    appendPrepared(this.unit, m.unit);
    this.type.append(m.type);
    if (m.temporality === null) this.temporality.appendNull();
    else this.temporality.append(m.temporality);
    num(this.monotonic, m.monotonic);
    num(this.value, p.value);
    num(this.count, p.count);
    num(this.sum, p.sum);
    num(this.min, p.min);
    num(this.max, p.max);
    list(this.bucketCounts, p.bucketCounts);
    list(this.explicitBounds, p.explicitBounds);
    num(this.expScale, p.expScale);
    num(this.expZeroCount, p.expZeroCount);
    num(this.expPositiveOffset, p.expPositiveOffset);
    list(this.expPositiveCounts, p.expPositiveCounts);
    num(this.expNegativeOffset, p.expNegativeOffset);
    list(this.expNegativeCounts, p.expNegativeCounts);
    list(this.quantiles, p.quantiles);
    list(this.quantileValues, p.quantileValues);
    this.flags.append(p.flags);
  }
}

function num(col: NumberColumn, v: number | null): void {
  if (v === null) col.appendNull();
  else col.append(v);
}

function list(col: ListColumn, v: number[] | null): void {
  if (v === null) col.appendNull();
  else col.append(v);
}
