import { describe, expect, it } from "vitest";
import { decodeSession, encodeSession, SESSION_IDLE_MS, SESSION_MAX_MS, sessionInSample, touchSession } from "./session";

const ID = "0123456789abcdef0123456789abcdef";
const deps = (now: number, random = 0.5, sampleRate = 1) => ({ now, random: () => random, sampleRate, newId: () => `${now}`.padStart(32, "0") });

describe("sessions", () => {
  it("starts a session when there is none, sampled by rate", () => {
    expect(touchSession(null, deps(1000, 0.3, 0.5))).toEqual({ state: { id: "1000".padStart(32, "0"), start: 1000, last: 1000, sampled: true }, renewed: true });
    expect(touchSession(null, deps(1000, 0.7, 0.5)).state.sampled).toBe(false);
    expect(touchSession(null, deps(1000, 0, 0)).state.sampled).toBe(false);
  });
  it("extends a session on activity within 30 minutes and keeps its sampling decision", () => {
    const s = { id: ID, start: 0, last: 0, sampled: false };
    const r = touchSession(s, deps(SESSION_IDLE_MS - 1, 0));
    expect(r).toEqual({ state: { ...s, last: SESSION_IDLE_MS - 1 }, renewed: false });
  });
  it("renews after 30 minutes idle", () => {
    const r = touchSession({ id: ID, start: 0, last: 0, sampled: true }, deps(SESSION_IDLE_MS));
    expect(r.renewed).toBe(true);
    expect(r.state.id).not.toBe(ID);
  });
  it("renews after 4 hours even when active", () => {
    const r = touchSession({ id: ID, start: 0, last: SESSION_MAX_MS - 10, sampled: true }, deps(SESSION_MAX_MS));
    expect(r.renewed).toBe(true);
  });
  it("round-trips through its storage text and rejects garbage", () => {
    const s = { id: ID, start: 1732780000000, last: 1732780100000, sampled: true };
    expect(decodeSession(encodeSession(s))).toEqual(s);
    expect(decodeSession("x.y.z.1")).toBeNull();
    expect(decodeSession(null)).toBeNull();
  });
  it("samples replay by session id, the same way on every page", () => {
    expect(sessionInSample("00000000" + "f".repeat(24), 0.01)).toBe(true);
    expect(sessionInSample("80000000" + "0".repeat(24), 0.5)).toBe(false);
    expect(sessionInSample("7fffffff" + "0".repeat(24), 0.5)).toBe(true);
    expect(sessionInSample("ffffffff" + "0".repeat(24), 1)).toBe(true);
    expect(sessionInSample("00000000" + "0".repeat(24), 0)).toBe(false);
  });
});
