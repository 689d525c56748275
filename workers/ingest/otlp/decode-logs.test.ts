import { ROOT_CONTEXT, trace } from "@opentelemetry/api";
import { SeverityNumber } from "@opentelemetry/api-logs";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { InMemoryLogRecordExporter, LoggerProvider, type ReadableLogRecord, SimpleLogRecordProcessor } from "@opentelemetry/sdk-logs";
import { describe, expect, it } from "vitest";
import { decodeJson, decodeProtobuf } from "./index";
import { allRows, hexBytes, kvInt, kvString, logsPayload, micros, pb } from "./test-support";

const TRACE_ID = "5b8efff798038103d269b633813fc60c";
const SPAN_ID = "eee19b7ec3c1b174";

/** Log records as the real SDK produces them. */
function sdkLogs(): ReadableLogRecord[] {
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({
      "service.name": "checkout",
      "service.version": "1.4.2",
      "deployment.environment": "legacy-name",
      "deployment.environment.name": "production",
      "host.name": "web-1",
      "process.pid": 4242,
      "os.type": "linux",
    }),
    processors: [new SimpleLogRecordProcessor({ exporter })],
  });
  const logger = provider.getLogger("@acme/http", "2.1.0");
  logger.emit({
    timestamp: [1700000000, 123456789],
    observedTimestamp: [1700000001, 987654321],
    severityNumber: SeverityNumber.ERROR,
    severityText: "ERROR",
    body: "payment failed",
    // Trace context comes from the context the record is emitted in.
    context: trace.setSpanContext(ROOT_CONTEXT, { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: 1 }),
    attributes: {
      "http.request.method": "POST",
      "http.method": "GET", // older name: loses to http.request.method, stays in the map
      "http.status_code": "502", // numeric string into the int32 column
      "url.full": "https://shop.example/pay",
      "user.id": 42, // non-string into a string column: literal text
      "exception.type": "PaymentError",
      "retry": true,
      "amount": 12.5,
      "tags": ["a", "b", 3],
      "big": 9007199254740993, // rounded by JS itself, sent as a number
    },
  });
  logger.emit({
    timestamp: [1700000002, 0],
    severityNumber: SeverityNumber.INFO,
    severityText: "INFO",
    body: { order: 17, items: ["x", "y"], ok: true },
    attributes: { "http.response.status_code": "abc", "db.system": "postgresql" },
    eventName: "order.placed",
  });
  logger.emit({ body: 123, attributes: {} });
  return exporter.getFinishedLogRecords();
}

describe("logs decoding (SDK payloads)", () => {
  const records = sdkLogs();
  const { protobuf, json } = logsPayload(records);

  for (const [format, decode] of [
    ["protobuf", () => decodeProtobuf("logs", protobuf)],
    ["json", () => decodeJson("logs", json)],
  ] as const) {
    it(`decodes every field (${format})`, () => {
      const result = decode();
      expect(result.accepted).toBe(3);
      expect(result.rejected).toBe(0);
      expect(result.errors).toEqual([]);
      const [first, second, third] = allRows(result.table);

      expect(first).toMatchObject({
        timestamp: micros(1700000000123456789n),
        observed_timestamp: micros(1700000001987654321n),
        severity_number: 17,
        severity_text: "ERROR",
        body: "payment failed",
        trace_id: TRACE_ID,
        span_id: SPAN_ID,
        flags: 1,
        event_name: null,
        service_name: "checkout",
        service_version: "1.4.2",
        service_namespace: null,
        deployment_environment: "production",
        host_name: "web-1",
        telemetry_sdk_language: null,
        scope_name: "@acme/http",
        scope_version: "2.1.0",
        http_request_method: "POST",
        http_response_status_code: 502,
        url_full: "https://shop.example/pay",
        user_id: "42",
        exception_type: "PaymentError",
        exception_message: null,
        http_route: null,
      });
      expect(first.attributes).toEqual({
        "http.method": "GET",
        retry: "true",
        amount: "12.5",
        tags: '["a","b",3]',
        big: "9007199254740992",
      });
      expect(first.resource_attributes).toEqual({
        "deployment.environment": "legacy-name",
        "process.pid": "4242",
        "os.type": "linux",
      });

      expect(second).toMatchObject({
        timestamp: micros(1700000002000000000n),
        severity_number: 9,
        severity_text: "INFO",
        body: '{"order":17,"items":["x","y"],"ok":true}',
        trace_id: null,
        span_id: null,
        flags: 0,
        event_name: "order.placed",
        http_response_status_code: null,
        db_system: "postgresql",
      });
      // Not a number: kept in the map rather than lost.
      expect(second.attributes).toEqual({ "http.response.status_code": "abc" });

      // No timestamp: the SDK still sets observed time, which becomes the event time.
      expect(third.body).toBe("123");
      expect(third.severity_number).toBe(0);
      expect(third.severity_text).toBeNull();
      expect(third.timestamp).toBe(third.observed_timestamp);
      expect(typeof third.timestamp).toBe("number");
      expect(third.attributes).toEqual({});
    });
  }

  it("gives the same rows from protobuf and JSON", () => {
    expect(allRows(decodeJson("logs", json).table)).toEqual(allRows(decodeProtobuf("logs", protobuf).table));
  });
});

describe("logs decoding (hand-written protobuf)", () => {
  const request = (...records: Uint8Array[]) =>
    pb.body(
      pb.message(
        1,
        pb.message(1, kvString(1, "service.name", "svc")),
        pb.message(2, pb.message(1, pb.string(1, "scope")), ...records.map((r) => pb.bytes(2, r))),
      ),
    );

  it("uses observed time when time is 0, and null when both are", () => {
    const { table } = decodeProtobuf(
      "logs",
      request(
        pb.body(pb.fixed64(11, 1700000000123456789n)),
        pb.body(pb.string(3, "no time at all")),
        pb.body(pb.fixed64(1, 1n), pb.fixed64(11, 2000n)),
      ),
    );
    const rows = allRows(table);
    expect(rows.map((r) => [r.timestamp, r.observed_timestamp])).toEqual([
      [1700000000123456, 1700000000123456],
      [null, null],
      [0, 2],
    ]);
  });

  it("turns every AnyValue body kind into text", () => {
    const body = (...fields: Uint8Array[]) => pb.body(pb.message(5, ...fields));
    const { table } = decodeProtobuf(
      "logs",
      request(
        body(pb.varint(3, -7)),
        body(pb.double(4, 0.1)),
        body(pb.varint(2, 1)),
        body(pb.bytes(7, [0, 1, 254, 255])),
        body(pb.message(6, pb.message(1, pb.string(1, "k"), pb.message(2, pb.varint(3, 2n ** 63n - 1n))))),
        body(pb.message(5, pb.message(1, pb.double(4, NaN)), pb.message(1))),
        body(),
        pb.body(pb.string(3, "no body")),
      ),
    );
    expect(allRows(table).map((r) => r.body)).toEqual([
      "-7",
      "0.1",
      "true",
      "AAH+/w==",
      '{"k":9223372036854775807}',
      '["NaN",null]',
      null, // AnyValue without a value
      null,
    ]);
  });

  it("treats all-zero ids as absent and keeps flags", () => {
    const { table } = decodeProtobuf(
      "logs",
      request(pb.body(pb.bytes(9, new Uint8Array(16)), pb.bytes(10, hexBytes(SPAN_ID)), pb.fixed32(8, 0x101))),
    );
    expect(allRows(table)[0]).toMatchObject({ trace_id: null, span_id: SPAN_ID, flags: 257 });
  });

  it("takes int attributes into the int column and keeps out-of-range ones in the map", () => {
    const { table } = decodeProtobuf(
      "logs",
      request(
        pb.body(kvInt(6, "http.response.status_code", 404)),
        pb.body(kvInt(6, "http.response.status_code", 2n ** 40n)),
        pb.body(kvInt(6, "http.status_code", 500), kvString(6, "http.response.status_code", " 201 ")),
      ),
    );
    const rows = allRows(table);
    expect(rows.map((r) => r.http_response_status_code)).toEqual([404, null, 201]);
    expect(rows[1].attributes).toEqual({ "http.response.status_code": "1099511627776" });
    expect(rows[2].attributes).toEqual({ "http.status_code": "500" });
  });
});
