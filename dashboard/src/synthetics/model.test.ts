import { describe, expect, it } from "vitest";
import { parseJsonList, quoteId, uptimeByCheck } from "./shape";

describe("synthetics page model", () => {
  it("turns daily query rows into 90 bars per check", () => {
    const now = Date.parse("2026-11-28T12:00:00Z");
    const m = uptimeByCheck(
      {
        rows: [
          ["chk_a", "2026-11-28T00:00:00.000000Z", 10, 9],
          ["chk_a", "2026-11-26T00:00:00.000000Z", 10, 10],
          ["chk_b", "2026-11-28T00:00:00.000000Z", 4, 0],
        ],
      },
      now,
    );
    const a = m.get("chk_a")!;
    expect(a.bars).toHaveLength(90);
    expect(a.bars.slice(-3).map((b) => b.percent)).toEqual([100, null, 90]);
    expect(a.percent).toBe(95);
    expect(m.get("chk_b")!.percent).toBe(0);
  });

  it("refuses anything but a server-made check id in a query", () => {
    expect(quoteId("chk_0a1b")).toBe('"chk_0a1b"');
    expect(() => quoteId('x" or true')).toThrow("not a check id");
  });

  it("reads stored JSON lists defensively", () => {
    expect(parseJsonList('[{"a":1}]')).toEqual([{ a: 1 }]);
    expect(parseJsonList("{bad")).toEqual([]);
    expect(parseJsonList(null)).toEqual([]);
  });
});
