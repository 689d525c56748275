/** The small pure pieces: JSON paths, templates and redaction, slots, incident decisions, uptime maths. */
import { describe, expect, it } from "vitest";
import { evaluateJsonPath, JsonPathError } from "./json-path";
import { redactor, referencedSecrets, render, TemplateError } from "./template";
import { dueChecks, runId, slotStart } from "./schedule";
import { decideFailure, decideSslExpiry, heartbeatMissing } from "./incidents";
import { uptimeBars, uptimePercent } from "./uptime";
import { compare, statusMatches } from "./assertions";

describe("JSON path", () => {
  const doc = { data: { items: [{ id: "a" }, { id: "b" }], "odd key": 1, n: null } };
  it("walks keys, indexes, quoted keys, negative indexes and length", () => {
    expect(evaluateJsonPath(doc, "$.data.items[1].id")).toBe("b");
    expect(evaluateJsonPath(doc, "$.data.items[-1].id")).toBe("b");
    expect(evaluateJsonPath(doc, "$['data']['odd key']")).toBe(1);
    expect(evaluateJsonPath(doc, "$.data.items.length")).toBe(2);
    expect(evaluateJsonPath(doc, "$.data.missing.x")).toBeUndefined();
    expect(evaluateJsonPath(doc, "$.data.n")).toBeNull();
    expect(evaluateJsonPath(doc, "$")).toBe(doc);
  });
  it("names the position of a syntax error", () => {
    expect(() => evaluateJsonPath(doc, "$.data[x]")).toThrow(new JsonPathError("expected [index] or ['key'] at position 6 of $.data[x]"));
    expect(() => evaluateJsonPath(doc, "data")).toThrow(JsonPathError);
  });
});

describe("templates", () => {
  it("substitutes variables and secrets, and says which one is missing", () => {
    expect(render("Bearer {{ token }} {{secrets.KEY}}", { vars: { token: "t1" }, secrets: { KEY: "k" } })).toBe("Bearer t1 k");
    expect(() => render("{{token}}", { vars: {}, secrets: {} })).toThrow(new TemplateError("variable 'token' is not set (no earlier step extracted it)"));
    expect(referencedSecrets("{{secrets.A}} {{b}} {{secrets.C}}")).toEqual(["A", "C"]);
  });
  it("redacts secret values, also URL-encoded", () => {
    const redact = redactor({ PASS: "p@ss word", TOKEN: "abc123" });
    expect(redact("u?p=p%40ss%20word&t=abc123 p@ss word")).toBe("u?p=[secret:PASS]&t=[secret:TOKEN] [secret:PASS]");
  });
});

describe("scheduling", () => {
  const t = Date.UTC(2026, 0, 1, 10, 7, 30);
  it("aligns slots to the interval", () => {
    expect(slotStart(5, t)).toBe(Date.UTC(2026, 0, 1, 10, 5));
    expect(slotStart(60, t)).toBe(Date.UTC(2026, 0, 1, 10, 0));
  });
  it("is due once per slot, and runs a missed slot at the next tick", () => {
    const checks = [
      { id: "a", enabled: true, intervalMinutes: 5, lastSlot: null },
      { id: "b", enabled: true, intervalMinutes: 5, lastSlot: Date.UTC(2026, 0, 1, 10, 5) },
      { id: "c", enabled: true, intervalMinutes: 1, lastSlot: Date.UTC(2026, 0, 1, 10, 3) },
      { id: "d", enabled: false, intervalMinutes: 1, lastSlot: null },
    ];
    expect(dueChecks(checks, t)).toEqual([
      { id: "a", slot: Date.UTC(2026, 0, 1, 10, 5) },
      { id: "c", slot: Date.UTC(2026, 0, 1, 10, 7) },
    ]);
    expect(runId("a", "weur", 5)).toBe("a.weur.5");
  });
});

describe("incident decisions", () => {
  const run = (...fails: string[]) => ["weur", "enam", "apac"].map((region) => ({ region, ok: !fails.includes(region), error: null }));
  it("opens after M consecutive runs failing in at least N regions, and resolves on recovery", () => {
    let state = { failStreak: 0, open: false };
    const step = (r: ReturnType<typeof run>) => {
      const d = decideFailure(state, r, 2, 2);
      state = d.state;
      return d.action;
    };
    expect(step(run("weur"))).toBeNull(); // one region: not a failing run
    expect(step(run("weur", "enam"))).toBeNull(); // first failing run
    expect(state.failStreak).toBe(1);
    expect(step(run("weur", "enam", "apac"))).toBe("open");
    expect(step(run("weur", "enam"))).toBeNull(); // still open
    expect(step(run("apac"))).toBe("resolve");
    expect(state).toEqual({ failStreak: 0, open: false });
  });
  it("a streak is broken by a good run", () => {
    let state = { failStreak: 0, open: false };
    for (const r of [run("weur", "enam"), run(), run("weur", "enam")]) state = decideFailure(state, r, 2, 2).state;
    expect(state).toEqual({ failStreak: 1, open: false });
  });
  it("certificate expiry opens below the threshold and resolves after renewal", () => {
    expect(decideSslExpiry(false, [30, 5], 14)).toBe("open");
    expect(decideSslExpiry(true, [5], 14)).toBeNull();
    expect(decideSslExpiry(true, [90], 14)).toBe("resolve");
    expect(decideSslExpiry(true, [null], 14)).toBeNull();
  });
  it("a heartbeat is missing after its period plus grace", () => {
    const created = 0;
    expect(heartbeatMissing(null, created, 60, 5, 65 * 60_000)).toBe(false);
    expect(heartbeatMissing(null, created, 60, 5, 65 * 60_000 + 1)).toBe(true);
    expect(heartbeatMissing(60 * 60_000, created, 60, 5, 100 * 60_000)).toBe(false);
  });
});

describe("uptime", () => {
  const day = 86_400_000;
  it("makes one bar per day, null where nothing ran, and weighs every run equally", () => {
    const end = 10 * day + 5000;
    const bars = uptimeBars([{ start: 8 * day, runs: 4, up: 3 }, { start: 10 * day, runs: 1, up: 1 }], end, 3);
    expect(bars).toEqual([
      { start: 8 * day, runs: 4, percent: 75 },
      { start: 9 * day, runs: 0, percent: null },
      { start: 10 * day, runs: 1, percent: 100 },
    ]);
    expect(uptimePercent([{ runs: 4, up: 3 }, { runs: 1, up: 1 }])).toBe(80);
    expect(uptimePercent([])).toBeNull();
  });
});

describe("assertion operators", () => {
  it("compares loosely where files write numbers as text, strictly elsewhere", () => {
    expect(compare("eq", 200, "200")).toBe(true);
    expect(compare("lt", "12", 20)).toBe(true);
    expect(compare("gt", undefined, 0)).toBe(false);
    expect(compare("in", 404, [200, 404])).toBe(true);
    expect(compare("contains", { a: [1] }, "[1]")).toBe(true);
    expect(compare("not_exists", null, undefined)).toBe(true);
    expect(statusMatches(204, ["2xx"])).toBe(true);
    expect(statusMatches(301, ["2xx", "302"])).toBe(false);
  });
});
