import { describe, expect, it } from "vitest";
import { groupColumns } from "./query-shape";
import { groupKey, samplesFromAnswer, SeriesError } from "./series";

const cols = (...c: [string, string][]) => c.map(([name, type]) => ({ name, type }));

describe("samples from a query answer", () => {
  it("takes the last numeric column as the value and the `by` columns as group labels", () => {
    const query = "spans | summarize p95_ms = p95(duration) / 1ms, calls = count() by service.name, code = http.response.status_code";
    const groups = groupColumns(query);
    expect([...groups!]).toEqual(["service_name", "code"]);
    const answer = { columns: cols(["service_name", "VARCHAR"], ["code", "BIGINT"], ["p95_ms", "DOUBLE"], ["calls", "BIGINT"]), rows: [["api", 500, 12.5, 40], ["web", 200, null, 3]] };
    expect([...samplesFromAnswer(answer, null, groups).values()]).toEqual([
      { key: groupKey({ service_name: "api", code: "500" }), group: { service_name: "api", code: "500" }, value: 40 },
      { key: groupKey({ service_name: "web", code: "200" }), group: { service_name: "web", code: "200" }, value: 3 },
    ]);
    expect([...samplesFromAnswer(answer, "p95_ms", groups).values()].map((x) => x.value)).toEqual([12.5, null]);
    // Without a summarize, the text columns are the groups.
    expect(groupColumns("logs | project service.name, n = 1")).toBeNull();
    expect([...samplesFromAnswer(answer, null, null).values()][0].group).toEqual({ service_name: "api" });
  });

  it("judges the latest time bucket of each group, and never groups by time", () => {
    const s = samplesFromAnswer(
      {
        columns: cols(["timestamp", "TIMESTAMP"], ["service", "VARCHAR"], ["n", "BIGINT"]),
        rows: [["2026-01-01T00:02:00.000000Z", "api", 7], ["2026-01-01T00:01:00.000000Z", "api", 3], ["2026-01-01T00:01:00.000000Z", "web", 1]],
      },
      null,
    );
    expect([...s.values()].map((x) => [x.group, x.value])).toEqual([[{ service: "api" }, 7], [{ service: "web" }, 1]]);
  });

  it("says what is wrong with a result it cannot alert on", () => {
    expect(() => samplesFromAnswer({ columns: cols(["body", "VARCHAR"]), rows: [["x"]] }, null)).toThrow(/no numeric column/);
    expect(() => samplesFromAnswer({ columns: cols(["n", "BIGINT"]), rows: [] }, "m")).toThrow(SeriesError);
    expect(() => samplesFromAnswer({ columns: cols(["s", "VARCHAR"], ["n", "BIGINT"]), rows: [] }, "s")).toThrow(/is VARCHAR, not a number/);
    expect(groupKey({ b: "2", a: "1" })).toBe(groupKey({ a: "1", b: "2" }));
  });
});
