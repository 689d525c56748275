import { describe, expect, it } from "vitest";
import { LoadWindow, inFlight } from "./load.ts";

describe("load window", () => {
  it("reports rate and mean over the last full seconds, and in-flight by Little's law", () => {
    const w = new LoadWindow(10);
    const second = (s: number, ms: number) => {
      for (let i = 0; i < 5; i++) w.add("db", ms, s * 1000 + i * 100);
    };
    for (let s = 0; s < 15; s++) second(s, 10);
    expect(w.get("db", 15_500)).toEqual({ perSec: 5, meanMs: 10 });
    for (let s = 15; s < 20; s++) second(s, 400);
    const late = w.get("db", 20_000); // seconds 10–19: half fast, half slow
    expect(late).toEqual({ perSec: 5, meanMs: 205 });
    expect(inFlight(late)).toBeCloseTo(1.025);
    expect(w.get("other", 20_000)).toEqual({ perSec: 0, meanMs: 0 });
  });
});
