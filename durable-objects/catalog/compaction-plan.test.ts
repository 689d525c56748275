import { describe, expect, it } from "vitest";
import { planCompaction, type PlanFile } from "./compaction-plan";

const file = (key: string, hour: string, rows = 10, bytes = 1000): PlanFile => ({ key, signal: "logs", date: "2026-01-01", hour, rows, bytes });
const opts = { minFiles: 3, smallBytes: 5000, maxRows: 25 };

describe("planCompaction", () => {
  it("waits until a partition has enough small files", () => {
    expect(planCompaction([file("a", "01"), file("b", "01")], opts)).toBeNull();
  });
  it("merges the small files of the oldest partition, capped in rows", () => {
    const plan = planCompaction([file("z", "02"), file("y", "02"), file("x", "02"), file("c", "01"), file("a", "01"), file("b", "01")], opts);
    expect(plan).toEqual({ signal: "logs", date: "2026-01-01", hour: "01", inputs: ["a", "b"] });
  });
  it("leaves large files alone", () => {
    expect(planCompaction([file("a", "01", 10, 9000), file("b", "01"), file("c", "01")], opts)).toBeNull();
  });
  it("never plans a merge of a single file", () => {
    expect(planCompaction([file("a", "01", 30), file("b", "01", 30), file("c", "01", 30)], opts)).toBeNull();
  });
});
