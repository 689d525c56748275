import { resourceFromAttributes } from "@opentelemetry/resources";
import type { ReadableLogRecord } from "@opentelemetry/sdk-logs";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { countProtobufRecords, decodeJson, decodeProtobuf, OtlpDecodeError } from "./index";
import { quoteLongIntegers } from "./json-syntax";
import { allRows, expectComplete, hexBytes, kvString, logsPayload, pb, spansPayload, unknownFields } from "./test-support";

const resource = resourceFromAttributes({ "service.name": "svc", "host.name": "h" });
const scope = { name: "lib", version: "1" };

/** A ReadableSpan-shaped object: the serializer only reads these fields, and ids can be anything. */
function span(i: number, traceId: string, spanId: string, parentSpanId?: string): ReadableSpan {
  return {
    name: `op-${i}`,
    kind: 1,
    spanContext: () => ({ traceId, spanId, traceFlags: 1 }),
    parentSpanContext: parentSpanId ? { traceId, spanId: parentSpanId, traceFlags: 1 } : undefined,
    startTime: [1700000000, i],
    endTime: [1700000001, i],
    status: { code: 0 },
    attributes: { "http.route": `/r/${i}`, "k": i },
    links: [],
    events: [{ name: "exception", time: [1700000000, 5], attributes: { "exception.type": `E${i}` } }],
    duration: [1, 0],
    ended: true,
    resource,
    instrumentationScope: scope,
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
  } as ReadableSpan;
}

function log(i: number, traceId?: string, spanId?: string): ReadableLogRecord {
  return {
    hrTime: [1700000000, i],
    hrTimeObserved: [1700000000, i],
    spanContext: traceId !== undefined ? { traceId, spanId: spanId ?? "eee19b7ec3c1b174", traceFlags: 1 } : undefined,
    severityNumber: 9,
    severityText: "INFO",
    body: `log ${i}`,
    resource,
    instrumentationScope: scope,
    attributes: { "user.id": `u${i}`, n: i },
    droppedAttributesCount: 0,
  } as ReadableLogRecord;
}

const TRACE = "5b8efff798038103d269b633813fc60c";
const SPAN = "eee19b7ec3c1b174";

describe("partial success", () => {
  it("rejects spans with bad ids one by one and keeps the rest intact (protobuf and JSON)", () => {
    const spans = [
      span(0, TRACE, SPAN),
      span(1, "abcdef0123", SPAN), // 5-byte trace id
      span(2, TRACE, "00000000000000000000"), // 10-byte span id
      span(3, "00000000000000000000000000000000", SPAN), // all-zero trace id
      span(4, TRACE, "0000000000000000"), // all-zero span id
      span(5, TRACE, SPAN, "abcd"), // 2-byte parent
      span(6, TRACE, "1111111111111111", SPAN),
    ];
    const { protobuf, json } = spansPayload(spans);
    const fromPb = decodeProtobuf("spans", protobuf);
    expect(fromPb.accepted).toBe(2);
    expect(fromPb.rejected).toBe(5);
    expect(fromPb.errors).toEqual([
      "resourceSpans[0].scopeSpans[0].spans[1]: invalid trace_id (expected 16 bytes, got 5)",
      "resourceSpans[0].scopeSpans[0].spans[2]: invalid span_id (expected 8 bytes, got 10)",
      "resourceSpans[0].scopeSpans[0].spans[3]: invalid trace_id (all zeros)",
      "resourceSpans[0].scopeSpans[0].spans[4]: invalid span_id (all zeros)",
      "resourceSpans[0].scopeSpans[0].spans[5]: invalid parent_span_id (expected 8 bytes, got 2)",
    ]);
    const rows = allRows(fromPb.table);
    expect(rows.map((r) => [r.name, r.span_id, r.parent_span_id, r.http_route, r.exception_type])).toEqual([
      ["op-0", SPAN, null, "/r/0", "E0"],
      ["op-6", "1111111111111111", SPAN, "/r/6", "E6"],
    ]);

    const fromJson = decodeJson("spans", json);
    expect(fromJson.accepted).toBe(2);
    expect(fromJson.rejected).toBe(5);
    expect(fromJson.errors).toEqual([
      "resourceSpans[0].scopeSpans[0].spans[1]: invalid traceId (expected 32 hex characters, got 10)",
      "resourceSpans[0].scopeSpans[0].spans[2]: invalid spanId (expected 16 hex characters, got 20)",
      "resourceSpans[0].scopeSpans[0].spans[3]: invalid traceId (all zeros)",
      "resourceSpans[0].scopeSpans[0].spans[4]: invalid spanId (all zeros)",
      "resourceSpans[0].scopeSpans[0].spans[5]: invalid parentSpanId (expected 16 hex characters, got 4)",
    ]);
    expect(allRows(fromJson.table)).toEqual(rows);
  });

  it("rejects log records with bad id lengths; empty ids are fine", () => {
    const { protobuf, json } = logsPayload([log(0), log(1, "abcdef0123"), log(2, TRACE, "abcd"), log(3, TRACE)]);
    const result = decodeProtobuf("logs", protobuf);
    expect(result).toMatchObject({ accepted: 2, rejected: 2 });
    expect(result.errors).toEqual([
      "resourceLogs[0].scopeLogs[0].logRecords[1]: invalid trace_id (expected 16 bytes, got 5)",
      "resourceLogs[0].scopeLogs[0].logRecords[2]: invalid span_id (expected 8 bytes, got 2)",
    ]);
    const rows = allRows(result.table);
    expect(rows.map((r) => [r.body, r.trace_id, r.user_id, r.attributes])).toEqual([
      ["log 0", null, "u0", { n: "0" }],
      ["log 3", TRACE, "u3", { n: "3" }],
    ]);
    expect(allRows(decodeJson("logs", json).table)).toEqual(rows);
  });

  it("rejects non-hex JSON ids and malformed record fields without touching other records", () => {
    const text = JSON.stringify({
      resourceLogs: [
        {
          scopeLogs: [
            {
              logRecords: [
                { body: { stringValue: "ok" }, attributes: [{ key: "a", value: { stringValue: "1" } }] },
                { traceId: "zz8efff798038103d269b633813fc60c" },
                { timeUnixNano: "soon" },
                { attributes: { not: "a list" } },
                "not an object",
                { severityNumber: "constructor" },
                { body: { stringValue: "also ok" }, traceId: TRACE.toUpperCase() },
              ],
            },
          ],
        },
      ],
    });
    const result = decodeJson("logs", text);
    expect(result.accepted).toBe(2);
    expect(result.rejected).toBe(5);
    expect(result.errors).toEqual([
      'resourceLogs[0].scopeLogs[0].logRecords[1]: invalid traceId (not hex: "zz8efff798038103d269b633813fc60c")',
      'resourceLogs[0].scopeLogs[0].logRecords[2]: timeUnixNano must be an unsigned 64-bit integer (string or number), got "soon"',
      "resourceLogs[0].scopeLogs[0].logRecords[3]: attributes must be an array",
      "resourceLogs[0].scopeLogs[0].logRecords[4]: expected an object",
      'resourceLogs[0].scopeLogs[0].logRecords[5]: severityNumber has unknown value "constructor"',
    ]);
    const rows = allRows(result.table);
    expect(rows.map((r) => [r.body, r.trace_id, r.attributes])).toEqual([
      ["ok", null, { a: "1" }],
      ["also ok", TRACE, {}],
    ]);
  });

  it("counts rejected metric data points", () => {
    const metric = (...points: Uint8Array[]) =>
      pb.body(
        pb.message(
          1,
          pb.message(2, pb.message(2, pb.string(1, "m"), pb.message(7, ...points.map((p) => pb.bytes(1, p))))),
        ),
      );
    const result = decodeProtobuf(
      "metrics",
      metric(pb.body(pb.double(4, 1)), pb.body(kvString(7, "a", "b")), pb.body(pb.fixed64(6, 5)), pb.body()),
    );
    expect(result).toMatchObject({ accepted: 2, rejected: 2 });
    expect(result.errors).toEqual([
      "resourceMetrics[0].scopeMetrics[0].metrics[0].sum.dataPoints[1]: data point has no value (neither as_double nor as_int)",
      "resourceMetrics[0].scopeMetrics[0].metrics[0].sum.dataPoints[3]: data point has no value (neither as_double nor as_int)",
    ]);
    expect(allRows(result.table).map((r) => [r.value, r.attributes])).toEqual([
      [1, {}],
      [5, {}],
    ]);
  });

  it("keeps only the first few reasons but counts every rejection", () => {
    const spans = Array.from({ length: 30 }, (_, i) => span(i, "abcd", SPAN));
    const result = decodeProtobuf("spans", spansPayload(spans).protobuf);
    expect(result).toMatchObject({ accepted: 0, rejected: 30 });
    expect(result.errors).toHaveLength(10);
  });
});

describe("malformed protobuf", () => {
  const spans = Array.from({ length: 5 }, (_, i) => span(i, TRACE, SPAN));
  const request = spansPayload(spans).protobuf;

  it("throws OtlpDecodeError with a byte offset for every truncation", () => {
    let complete = 0;
    for (let cut = 1; cut < request.length; cut++) {
      try {
        const result = decodeProtobuf("spans", request.subarray(0, cut));
        // Only a cut between two top-level fields leaves a well-formed message.
        complete++;
        expectComplete(result.table);
      } catch (e) {
        expect(e).toBeInstanceOf(OtlpDecodeError);
        const err = e as OtlpDecodeError;
        expect(err.message).toMatch(/^invalid protobuf: .* at byte offset \d+$/);
        expect(err.offset).toBeGreaterThanOrEqual(0);
        expect(err.offset).toBeLessThanOrEqual(cut);
      }
    }
    expect(complete).toBe(0); // a single ResourceSpans: every cut lands inside it
  });

  it("names the problem and its offset", () => {
    const bytes = pb.body(pb.message(1, pb.message(2, pb.bytes(2, pb.body(pb.bytes(1, hexBytes(TRACE)))))));
    // Declare the inner span one byte longer than its parent allows.
    const broken = Uint8Array.from(bytes);
    const spanLengthOffset = 5;
    expect(broken[spanLengthOffset]).toBe(18);
    broken[spanLengthOffset] = 19;
    expect(() => decodeProtobuf("spans", broken)).toThrow(
      /^invalid protobuf: length-delimited field of 19 bytes overruns its message \(ends at byte 24\) at byte offset 5$/,
    );
  });

  it("never throws anything but OtlpDecodeError on corrupted input, and never leaves partial rows", () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n;
    const sources = {
      spans: request,
      logs: logsPayload(Array.from({ length: 4 }, (_, i) => log(i, TRACE))).protobuf,
    } as const;
    let decoded = 0;
    for (let i = 0; i < 3000; i++) {
      const signal = i % 2 ? "spans" : "logs";
      const bytes = Uint8Array.from(sources[signal]);
      for (let k = 1 + rand(3); k > 0; k--) bytes[rand(bytes.length)] = rand(256);
      try {
        const result = decodeProtobuf(signal, bytes);
        expectComplete(result.table);
        expect(result.accepted + result.rejected).toBeLessThanOrEqual(countProtobufRecords(signal, bytes) + 10);
        decoded++;
      } catch (e) {
        if (!(e instanceof OtlpDecodeError)) throw e;
      }
    }
    expect(decoded).toBeGreaterThan(100); // corruption inside values often leaves the framing valid
  });

  it("rejects nesting beyond the limit", () => {
    let value = pb.message(5, pb.message(1, pb.string(1, "deep")));
    for (let i = 0; i < 100; i++) value = pb.message(5, pb.message(1, pb.body(value)));
    const bytes = pb.body(pb.message(1, pb.message(2, pb.message(2, pb.bytes(5, value)))));
    expect(() => decodeProtobuf("logs", bytes)).toThrow(/nested too deeply/);
  });

  it("decodes an empty request to an empty table", () => {
    for (const signal of ["logs", "spans", "metrics"] as const) {
      expect(decodeProtobuf(signal, new Uint8Array(0))).toMatchObject({ accepted: 0, rejected: 0 });
      expect(decodeJson(signal, "{}")).toMatchObject({ accepted: 0, rejected: 0 });
    }
  });

  it("repairs invalid UTF-8 in strings instead of storing it", () => {
    const bad = [0x61, 0xc3, 0x28, 0x62];
    const record = pb.body(pb.bytes(3, bad), pb.message(5, pb.bytes(1, bad)), pb.message(6, pb.bytes(1, bad), pb.message(2, pb.bytes(1, bad))));
    const bytes = pb.body(pb.message(1, pb.message(2, pb.bytes(2, record))));
    const row = allRows(decodeProtobuf("logs", bytes).table)[0];
    expect(row.severity_text).toBe("a\uFFFD(b");
    expect(row.body).toBe("a\uFFFD(b");
    expect(row.attributes).toEqual({ "a\uFFFD(b": "a\uFFFD(b" });
  });
});

describe("unknown fields", () => {
  it("skips unknown protobuf fields of every wire type at every level", () => {
    const u = unknownFields();
    const keyValue = pb.message(6, pb.string(1, "k"), ...u, pb.message(2, ...u, pb.string(1, "v")));
    const record = pb.body(...u, pb.string(3, "INFO"), keyValue, pb.message(5, pb.string(1, "body"), ...u));
    const bytes = pb.body(
      ...u,
      pb.message(
        1,
        ...u,
        pb.message(2, ...u, pb.bytes(2, record), pb.message(1, pb.string(1, "scope"), ...u)),
        pb.message(1, ...u, kvString(1, "service.name", "svc")),
      ),
    );
    const result = decodeProtobuf("logs", bytes);
    expect(result).toMatchObject({ accepted: 1, rejected: 0 });
    expect(allRows(result.table)[0]).toMatchObject({
      severity_text: "INFO",
      body: "body",
      scope_name: "scope",
      service_name: "svc",
      attributes: { k: "v" },
    });
    expect(countProtobufRecords("logs", bytes)).toBe(1);
  });

  it("ignores unknown JSON fields", () => {
    const text = JSON.stringify({
      future: 1,
      resourceSpans: [
        {
          extra: [1, 2],
          resource: { attributes: [], novel: {} },
          scopeSpans: [
            {
              scope: { name: "s", x: 1 },
              spans: [{ traceId: TRACE, spanId: SPAN, name: "n", brandNew: { a: [1] }, status: { code: 1, why: "?" } }],
            },
          ],
        },
      ],
    });
    const result = decodeJson("spans", text);
    expect(result).toMatchObject({ accepted: 1, rejected: 0 });
    expect(allRows(result.table)[0]).toMatchObject({ name: "n", scope_name: "s", status_code: "OK" });
  });
});

describe("malformed JSON", () => {
  const fail = (text: string, signal: "logs" | "spans" | "metrics" = "logs"): OtlpDecodeError => {
    try {
      decodeJson(signal, text);
    } catch (e) {
      expect(e).toBeInstanceOf(OtlpDecodeError);
      return e as OtlpDecodeError;
    }
    throw new Error("expected an OtlpDecodeError");
  };

  it("reports where the syntax error is", () => {
    expect(fail('{"resourceLogs": [}').message).toBe(
      "invalid JSON: unexpected character \"}\" at position 18 (line 1, column 19)",
    );
    expect(fail('{\n  "resourceLogs": []\n  "x": 1\n}').message).toBe(
      "invalid JSON: expected ',' or '}' at position 25 (line 3, column 3)",
    );
    expect(fail('{"resourceLogs": [').offset).toBe(18);
    expect(fail('{"a": "\u0001"}').message).toMatch(/control character in string at position 7/);
    expect(fail("").message).toMatch(/unexpected end of input/);
    expect(fail("{} []").message).toMatch(/unexpected data after the JSON value at position 3/);
    expect(fail("not json").message).toMatch(/unexpected character "n" at position 0/);
  });

  it("reports a wrong shape with its path", () => {
    expect(fail("[]").message).toBe("invalid OTLP JSON at $: the request must be a JSON object");
    expect(fail('{"resourceLogs": {}}').message).toBe("invalid OTLP JSON at $.resourceLogs: expected an array");
    expect(fail('{"resourceSpans": [{"scopeSpans": [{"spans": 3}]}]}', "spans").path).toBe(
      "$.resourceSpans[0].scopeSpans[0].spans",
    );
    expect(fail('{"resourceMetrics": [7]}', "metrics").message).toBe(
      "invalid OTLP JSON at $.resourceMetrics[0]: expected an object",
    );
    expect(fail('{"resourceLogs": [{"resource": {"attributes": 5}}]}').message).toBe(
      "invalid OTLP JSON at $.resourceLogs[0].resource: attributes must be an array",
    );
  });

  it("rejects AnyValue nesting beyond the limit", () => {
    let value: unknown = { stringValue: "deep" };
    for (let i = 0; i < 100; i++) value = { arrayValue: { values: [value] } };
    const text = JSON.stringify({ resourceLogs: [{ scopeLogs: [{ logRecords: [{ body: value }] }] }] });
    expect(fail(text).message).toMatch(/nested too deeply/);
  });
});

describe("64-bit integers given as JSON numbers", () => {
  it("quotes only bare integers beyond 2^53, never string content", () => {
    expect(quoteLongIntegers('{"a":1712345678010000001,"b":"1712345678010000001","c":[18446744073709551615, 1.5e300, 123]}')).toBe(
      '{"a":"1712345678010000001","b":"1712345678010000001","c":["18446744073709551615", 1.5e300, 123]}',
    );
    expect(quoteLongIntegers('{"s":"x\\" 12345678901234567890","n":-9223372036854775808}')).toBe(
      '{"s":"x\\" 12345678901234567890","n":"-9223372036854775808"}',
    );
    expect(quoteLongIntegers('{"small":9007199254740991}')).toBe('{"small":9007199254740991}');
  });

  it("keeps nanosecond timestamps exact", () => {
    const text = `{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"timeUnixNano":1712345678010000001,"attributes":[{"key":"n","value":{"intValue":-9223372036854775807}}]}]}]}]}`;
    const row = allRows(decodeJson("logs", text).table)[0];
    expect(row.timestamp).toBe(1712345678010000);
    expect(row.attributes).toEqual({ n: "-9223372036854775807" });
  });

  it("accepts integers written as big floats, rounded", () => {
    const text = `{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"timeUnixNano":1.7e18,"attributes":[{"key":"n","value":{"intValue":1e20}}]}]}]}]}`;
    const row = allRows(decodeJson("logs", text).table)[0];
    expect(row.timestamp).toBe(1.7e15);
    expect(row.attributes).toEqual({ n: "100000000000000000000" });
  });
});
