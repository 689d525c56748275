import { describe, expect, it } from "vitest";
import { ALL_VALUE, type Panel, type Variable } from "../../../core/dashboards/spec";
import { createLimiter, planPanel } from "./runner";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe("createLimiter", () => {
  it("runs at most N at once, in arrival order, and all finish", async () => {
    const limit = createLimiter(2);
    const gates = [0, 1, 2, 3, 4].map(() => deferred());
    const started: number[] = [];
    let active = 0;
    let peak = 0;
    const all = gates.map((g, i) =>
      limit(async () => {
        started.push(i);
        peak = Math.max(peak, ++active);
        await g.promise;
        active--;
        return i;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    gates[1].resolve();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.resolve();
    expect(await Promise.all(all)).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
  });

  it("a task aborted while waiting never starts, and frees its turn", async () => {
    const limit = createLimiter(1);
    const gate = deferred();
    const ran: string[] = [];
    const first = limit(async () => (ran.push("first"), gate.promise));
    const ac = new AbortController();
    const second = limit(async () => void ran.push("second"), ac.signal);
    const third = limit(async () => void ran.push("third"));
    ac.abort();
    gate.resolve();
    await first;
    await expect(second).rejects.toThrow();
    await third;
    expect(ran).toEqual(["first", "third"]);
  });

  it("a failing task frees its slot", async () => {
    const limit = createLimiter(1);
    await expect(limit(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await limit(async () => 7)).toBe(7);
  });
});

describe("planPanel", () => {
  const service: Variable = { kind: "query", name: "service", query: "spans | distinct service.name", multi: true, includeAll: true };
  const interval: Variable = { kind: "interval", name: "interval", values: ["1m"], auto: true };
  const states = { service: { options: ["api", "web"], selected: [ALL_VALUE] }, interval: { options: ["auto", "1m"], selected: ["auto"] } };
  const panel: Panel = {
    id: "p1",
    type: "timeseries",
    title: "Requests",
    grid: { x: 0, y: 0, w: 12, h: 8 },
    queries: [
      { refId: "A", query: "spans | where service.name in ($service) | summarize count() by bin(timestamp, $interval)", legend: "{{service_name}}" },
      { refId: "B", query: "logs | take 1", hidden: true },
      { refId: "C", query: "  " },
      { refId: "D", query: "logs | summarize count() by bin(timestamp, $interval)" },
    ],
    options: {},
  };
  const range = { fromMs: 0, toMs: 6 * 3_600_000 };

  it("plans visible, non-empty queries with the variables each uses", () => {
    const plan = planPanel(panel, [service, interval], states, range);
    expect(plan.range).toBe(range);
    expect(plan.queries).toEqual([
      { refId: "A", legend: "{{service_name}}", query: panel.queries[0].query, range, vars: { service: ["api", "web"], interval: "5m" } },
      { refId: "D", legend: undefined, query: panel.queries[3].query, range, vars: { interval: "5m" } },
    ]);
  });

  it("a time override narrows the range, and the auto interval follows it", () => {
    const plan = planPanel({ ...panel, timeOverride: "15m" }, [service, interval], states, range);
    expect(plan.range).toEqual({ fromMs: range.toMs - 900_000, toMs: range.toMs });
    expect(plan.queries[1].vars).toEqual({ interval: "10s" });
  });
});
