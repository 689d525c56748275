import { describe, expect, it } from "vitest";
import { compileContext, mutedBy } from "../routing/load";
import { DEFAULT_CONFIG } from "../routing/config";
import { levelTargets } from "./targets";
import type { EscalationPolicy } from "./escalation";

const cp = (id: string) => ({ id, name: `cp-${id}`, integrations: [] });
const ctx = compileContext(
  { ...DEFAULT_CONFIG, time_intervals: [{ name: "weekends", time_intervals: [{ weekdays: ["saturday", "sunday"] }] }] },
  {
    contactPoints: [cp("1"), cp("2"), cp("3")],
    silences: [],
    policies: [],
    schedules: [{ id: "s", name: "Primary", time_zone: "UTC", layers: [{ users: ["bob"], rotation_days: 7, start_date: "2026-01-05", handoff_time: "00:00" }], overrides: [] }],
    members: [
      { id: "ann", email: "ann@x", contactPointIds: ["1"] },
      { id: "bob", email: "bob@x", contactPointIds: ["2", "3"] },
      { id: "cy", email: "cy@x", contactPointIds: [] },
    ],
  },
);

describe("escalation targets", () => {
  const policy: EscalationPolicy = {
    id: "p",
    name: "P",
    repeat: 0,
    levels: [
      { delay_minutes: 5, targets: [{ type: "user", id: "ann" }, { type: "contact_point", id: "3" }] },
      { delay_minutes: 5, targets: [{ type: "schedule", id: "s" }, { type: "user", id: "cy" }, { type: "user", id: "ghost" }, { type: "contact_point", id: "9" }] },
    ],
  };
  it("reach users through their contact points and schedules through whoever is on call", () => {
    const l1 = levelTargets(ctx, policy, 0, Date.parse("2026-03-02T10:00:00Z"));
    expect(l1.targets.map((t) => [t.contactPoint.id, t.via])).toEqual([["1", "level 1: user → ann@x"], ["3", "level 1: cp-3"]]);
    const l2 = levelTargets(ctx, policy, 1, Date.parse("2026-03-02T10:00:00Z"));
    expect(l2.targets.map((t) => t.contactPoint.id)).toEqual(["2", "3"]);
    expect(l2.problems).toEqual(["level 2: user: cy@x has no contact points", "level 2: user: user ghost is not a member of this project", "level 2: contact point 9 does not exist"]);
  });
  it("nobody on call is a problem to report, not a silent drop", () => {
    expect(levelTargets(ctx, policy, 1, Date.parse("2025-01-01T00:00:00Z")).problems[0]).toBe("level 2: nobody is on call in Primary");
  });
});

describe("route time intervals", () => {
  it("mute inside mute_time_intervals, and outside active_time_intervals", () => {
    const saturday = Date.parse("2026-03-07T12:00:00Z");
    const monday = Date.parse("2026-03-09T12:00:00Z");
    expect(mutedBy(ctx, ["weekends"], [], saturday)).toBe("weekends");
    expect(mutedBy(ctx, ["weekends"], [], monday)).toBeNull();
    expect(mutedBy(ctx, [], ["weekends"], monday)).toBe("outside weekends");
    expect(mutedBy(ctx, [], ["weekends"], saturday)).toBeNull();
  });
});
