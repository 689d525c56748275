import { describe, expect, it } from "vitest";
import { evaluateAt, queriesPerEvaluation, RuleQueryError, windowsAt, type RuleForEvaluate, type Window } from "./evaluate";

const MIN = 60_000;
const DAY = 86_400_000;
const T = Date.UTC(2026, 0, 10, 12, 0);
const base: RuleForEvaluate = { query: "q", valueColumn: null, windowMs: 5 * MIN, condition: { kind: "nodata" }, severity: "warning" };

describe("evaluation windows", () => {
  it("ends the current window at the evaluation time and shifts the earlier ones", () => {
    expect(windowsAt(base, T)).toEqual({ current: { fromMs: T - 5 * MIN, toMs: T } });
    const change = windowsAt({ ...base, condition: { kind: "change", op: "above", mode: "absolute", offsetMs: DAY, thresholds: { critical: 1 } } }, T);
    expect(change.before).toEqual({ fromMs: T - DAY - 5 * MIN, toMs: T - DAY });
    const sameHour = windowsAt({ ...base, condition: { kind: "anomaly", baseline: "same_hour", points: 3, sensitivity: 3, direction: "both" } }, T);
    expect(sameHour.baseline!.map((w) => (T - w.toMs) / DAY)).toEqual([1, 2, 3]);
    const rolling = { ...base, condition: { kind: "anomaly" as const, baseline: "rolling" as const, points: 4, sensitivity: 3, direction: "both" as const } };
    expect(windowsAt(rolling, T).baseline!.map((w) => (T - w.toMs) / MIN)).toEqual([5, 10, 15, 20]);
    expect(queriesPerEvaluation(rolling)).toBe(5);
  });

  it("judges each group against its own baseline", async () => {
    const rule: RuleForEvaluate = { ...base, condition: { kind: "anomaly", baseline: "same_hour", points: 5, sensitivity: 3, direction: "above" } };
    const byDay: Record<number, [string, number][]> = {
      0: [["api", 100], ["web", 12]],
      1: [["api", 10], ["web", 10]],
      2: [["api", 11], ["web", 11]],
      3: [["api", 9], ["web", 12]],
      4: [["api", 10], ["web", 9]],
      5: [["api", 12], ["web", 10]],
    };
    const run = async (w: Window) => ({ columns: [{ name: "service", type: "VARCHAR" }, { name: "n", type: "BIGINT" }], rows: byDay[(T - w.toMs) / DAY] });
    const outcome = await evaluateAt(rule, T, run);
    expect(outcome.kind).toBe("groups");
    if (outcome.kind !== "groups") return;
    const verdict = Object.fromEntries(outcome.groups.map((g) => [g.group.service, g.verdicts[0].verdict]));
    expect(verdict).toEqual({ api: "breach", web: "clear" });
    expect(outcome.groups.find((g) => g.group.service === "api")!.band).toMatchObject({ median: 10 });
  });

  it("turns a rule's query failure into an error outcome and lets other failures through", async () => {
    expect(await evaluateAt(base, T, async () => Promise.reject(new RuleQueryError("timed out")))).toEqual({ kind: "error", message: "timed out" });
    expect(await evaluateAt({ ...base, valueColumn: "nope" }, T, async () => ({ columns: [{ name: "n", type: "BIGINT" }], rows: [[1]] }))).toMatchObject({ kind: "error", message: expect.stringMatching(/value column 'nope'/) });
    await expect(evaluateAt(base, T, async () => Promise.reject(new TypeError("bug")))).rejects.toThrow("bug");
  });
});
