import { describe, expect, it } from "vitest";
import type { Window } from "./evaluate";
import { PreviewError, previewRule, previewSteps, type RuleForPreview } from "./preview";

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 1, 12, 0);

/** Per-minute error counts of two services; a window's value is the sum of its minutes. */
const counts: Record<string, number[]> = {
  api: [0, 0, 0, 9, 9, 9, 9, 9, 0, 0, 0, 0],
  web: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
};
const queried: string[] = [];
async function run(w: Window) {
  queried.push(`${w.fromMs}:${w.toMs}`);
  const rows: unknown[][] = [];
  for (const [service, per] of Object.entries(counts)) {
    let n = 0;
    for (let t = w.fromMs; t < w.toMs; t += MIN) n += per[(t - T0) / MIN] ?? 0;
    if (n > 0) rows.push([service, n]);
  }
  return { columns: [{ name: "service", type: "VARCHAR" }, { name: "errors", type: "BIGINT" }], rows };
}

const rule: RuleForPreview = {
  id: "preview",
  projectId: "p",
  name: "Errors",
  query: "logs | summarize errors = count() by service",
  valueColumn: null,
  intervalMs: MIN,
  windowMs: MIN,
  forMs: 2 * MIN,
  condition: { kind: "threshold", op: "above", thresholds: { critical: 5, critical_recovery: 2 } },
  noDataState: "ok",
  severity: "warning",
  labels: {},
  annotations: {},
};

describe("previewRule", () => {
  it("evaluates at every interval step and says when the rule would have fired and resolved", async () => {
    queried.length = 0;
    const p = await previewRule(rule, T0, T0 + 12 * MIN, run);
    expect(p.steps).toEqual(Array.from({ length: 12 }, (_, i) => T0 + (i + 1) * MIN));
    const api = p.groups.find((g) => g.labels.service === "api")!;
    expect(api.values).toEqual([null, null, null, 9, 9, 9, 9, 9, null, null, null, null]);
    // The breach starts at the step ending minute 3 (t = T0+4m), fires after 2m of `for`.
    expect(p.fired_at).toEqual([T0 + 6 * MIN]);
    const apiChanges = p.changes.filter((c) => c.labels.service === "api").map((c) => [(c.at - T0) / MIN, c.to]);
    expect(apiChanges).toEqual([[4, "pending"], [6, "firing"], [9, "resolved"], [10, "ok"]]);
    expect(p.series.find((s) => s.labels.service === "api")!.states.slice(3, 10)).toEqual(["pending", "pending", "firing", "firing", "firing", "resolved", null]);
    expect(p.thresholds).toEqual({ critical: 5, critical_recovery: 2 });
    expect(p.queries).toBe(12);
    expect(new Set(queried).size).toBe(queried.length);
  });

  it("reuses windows a change rule shares with earlier steps", async () => {
    queried.length = 0;
    const change: RuleForPreview = { ...rule, condition: { kind: "change", op: "above", mode: "absolute", offsetMs: 2 * MIN, thresholds: { critical: 5 } } };
    const p = await previewRule(change, T0 + 2 * MIN, T0 + 12 * MIN, run);
    // 10 current windows + 2 earlier ones that are not current windows of any step.
    expect(p.queries).toBe(12);
    expect(queried.length).toBe(12);
    // A group with no row in the earlier window has no change to judge (null).
    expect(p.groups.find((g) => g.labels.service === "api")!.values.slice(0, 8)).toEqual([null, null, null, 0, 0, 0, null, null]);
  });

  it("refuses a range with too many steps and an empty one, clearly", async () => {
    await expect(previewRule(rule, T0, T0 + 1000 * MIN, run)).rejects.toThrow(PreviewError);
    await expect(previewRule(rule, T0, T0 + 30_000, run)).rejects.toThrow(/shorter than one interval/);
    expect(previewSteps(5 * MIN, T0 + 1, T0 + 10 * MIN)).toEqual([T0 + 5 * MIN, T0 + 10 * MIN]);
  });
});
