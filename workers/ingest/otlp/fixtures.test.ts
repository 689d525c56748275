/**
 * Hand-written OTLP JSON in the style of the opentelemetry-proto examples: uppercase
 * hex ids, 64-bit integers as strings, enums as integers (and a few as names).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Signal } from "./errors";
import { decodeJson } from "./index";
import { allRows } from "./test-support";

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url).href), "utf8");

/** The same document with proto field names (snake_case), which decoders must accept too. */
function snakeCase(text: string): string {
  const convert = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(convert)
      : v && typeof v === "object"
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), convert(x)]))
        : v;
  return JSON.stringify(convert(JSON.parse(text)));
}

const decodeBoth = (signal: Signal, name: string) => {
  const text = fixture(name);
  const camel = decodeJson(signal, text);
  const snake = decodeJson(signal, snakeCase(text));
  expect(allRows(snake.table)).toEqual(allRows(camel.table));
  expect(snake.rejected).toBe(camel.rejected);
  return camel;
};

describe("JSON fixtures", () => {
  it("logs.json", () => {
    const result = decodeBoth("logs", "logs.json");
    expect(result).toMatchObject({ accepted: 2, rejected: 0 });
    const [warn, error] = allRows(result.table);
    expect(warn).toEqual(
      expect.objectContaining({
        timestamp: 1712345678901234,
        observed_timestamp: 1712345678905000,
        severity_number: 13,
        severity_text: "WARN",
        body: "stock below threshold",
        trace_id: "5b8efff798038103d269b633813fc60c",
        span_id: "eee19b7ec3c1b174",
        flags: 1,
        event_name: "inventory.low_stock",
        service_name: "inventory",
        service_instance_id: "inv-3",
        scope_name: "inventory.logging",
        scope_version: "0.3.1",
        user_id: "ops-bot",
        resource_attributes: { "region.zone": "zone-c" },
      }),
    );
    expect(warn.attributes).toEqual({
      sku: "SKU-991",
      remaining: "3",
      ratio: "0.25",
      restock: "false",
      warehouses: '["north",2]',
      limits: '{"min":5}',
      checksum: "3q2+7w==",
    });
    expect(error).toMatchObject({
      timestamp: 1712345679000000,
      severity_number: 18,
      severity_text: null,
      body: '{"error":"db down"}',
      trace_id: null,
    });
  });

  it("trace.json", () => {
    const result = decodeBoth("spans", "trace.json");
    expect(result).toMatchObject({ accepted: 2, rejected: 0 });
    const [server, client] = allRows(result.table);
    expect(server).toMatchObject({
      timestamp: 1712345678000000,
      trace_id: "5b8efff798038103d269b633813fc60c",
      span_id: "eee19b7ec3c1b174",
      parent_span_id: null,
      trace_state: "vendor=1",
      name: "POST /checkout",
      kind: "SERVER",
      duration_ns: 250000002,
      status_code: "ERROR",
      status_message: "upstream unavailable",
      flags: 257,
      service_name: "gateway",
      telemetry_sdk_language: "go",
      http_request_method: "POST",
      http_response_status_code: 503,
      server_address: "payments.internal",
      exception_type: "UpstreamUnavailable",
      exception_message: "payments returned 503",
      attributes: { retries: "2" },
    });
    expect(JSON.parse(server.events as string)).toEqual([
      {
        time_unix_nano: "1712345678100000000",
        name: "exception",
        attributes: { "exception.type": "UpstreamUnavailable", "exception.message": "payments returned 503" },
      },
    ]);
    expect(JSON.parse(server.links as string)).toEqual([
      {
        trace_id: "0af7651916cd43dd8448eb211c80319c",
        span_id: "b7ad6b7169203331",
        trace_state: "",
        attributes: { reason: "retry-of" },
      },
    ]);
    expect(client).toMatchObject({
      parent_span_id: "eee19b7ec3c1b174",
      kind: "CLIENT",
      status_code: "OK",
      duration_ns: 230000000,
      events: null,
      links: null,
    });
  });

  it("metrics.json: all five metric types", () => {
    const result = decodeBoth("metrics", "metrics.json");
    // The gauge point without a value is rejected; the rest are kept.
    expect(result).toMatchObject({ accepted: 5, rejected: 1 });
    expect(result.errors).toEqual([
      "resourceMetrics[0].scopeMetrics[0].metrics[1].gauge.dataPoints[1]: data point has no value (neither asDouble nor asInt)",
    ]);
    const rows = allRows(result.table);
    const by = (type: string) => rows.find((r) => r.metric_type === type)!;
    expect(by("sum")).toMatchObject({
      metric_name: "invoices.created",
      metric_description: "Invoices created",
      metric_unit: "{invoice}",
      temporality: "cumulative",
      is_monotonic: 1,
      value: 42,
      timestamp: 1712345678000000,
      start_timestamp: 1712345600000000,
      attributes: { currency: "EUR" },
      service_name: "billing",
      scope_name: "billing.metrics",
    });
    expect(by("gauge")).toMatchObject({ metric_name: "queue.backlog", value: 17.5, start_timestamp: null, temporality: null });
    expect(by("histogram")).toMatchObject({
      temporality: "delta",
      count: 4,
      sum: 361.5,
      min: 3.5,
      max: 250,
      bucket_counts: [1, 2, 1],
      explicit_bounds: [10, 100],
      value: null,
    });
    expect(by("exponential_histogram")).toMatchObject({
      temporality: "cumulative",
      count: 6,
      sum: 900,
      exp_scale: 1,
      exp_zero_count: 1,
      exp_positive_offset: 10,
      exp_positive_bucket_counts: [1, 0, 4],
      exp_negative_offset: null,
      exp_negative_bucket_counts: null,
    });
    expect(by("summary")).toMatchObject({
      metric_name: "render.latency",
      count: 100,
      sum: 21.75,
      quantiles: [0.5, 0.99],
      quantile_values: [0.18, 0.9],
      temporality: null,
    });
  });
});
