import { describe, expect, it } from "vitest";
import type { Expr, Operator } from "./ast.ts";
import { childExprs } from "./ast.ts";
import { FUNCTIONS } from "./functions.ts";
import { GOLDEN } from "./golden.ts";
import { F, GOLDEN_OPTIONS, T, TIME } from "./golden-options.ts";
import { autoBinUs, compile, parse, QueryError } from "./index.ts";
import { auditSql } from "./test-sql-audit.ts";

describe("golden: query → { sql, params }", () => {
  it.each(GOLDEN)("$query", (g) => {
    const c = compile(g.query, GOLDEN_OPTIONS);
    expect(c.sql).toBe(g.sql);
    expect(c.params).toEqual(g.params);
  });
});

describe("golden coverage", () => {
  const ops = new Set<string>();
  const calls = new Set<string>();
  const exprOps = new Set<string>();
  const walk = (e: Expr) => {
    if (e.kind === "Call") calls.add(e.name);
    if (e.kind === "Binary" || e.kind === "ListOp") exprOps.add(e.op);
    if (e.kind === "Between") exprOps.add(e.negated ? "!between" : "between");
    if (e.kind === "Unary") exprOps.add(`unary ${e.op}`);
    childExprs(e).forEach(walk);
  };
  const opExprs = (op: Operator): Expr[] => {
    switch (op.kind) {
      case "Where":
        return [op.predicate];
      case "Summarize":
        return [...op.aggs, ...op.by].map((n) => n.expr);
      case "Extend":
      case "Project":
      case "Distinct":
        return op.items.map((n) => n.expr);
      case "Sort":
        return op.keys.map((k) => k.expr);
      case "Top":
        return [op.key.expr];
      default:
        return [];
    }
  };
  for (const g of GOLDEN) {
    const q = parse(g.query);
    if (q.filter) walk(q.filter);
    for (const op of q.ops) {
      ops.add(op.kind);
      opExprs(op).forEach(walk);
    }
  }

  it("has a golden for every operator", () => {
    expect([...ops].sort()).toEqual(["Count", "Distinct", "Extend", "Project", "ProjectAway", "Search", "Sort", "Summarize", "Take", "Top", "Where"]);
  });

  it("has a golden for every function", () => {
    const missing = FUNCTIONS.map((f) => f.name).filter((n) => !calls.has(n) && !["iif", "toreal", "tofloat", "floor"].includes(n));
    expect(missing).toEqual([]);
    for (const p of ["p50", "p90", "p99"]) expect(calls.has(p)).toBe(true);
  });

  it("has a golden for every comparison, string and list operator", () => {
    for (const op of [
      "and", "or", "unary -", "==", "!=", "<", "<=", ">", ">=", "=~", "!~", "+", "-", "*", "/", "%", "has", "!has", "has_cs",
      "hasprefix", "hassuffix", "contains", "!contains", "contains_cs", "startswith", "!startswith", "endswith", "!endswith_cs",
      "matches regex", "matches", "in", "!in", "in~", "!in~", "has_any", "has_all", "between", "!between",
    ]) {
      expect(exprOps.has(op), op).toBe(true);
    }
  });
});

describe("compiled SQL is safe by construction", () => {
  it.each(GOLDEN)("$query uses only the compiler's vocabulary", (g) => {
    expect(auditSql(g.sql)).toEqual([]);
  });

  it.each(GOLDEN)("$query scans the time range first", (g) => {
    const c = compile(g.query, GOLDEN_OPTIONS);
    const scan = c.sql.slice(c.sql.lastIndexOf(" FROM "));
    expect(scan).toMatch(new RegExp(`^ FROM "(logs|spans|metrics)" WHERE ${TIME.replace(/[()*?]/g, "\\$&")}( AND \\(|\\)| GROUP| ORDER| LIMIT|$)`));
    const i = c.params.indexOf(F);
    expect(c.params[i + 1]).toBe(T);
  });
});

describe("compile options", () => {
  const base = { timeRange: { fromUs: F, toUs: T }, nowUs: T };

  it("puts the caller's relation in the innermost FROM", () => {
    const c = compile("spans | take 1", { ...base, relation: (s) => `read_parquet(['r2://v1/p/${s}/a.parquet'])` });
    expect(c.sql).toBe(`SELECT * FROM read_parquet(['r2://v1/p/spans/a.parquet']) WHERE ${TIME} LIMIT CAST(? AS BIGINT)`);
    expect(compile("logs", { ...base, relation: "hot_logs" }).sql).toBe(`SELECT * FROM hot_logs WHERE ${TIME}`);
  });

  it("scopes to a project when asked", () => {
    const c = compile('logs | where body == "x" or true', { ...base, projectId: "p1" });
    expect(c.sql).toBe(`SELECT * FROM "logs" WHERE ${TIME} AND "project_id" = ? AND ((("body" = ?) OR ?))`);
    expect(c.params).toEqual([F, T, "p1", "x", true]);
  });

  it("caps rows with an outer limit", () => {
    expect(compile("logs", { ...base, maxRows: 1000 }).sql).toBe(`SELECT * FROM "logs" WHERE ${TIME} LIMIT CAST(? AS BIGINT)`);
    const c = compile("logs | take 5000", { ...base, maxRows: 1000 });
    expect(c.sql).toBe(`SELECT * FROM (SELECT * FROM "logs" WHERE ${TIME} LIMIT CAST(? AS BIGINT)) AS q1 LIMIT CAST(? AS BIGINT)`);
    expect(c.params).toEqual([F, T, 5000, 1000]);
  });

  it("reports the output columns and their types", () => {
    const c = compile("spans | summarize n = count(), p = p99(duration) by service.name, bin(timestamp, 1m)", base);
    expect(c.columns).toEqual([
      { name: "service_name", type: "string" }, { name: "timestamp", type: "datetime" }, { name: "n", type: "int" }, { name: "p", type: "timespan" },
    ]);
    expect(c.source).toBe("spans");
  });

  it("computes ago() and now() from the injected clock", () => {
    const c = compile("logs | where timestamp > ago(10m) and timestamp < now()", base);
    expect(c.params).toEqual([F, T, T - 600e6, T]);
  });

  it("derives bin_auto() and rate() from the time range", () => {
    expect(autoBinUs(3600e6)).toBe(30e6);
    expect(autoBinUs(24 * 3600e6)).toBe(600e6);
    expect(autoBinUs(7 * 86400e6)).toBe(3600e6);
    expect(autoBinUs(60e6)).toBe(1e6);
    expect(autoBinUs(90 * 86400e6)).toBe(86400e6);
    const c = compile("logs | summarize rate()", { ...base, timeRange: { fromUs: F, toUs: F + 7200e6 } });
    expect(c.params[0]).toBe(7200);
  });

  it("refuses an unbound variable and an invalid time range", () => {
    expect(() => compile("logs | where body == $q", base)).toThrow(/unknown variable \$q/);
    expect(() => compile("logs", { timeRange: { fromUs: T, toUs: F } })).toThrow(QueryError);
    expect(() => compile("logs", { timeRange: { fromUs: 1.5, toUs: 3 } })).toThrow(/time range/);
    expect(() => compile("logs", {} as never)).toThrow(/time range/);
  });

  it("throws QueryError with the first range and every diagnostic", () => {
    try {
      compile("logs | where nope == 1\n| extend x = zork()", base);
      throw new Error("should throw");
    } catch (err) {
      expect(err).toBeInstanceOf(QueryError);
      const e = err as QueryError;
      expect([e.code, e.from, e.to, e.line, e.column]).toEqual(["semantic", 13, 17, 1, 14]);
      expect(e.diagnostics.map((d) => d.from)).toEqual([13, 36]);
      expect(e.reason).toContain("unknown field 'nope'");
    }
  });

  it("reads a variable bound to null as null", () => {
    const c = compile("logs | where trace_id == $t and span_id != $t", { ...base, vars: { t: null } });
    expect(c.sql).toBe(`SELECT * FROM "logs" WHERE ${TIME} AND ((("trace_id" IS NULL) AND ("span_id" IS NOT NULL)))`);
  });

  it("passes arrays of variables as one parameter per element", () => {
    const c = compile("logs | where service.name in ($s) and body has_any ($w)", { ...base, vars: { s: ["a", "b", "c"], w: ["x|y", "z"] } });
    expect(c.params).toEqual([F, T, "a", "b", "c", "(?i)(^|[^\\p{L}\\p{N}])(x\\|y|z)($|[^\\p{L}\\p{N}])"]);
    expect(compile("logs | where service.name in ($s)", { ...base, vars: { s: [] } }).sql).toBe(`SELECT * FROM "logs" WHERE ${TIME} AND (false)`);
  });
});
