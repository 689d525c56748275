import { describe, expect, it } from "vitest";
import { matchersFromLabels, parseMatcher, silenceLink, timelineBars } from "./model";

describe("routing tab helpers", () => {
  it("prefills a silence from an alert's labels, alertname first", () => {
    expect(matchersFromLabels({ severity: "critical", alertname: "Disk", host: "db-1" }).map((m) => m.name)).toEqual(["alertname", "host", "severity"]);
    const link = silenceLink({ fingerprint: "fp", labels: { alertname: "Disk", host: 'a"b' } });
    const q = new URL(link, "http://x").searchParams;
    expect(q.get("fingerprint")).toBe("fp");
    expect(q.getAll("m").map(parseMatcher)).toEqual([
      { name: "alertname", type: "=", value: "Disk" },
      { name: "host", type: "=", value: 'a"b' },
    ]);
    expect(parseMatcher("nope")).toBeNull();
  });
  it("lays shifts out as bars clipped to the range", () => {
    const bars = timelineBars(
      [
        { userId: "a", source: "layer", start: -50, end: 50 },
        { userId: "b", source: "override", start: 50, end: 100 },
        { userId: "c", source: "layer", start: 100, end: 200 },
      ],
      0,
      100,
    );
    expect(bars).toEqual([
      { userId: "a", override: false, left: 0, width: 50 },
      { userId: "b", override: true, left: 50, width: 50 },
    ]);
  });
});
