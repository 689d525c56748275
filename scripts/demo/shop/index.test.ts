import { describe, expect, it } from "vitest";
import { type SpanPlan, walk } from "../plan.ts";
import { seededRng } from "../random.ts";
import { SERVICE_NAMES } from "../services.ts";
import { JOURNEY_MIX } from "../traffic.ts";
import { visitShop } from "./index.ts";

function traces(seed: number, n: number, incident: Parameters<typeof visitShop>[2] = null): SpanPlan[] {
  const rng = seededRng(seed);
  return Array.from({ length: n }, (_, i) => visitShop(rng, JOURNEY_MIX[i % JOURNEY_MIX.length][0], incident));
}

describe("the shop model", () => {
  it("is deterministic for a seed", () => {
    expect(traces(1, 20)).toEqual(traces(1, 20));
  });

  it("plans well-formed traces that cross every service", () => {
    const services = new Set<string>();
    for (const root of traces(2, 600)) {
      expect(root.service).toBe("frontend");
      expect(root.kind).toBe("SERVER");
      walk(root, (span, parent) => {
        services.add(span.service);
        expect(span.end).toBeGreaterThanOrEqual(span.start);
        if (parent) expect(span.start).toBeGreaterThanOrEqual(parent.start);
        for (const log of span.logs) expect(log.at).toBeGreaterThanOrEqual(span.start);
        if (span.kind === "SERVER" && parent) {
          // A service is entered through the caller's CLIENT span, in the caller's service.
          expect(parent.kind).toBe("CLIENT");
          expect(parent.service).not.toBe(span.service);
          expect(parent.attributes["server.address"]).toBe(span.service);
        }
        if (span.kind === "SERVER") {
          const status = span.attributes["http.response.status_code"] as number;
          expect(Boolean(span.error)).toBe(status >= 500 || span.exception !== undefined);
          expect(span.attributes["http.route"]).toBeTruthy();
        }
        if (span.attributes["db.system"] === "postgresql") expect(span.attributes["db.statement"]).toMatch(/^(SELECT|INSERT)/);
        if (span.exception) expect(span.error).toBeTruthy();
      });
    }
    expect([...services].sort()).toEqual([...SERVICE_NAMES].sort());
  });

  it("fails more while the database is slow, and says so in the logs", () => {
    const count = (roots: SpanPlan[]) => {
      let errors = 0;
      let slowLogs = 0;
      for (const root of roots) walk(root, (s) => {
        if (s.error && s.attributes["db.system"]) errors++;
        slowLogs += s.logs.filter((l) => l.body.startsWith("slow query")).length;
      });
      return { errors, slowLogs };
    };
    const calm = count(traces(3, 1000));
    const slow = count(traces(3, 1000, "db-slow"));
    expect(slow.errors).toBeGreaterThan(calm.errors * 5);
    expect(slow.slowLogs).toBeGreaterThan(calm.slowLogs * 5);
  });
});
