import { describe, expect, it } from "vitest";
import { SERVICE_OVERVIEW } from "./builtins";
import { diffSpecs, diffValues, equal, lineDiff } from "./diff";
import type { DashboardSpec } from "./spec";

const clone = (s: DashboardSpec): DashboardSpec => JSON.parse(JSON.stringify(s));

describe("diffSpecs", () => {
  it("is empty for equal specs", () => {
    expect(diffSpecs(SERVICE_OVERVIEW, clone(SERVICE_OVERVIEW))).toEqual({ changes: [], hunks: [] });
  });

  it("reports title, tags, variables by name and panels by id, with field paths", () => {
    const after = clone(SERVICE_OVERVIEW);
    after.title = "Services";
    after.tags = ["apm"];
    after.variables.push({ name: "env", kind: "custom", values: ["prod"] });
    after.panels = after.panels.filter((p) => p.id !== "requests");
    after.panels.reverse(); // order alone is not a change
    const latency = after.panels.find((p) => p.id === "latency")!;
    latency.grid.w = 24;
    latency.queries[0].query = "spans | count";
    latency.options.unit = "s";
    after.panels.push({ id: "new", type: "text", title: "Notes", grid: { x: 0, y: 40, w: 24, h: 2 }, queries: [], options: { markdown: "hi" } });

    const { changes } = diffSpecs(SERVICE_OVERVIEW, after);
    expect(changes).toEqual([
      { section: "title", kind: "changed", before: "Service overview", after: "Services" },
      { section: "tags", kind: "changed", before: ["apm", "built-in"], after: ["apm"] },
      { section: "variables", key: "env", kind: "added", after: { name: "env", kind: "custom", values: ["prod"] } },
      { section: "panels", key: "requests", kind: "removed", before: SERVICE_OVERVIEW.panels[0] },
      expect.objectContaining({
        section: "panels",
        key: "latency",
        kind: "changed",
        fields: [
          { path: "grid.w", before: 12, after: 24 },
          { path: "queries[A].query", before: SERVICE_OVERVIEW.panels.find((p) => p.id === "latency")!.queries[0].query, after: "spans | count" },
          { path: "options.unit", before: "ms", after: "s" },
        ],
      }),
      expect.objectContaining({ section: "panels", key: "new", kind: "added" }),
    ]);
  });

  it("matches panel queries by refId", () => {
    const a = [{ refId: "A", query: "x" }, { refId: "B", query: "y" }];
    const b = [{ refId: "B", query: "y" }, { refId: "A", query: "z" }, { refId: "C", query: "w" }];
    expect(diffValues({ queries: a }, { queries: b }, "")).toEqual([
      { path: "queries[A].query", before: "x", after: "z" },
      { path: "queries[C]", before: undefined, after: { refId: "C", query: "w" } },
    ]);
  });

  it("compares JSON values ignoring key order", () => {
    expect(equal({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(equal({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(equal([1, 2], [2, 1])).toBe(false);
  });
});

describe("lineDiff", () => {
  it("gives hunks with context and line numbers", () => {
    const letters = "abcdefghijklmnop".split("");
    const old = letters.join("\n");
    const now = [...letters.slice(0, 4), "E", ...letters.slice(5), "q"].join("\n");
    expect(lineDiff(old, now)).toEqual([
      {
        oldStart: 2,
        newStart: 2,
        lines: [
          { op: "=", text: "b" },
          { op: "=", text: "c" },
          { op: "=", text: "d" },
          { op: "-", text: "e" },
          { op: "+", text: "E" },
          { op: "=", text: "f" },
          { op: "=", text: "g" },
          { op: "=", text: "h" },
        ],
      },
      { oldStart: 14, newStart: 14, lines: [{ op: "=", text: "n" }, { op: "=", text: "o" }, { op: "=", text: "p" }, { op: "+", text: "q" }] },
    ]);
  });

  it("merges changes whose context overlaps into one hunk", () => {
    const hunks = lineDiff("a\nb\nc\nd\ne", "a\nB\nc\nD\ne");
    expect(hunks).toHaveLength(1);
    expect(hunks![0].lines.map((l) => l.op + l.text)).toEqual(["=a", "-b", "+B", "=c", "-d", "+D", "=e"]);
  });

  it("gives up (null) rather than fill a huge table", () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i}`).join("\n");
    const b = Array.from({ length: 3000 }, (_, i) => `b${i}`).join("\n");
    expect(lineDiff(a, b)).toBeNull();
  });
});
