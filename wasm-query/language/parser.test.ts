import { describe, expect, it } from "vitest";
import type { BinaryExpr, CallExpr, FieldExpr, QueryNode } from "./ast.ts";
import { QuerySyntaxError } from "./errors.ts";
import { parse, parseExpression } from "./parser.ts";

/** The tree without source ranges, for shape assertions. */
function strip(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strip);
  if (node && typeof node === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) if (k !== "loc" && k !== "opLoc" && k !== "nameLoc" && v !== undefined) out[k] = strip(v);
    return out;
  }
  return node;
}

function syntaxError(q: string, opts = {}): QuerySyntaxError {
  try {
    parse(q, opts);
  } catch (err) {
    expect(err).toBeInstanceOf(QuerySyntaxError);
    return err as QuerySyntaxError;
  }
  throw new Error(`expected a syntax error for ${JSON.stringify(q)}`);
}

describe("parser", () => {
  it("parses source, operators and ranges", () => {
    const q = parse('logs | where service.name == "api" | take 5');
    expect(q.source).toEqual({ name: "logs", loc: { from: 0, to: 4 } });
    expect(q.ops.map((o) => [o.kind, o.loc.from, o.loc.to])).toEqual([["Where", 7, 34], ["Take", 37, 43]]);
    const where = q.ops[0] as { predicate: BinaryExpr };
    expect(where.predicate.loc).toEqual({ from: 13, to: 34 });
    expect(where.predicate.opLoc).toEqual({ from: 26, to: 28 });
    expect((where.predicate.left as FieldExpr).path.map((s) => s.loc)).toEqual([{ from: 13, to: 20 }, { from: 21, to: 25 }]);
  });

  it("treats a bare leading condition as the filter of the default source", () => {
    const q = parse('service.name == "api" and http.response.status_code >= 500 | take 1');
    expect(q.source).toBeUndefined();
    expect(q.filter?.kind).toBe("Binary");
    expect(q.ops).toHaveLength(1);
  });

  it("accepts a leading pipe and a source followed by a filter (Monoscope)", () => {
    expect(parse("| summarize count()").ops[0].kind).toBe("Summarize");
    const q = parse('spans kind == "SERVER" | take 5');
    expect(q.source?.name).toBe("spans");
    expect(q.filter?.kind).toBe("Binary");
  });

  it("reads a source name used as a field as a field", () => {
    expect(parse('logs == "x"').source).toBeUndefined();
    expect(parse("telemetry.metrics | take 1").source?.name).toBe("telemetry.metrics");
  });

  it("gives and tighter binding than or, comparisons tighter than and", () => {
    expect(strip(parseExpression("a == 1 or b == 2 and c"))).toMatchObject({
      op: "or", right: { op: "and", left: { op: "==" }, right: { kind: "Field" } },
    });
    expect(strip(parseExpression("a + b * c - d"))).toMatchObject({ op: "-", left: { op: "+", right: { op: "*" } } });
  });

  it("accepts AND/OR in capitals and not(...)", () => {
    expect(strip(parseExpression("not(a) AND b OR c"))).toMatchObject({ op: "or", left: { op: "and", left: { kind: "Unary", op: "not" } } });
  });

  it("folds negative numbers and timespans into literals", () => {
    expect(strip(parseExpression("-5"))).toEqual({ kind: "Literal", type: "number", value: -5, isInt: true });
    expect(strip(parseExpression("-5m"))).toMatchObject({ type: "timespan", value: -300e9, amount: -5 });
    expect(strip(parseExpression("-x"))).toMatchObject({ kind: "Unary", op: "-" });
  });

  it("parses every expression form", () => {
    expect(strip(parseExpression("x in (1, $v)"))).toMatchObject({ kind: "ListOp", op: "in", items: [{ value: 1 }, { kind: "Var", name: "v" }] });
    expect(strip(parseExpression("x !in~ $list"))).toMatchObject({ kind: "ListOp", op: "!in~", items: [{ kind: "Var" }] });
    expect(strip(parseExpression('x has_any ["a", "b"]'))).toMatchObject({ op: "has_any", items: [{ value: "a" }, { value: "b" }] });
    expect(strip(parseExpression("d !between (1s .. 2s)"))).toMatchObject({ kind: "Between", negated: true });
    expect(strip(parseExpression('n matches regex "^a"'))).toMatchObject({ op: "matches regex" });
    expect(strip(parseExpression("n !matches /a/"))).toMatchObject({ op: "!matches", right: { type: "regex", value: "a" } });
    expect(strip(parseExpression('n !startswith_cs "a"'))).toMatchObject({ op: "!startswith_cs" });
    expect(strip(parseExpression("count(*)"))).toMatchObject({ kind: "Call", args: [{ kind: "Star" }] });
    expect(strip(parseExpression("attributes['x-id'].y"))).toMatchObject({
      path: [{ name: "attributes", quoted: false }, { name: "x-id", quoted: true }, { name: "y", quoted: false }],
    });
    expect(strip(parseExpression("[\"odd name\"]"))).toMatchObject({ kind: "Field", path: [{ name: "odd name", quoted: true }] });
    expect(strip(parseExpression("true and FALSE or null"))).toMatchObject({ left: { left: { value: true }, right: { value: false } }, right: { type: "null" } });
  });

  it("parses every operator", () => {
    const q = parse(
      "logs | where a | filter b | summarize n = count(), avg(x) by bin(timestamp, 5m), svc = s | extend y = 1 | project y, z = 2 " +
        "| project-away y | sort by z desc nulls first, w | order by z | take 5 | limit $n | top 3 by z asc | distinct z | distinct * " +
        '| count | search "x"',
    );
    expect(q.ops.map((o) => o.kind)).toEqual([
      "Where", "Where", "Summarize", "Extend", "Project", "ProjectAway", "Sort", "Sort", "Take", "Take", "Top", "Distinct", "Distinct", "Count", "Search",
    ]);
    const s = q.ops[2] as { aggs: { name?: string }[]; by: { name?: string }[] };
    expect(s.aggs.map((a) => a.name)).toEqual(["n", undefined]);
    expect(s.by.map((a) => a.name)).toEqual([undefined, "svc"]);
    expect(strip(q.ops[6])).toMatchObject({ keys: [{ dir: "desc", nulls: "first" }, { expr: { kind: "Field" } }] });
  });

  it("accepts dotted and bracketed output names", () => {
    const q = parse("| summarize total.count = count() | extend ['my col'] = 1");
    expect((q.ops[0] as { aggs: { name?: string }[] }).aggs[0].name).toBe("total.count");
    expect((q.ops[1] as { items: { name?: string }[] }).items[0].name).toBe("my col");
  });

  it("parses search as the first operator", () => {
    const q = parse('search "boom" | take 1');
    expect(q.ops.map((o) => o.kind)).toEqual(["Search", "Take"]);
  });

  it("parses datetime(...) with or without quotes", () => {
    const a = parseExpression('datetime("2026-01-02")') as CallExpr;
    const b = parseExpression("datetime(2026-01-02)") as CallExpr;
    expect(strip(a.args)).toEqual(strip(b.args));
  });

  it("accepts an empty query", () => {
    expect(parse("")).toMatchObject({ kind: "Query", ops: [] } satisfies Partial<QueryNode>);
  });

  // Malformed queries: the one syntax error, where it is, and what it says.
  it.each([
    ["logs |", 6, 6, 1, 7, "unexpected end of query, expected an operator"],
    ["logs | wher x", 7, 11, 1, 8, "unknown operator 'wher' — did you mean 'where'?"],
    ["logs | where", 12, 12, 1, 13, "expected an expression"],
    ["logs | where (a == 1", 20, 20, 1, 21, "expected ')'"],
    ["logs | where a == ", 18, 18, 1, 19, "expected an expression"],
    ["logs | summarize", 16, 16, 1, 17, "expected an aggregation such as count() or 'by'"],
    ["logs | summarize count() by", 27, 27, 1, 28, "expected an expression"],
    ["logs | sort timestamp", 12, 21, 1, 13, "unexpected 'timestamp', expected 'by'"],
    ["logs | take x", 12, 13, 1, 13, "expected a whole number of rows"],
    ["logs | take 1.5", 12, 15, 1, 13, "expected a whole number of rows"],
    ["logs | top 5 timestamp", 13, 22, 1, 14, "expected 'by'"],
    ["logs | where a in 1", 18, 19, 1, 19, "expected a list"],
    ["logs | where a in ()", 19, 20, 1, 20, "expected at least one value"],
    ["logs | where a between (1, 2)", 25, 26, 1, 26, "expected '..' between the two bounds"],
    ['logs | where "unterminated', 13, 26, 1, 14, "unterminated string"],
    ["logs\n| where a ==\n| take 5", 18, 19, 3, 1, "unexpected '|', expected an expression"],
    ["logs | where a == 1 b", 20, 21, 1, 21, "unexpected 'b', expected '|' or end of query"],
    ['logs | where a !foo "x"', 15, 19, 1, 16, "unknown operator '!foo'"],
    ["logs | where x.", 15, 15, 1, 16, "expected a field name after '.'"],
    ["logs | where tags[0] == 1", 17, 19, 1, 18, "array indexing is not supported"],
    ["logs | project-keep a", 7, 19, 1, 8, "operator 'project-keep' is not supported"],
    ["logs | where f(a,", 17, 17, 1, 18, "expected an expression"],
    ["logs | extend = 5", 14, 15, 1, 15, "unexpected '=', expected an expression"],
    ["logs | where a == 1 |", 21, 21, 1, 22, "expected an operator"],
    ["| ", 2, 2, 1, 3, "expected an operator"],
    ["logs | distinct", 15, 15, 1, 16, "expected an expression"],
    ["where a == 1", 0, 5, 1, 1, "start an operator with '|'"],
    ["logs | sort by a asc nulls", 26, 26, 1, 27, "expected 'first' or 'last'"],
    ["logs | where a == 1 2", 20, 21, 1, 21, "expected '|' or end of query"],
    ["logs | where (a == 1))", 21, 22, 1, 22, "unexpected ')'"],
    ["logs | summarize count() by x | where", 37, 37, 1, 38, "expected an expression"],
    ["logs | where a == 'x' 'y'", 22, 25, 1, 23, "unexpected string"],
    ["logs | search", 13, 13, 1, 14, "expected a quoted text to search for"],
    ["logs | where f(a b)", 17, 18, 1, 18, "expected ',' or ')'"],
    ["logs | where x in (1, 2", 23, 23, 1, 24, "expected ',' or ')'"],
    ["logs | where x has_any [1, 2)", 28, 29, 1, 29, "expected ',' or ']'"],
    ["logs | where body == \"x\" /* c */", 26, 27, 1, 27, "unexpected '*', expected an expression"],
    ["logs | where a == 1 --", 22, 22, 1, 23, "expected an expression"],
  ])("%j → error at [%i, %i) line %i column %i: %s", (q, from, to, line, column, message) => {
    const err = syntaxError(q as string);
    expect(err.message).toContain(message as string);
    expect({ from: err.from, to: err.to, line: err.line, column: err.column }).toEqual({ from, to, line, column });
    expect(err.diagnostics).toEqual([{ severity: "error", message: err.reason, from, to }]);
  });

  it("caps expression nesting", () => {
    const deep = "(".repeat(200) + "a" + ")".repeat(200);
    const err = syntaxError(`logs | where ${deep}`);
    expect(err.message).toContain("nested more than 64 levels");
    expect(parse(`logs | where ${"(".repeat(20)}a${")".repeat(20)}`).ops).toHaveLength(1);
  });

  it("caps nesting through not and unary minus too", () => {
    expect(syntaxError(`logs | where ${"not ".repeat(100)}a`).message).toContain("nested");
    expect(syntaxError(`logs | where ${"- ".repeat(100)}a`).message).toContain("nested");
  });

  it("caps tokens", () => {
    const err = syntaxError(`logs | where ${"a or ".repeat(3000)}a`);
    expect(err.code).toBe("limit");
  });
});
