import { describe, expect, it } from "vitest";
import { QuerySyntaxError } from "./errors.ts";
import { lex } from "./lexer.ts";
import { TokenKind } from "./token-kind.ts";

const kinds = (q: string) => lex(q).map((t) => t.kind);
const values = (q: string) => lex(q).slice(0, -1).map((t) => t.value);

function lexError(q: string, opts = {}): QuerySyntaxError {
  try {
    lex(q, opts);
  } catch (err) {
    expect(err).toBeInstanceOf(QuerySyntaxError);
    return err as QuerySyntaxError;
  }
  throw new Error(`expected a lex error for ${q}`);
}

describe("lexer", () => {
  it("tokenizes a pipeline with positions", () => {
    const toks = lex('logs | where service.name == "api"');
    expect(toks.map((t) => [t.kind, t.value, t.from, t.to])).toEqual([
      [TokenKind.Ident, "logs", 0, 4],
      [TokenKind.Pipe, "|", 5, 6],
      [TokenKind.Ident, "where", 7, 12],
      [TokenKind.Ident, "service", 13, 20],
      [TokenKind.Dot, ".", 20, 21],
      [TokenKind.Ident, "name", 21, 25],
      [TokenKind.Eq, "==", 26, 28],
      [TokenKind.String, "api", 29, 34],
      [TokenKind.EOF, "", 34, 34],
    ]);
  });

  it("reads every comparison and arithmetic operator", () => {
    expect(kinds("== != <> < <= > >= =~ !~ = + - * / % .. . , ( ) [ ] |").slice(0, -1)).toEqual([
      "==", "!=", "!=", "<", "<=", ">", ">=", "=~", "!~", "=", "+", "-", "*", "/", "%", "..", ".", ",", "(", ")", "[", "]", "|",
    ]);
  });

  it("reads numbers: ints, reals and exponents", () => {
    const [a, b, c, d] = lex("42 3.25 1e6 2.5E-3");
    expect([a.num, a.isInt, b.num, b.isInt, c.num, c.isInt, d.num]).toEqual([42, true, 3.25, false, 1e6, false, 0.0025]);
  });

  it("reads timespans in every unit, as nanoseconds", () => {
    const toks = lex("1ns 2us 3µs 4ms 5s 6m 7h 8d 1w 1.5h 90sec 2minutes 1tick");
    expect(toks.slice(0, -1).map((t) => [t.kind, t.num])).toEqual([
      ["Timespan", 1], ["Timespan", 2e3], ["Timespan", 3e3], ["Timespan", 4e6], ["Timespan", 5e9], ["Timespan", 360e9],
      ["Timespan", 7 * 3600e9], ["Timespan", 8 * 86400e9], ["Timespan", 7 * 86400e9], ["Timespan", 1.5 * 3600e9],
      ["Timespan", 90e9], ["Timespan", 120e9], ["Timespan", 100],
    ]);
    expect(lex("15m")[0]).toMatchObject({ amount: 15, unit: "m" });
  });

  it("decodes string escapes in both quote styles", () => {
    expect(values(`"a\\"b" 'c\\'d' "t\\tn\\n" "\\u00e9" "\\\\"`)).toEqual(['a"b', "c'd", "t\tn\n", "é", "\\"]);
  });

  it("keeps unknown escapes so regexes need no doubling", () => {
    expect(values(String.raw`"\d+\.\w"`)).toEqual([String.raw`\d+\.\w`]);
  });

  it("reads verbatim strings without escapes", () => {
    expect(values(String.raw`@"C:\path" @'it''s'`)).toEqual([String.raw`C:\path`, "it's"]);
  });

  it("reads a slash regex only after =~, !~ and matches", () => {
    expect(lex("body =~ /^a\\/b$/")[2]).toMatchObject({ kind: "Regex", value: "^a/b$" });
    expect(lex("body matches /x+/")[2]).toMatchObject({ kind: "Regex", value: "x+" });
    expect(kinds("a / b").slice(0, -1)).toEqual(["Ident", "/", "Ident"]);
  });

  it("skips // comments", () => {
    expect(values("logs // all of them\n| take 5")).toEqual(["logs", "|", "take", "5"]);
  });

  it("reads negated word operators, in~ and hyphenated operators", () => {
    const toks = lex("a !contains b !in~ c in~ d | project-away e");
    expect(toks.map((t) => [t.kind, t.value]).slice(0, -1)).toEqual([
      ["Ident", "a"], ["BangWord", "contains"], ["Ident", "b"], ["BangWord", "in~"], ["Ident", "c"], ["Ident", "in~"],
      ["Ident", "d"], ["|", "|"], ["Ident", "project-away"], ["Ident", "e"],
    ]);
    expect(values("project - away")).toEqual(["project", "-", "away"]);
  });

  it("reads $variables", () => {
    expect(lex("$service_1")[0]).toMatchObject({ kind: "Variable", value: "service_1", from: 0, to: 10 });
  });

  it("reads an unquoted datetime(...) argument as text", () => {
    const toks = lex("datetime(2026-01-02 03:04:05Z)");
    expect(toks[2]).toMatchObject({ kind: "String", value: "2026-01-02 03:04:05Z" });
    expect(toks[3].kind).toBe(")");
  });

  it.each([
    ['"abc', "unterminated string", 0, 4],
    ["a ; b", "unexpected ';'", 2, 3],
    ["`body`", "unexpected '`'", 0, 1],
    ["a # b", "unexpected character '#'", 2, 3],
    ["a \u200b b", "unexpected character U+200B", 2, 3],
    ["bοdy", "unexpected character U+03BF", 1, 2],
    ["5xyz", "invalid number '5xyz'", 0, 4],
    ["$ x", "expected a variable name after '$'", 0, 2],
    ["a ! b", "unexpected '!'", 2, 3],
    ["a =~ /abc", "unterminated regex", 5, 9],
    ["1e999", "too large", 0, 5],
    ["datetime(2026-01-01", "unterminated datetime", 9, 19],
  ])("reports %j as %s at [%i, %i)", (q, message, from, to) => {
    const err = lexError(q as string);
    expect(err.message).toContain(message);
    expect([err.from, err.to]).toEqual([from, to]);
    expect(err.code).toBe("syntax");
  });

  it("reports line and column", () => {
    const err = lexError("logs\n| where a ==\n  'oops");
    expect([err.line, err.column, err.from]).toEqual([3, 3, 20]);
  });

  it("stops at the token cap with a limit error", () => {
    const err = lexError("a ".repeat(50), { maxTokens: 10 });
    expect(err.code).toBe("limit");
    expect(err.message).toContain("more than 10 tokens");
    expect(err.from).toBe(20);
  });

  it("rejects texts over the length cap before lexing", () => {
    const err = lexError("x".repeat(100), { maxLength: 64 });
    expect([err.code, err.from, err.to]).toEqual(["limit", 64, 100]);
  });

  it("in tolerant mode returns the tokens before a problem", () => {
    expect(lex('a == "unfinished', { tolerant: true }).map((t) => t.kind)).toEqual(["Ident", "==", "EOF"]);
  });
});
