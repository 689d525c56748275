import { describe, expect, it } from "vitest";
import { INITIAL, step, stoppedFiring, type Input, type SeriesCore } from "./state-machine";

const MIN = 60_000;

/** Feeds inputs one minute apart from t0 and returns the state after each. */
function run(inputs: Input[], forMs: number, start: SeriesCore = INITIAL, t0 = 10 * MIN): { states: string[]; last: SeriesCore } {
  let s = start;
  const states: string[] = [];
  inputs.forEach((input, i) => {
    s = step(s, input, t0 + i * MIN, forMs);
    states.push(s.state);
  });
  return { states, last: s };
}

describe("alert series state machine", () => {
  it("goes pending on a breach and fires once the breach has held for `for`", () => {
    const { states, last } = run(["breach", "breach", "breach", "breach"], 3 * MIN);
    expect(states).toEqual(["pending", "pending", "pending", "firing"]);
    expect(last.activeAt).toBe(10 * MIN);
    expect(last.firedAt).toBe(13 * MIN);
    expect(last.since).toBe(13 * MIN);
  });

  it("fires at once with no `for`", () => {
    expect(run(["breach"], 0).states).toEqual(["firing"]);
  });

  it("resets the `for` when the breach stops while pending (flapping never fires)", () => {
    const { states } = run(["breach", "breach", "clear", "breach", "breach", "hold", "breach", "breach"], 2 * MIN);
    expect(states).toEqual(["pending", "pending", "ok", "pending", "pending", "ok", "pending", "pending"]);
  });

  it("stays firing in the hysteresis band and resolves only past the recovery point", () => {
    const { states, last } = run(["breach", "hold", "hold", "breach", "clear", "clear"], 0);
    expect(states).toEqual(["firing", "firing", "firing", "firing", "resolved", "ok"]);
    expect(last.activeAt).toBeNull();
  });

  it("records when it resolved, and a new breach after resolving starts a new episode", () => {
    const { states, last } = run(["breach", "clear", "breach"], 0);
    expect(states).toEqual(["firing", "resolved", "firing"]);
    expect(last.activeAt).toBe(12 * MIN);
    expect(last.resolvedAt).toBeNull();
  });

  it("goes to nodata without data, and a firing alert that loses its data stops firing", () => {
    const fired = run(["breach"], 0).last;
    const gone = step(fired, "nodata", 20 * MIN, 0);
    expect(gone.state).toBe("nodata");
    expect(gone.resolvedAt).toBe(20 * MIN);
    expect(stoppedFiring(fired, gone)).toBe(true);
    expect(run(["nodata", "nodata", "clear"], 0).states).toEqual(["nodata", "nodata", "ok"]);
    expect(run(["breach", "nodata", "breach", "breach"], MIN).states).toEqual(["pending", "nodata", "pending", "firing"]);
  });

  it("keeps a firing alert firing through query errors, and marks calm series as error", () => {
    const fired = run(["breach"], 0).last;
    expect(step(fired, "error", 30 * MIN, 0)).toBe(fired);
    expect(run(["error", "error", "clear"], 0).states).toEqual(["error", "error", "ok"]);
    expect(run(["breach", "error", "breach"], 5 * MIN).states).toEqual(["pending", "error", "pending"]);
  });

  it("keeps `since` across steps in the same state", () => {
    const { last } = run(["clear", "nodata", "nodata", "nodata"], 0);
    expect(last.state).toBe("nodata");
    expect(last.since).toBe(11 * MIN);
  });
});
