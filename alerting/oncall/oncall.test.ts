import { describe, expect, it } from "vitest";
import { advanceEscalation, startEscalation, validatePolicy, type EscalationPolicy } from "./escalation";
import { shifts, validateSchedule, whoIsOnCall, type Schedule } from "./schedule";
import { signLink, verifyLink } from "./signed-link";
import { zonedToUtc } from "./zone-time";

const H = 3_600_000;
const weekly: Schedule = {
  id: "s",
  name: "Primary",
  time_zone: "Europe/Berlin",
  layers: [{ users: ["ann", "bob", "cy"], rotation_days: 7, start_date: "2026-03-16", handoff_time: "09:00" }],
  overrides: [],
};

describe("schedules", () => {
  it("rotates weekly at the local hand-off time, across a daylight-saving change", () => {
    // 2026-03-16 09:00 CET = 08:00Z; 2026-03-23 09:00 CET = 08:00Z; 2026-03-30 09:00 CEST = 07:00Z.
    expect(whoIsOnCall(weekly, Date.parse("2026-03-16T07:59:00Z"))).toBeNull();
    expect(whoIsOnCall(weekly, Date.parse("2026-03-16T08:00:00Z"))?.userId).toBe("ann");
    expect(whoIsOnCall(weekly, Date.parse("2026-03-23T07:59:00Z"))?.userId).toBe("ann");
    expect(whoIsOnCall(weekly, Date.parse("2026-03-23T08:00:00Z"))?.userId).toBe("bob");
    expect(whoIsOnCall(weekly, Date.parse("2026-03-30T06:59:00Z"))?.userId).toBe("bob");
    expect(whoIsOnCall(weekly, Date.parse("2026-03-30T07:00:00Z"))?.userId).toBe("cy");
    expect(whoIsOnCall(weekly, Date.parse("2026-04-06T07:00:00Z"))?.userId).toBe("ann");
  });

  it("an override beats the rotation; the calendar shows the split shifts", () => {
    const s: Schedule = { ...weekly, overrides: [{ start: Date.parse("2026-03-24T12:00:00Z"), end: Date.parse("2026-03-25T12:00:00Z"), user: "dee" }] };
    expect(whoIsOnCall(s, Date.parse("2026-03-24T13:00:00Z"))).toEqual({ userId: "dee", source: "override", layer: null });
    const cal = shifts(s, Date.parse("2026-03-20T00:00:00Z"), Date.parse("2026-04-03T00:00:00Z"));
    expect(cal.map((x) => [x.userId, new Date(x.start).toISOString(), new Date(x.end).toISOString()])).toEqual([
      ["ann", "2026-03-20T00:00:00.000Z", "2026-03-23T08:00:00.000Z"],
      ["bob", "2026-03-23T08:00:00.000Z", "2026-03-24T12:00:00.000Z"],
      ["dee", "2026-03-24T12:00:00.000Z", "2026-03-25T12:00:00.000Z"],
      ["bob", "2026-03-25T12:00:00.000Z", "2026-03-30T07:00:00.000Z"],
      ["cy", "2026-03-30T07:00:00.000Z", "2026-04-03T00:00:00.000Z"],
    ]);
  });

  it("a restricted upper layer covers business hours, the layer below the rest", () => {
    const s: Schedule = {
      ...weekly,
      time_zone: "UTC",
      layers: [
        { users: ["night"], rotation_days: 1, start_date: "2026-01-01", handoff_time: "00:00" },
        { users: ["day"], rotation_days: 1, start_date: "2026-01-01", handoff_time: "00:00", restriction: { weekdays: ["monday:friday"], times: [{ start_time: "09:00", end_time: "17:00" }] } },
      ],
    };
    expect(whoIsOnCall(s, Date.parse("2026-03-18T10:00:00Z"))?.userId).toBe("day");
    expect(whoIsOnCall(s, Date.parse("2026-03-18T18:00:00Z"))?.userId).toBe("night");
    expect(whoIsOnCall(s, Date.parse("2026-03-21T10:00:00Z"))?.userId).toBe("night"); // Saturday
    const cal = shifts(s, Date.parse("2026-03-18T00:00:00Z"), Date.parse("2026-03-19T00:00:00Z"));
    expect(cal.map((x) => [x.userId, new Date(x.start).getUTCHours()])).toEqual([["night", 0], ["day", 9], ["night", 17]]);
  });

  it("validation names the field", () => {
    const errors = validateSchedule({ name: "", time_zone: "Nowhere/City", layers: [{ users: [], rotation_days: 0, start_date: "2026-02-30", handoff_time: "25:00" }], overrides: [{ start: 2, end: 1, user: "" }] });
    expect(errors.map((e) => e.path)).toEqual(["name", "time_zone", "layers[0].users", "layers[0].rotation_days", "layers[0].start_date", "layers[0].handoff_time", "overrides[0].end", "overrides[0].user"]);
  });

  it("local wall time to an instant in a zone", () => {
    expect(new Date(zonedToUtc(2026, 7, 1, 9, 0, "America/New_York")).toISOString()).toBe("2026-07-01T13:00:00.000Z");
    expect(new Date(zonedToUtc(2026, 1, 1, 9, 0, "America/New_York")).toISOString()).toBe("2026-01-01T14:00:00.000Z");
  });
});

describe("escalation", () => {
  const policy: EscalationPolicy = { id: "p", name: "Primary", repeat: 1, levels: [{ delay_minutes: 5, targets: [{ type: "user", id: "a" }] }, { delay_minutes: 10, targets: [{ type: "user", id: "b" }] }] };
  it("steps through the levels after their delays, repeats, then stops", () => {
    const s0 = startEscalation(policy, 0);
    expect(s0).toEqual({ level: 0, cycle: 0, nextAt: 5 * 60_000 });
    const s1 = advanceEscalation(policy, s0, s0.nextAt!)!;
    expect(s1).toEqual({ level: 1, cycle: 0, nextAt: 15 * 60_000 });
    const s2 = advanceEscalation(policy, s1, s1.nextAt!)!;
    expect(s2).toEqual({ level: 0, cycle: 1, nextAt: 20 * 60_000 });
    const s3 = advanceEscalation(policy, s2, s2.nextAt!)!;
    expect(s3).toEqual({ level: 1, cycle: 1, nextAt: null });
    expect(advanceEscalation(policy, s3, H)).toBeNull();
  });
  it("validation names the field", () => {
    expect(validatePolicy({ name: "x", levels: [{ delay_minutes: 0, targets: [{ type: "team", id: "" }] }] }).map((e) => e.path)).toEqual([
      "levels[0].delay_minutes",
      "levels[0].targets[0].type",
      "levels[0].targets[0].id",
    ]);
  });
});

describe("signed links", () => {
  it("verifies its own token and refuses tampered and expired ones", async () => {
    const token = await signLink("secret", { p: "proj", f: "fp1", a: "ack", e: 2000 });
    expect(await verifyLink("secret", token, 1_000_000)).toEqual({ ok: true, claims: { p: "proj", f: "fp1", a: "ack", e: 2000 } });
    expect(await verifyLink("other", token, 1_000_000)).toEqual({ ok: false, reason: "bad-signature" });
    const [body, sig] = token.split(".");
    const forged = btoa(JSON.stringify({ p: "other", f: "fp1", a: "ack", e: 2000 })).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
    expect(await verifyLink("secret", `${forged}.${sig}`, 1_000_000)).toEqual({ ok: false, reason: "bad-signature" });
    expect(await verifyLink("secret", `${body}.${sig.slice(0, -2)}AA`, 1_000_000)).toMatchObject({ ok: false });
    expect(await verifyLink("secret", token, 2_000_000)).toEqual({ ok: false, reason: "expired" });
    expect(await verifyLink("secret", "nonsense", 0)).toEqual({ ok: false, reason: "malformed" });
  });
});
