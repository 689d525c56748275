import { describe, expect, it } from "vitest";
import { GOLDEN } from "./golden.ts";
import { GOLDEN_OPTIONS } from "./golden-options.ts";
import { compile } from "./index.ts";
import { parse, parseExpression } from "./parser.ts";
import { print, printExpr } from "./printer.ts";

/** The tree without source ranges. */
function strip(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strip);
  if (node && typeof node === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) if (k !== "loc" && k !== "opLoc" && k !== "nameLoc" && v !== undefined) out[k] = strip(v);
    return out;
  }
  return node;
}

const EXTRA = [
  "logs | where (a or b) and c",
  "logs | where not (a == 1) or not (b)",
  "logs | where a - (b - c) == (a - b) - c",
  "logs | where a / (b * c) > -2.5",
  "logs | where -(a + b) < 0",
  "logs | where (a == b) == true",
  'logs | where body == "quote \\" backslash \\\\ newline \\n tab \\t nul \\u0000 é 😀"',
  "logs | where body =~ /a\\/b[0-9]+/",
  "logs | where attributes['x-request-id'] == 'v' and ['odd name'] == 1 and attributes['it\\'s'] == 2",
  "logs | extend ['my col'] = 1, error.count = 2",
  "logs | where x in ($list) and y !in~ (\"A\") and z has_all [\"a\"]",
  "logs | where d !between (-5m .. 1.5h) and n between (1e6 .. 2.5)",
  "logs | sort by a, b asc, c desc nulls first | top 5 by d nulls last",
  "spans kind == \"SERVER\"",
  "| summarize by service.name",
  "logs | where x == 1e+21 and y == 0.001 and z == 100.0",
  "logs | where datetime(2026-01-02 03:04) < timestamp",
  "logs // comment\n| where a == 1",
  "search \"x\" | count",
  "logs | where a !contains_cs \"x\" and b !matches regex \"y\" and c !has \"z\"",
];

const CASES = [...GOLDEN.map((g) => g.query), ...EXTRA];

describe("printer", () => {
  it.each(CASES)("round-trips %j", (q) => {
    const ast = parse(q);
    const printed = print(ast);
    const again = parse(printed);
    expect(strip(again)).toEqual(strip(ast));
    expect(print(again)).toBe(printed);
  });

  it.each(GOLDEN)("printed golden $query compiles to the same SQL", (g) => {
    const c = compile(print(parse(g.query)), GOLDEN_OPTIONS);
    expect([c.sql, c.params]).toEqual([g.sql, g.params]);
  });

  it("prints canonical forms", () => {
    expect(print(parse("logs|order by x asc|limit 5|filter a==1"))).toBe("logs | sort by x asc | take 5 | where a == 1");
    expect(print(parse("logs | where a == 1 AND (b == 2 OR c == 3)"))).toBe("logs | where a == 1 and (b == 2 or c == 3)");
    expect(print(parse("logs | where x == 'single'"))).toBe('logs | where x == "single"');
    expect(print(parse("logs | where x == @'C:\\dir'"))).toBe('logs | where x == "C:\\\\dir"');
    expect(print(parse("logs | where x == 5.0 and y == 1e3"))).toBe("logs | where x == 5.0 and y == 1000.0");
    expect(print(parse("logs | where x == datetime(2026-01-02)"))).toBe('logs | where x == datetime("2026-01-02")');
    expect(print(parse("logs | where x in [1,2]"))).toBe("logs | where x in (1, 2)");
    expect(print(parse("logs | where x in $v"))).toBe("logs | where x in ($v)");
  });

  it("prints one operator per line when asked", () => {
    expect(print(parse("logs | where a == 1 | take 5"), { multiline: true })).toBe("logs\n| where a == 1\n| take 5");
  });

  it("adds parentheses only where precedence needs them", () => {
    expect(printExpr(parseExpression("a + (b * c)"))).toBe("a + b * c");
    expect(printExpr(parseExpression("(a + b) * c"))).toBe("(a + b) * c");
    expect(printExpr(parseExpression("a - (b - c)"))).toBe("a - (b - c)");
    expect(printExpr(parseExpression("(a or b) and c"))).toBe("(a or b) and c");
    expect(printExpr(parseExpression("a or (b and c)"))).toBe("a or b and c");
  });
});
