import { describe, expect, it } from "vitest";
import { objectKey, parsePartitionKey, partitionKey, partitionOf } from "./partition";

describe("partitions", () => {
  it("derives UTC date and hour from microseconds", () => {
    const us = Date.UTC(2026, 10, 28, 23, 59, 59, 999) * 1000 + 999;
    expect(partitionOf(us)).toEqual({ date: "2026-11-28", hour: "23" });
  });
  it("builds hive-style object keys", () => {
    expect(objectKey("default", "logs", { date: "2026-01-02", hour: "03" }, "f1")).toBe(
      "v1/default/logs/date=2026-01-02/hour=03/f1.parquet",
    );
  });
  it("parses what it builds and rejects the rest", () => {
    expect(parsePartitionKey(partitionKey({ date: "2026-01-02", hour: "03" }))).toEqual({ date: "2026-01-02", hour: "03" });
    expect(() => parsePartitionKey("date=2026/hour=3")).toThrow();
  });
});
