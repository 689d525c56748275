import { describe, expect, it } from "vitest";
import { advanceRule, firingAlerts, type GroupJudgement, type Outcome, type RuleForAdvance, type SeriesRecord } from "./advance";
import { judge } from "./conditions";
import { fingerprint } from "./fingerprint";
import type { Condition } from "./model";

const MIN = 60_000;
const rule = (condition: Condition, extra: Partial<RuleForAdvance> = {}): RuleForAdvance => ({
  id: "r1",
  projectId: "p1",
  name: "Errors",
  forMs: 0,
  condition,
  noDataState: "nodata",
  severity: "warning",
  labels: { team: "pay" },
  annotations: { summary: "{{ $labels.service }} at {{ $value }}" },
  ...extra,
});
const threshold: Condition = { kind: "threshold", op: "above", thresholds: { critical: 10, warning: 5 } };

function groups(r: RuleForAdvance, values: Record<string, number | null>): Outcome {
  const gs: GroupJudgement[] = Object.entries(values).map(([service, v]) => ({ group: { service }, ...judge(r.condition, r.severity, { current: v }) }));
  return { kind: "groups", groups: gs };
}

describe("advanceRule", () => {
  it("keeps one series per group and level, with labels, fingerprint and rendered annotations", () => {
    const r = rule(threshold);
    const a = advanceRule(r, [], groups(r, { api: 12, web: 6 }), 10 * MIN);
    const byKey = Object.fromEntries(a.series.map((s) => [`${s.group.service}/${s.severity}`, s.state]));
    expect(byKey).toEqual({ "api/critical": "firing", "api/warning": "firing", "web/critical": "ok", "web/warning": "firing" });
    const apiCrit = a.series.find((s) => s.group.service === "api" && s.severity === "critical")!;
    expect(apiCrit.labels).toEqual({ service: "api", team: "pay", alertname: "Errors", severity: "critical" });
    expect(apiCrit.fingerprint).toBe(fingerprint({ alertname: "Errors", severity: "critical", team: "pay", service: "api" }));
    expect(apiCrit.annotations).toEqual({ summary: "api at 12" });
    expect(a.changes.map((c) => `${c.labels.service}/${c.labels.severity}:${c.from}->${c.to}`).sort()).toEqual(["api/critical:ok->firing", "api/warning:ok->firing", "web/warning:ok->firing"]);
    expect(firingAlerts(r, a.series)).toHaveLength(3);
  });

  it("resolves a group that disappears from a non-empty answer and forgets it", () => {
    const r = rule(threshold);
    const first = advanceRule(r, [], groups(r, { api: 12 }), 10 * MIN);
    const second = advanceRule(r, first.series, groups(r, { web: 1 }), 11 * MIN);
    expect(second.resolved.map((x) => [x.labels.service, x.labels.severity, x.status, x.endsAt, x.startsAt])).toEqual([
      ["api", "critical", "resolved", 11 * MIN, 10 * MIN],
      ["api", "warning", "resolved", 11 * MIN, 10 * MIN],
    ]);
    expect(second.series.filter((s) => s.group.service === "api").map((s) => s.state)).toEqual(["resolved", "resolved"]);
    const third = advanceRule(r, second.series, groups(r, { web: 1 }), 12 * MIN);
    expect(third.removed.length).toBe(2);
    expect(third.series.some((s) => s.group.service === "api")).toBe(false);
  });

  it("applies no_data_state when the answer is empty", () => {
    for (const [noDataState, expected] of [["nodata", "nodata"], ["alerting", "firing"], ["ok", "resolved"]] as const) {
      const r = rule(threshold, { noDataState });
      const first = advanceRule(r, [], groups(r, { api: 12 }), 10 * MIN);
      const empty = advanceRule(r, first.series, { kind: "groups", groups: [] }, 11 * MIN);
      expect(empty.series.map((s) => s.state)).toEqual([expected, expected]);
    }
    // With nothing known, an empty answer makes one series with no group labels.
    const fresh = advanceRule(rule(threshold), [], { kind: "groups", groups: [] }, 10 * MIN);
    expect(fresh.series.map((s) => [s.group, s.state])).toEqual([[{}, "nodata"], [{}, "nodata"]]);
  });

  it("fires a nodata rule for a known group that stops reporting, and for an empty answer", () => {
    const r = rule({ kind: "nodata" }, { severity: "critical" });
    const a = advanceRule(r, [], groups(r, { api: 3, web: 4 }), 10 * MIN);
    expect(a.series.map((s) => s.state)).toEqual(["ok", "ok"]);
    const b = advanceRule(r, a.series, groups(r, { web: 4 }), 11 * MIN);
    expect(b.series.map((s) => [s.group.service, s.state])).toEqual([["web", "ok"], ["api", "firing"]]);
    const c = advanceRule(r, b.series, groups(r, { api: 1, web: 4 }), 12 * MIN);
    expect(c.resolved.map((x) => x.labels.service)).toEqual(["api"]);
    const none = advanceRule(r, [], { kind: "groups", groups: [] }, 10 * MIN);
    expect(none.series.map((s) => [s.labels, s.state])).toEqual([[{ team: "pay", alertname: "Errors", severity: "critical" }, "firing"]]);
  });

  it("puts calm series in error on a failed query and keeps firing ones firing", () => {
    const r = rule(threshold);
    const first = advanceRule(r, [], groups(r, { api: 7 }), 10 * MIN);
    const failed = advanceRule(r, first.series, { kind: "error", message: "boom" }, 11 * MIN);
    expect(failed.series.map((s) => [s.severity, s.state, s.error])).toEqual([["critical", "error", "boom"], ["warning", "firing", "boom"]]);
    expect(failed.resolved).toEqual([]);
    const fresh = advanceRule(r, [], { kind: "error", message: "bad" }, 10 * MIN);
    expect(fresh.series.map((s) => s.state)).toEqual(["error", "error"]);
    expect(fresh.changes.map((c) => c.error)).toEqual(["bad", "bad"]);
  });

  it("does not record a change when nothing changed", () => {
    const r = rule(threshold, { forMs: 5 * MIN });
    let s: SeriesRecord[] = [];
    const log: string[] = [];
    for (let i = 0; i < 7; i++) {
      const a = advanceRule(r, s, groups(r, { api: 6 }), (10 + i) * MIN);
      s = a.series;
      log.push(...a.changes.map((c) => `${i}:${c.from}->${c.to}`));
    }
    expect(log).toEqual(["0:ok->pending", "5:pending->firing"]);
  });
});
