import { describe, expect, it } from "vitest";
import { F, T, TIME } from "./golden-options.ts";
import { HOSTILE } from "./hostile-cases.ts";
import { compile, QueryError, validate } from "./index.ts";
import { auditSql } from "./test-sql-audit.ts";

const opts = { timeRange: { fromUs: F, toUs: T }, nowUs: T };

describe("hostile queries", () => {
  it("has at least 40 cases", () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(40);
  });

  it.each(HOSTILE)("$name", (c) => {
    if (c.outcome === "error") {
      let err: unknown;
      try {
        compile(c.query, { ...opts, vars: c.vars });
      } catch (e) {
        err = e;
      }
      expect(err, "should be rejected").toBeInstanceOf(QueryError);
      const e = err as QueryError;
      if (c.code) expect(e.code).toBe(c.code);
      expect(e.from).toBeGreaterThanOrEqual(0);
      expect(e.to).toBeLessThanOrEqual(c.query.length);
      expect(e.from).toBeLessThanOrEqual(e.to);
      expect(validate(c.query, { vars: c.vars ?? {} }).some((d) => d.severity === "error")).toBe(true);
      return;
    }
    const out = compile(c.query, { ...opts, vars: c.vars });
    expect(auditSql(out.sql)).toEqual([]);
    for (const text of c.verbatim ?? []) expect(out.params).toContain(text);
    // The innermost scan always starts with the time range, before anything from the query.
    expect(out.sql).toContain(`WHERE ${TIME}`);
    expect(out.params.slice(out.params.indexOf(F), out.params.indexOf(F) + 2)).toEqual([F, T]);
  });

  it("keeps a user 'or' inside parentheses after the time range", () => {
    const out = compile(`logs | where timestamp < datetime("1970-01-01") or true`, opts);
    expect(out.sql).toBe(`SELECT * FROM "logs" WHERE ${TIME} AND ((("timestamp" < make_timestamp(CAST(? AS BIGINT))) OR ?))`);
  });

  it("cannot name the relation: the caller's relation is the only FROM", () => {
    const out = compile("spans | take 1", { ...opts, relation: "scan_0" });
    expect(out.sql.match(/FROM /g)).toHaveLength(1);
    expect(out.sql).toContain("FROM scan_0 WHERE");
  });
});
