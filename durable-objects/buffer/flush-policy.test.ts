import { describe, expect, it } from "vitest";
import { flushDueAt, retryDelayMs } from "./flush-policy";

const policy = { maxBytes: 1000, maxAgeMs: 30_000 };

describe("flushDueAt", () => {
  it("is null for an empty buffer", () => {
    expect(flushDueAt({ bytes: 0, oldestMs: null }, policy, 5)).toBeNull();
  });
  it("waits for the oldest batch to reach the age limit", () => {
    expect(flushDueAt({ bytes: 10, oldestMs: 1_000 }, policy, 2_000)).toBe(31_000);
  });
  it("is due now when the age limit has passed", () => {
    expect(flushDueAt({ bytes: 10, oldestMs: 1_000 }, policy, 90_000)).toBe(90_000);
  });
  it("is due now when the size limit is reached", () => {
    expect(flushDueAt({ bytes: 1000, oldestMs: 1_000 }, policy, 2_000)).toBe(2_000);
  });
});

describe("retryDelayMs", () => {
  it("doubles and caps at a minute", () => {
    expect([1, 2, 3, 7, 20].map(retryDelayMs)).toEqual([1000, 2000, 4000, 60_000, 60_000]);
  });
});
