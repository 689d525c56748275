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
    expect(planCompaction([file("a", "01", 12), file("b", "01", 12), file("c", "01", 12)], { ...opts, maxRows: 23 })).toBeNull();
  });
  it("keeps merging an hour after its first merged file (which it leaves alone)", () => {
    // A merged file near the cap sorted first used to stop the hour's compaction for good.
    const files = [file("c-merged", "01", 20), ...["s1", "s2", "s3", "s4", "s5"].map((k) => file(k, "01", 8))];
    expect(planCompaction(files, opts)).toEqual({ signal: "logs", date: "2026-01-01", hour: "01", inputs: ["s1", "s2", "s3"] });
  });
  it("packs the smallest files first", () => {
    const files = [file("a", "01", 20 / 2), file("b", "01", 3), file("c", "01", 4), file("d", "01", 11), file("e", "01", 5)];
    expect(planCompaction(files, opts)!.inputs).toEqual(["a", "b", "c", "e"]);
  });
});
