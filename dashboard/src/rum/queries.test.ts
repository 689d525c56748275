import { describe, expect, it } from "vitest";
import { validate } from "../../../wasm-query/language";
import { band, errorGroupsQuery, formatVital, overviewQueries, sessionsQuery, sessionTimelineQuery, timespanSeconds } from "./queries";

describe("RUM queries", () => {
  it("are valid queries of the rum table, with and without a service filter", () => {
    for (const service of ["", "shop-web"]) {
      const o = overviewQueries(service);
      const all = [o.totals, o.viewsOverTime, o.vitalsByPage, o.topPages, o.breakdown("browser_name"), o.breakdown("device_type"), o.breakdown("geo_country"), o.services, errorGroupsQuery(service), sessionsQuery(service), sessionTimelineQuery("a".repeat(32))];
      for (const query of all) expect(validate(query), query).toEqual([]);
    }
    expect(errorGroupsQuery('x" or true or "')).toContain('service.name == "x\\" or true or \\""');
    expect(() => sessionTimelineQuery('" or 1')).toThrow();
  });
});

describe("vital bands", () => {
  it("follow the web.dev thresholds (inclusive good bound)", () => {
    expect(band("LCP", 2500)).toBe("good");
    expect(band("LCP", 2501)).toBe("needs-improvement");
    expect(band("LCP", 4001)).toBe("poor");
    expect(band("CLS", 0.1)).toBe("good");
    expect(band("CLS", 0.3)).toBe("poor");
    expect(band("INP", 350)).toBe("needs-improvement");
    expect(formatVital("CLS", 0.0512)).toBe("0.051");
    expect(formatVital("LCP", 2345)).toBe("2.35 s");
    expect(formatVital("TTFB", 120.4)).toBe("120 ms");
    expect(timespanSeconds(889_000_000)).toBeCloseTo(0.889);
    expect(timespanSeconds(null)).toBeNaN();
  });
});
