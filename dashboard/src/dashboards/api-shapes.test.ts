import { describe, expect, it } from "vitest";
import { readConflict, readDiff } from "./api-shapes";

describe("readDiff", () => {
  it("takes flat path changes as they are", () => {
    const body = { changes: [{ path: "panels.3.title", kind: "changed", before: "A", after: "B" }] };
    expect(readDiff(body)).toEqual({ changes: [{ path: "panels.3.title", kind: "changed", before: "A", after: "B" }], hunks: null });
  });

  it("flattens section changes: one row per changed field, whole items when added or removed", () => {
    const hunks = [{ oldStart: 1, newStart: 1, lines: [{ op: "-", text: '"title": "A"' }, { op: "+", text: '"title": "B"' }] }];
    const body = {
      from: 1,
      to: 2,
      changes: [
        { section: "title", kind: "changed", before: "Old", after: "New" },
        { section: "panels", key: "ops", kind: "changed", fields: [{ path: "title", before: "A", after: "B" }, { path: "grid.w", before: 12, after: 16 }] },
        { section: "variables", key: "env", kind: "added", after: { name: "env" } },
      ],
      hunks,
    };
    expect(readDiff(body)).toEqual({
      changes: [
        { path: "title", kind: "changed", before: "Old", after: "New" },
        { path: "panels[ops].title", kind: "changed", before: "A", after: "B" },
        { path: "panels[ops].grid.w", kind: "changed", before: 12, after: 16 },
        { path: "variables[env]", kind: "added", before: undefined, after: { name: "env" } },
      ],
      hunks,
    });
  });

  it("an empty or odd body is no changes", () => {
    expect(readDiff(undefined)).toEqual({ changes: [], hunks: null });
  });
});

describe("readConflict", () => {
  it("reads either 409 shape", () => {
    expect(readConflict({ error: "stale", current: { version: 4, updatedBy: "ann@example.com", updatedAt: 5 } })).toEqual({ version: 4, updatedBy: "ann@example.com", updatedAt: 5 });
    expect(readConflict({ error: "stale", currentVersion: 7, updatedBy: null, updatedAt: 9 })).toEqual({ version: 7, updatedBy: null, updatedAt: 9 });
  });
  it("null when the body has no version", () => {
    expect(readConflict({ error: "stale" })).toBeNull();
  });
});
