import { type HrTime, ValueType } from "@opentelemetry/api";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  AggregationTemporality,
  AggregationType,
  MeterProvider,
  MetricReader,
  type ResourceMetrics,
} from "@opentelemetry/sdk-metrics";
import { describe, expect, it } from "vitest";
import { decodeJson, decodeProtobuf } from "./index";
import { allRows, kvString, metricsPayload, pb } from "./test-support";

class TestReader extends MetricReader {
  protected async onShutdown(): Promise<void> {}
  protected async onForceFlush(): Promise<void> {}
}

/** Metrics of every type the JS SDK can produce (it has no summaries: see fixtures.test.ts). */
async function sdkMetrics(temporality: AggregationTemporality): Promise<ResourceMetrics> {
  const reader = new TestReader({ aggregationTemporalitySelector: () => temporality });
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ "service.name": "worker", "cloud.region": "eu-west-1", zone: "b" }),
    readers: [reader],
    views: [
      { instrumentName: "payload.size", aggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM } },
      {
        instrumentName: "http.duration",
        aggregation: { type: AggregationType.EXPLICIT_BUCKET_HISTOGRAM, options: { boundaries: [10, 100, 1000] } },
      },
    ],
  });
  const meter = provider.getMeter("@acme/metrics", "0.9.0");
  const requests = meter.createCounter("http.requests", { unit: "{request}", description: "Requests", valueType: ValueType.INT });
  requests.add(3, { route: "/a" });
  requests.add(4, { route: "/b" });
  meter.createUpDownCounter("queue.depth").add(-2.5);
  meter.createGauge("cpu.temperature", { unit: "Cel" }).record(71.25, { core: 1 });
  const duration = meter.createHistogram("http.duration", { unit: "ms" });
  for (const v of [5, 50, 500, 5000, 7]) duration.record(v);
  const size = meter.createHistogram("payload.size", { unit: "By" });
  for (const v of [0, 1, 2, 4, 1024]) size.record(v);
  const { resourceMetrics, errors } = await reader.collect();
  expect(errors).toEqual([]);
  return resourceMetrics;
}

const micros = (t: HrTime) => Number((BigInt(t[0]) * 1000000000n + BigInt(t[1])) / 1000n);

describe("metrics decoding (SDK payloads)", async () => {
  const metrics = await sdkMetrics(AggregationTemporality.CUMULATIVE);
  const { protobuf, json } = metricsPayload(metrics);
  const point = (name: string) =>
    metrics.scopeMetrics[0].metrics.find((m) => m.descriptor.name === name)!.dataPoints[0];

  for (const [format, decode] of [
    ["protobuf", () => decodeProtobuf("metrics", protobuf)],
    ["json", () => decodeJson("metrics", json)],
  ] as const) {
    it(`decodes every metric type (${format})`, () => {
      const result = decode();
      expect(result).toMatchObject({ accepted: 6, rejected: 0, errors: [] });
      const rows = allRows(result.table);
      const byName = (name: string) => rows.filter((r) => r.metric_name === name);

      const shared = {
        service_name: "worker",
        cloud_region: "eu-west-1",
        scope_name: "@acme/metrics",
        scope_version: "0.9.0",
        resource_attributes: expect.objectContaining({ zone: "b" }),
      };
      const emptyHistogram = {
        count: null, sum: null, min: null, max: null, bucket_counts: null, explicit_bounds: null,
        exp_scale: null, exp_zero_count: null, exp_positive_offset: null, exp_positive_bucket_counts: null,
        exp_negative_offset: null, exp_negative_bucket_counts: null, quantiles: null, quantile_values: null,
      };

      const requests = byName("http.requests");
      expect(requests).toHaveLength(2);
      expect(requests[0]).toMatchObject({
        ...shared,
        ...emptyHistogram,
        timestamp: micros(point("http.requests").endTime),
        start_timestamp: micros(point("http.requests").startTime),
        metric_description: "Requests",
        metric_unit: "{request}",
        metric_type: "sum",
        temporality: "cumulative",
        is_monotonic: 1,
        value: 3,
        flags: 0,
        attributes: { route: "/a" },
      });
      expect(requests[1]).toMatchObject({ value: 4, attributes: { route: "/b" } });

      expect(byName("queue.depth")[0]).toMatchObject({
        metric_type: "sum",
        is_monotonic: 0,
        value: -2.5,
        metric_description: null,
        metric_unit: null,
      });
      expect(byName("cpu.temperature")[0]).toMatchObject({
        ...emptyHistogram,
        metric_type: "gauge",
        temporality: null,
        is_monotonic: null,
        value: 71.25,
        metric_unit: "Cel",
        attributes: { core: "1" },
      });
      expect(byName("http.duration")[0]).toMatchObject({
        metric_type: "histogram",
        temporality: "cumulative",
        is_monotonic: null,
        value: null,
        count: 5,
        sum: 5562,
        min: 5,
        max: 5000,
        bucket_counts: [2, 1, 1, 1],
        explicit_bounds: [10, 100, 1000],
        exp_scale: null,
      });
      const exp = point("payload.size").value as { scale: number; positive: { offset: number; bucketCounts: number[] } };
      expect(byName("payload.size")[0]).toMatchObject({
        metric_type: "exponential_histogram",
        temporality: "cumulative",
        value: null,
        count: 5,
        sum: 1031,
        min: 0,
        max: 1024,
        bucket_counts: null,
        exp_scale: exp.scale,
        exp_zero_count: 1,
        exp_positive_offset: exp.positive.offset,
        exp_positive_bucket_counts: exp.positive.bucketCounts,
        exp_negative_offset: 0,
        exp_negative_bucket_counts: [],
      });
    });
  }

  it("gives the same rows from protobuf and JSON", () => {
    expect(allRows(decodeJson("metrics", json).table)).toEqual(allRows(decodeProtobuf("metrics", protobuf).table));
  });

  it("reads delta temporality", async () => {
    const delta = metricsPayload(await sdkMetrics(AggregationTemporality.DELTA));
    const rows = allRows(decodeProtobuf("metrics", delta.protobuf).table);
    expect(new Set(rows.filter((r) => r.metric_type !== "gauge").map((r) => r.temporality))).toEqual(new Set(["delta"]));
  });
});

describe("metrics decoding (hand-written protobuf)", () => {
  const metric = (...fields: Uint8Array[]) => pb.body(pb.message(1, pb.message(2, pb.message(2, ...fields))));

  it("reads summaries, unpacked repeated fields and int values", () => {
    const bytes = metric(
      pb.string(1, "rpc.latency"),
      pb.message(
        11,
        pb.message(
          1,
          pb.fixed64(3, 1700000000000001000n),
          pb.fixed64(4, 10),
          pb.double(5, 12.5),
          pb.message(6, pb.double(1, 0.5), pb.double(2, 1.2)),
          pb.message(6, pb.double(1, 0.99), pb.double(2, 3.4)),
          kvString(7, "method", "Get"),
        ),
      ),
    );
    const summary = allRows(decodeProtobuf("metrics", bytes).table)[0];
    expect(summary).toMatchObject({
      metric_type: "summary",
      temporality: null,
      timestamp: 1700000000000001,
      start_timestamp: null,
      count: 10,
      sum: 12.5,
      quantiles: [0.5, 0.99],
      quantile_values: [1.2, 3.4],
      attributes: { method: "Get" },
    });

    // Histogram with unpacked bucket counts / bounds, as some encoders write them.
    const histogram = metric(
      pb.string(1, "h"),
      pb.message(
        9,
        pb.message(1, pb.fixed64(4, 3), pb.fixed64(6, 1), pb.fixed64(6, 2), pb.double(7, 1.5)),
        pb.varint(2, 1),
      ),
    );
    expect(allRows(decodeProtobuf("metrics", histogram).table)[0]).toMatchObject({
      temporality: "delta",
      count: 3,
      sum: null,
      bucket_counts: [1, 2],
      explicit_bounds: [1.5],
    });

    // Gauge with an sfixed64 negative int value.
    const gauge = metric(pb.string(1, "g"), pb.message(5, pb.message(1, pb.fixed64(6, -42n))));
    expect(allRows(decodeProtobuf("metrics", gauge).table)[0]).toMatchObject({ value: -42, metric_type: "gauge" });
  });

  it("keeps a point flagged 'no recorded value' with a null value", () => {
    const bytes = metric(pb.string(1, "stale"), pb.message(5, pb.message(1, pb.varint(8, 1))));
    const result = decodeProtobuf("metrics", bytes);
    expect(result.rejected).toBe(0);
    expect(allRows(result.table)[0]).toMatchObject({ value: null, flags: 1 });
  });

  it("ignores a metric without data", () => {
    const result = decodeProtobuf("metrics", metric(pb.string(1, "empty")));
    expect(result).toMatchObject({ accepted: 0, rejected: 0 });
  });
});
