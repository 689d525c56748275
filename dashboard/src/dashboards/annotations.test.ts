import { describe, expect, it } from "vitest";
import { compile, validate } from "../../../wasm-query/language/index";
import type { Annotation } from "../../../core/dashboards/spec";
import type { QueryResult } from "../api";
import { annotationsFromResult, DEPLOYMENTS_ANNOTATION, DEPLOYMENTS_QUERY, mergeAnnotations, parseTags } from "./annotations";

const result = (columns: [string, string][], rows: unknown[][]): QueryResult =>
  ({ columns: columns.map(([name, type]) => ({ name, type })), rows, truncated: false, stats: {} }) as unknown as QueryResult;

const manual = (id: string, time: number, timeEnd: number | null = null): Annotation => ({
  id,
  dashboardId: "d1",
  panelId: null,
  time,
  timeEnd,
  text: id,
  tags: [],
  createdBy: "u",
  createdAt: time,
});

describe("the deployments query", () => {
  it("is valid in our language and yields timestamp, text, title and tags columns", () => {
    expect(validate(DEPLOYMENTS_QUERY).filter((d) => d.severity === "error")).toEqual([]);
    const compiled = compile(DEPLOYMENTS_QUERY, { projectId: "p", timeRange: { fromUs: 0, toUs: 3_600_000_000 } });
    expect(compiled.columns.map((c) => c.name)).toEqual(expect.arrayContaining(["timestamp", "service_name", "service_version", "title", "text", "tags"]));
  });
});

describe("annotationsFromResult", () => {
  it("one annotation per row, with title and text, tags from the list, tagged with the query", () => {
    const r = result(
      [["timestamp", "TIMESTAMP"], ["service_name", "VARCHAR"], ["service_version", "VARCHAR"], ["title", "VARCHAR"], ["text", "VARCHAR"], ["tags", "VARCHAR"]],
      [
        ["2026-01-01T00:00:00.000Z", "api", "1.2", "Deployment", "api 1.2", "deploy,api"],
        ["2026-01-01T01:00:00.000Z", "web", "7", "Deployment", "web 7", "deploy, web"],
        [null, "bad", "x", "Deployment", "no time", ""],
      ],
    );
    const out = annotationsFromResult(DEPLOYMENTS_ANNOTATION, r, "d1");
    expect(out).toEqual([
      { id: "query:Deployments:0", dashboardId: "d1", panelId: null, time: Date.UTC(2026, 0, 1), timeEnd: null, text: "Deployment: api 1.2", tags: ["Deployments", "deploy", "api"], createdBy: null, createdAt: Date.UTC(2026, 0, 1) },
      { id: "query:Deployments:1", dashboardId: "d1", panelId: null, time: Date.UTC(2026, 0, 1, 1), timeEnd: null, text: "Deployment: web 7", tags: ["Deployments", "deploy", "web"], createdBy: null, createdAt: Date.UTC(2026, 0, 1, 1) },
    ]);
  });

  it("without text columns, describes the row; without a time column, nothing", () => {
    const q = { name: "Errors", query: "", color: "red", enabled: true };
    const out = annotationsFromResult(q, result([["at", "TIMESTAMP WITH TIME ZONE"], ["n", "BIGINT"]], [["2026-01-01T00:00:00Z", 5]]), null);
    expect(out[0]).toMatchObject({ time: Date.UTC(2026, 0, 1), text: "n=5", tags: ["Errors"] });
    expect(annotationsFromResult(q, result([["n", "BIGINT"]], [[1]]), null)).toEqual([]);
  });
});

describe("mergeAnnotations", () => {
  it("merges in time order, each id once, keeping those that touch the range", () => {
    const range = { fromMs: 100, toMs: 200 };
    const out = mergeAnnotations([[manual("b", 150), manual("early", 50), manual("region", 50, 120)], [manual("a", 110), manual("b", 150), manual("late", 250)]], range);
    expect(out.map((a) => a.id)).toEqual(["region", "a", "b"]);
  });
});

describe("parseTags", () => {
  it("splits on commas, trims, drops empties and repeats", () => {
    expect(parseTags(" deploy, api,,deploy ")).toEqual(["deploy", "api"]);
    expect(parseTags("")).toEqual([]);
  });
});
