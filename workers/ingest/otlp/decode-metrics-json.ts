/**
 * OTLP JSON metrics (`{"resourceMetrics":[…]}`) → one metrics-table row per data point.
 * Same columns and rules as `decode-metrics-pb.ts`.
 *
 * The walker's item here is a metric, but rejections count data points: a bad point is
 * rejected alone, and a metric whose own fields are malformed counts as one rejection.
 */
import type { DecodeResult } from "./errors";
import { U64 } from "./int64";
import { JsonWalker } from "./json-walker";
import {
  double,
  get,
  getArray,
  getBool,
  getDouble,
  getEnum,
  getInt32,
  getString,
  getUint64,
  getUint64Number,
  uint64Number,
  int64Number,
  isObject,
  type JsonObject,
  RecordError,
} from "./json-values";
import { FLAG_NO_RECORDED_VALUE, MetricColumns, type MetricInfo, MetricPoint, temporalityName } from "./metric-rows";
import { encodeUtf8 } from "./text";

const TEMPORALITY_NAMES: Record<string, number> = {
  AGGREGATION_TEMPORALITY_UNSPECIFIED: 0,
  AGGREGATION_TEMPORALITY_DELTA: 1,
  AGGREGATION_TEMPORALITY_CUMULATIVE: 2,
};

/** Metric data fields in oneof order: [JSON name, snake name, type]. */
const DATA_FIELDS = [
  ["gauge", "gauge", "gauge"],
  ["sum", "sum", "sum"],
  ["histogram", "histogram", "histogram"],
  ["exponentialHistogram", "exponential_histogram", "exponential_histogram"],
  ["summary", "summary", "summary"],
] as const;

export function decodeMetricsJson(root: unknown): DecodeResult {
  return new MetricsJsonDecoder().run(root);
}

class MetricsJsonDecoder extends JsonWalker {
  private readonly columns: MetricColumns;
  private readonly point = new MetricPoint();
  private readonly start = new U64();
  private readonly time = new U64();

  constructor() {
    super("metrics", [
      ["resourceMetrics", "resource_metrics"],
      ["scopeMetrics", "scope_metrics"],
      ["metrics", "metrics"],
    ]);
    this.columns = new MetricColumns(this.st);
  }

  protected item(o: JsonObject, path: string): void {
    const name = getString(o, "name");
    const description = getString(o, "description");
    const unit = getString(o, "unit");
    for (const [camel, snake, type] of DATA_FIELDS) {
      const data = get(o, camel, snake);
      if (data === undefined) continue;
      if (!isObject(data)) throw new RecordError(`${camel} must be an object`);
      const hasTemporality = type !== "gauge" && type !== "summary";
      const info: MetricInfo = {
        name: encodeUtf8(name),
        description: description ? encodeUtf8(description) : null,
        unit: unit ? encodeUtf8(unit) : null,
        type,
        temporality: hasTemporality
          ? temporalityName(getEnum(data, "aggregationTemporality", "aggregation_temporality", TEMPORALITY_NAMES))
          : null,
        monotonic: type === "sum" ? (getBool(data, "isMonotonic", "is_monotonic") ? 1 : 0) : null,
      };
      const points = getArray(data, "dataPoints", "data_points");
      for (let i = 0; i < points.length; i++) {
        try {
          this.dataPoint(info, points[i]);
        } catch (e) {
          if (!(e instanceof RecordError)) throw e;
          this.rejections.add(`${path}.${camel}.dataPoints[${i}]`, e.message);
        }
      }
      return; // a oneof: the first data field present is the metric's
    }
  }

  private dataPoint(info: MetricInfo, dp: unknown): void {
    if (!isObject(dp)) throw new RecordError("expected an object");
    const p = this.point;
    p.reset();
    // Validate and extract everything first: a RecordError must not leave a partial row.
    getUint64(dp, "startTimeUnixNano", "start_time_unix_nano", this.start);
    getUint64(dp, "timeUnixNano", "time_unix_nano", this.time);
    p.startLo = this.start.lo;
    p.startHi = this.start.hi;
    p.timeLo = this.time.lo;
    p.timeHi = this.time.hi;
    p.flags = getInt32(dp, "flags", "flags");
    switch (info.type) {
      case "gauge":
      case "sum": {
        const d = get(dp, "asDouble", "as_double");
        const n = get(dp, "asInt", "as_int");
        if (d !== undefined) p.value = double(d, "asDouble");
        else if (n !== undefined) p.value = int64Number(n, "asInt");
        else if ((p.flags & FLAG_NO_RECORDED_VALUE) === 0) {
          throw new RecordError("data point has no value (neither asDouble nor asInt)");
        }
        break;
      }
      case "histogram":
        p.count = getUint64Number(dp, "count", "count");
        p.sum = getDouble(dp, "sum", "sum");
        p.min = getDouble(dp, "min", "min");
        p.max = getDouble(dp, "max", "max");
        p.bucketCounts = getArray(dp, "bucketCounts", "bucket_counts").map((v) => uint64Number(v, "bucketCounts"));
        p.explicitBounds = getArray(dp, "explicitBounds", "explicit_bounds").map((v) => double(v, "explicitBounds"));
        break;
      case "exponential_histogram": {
        p.count = getUint64Number(dp, "count", "count");
        p.sum = getDouble(dp, "sum", "sum");
        p.min = getDouble(dp, "min", "min");
        p.max = getDouble(dp, "max", "max");
        p.expScale = getInt32(dp, "scale", "scale");
        p.expZeroCount = getUint64Number(dp, "zeroCount", "zero_count");
        const pos = buckets(get(dp, "positive"), "positive");
        const neg = buckets(get(dp, "negative"), "negative");
        if (pos) [p.expPositiveOffset, p.expPositiveCounts] = pos;
        if (neg) [p.expNegativeOffset, p.expNegativeCounts] = neg;
        break;
      }
      case "summary": {
        p.count = getUint64Number(dp, "count", "count");
        p.sum = getDouble(dp, "sum", "sum") ?? 0;
        const qs: number[] = [];
        const vs: number[] = [];
        for (const q of getArray(dp, "quantileValues", "quantile_values")) {
          if (!isObject(q)) throw new RecordError("quantileValues entries must be objects");
          qs.push(getDouble(q, "quantile", "quantile") ?? 0);
          vs.push(getDouble(q, "value", "value") ?? 0);
        }
        p.quantiles = qs;
        p.quantileValues = vs;
        break;
      }
    }
    this.attrs.reset();
    this.attrs.collect(get(dp, "attributes"));

    this.columns.write(info, p);
    this.appendShared();
    this.st.endRow();
  }
}

/** ExponentialHistogramDataPoint.Buckets → [offset, counts], or null when absent. */
function buckets(v: unknown, field: string): [number, number[]] | null {
  if (v === undefined) return null;
  if (!isObject(v)) throw new RecordError(`${field} must be an object`);
  const offset = getInt32(v, "offset", "offset");
  const counts = getArray(v, "bucketCounts", "bucket_counts").map((c) => uint64Number(c, `${field}.bucketCounts`));
  return [offset, counts];
}
