/**
 * The official OpenTelemetry JS exporters (http/json and http/protobuf) send spans,
 * logs and metrics to a running platform; the Parquet it writes is read back with
 * stock DuckDB (hive partitioning over a mirror of the bucket) and checked field by
 * field.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { context, trace, SpanKind, SpanStatusCode, type Link } from "@opentelemetry/api";
import { SeverityNumber } from "@opentelemetry/api-logs";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { LoggerProvider, SimpleLogRecordProcessor } from "@opentelemetry/sdk-logs";
import { MeterProvider, PeriodicExportingMetricReader, AggregationTemporality } from "@opentelemetry/sdk-metrics";
import { OTLPTraceExporter as TraceJson } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as TraceProto } from "@opentelemetry/exporter-trace-otlp-proto";
import { OTLPLogExporter as LogJson } from "@opentelemetry/exporter-logs-otlp-http";
import { OTLPLogExporter as LogProto } from "@opentelemetry/exporter-logs-otlp-proto";
import { OTLPMetricExporter as MetricJson } from "@opentelemetry/exporter-metrics-otlp-http";
import { OTLPMetricExporter as MetricProto } from "@opentelemetry/exporter-metrics-otlp-proto";
import { startServer, TEST_API_KEY, type RunningServer } from "./helpers/server";
import { duckdb, flush, mirrorBucket } from "./helpers/storage";

let server: RunningServer;
let dir: string;
const headers = { authorization: `Bearer ${TEST_API_KEY}` };

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const resource = (encoding: string) =>
  resourceFromAttributes({
    "service.name": `shop-${encoding}`,
    "service.version": "1.4.2",
    "k8s.pod.name": "shop-7d9f",
    "team.owner": "payments",
  });

async function sendTraces(encoding: "json" | "proto") {
  const exporter =
    encoding === "json" ? new TraceJson({ url: `${server.url}/v1/traces`, headers }) : new TraceProto({ url: `${server.url}/v1/traces`, headers });
  const provider = new BasicTracerProvider({ resource: resource(encoding), spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer("checkout-instrumentation", "0.9.0");
  const ids: Record<string, { traceId: string; spanId: string }> = {};
  const other = tracer.startSpan("background-job");
  other.end();
  const link: Link = { context: other.spanContext(), attributes: { "link.reason": "caused-by" } };
  const root = tracer.startSpan("GET /cart/:id", {
    kind: SpanKind.SERVER,
    attributes: { "http.request.method": "GET", "http.route": "/cart/:id", "http.response.status_code": 500, "cart.items": 3 },
    links: [link],
  });
  const child = tracer.startSpan(
    "SELECT carts",
    { kind: SpanKind.CLIENT, attributes: { "db.system": "postgresql", "db.statement": "SELECT * FROM carts WHERE id = $1" } },
    trace.setSpan(context.active(), root),
  );
  child.addEvent("retry", { attempt: 2 });
  child.recordException(new TypeError("connection reset"));
  child.setStatus({ code: SpanStatusCode.ERROR, message: "db failed" });
  child.end();
  root.setStatus({ code: SpanStatusCode.ERROR });
  root.end();
  ids.root = root.spanContext();
  ids.child = child.spanContext();
  ids.other = other.spanContext();
  await provider.forceFlush();
  await provider.shutdown();
  return ids;
}

async function sendLogs(encoding: "json" | "proto", traceId: string, spanId: string) {
  const exporter = encoding === "json" ? new LogJson({ url: `${server.url}/v1/logs`, headers }) : new LogProto({ url: `${server.url}/v1/logs`, headers });
  const provider = new LoggerProvider({ resource: resource(encoding), processors: [new SimpleLogRecordProcessor({ exporter })] });
  const logger = provider.getLogger("app-logger");
  logger.emit({ severityNumber: SeverityNumber.INFO, severityText: "INFO", body: "cart loaded", attributes: { "cart.id": "c-1", "http.route": "/cart/:id" } });
  logger.emit({
    severityNumber: SeverityNumber.ERROR,
    severityText: "ERROR",
    body: "payment declined",
    attributes: { "error.type": "CardDeclined", attempt: 2 },
    context: trace.setSpanContext(context.active(), { traceId, spanId, traceFlags: 1 }),
  });
  logger.emit({ severityNumber: SeverityNumber.WARN, severityText: "WARN", body: { structured: true, n: 1 } as never });
  await provider.forceFlush();
  await provider.shutdown();
}

async function sendMetrics(encoding: "json" | "proto") {
  const opts = { url: `${server.url}/v1/metrics`, headers, temporalityPreference: AggregationTemporality.CUMULATIVE };
  const exporter = encoding === "json" ? new MetricJson(opts) : new MetricProto(opts);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  const provider = new MeterProvider({ resource: resource(encoding), readers: [reader] });
  const meter = provider.getMeter("shop-metrics");
  const counter = meter.createCounter("orders_total", { unit: "1", description: "orders placed" });
  counter.add(3, { region: "eu" });
  counter.add(4, { region: "eu" });
  const gauge = meter.createGauge("queue_depth");
  gauge.record(17, { queue: "emails" });
  const histogram = meter.createHistogram("request_duration", { unit: "ms", advice: { explicitBucketBoundaries: [10, 100, 1000] } });
  for (const v of [5, 50, 60, 500, 5000]) histogram.record(v, { route: "/cart" });
  await provider.forceFlush();
  await provider.shutdown();
}

describe.each(["json", "proto"] as const)("OpenTelemetry exporters over http/%s", (encoding) => {
  let ids: Record<string, { traceId: string; spanId: string }>;
  beforeAll(async () => {
    ids = await sendTraces(encoding);
    await sendLogs(encoding, ids.root.traceId, ids.root.spanId);
    await sendMetrics(encoding);
    await flush(server.url);
    dir = mkdtempSync(path.join(tmpdir(), "monoscope-bucket-"));
    expect(await mirrorBucket(server.url, dir)).toBeGreaterThan(0);
  });
  const files = (signal: string) => `read_parquet('${dir}/v1/default/${signal}/**/*.parquet', hive_partitioning = true)`;
  const service = `shop-${encoding}`;

  it("keeps spans with ids, parents, kind, status, attributes, events and links", async () => {
    const rows = await duckdb(`SELECT * FROM ${files("spans")} WHERE service_name = '${service}' ORDER BY timestamp`);
    expect(rows).toHaveLength(3);
    const byName = Object.fromEntries(rows.map((r) => [r.name as string, r]));
    const root = byName["GET /cart/:id"];
    const child = byName["SELECT carts"];
    expect(root.trace_id).toBe(ids.root.traceId);
    expect(root.span_id).toBe(ids.root.spanId);
    expect(root.parent_span_id).toBeNull();
    expect(root.kind).toBe("SERVER");
    expect(root.status_code).toBe("ERROR");
    expect(root.http_request_method).toBe("GET");
    expect(root.http_route).toBe("/cart/:id");
    expect(root.http_response_status_code).toBe(500);
    expect(root.service_version).toBe("1.4.2");
    expect(root.k8s_pod_name).toBe("shop-7d9f");
    expect(root.scope_name).toBe("checkout-instrumentation");
    expect(root.scope_version).toBe("0.9.0");
    expect(root.attributes).toEqual([{ key: "cart.items", value: "3" }]);
    expect(root.resource_attributes).toContainEqual({ key: "team.owner", value: "payments" });
    expect(JSON.parse(root.links as string)).toEqual([
      { trace_id: ids.other.traceId, span_id: ids.other.spanId, trace_state: "", attributes: { "link.reason": "caused-by" } },
    ]);
    expect(Number(root.duration_ns)).toBeGreaterThanOrEqual(0);
    expect(child.trace_id).toBe(ids.root.traceId);
    expect(child.parent_span_id).toBe(ids.root.spanId);
    expect(child.kind).toBe("CLIENT");
    expect(child.status_message).toBe("db failed");
    expect(child.db_system).toBe("postgresql");
    expect(child.db_query_text).toBe("SELECT * FROM carts WHERE id = $1");
    expect(child.exception_type).toBe("TypeError");
    expect(child.exception_message).toBe("connection reset");
    const events = JSON.parse(child.events as string) as { name: string; attributes: Record<string, unknown> }[];
    expect(events.map((e) => e.name)).toEqual(["retry", "exception"]);
    expect(events[0].attributes).toEqual({ attempt: 2 }); // typed JSON inside events
  });

  it("keeps logs with severities, bodies, attributes and trace context", async () => {
    const rows = await duckdb(`SELECT * FROM ${files("logs")} WHERE service_name = '${service}' ORDER BY severity_number`);
    expect(rows.map((r) => [r.severity_number, r.severity_text])).toEqual([
      [9, "INFO"],
      [13, "WARN"],
      [17, "ERROR"],
    ]);
    const [info, warn, error] = rows;
    expect(info.body).toBe("cart loaded");
    expect(info.http_route).toBe("/cart/:id");
    expect(info.attributes).toEqual([{ key: "cart.id", value: "c-1" }]);
    expect(info.trace_id).toBeNull();
    expect(JSON.parse(warn.body as string)).toEqual({ structured: true, n: 1 });
    expect(error.trace_id).toBe(ids.root.traceId);
    expect(error.span_id).toBe(ids.root.spanId);
    expect(error.error_type).toBe("CardDeclined");
    expect(error.attributes).toEqual([{ key: "attempt", value: "2" }]);
    expect(error.scope_name).toBe("app-logger");
    expect(error.timestamp).toBeInstanceOf(Date);
  });

  it("keeps counters, gauges and histograms with temporality and buckets", async () => {
    const rows = await duckdb(
      `SELECT metric_name, metric_type, temporality, is_monotonic, value, count, sum, min, max, bucket_counts, explicit_bounds, metric_unit, metric_description, attributes
       FROM ${files("metrics")} WHERE service_name = '${service}' ORDER BY metric_name`,
    );
    const byName = Object.fromEntries(rows.map((r) => [r.metric_name as string, r]));
    expect(byName.orders_total).toMatchObject({ metric_type: "sum", temporality: "cumulative", is_monotonic: true, value: 7, metric_unit: "1", metric_description: "orders placed" });
    expect(byName.orders_total.attributes).toEqual([{ key: "region", value: "eu" }]);
    expect(byName.queue_depth).toMatchObject({ metric_type: "gauge", value: 17 });
    const h = byName.request_duration;
    expect(h).toMatchObject({ metric_type: "histogram", temporality: "cumulative", sum: 5615, min: 5, max: 5000, value: null, metric_unit: "ms" });
    expect(Number(h.count)).toBe(5);
    expect((h.bucket_counts as unknown[]).map(Number)).toEqual([1, 2, 1, 1]);
    expect(h.explicit_bounds).toEqual([10, 100, 1000]);
  });
});
