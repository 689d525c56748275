import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { decodeJson, decodeProtobuf } from "./index";
import { allRows, hexBytes, kvString, micros, pb, spansPayload } from "./test-support";

const LINKED_TRACE = "0af7651916cd43dd8448eb211c80319c";
const LINKED_SPAN = "b7ad6b7169203331";

/** Spans as the real SDK produces them: a server span with events and a link, and its client child. */
function sdkSpans(): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": "api", "k8s.pod.name": "api-7f9", "team": "core" }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer("@acme/router", "3.0.0");
  const server = tracer.startSpan("GET /orders/:id", {
    kind: SpanKind.SERVER,
    startTime: [1700000000, 100000001],
    attributes: { "http.request.method": "GET", "http.route": "/orders/:id", "http.response.status_code": 500, "order.id": "o-1" },
    links: [
      {
        context: { traceId: LINKED_TRACE, spanId: LINKED_SPAN, traceFlags: 1 },
        attributes: { "link.kind": "follows", n: 2 },
      },
    ],
  });
  server.addEvent("cache.miss", { key: "orders:1", size: 3 }, [1700000000, 150000000]);
  server.recordException({ name: "TimeoutError", message: "upstream took too long" }, [1700000000, 200000000]);
  server.setStatus({ code: SpanStatusCode.ERROR, message: "upstream timeout" });
  const child = tracer.startSpan(
    "SELECT orders",
    {
      kind: SpanKind.CLIENT,
      startTime: [1700000000, 110000000],
      attributes: { "db.system": "postgresql", "db.statement": "SELECT * FROM orders", "exception.type": "Own" },
    },
    trace.setSpan(ROOT_CONTEXT, server),
  );
  child.recordException({ name: "Ignored", message: "span attribute wins" }, [1700000000, 120000000]);
  child.end([1700000000, 130000000]);
  server.end([1700000000, 300000000]);
  return exporter.getFinishedSpans();
}

describe("spans decoding (SDK payloads)", () => {
  const spans = sdkSpans();
  const server = spans.find((s) => s.kind === SpanKind.SERVER)!;
  const child = spans.find((s) => s.kind === SpanKind.CLIENT)!;
  const { protobuf, json } = spansPayload(spans);

  for (const [format, decode] of [
    ["protobuf", () => decodeProtobuf("spans", protobuf)],
    ["json", () => decodeJson("spans", json)],
  ] as const) {
    it(`decodes every field (${format})`, () => {
      const result = decode();
      expect(result).toMatchObject({ accepted: 2, rejected: 0, errors: [] });
      const rows = allRows(result.table);
      const s = rows.find((r) => r.kind === "SERVER")!;
      const c = rows.find((r) => r.kind === "CLIENT")!;

      expect(s).toMatchObject({
        timestamp: micros(1700000000100000001n),
        trace_id: server.spanContext().traceId,
        span_id: server.spanContext().spanId,
        parent_span_id: null,
        trace_state: null,
        name: "GET /orders/:id",
        duration_ns: 199999999,
        status_code: "ERROR",
        status_message: "upstream timeout",
        flags: 1 | 0x100, // sampled + "parent is not remote" flag
        service_name: "api",
        k8s_pod_name: "api-7f9",
        scope_name: "@acme/router",
        scope_version: "3.0.0",
        http_request_method: "GET",
        http_route: "/orders/:id",
        http_response_status_code: 500,
        exception_type: "TimeoutError",
        exception_message: "upstream took too long",
      });
      expect(s.attributes).toEqual({ "order.id": "o-1" });
      expect(s.resource_attributes).toMatchObject({ team: "core" });
      expect(JSON.parse(s.events as string)).toEqual([
        { time_unix_nano: "1700000000150000000", name: "cache.miss", attributes: { key: "orders:1", size: 3 } },
        {
          time_unix_nano: "1700000000200000000",
          name: "exception",
          attributes: { "exception.type": "TimeoutError", "exception.message": "upstream took too long" },
        },
      ]);
      expect(JSON.parse(s.links as string)).toEqual([
        { trace_id: LINKED_TRACE, span_id: LINKED_SPAN, trace_state: "", attributes: { "link.kind": "follows", n: 2 } },
      ]);

      expect(c).toMatchObject({
        trace_id: server.spanContext().traceId,
        span_id: child.spanContext().spanId,
        parent_span_id: server.spanContext().spanId,
        name: "SELECT orders",
        duration_ns: 20000000,
        status_code: "UNSET",
        status_message: null,
        db_system: "postgresql",
        db_query_text: "SELECT * FROM orders",
        exception_type: "Own", // the span's own attribute wins over its exception event
        exception_message: "span attribute wins",
        links: null,
      });
    });
  }

  it("gives the same rows from protobuf and JSON", () => {
    expect(allRows(decodeJson("spans", json).table)).toEqual(allRows(decodeProtobuf("spans", protobuf).table));
  });
});

describe("spans decoding (hand-written protobuf)", () => {
  const TRACE = hexBytes("5b8efff798038103d269b633813fc60c");
  const SPAN = hexBytes("eee19b7ec3c1b174");
  const request = (...spans: Uint8Array[]) =>
    pb.body(pb.message(1, pb.message(2, ...spans.map((s) => pb.bytes(2, s)))));
  const span = (...fields: Uint8Array[]) => pb.body(pb.bytes(1, TRACE), pb.bytes(2, SPAN), ...fields);

  it("computes durations exactly from nanosecond timestamps", () => {
    const { table } = decodeProtobuf(
      "spans",
      request(
        span(pb.fixed64(7, 1700000000123456789n), pb.fixed64(8, 1700000000123456790n)),
        span(pb.fixed64(7, 1700000000000000000n), pb.fixed64(8, 1700086400000000001n)),
        span(pb.fixed64(7, 1700000000000000500n), pb.fixed64(8, 1700000000000000000n)),
        span(pb.fixed64(7, 1700000000000000000n)),
      ),
    );
    const rows = allRows(table);
    expect(rows.map((r) => r.duration_ns)).toEqual([1, 86400000000001, -500, null]);
    expect(rows[0].timestamp).toBe(1700000000123456);
  });

  it("maps kind and status enums, including unknown values", () => {
    const { table } = decodeProtobuf(
      "spans",
      request(
        span(pb.varint(6, 2), pb.message(15, pb.varint(3, 1))),
        span(pb.varint(6, 5), pb.message(15, pb.varint(3, 2), pb.string(2, "bad"))),
        span(pb.varint(6, 99), pb.message(15, pb.varint(3, 9))),
        span(),
      ),
    );
    expect(allRows(table).map((r) => [r.kind, r.status_code, r.status_message])).toEqual([
      ["SERVER", "OK", null],
      ["CONSUMER", "ERROR", "bad"],
      ["UNSPECIFIED", "UNSET", null],
      ["UNSPECIFIED", "UNSET", null],
    ]);
  });

  it("keeps trace state, an all-zero parent as null, and events without attributes", () => {
    const { table } = decodeProtobuf(
      "spans",
      request(
        span(
          pb.string(3, "vendor=abc,other=1"),
          pb.bytes(4, new Uint8Array(8)),
          pb.message(11, pb.string(2, "exception"), kvString(3, "exception.message", "from event")),
          pb.message(11, pb.fixed64(1, 5n)),
        ),
      ),
    );
    const row = allRows(table)[0];
    expect(row).toMatchObject({ trace_state: "vendor=abc,other=1", parent_span_id: null, exception_type: null });
    expect(row.exception_message).toBe("from event");
    expect(JSON.parse(row.events as string)).toEqual([
      { time_unix_nano: "0", name: "exception", attributes: { "exception.message": "from event" } },
      { time_unix_nano: "5", name: "", attributes: {} },
    ]);
  });
});
