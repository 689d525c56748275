import { describe, expect, it } from "vitest";
import { countProtobufRecords, decodeProtobuf, OtlpDecodeError } from "./index";
import { hexBytes, pb } from "./test-support";

const TRACE = hexBytes("5b8efff798038103d269b633813fc60c");
const SPAN = hexBytes("eee19b7ec3c1b174");

describe("countProtobufRecords", () => {
  it("counts records across resources and scopes without decoding them", () => {
    const span = pb.body(pb.bytes(1, TRACE), pb.bytes(2, SPAN));
    const scope = (n: number) => pb.message(2, ...Array.from({ length: n }, () => pb.bytes(2, span)));
    const bytes = pb.body(pb.message(1, scope(3), scope(0)), pb.message(1, scope(2)));
    expect(countProtobufRecords("spans", bytes)).toBe(5);
    expect(decodeProtobuf("spans", bytes).accepted).toBe(5);
    // Logs share the layout; records are not looked into.
    expect(countProtobufRecords("logs", bytes)).toBe(5);
  });

  it("counts metric data points of every type", () => {
    const point = pb.body(pb.double(4, 1));
    const metric = (field: number, n: number) =>
      pb.message(2, pb.string(1, "m"), pb.message(field, ...Array.from({ length: n }, () => pb.bytes(1, point)), pb.varint(2, 1)));
    const bytes = pb.body(pb.message(1, pb.message(2, metric(5, 2), metric(7, 3), metric(9, 1), metric(10, 1), metric(11, 4))));
    expect(countProtobufRecords("metrics", bytes)).toBe(11);
    expect(decodeProtobuf("metrics", bytes).accepted).toBe(11);
  });

  it("throws OtlpDecodeError on broken framing", () => {
    expect(() => countProtobufRecords("logs", Uint8Array.from([0x0a, 0x05, 0x12]))).toThrow(OtlpDecodeError);
  });
});
