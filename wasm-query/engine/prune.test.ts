import { describe, expect, it } from "vitest";
import { analyze } from "../language/index";
import { mayMatch, valueFilters } from "./prune";

const filters = (q: string, vars = {}) => valueFilters(analyze(q, { vars }).model);

describe("statistics pruning", () => {
  it("takes the equality filters every matching row satisfies", () => {
    expect(filters('logs | where service.name == "api" and http.response.status_code in (500, 503)')).toEqual([
      { column: "service_name", values: ["api"] },
      { column: "http_response_status_code", values: [500, 503] },
    ]);
    expect(filters("logs | where service.name in ($svcs) | where 404 == http.response.status_code", { svcs: ["a", "b"] })).toEqual([
      { column: "service_name", values: ["a", "b"] },
      { column: "http_response_status_code", values: [404] },
    ]);
  });

  it("ignores what does not bind every row", () => {
    // Disjunctions, negations, case-insensitive and map comparisons, severity names,
    // and anything after an operator that can rename columns.
    expect(filters('logs | where service.name == "a" or service.name == "b"')).toEqual([]);
    expect(filters('logs | where service.name != "a"')).toEqual([]);
    expect(filters('logs | where service.name =~ "API"')).toEqual([]);
    expect(filters('logs | where attributes.route == "/x"')).toEqual([]);
    expect(filters('logs | where severity == "ERROR"')).toEqual([]);
    expect(filters('logs | extend service.name = "x" | where service.name == "x"')).toEqual([]);
    expect(filters('logs | where service.name in ("a", strcat("b", "c"))')).toEqual([]);
  });

  it("keeps a file or row group unless its stats rule every value out", () => {
    const f = { column: "service_name", values: ["api"] };
    expect(mayMatch(undefined, f)).toBe(true);
    expect(mayMatch({ distinct: ["web", "db"] }, f)).toBe(false);
    expect(mayMatch({ distinct: ["api"] }, f)).toBe(true);
    expect(mayMatch({ min: "auth", max: "web" }, f)).toBe(false);
    expect(mayMatch({ min: "aaa", max: "b" }, f)).toBe(true);
    expect(mayMatch({ allNull: true }, f)).toBe(false);
    // Non-ASCII bounds order differently in UTF-8 and UTF-16: never pruned on them.
    expect(mayMatch({ min: "\u{1F600}", max: "\u{1F601}" }, f)).toBe(true);
    const n = { column: "http_response_status_code", values: [500, 503] };
    expect(mayMatch({ min: 200, max: 404 }, n)).toBe(false);
    expect(mayMatch({ min: 200n, max: 500n }, n)).toBe(true);
    expect(mayMatch({ distinct: [200, 503] }, n)).toBe(true);
  });
});
