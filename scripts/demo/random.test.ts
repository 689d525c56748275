import { describe, expect, it } from "vitest";
import { hashUnit, logNormal, seededRng, weighted } from "./random.ts";

describe("random", () => {
  it("replays the same sequence for the same seed", () => {
    const a = seededRng(7);
    const b = seededRng(7);
    const xs = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seededRng(8)()).not.toBe(xs[0]);
  });

  it("hashes stably, independent of call order", () => {
    expect(hashUnit(1, 2, 3)).toBe(hashUnit(1, 2, 3));
    expect(hashUnit(1, 2, 3)).not.toBe(hashUnit(1, 3, 2));
  });

  it("draws log-normal latencies with the asked median and p99", () => {
    const rng = seededRng(1);
    const xs = Array.from({ length: 40_000 }, () => logNormal(rng, 20, 400)).sort((x, y) => x - y);
    expect(xs[20_000]).toBeGreaterThan(19);
    expect(xs[20_000]).toBeLessThan(21);
    expect(xs[39_600]).toBeGreaterThan(360);
    expect(xs[39_600]).toBeLessThan(440);
    expect(xs[0]).toBeGreaterThan(0);
  });

  it("picks by weight", () => {
    const rng = seededRng(3);
    const n = { a: 0, b: 0 };
    for (let i = 0; i < 10_000; i++) n[weighted(rng, [["a", 9], ["b", 1]] as const)]++;
    expect(n.b / 10_000).toBeCloseTo(0.1, 1);
  });
});
