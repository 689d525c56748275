import { describe, expect, it } from "vitest";
import { CheckValidationError, parseCheck, toInput } from "./definition";
import { canonical, describeAction, parseChecksFile, planApply } from "./plan";

const home = { name: "home", request: { url: "https://example.com/" } };
const api = { name: "api", type: "multistep", regions: ["apac"], steps: [{ name: "a", request: { url: "https://api.example.com/" } }] };

describe("checks as code", () => {
  it("creates what is new, updates what differs (naming the fields), leaves equal ones alone", () => {
    const stored = [
      { id: "c1", name: "home", definition: toInput(parseCheck(home)) },
      { id: "c2", name: "api", definition: toInput(parseCheck(api)) },
      { id: "c3", name: "old", definition: toInput(parseCheck({ name: "old", request: { url: "https://old.example.com/" } })) },
    ];
    const desired = parseChecksFile({ checks: [home, { ...api, intervalMinutes: 1, regions: ["apac", "weur"] }, { name: "new", type: "heartbeat" }] });
    const plan = planApply(desired, stored, false);
    expect(plan.map(describeAction)).toEqual(["= unchanged  home", "~ update     api (intervalMinutes, regions)", "+ create     new (heartbeat, every 5 min)"]);
    expect(planApply(desired, stored, true).map((a) => a.kind)).toEqual(["unchanged", "update", "create", "delete"]);
  });

  it("is idempotent: a file applied equals the stored state", () => {
    const desired = parseChecksFile([home, api]);
    const stored = desired.map((d, i) => ({ id: `c${i}`, name: d.name, definition: JSON.parse(JSON.stringify(toInput(d))) }));
    expect(planApply(desired, stored, true).every((a) => a.kind === "unchanged")).toBe(true);
  });

  it("reports every problem with its place in the file, and duplicate names", () => {
    try {
      parseChecksFile({ checks: [home, { name: "x", intervalMinutes: 2, request: { url: "https://x.test" } }, home] });
      expect.unreachable();
    } catch (e) {
      expect((e as CheckValidationError).problems).toEqual([
        { path: "checks[1].intervalMinutes", message: "must be one of 1, 5, 10, 15, 30, 60 (got 2)" },
        { path: "checks[2].name", message: "'home' is also the name of checks[0]: names identify checks" },
      ]);
    }
    expect(() => parseChecksFile({ check: [] })).toThrow("expected a list of checks");
  });

  it("compares regardless of key order", () => {
    expect(canonical({ b: 1, a: [{ d: 1, c: 2 }] })).toBe(canonical({ a: [{ c: 2, d: 1 }], b: 1 }));
  });
});
