import { ProtobufLogsSerializer, ProtobufMetricsSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { describe, expect, it } from "vitest";
import { encodeExportResponse, encodeStatus, type Signal } from "./index";

/** Decodes a protobuf message into { field: [values] } by hand: varints as bigint, LEN as bytes. */
function parse(bytes: Uint8Array): Record<number, (bigint | Uint8Array)[]> {
  const out: Record<number, (bigint | Uint8Array)[]> = {};
  let i = 0;
  const varint = (): bigint => {
    let v = 0n;
    let shift = 0n;
    for (;;) {
      const b = bytes[i++];
      v |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if (b < 0x80) return v;
    }
  };
  while (i < bytes.length) {
    const tag = Number(varint());
    const field = tag >> 3;
    let value: bigint | Uint8Array;
    if ((tag & 7) === 0) value = varint();
    else if ((tag & 7) === 2) {
      const n = Number(varint());
      value = bytes.subarray(i, i + n);
      i += n;
    } else throw new Error(`unexpected wire type ${tag & 7}`);
    (out[field] ??= []).push(value);
  }
  return out;
}
const text = (b: bigint | Uint8Array) => new TextDecoder().decode(b as Uint8Array);

describe("export responses", () => {
  it("is empty when everything was accepted", () => {
    for (const signal of ["spans", "logs", "metrics"] as const) {
      expect(encodeExportResponse(signal, "protobuf")).toEqual(new Uint8Array(0));
      expect(encodeExportResponse(signal, "protobuf", { rejected: 0, message: "" })).toEqual(new Uint8Array(0));
      expect(encodeExportResponse(signal, "json")).toBe("{}");
    }
  });

  it("encodes partial_success { rejected (int64 = 1), error_message (= 2) } in field 1", () => {
    const message = "resourceSpans[0].scopeSpans[0].spans[3]: invalid trace_id — ünïcode";
    const bytes = encodeExportResponse("spans", "protobuf", { rejected: 300, message }) as Uint8Array;
    const outer = parse(bytes);
    expect(Object.keys(outer)).toEqual(["1"]);
    const inner = parse(outer[1][0] as Uint8Array);
    expect(inner[1]).toEqual([300n]);
    expect(text(inner[2][0])).toBe(message);
    // Large counts use multi-byte varints.
    const big = parse(parse(encodeExportResponse("logs", "protobuf", { rejected: 2 ** 40, message: "" }) as Uint8Array)[1][0] as Uint8Array);
    expect(big[1]).toEqual([2n ** 40n]);
    expect(big[2]).toBeUndefined();
  });

  it("is read back by the OpenTelemetry exporters' own response parsers", () => {
    const cases: [Signal, { deserializeResponse(b: Uint8Array): unknown }, string][] = [
      ["spans", ProtobufTraceSerializer, "rejectedSpans"],
      ["logs", ProtobufLogsSerializer, "rejectedLogRecords"],
      ["metrics", ProtobufMetricsSerializer, "rejectedDataPoints"],
    ];
    for (const [signal, serializer, field] of cases) {
      const bytes = encodeExportResponse(signal, "protobuf", { rejected: 7, message: "seven bad" }) as Uint8Array;
      const parsed = serializer.deserializeResponse(bytes) as { partialSuccess: Record<string, unknown> };
      expect(Number(parsed.partialSuccess[field])).toBe(7);
      expect(parsed.partialSuccess.errorMessage).toBe("seven bad");
    }
  });

  it("encodes JSON with proto3 names and int64 as a string", () => {
    expect(JSON.parse(encodeExportResponse("metrics", "json", { rejected: 2, message: "m" }) as string)).toEqual({
      partialSuccess: { rejectedDataPoints: "2", errorMessage: "m" },
    });
    expect(JSON.parse(encodeExportResponse("logs", "json", { rejected: 0, message: "warning only" }) as string)).toEqual({
      partialSuccess: { errorMessage: "warning only" },
    });
    expect(JSON.parse(encodeExportResponse("spans", "json", { rejected: 1, message: "" }) as string)).toEqual({
      partialSuccess: { rejectedSpans: "1" },
    });
  });
});

describe("google.rpc.Status", () => {
  it("encodes code (int32 = 1) and message (= 2)", () => {
    const status = parse(encodeStatus("protobuf", 3, "invalid protobuf: truncated varint at byte offset 12") as Uint8Array);
    expect(status[1]).toEqual([3n]);
    expect(text(status[2][0])).toBe("invalid protobuf: truncated varint at byte offset 12");
    expect(parse(encodeStatus("protobuf", 14, "") as Uint8Array)).toEqual({ 1: [14n] });
  });

  it("encodes JSON", () => {
    expect(JSON.parse(encodeStatus("json", 8, "slow down") as string)).toEqual({ code: 8, message: "slow down" });
  });
});
