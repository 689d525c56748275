import { describe, expect, it } from "vitest";
import { filterRows, valueColumns } from "./table-model";

describe("table filter", () => {
  const rows = [
    ["api", "GET /cart", 200],
    ["web", "POST /Checkout", 500],
    ["api", "POST /checkout", 201],
  ];
  it("keeps rows where every word appears in some cell, case-insensitive, in the given order", () => {
    expect(filterRows(rows, [2, 1, 0], "checkout")).toEqual([2, 1]);
    expect(filterRows(rows, [0, 1, 2], "api  post")).toEqual([2]);
    expect(filterRows(rows, [0, 1, 2], "500")).toEqual([1]);
    expect(filterRows(rows, [0, 1, 2], "  ")).toEqual([0, 1, 2]);
    expect(filterRows(rows, [0, 1, 2], "nothing")).toEqual([]);
  });
  it("marks numeric non-time columns as value columns", () => {
    expect(valueColumns([{ name: "t", type: "TIMESTAMP" }, { name: "s", type: "VARCHAR" }, { name: "n", type: "BIGINT" }])).toEqual([false, false, true]);
  });
});
