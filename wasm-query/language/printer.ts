import type { Expr, FieldExpr, LiteralExpr, NamedExpr, Operator, QueryNode, SortKey } from "./ast.ts";
import { formatTimespan } from "./timespan.ts";

/**
 * AST → canonical query text: `sort by` for `order by`, `take` for `limit`, `where` for
 * `filter`, double-quoted strings, single spaces, lower-case keywords, and parentheses
 * only where precedence needs them. Printing a parsed query and parsing the text again
 * gives the same tree (up to source ranges).
 */
export interface PrintOptions {
  /** Put each `| operator` on its own line. */
  multiline?: boolean;
}

export function print(q: QueryNode, opts: PrintOptions = {}): string {
  const head = [q.source?.name, q.filter && printExpr(q.filter)].filter(Boolean).join(" ");
  const ops = q.ops.map(printOperator);
  const sep = opts.multiline ? "\n| " : " | ";
  if (ops.length === 0) return head;
  return head ? head + sep + ops.join(sep) : "| " + ops.join(sep);
}

export function printOperator(op: Operator): string {
  switch (op.kind) {
    case "Where":
      return `where ${printExpr(op.predicate)}`;
    case "Summarize": {
      const aggs = op.aggs.map(printNamed).join(", ");
      const by = op.by.length ? `by ${op.by.map(printNamed).join(", ")}` : "";
      return ["summarize", aggs, by].filter(Boolean).join(" ");
    }
    case "Extend":
      return `extend ${op.items.map(printNamed).join(", ")}`;
    case "Project":
      return `project ${op.items.map(printNamed).join(", ")}`;
    case "ProjectAway":
      return `project-away ${op.fields.map(printField).join(", ")}`;
    case "Sort":
      return `sort by ${op.keys.map(printSortKey).join(", ")}`;
    case "Take":
      return `take ${printExpr(op.count)}`;
    case "Top":
      return `top ${printExpr(op.count)} by ${printSortKey(op.key)}`;
    case "Distinct":
      return op.items.length ? `distinct ${op.items.map(printNamed).join(", ")}` : "distinct *";
    case "Count":
      return "count";
    case "Search":
      return `search ${printExpr(op.text)}`;
  }
}

function printSortKey(k: SortKey): string {
  return [printExpr(k.expr), k.dir, k.nulls && `nulls ${k.nulls}`].filter(Boolean).join(" ");
}

const NAME_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

function printNamed(n: NamedExpr): string {
  if (n.name === undefined) return printExpr(n.expr);
  const name = NAME_PATH.test(n.name) ? n.name : `[${quote(n.name, "'")}]`;
  return `${name} = ${printExpr(n.expr)}`;
}

/** Binding strength; a child weaker than its slot requires gets parentheses. */
function precedence(e: Expr): number {
  switch (e.kind) {
    case "Binary":
      if (e.op === "or") return 1;
      if (e.op === "and") return 2;
      if (e.op === "+" || e.op === "-") return 5;
      if (e.op === "*" || e.op === "/" || e.op === "%") return 6;
      return 4;
    case "Unary":
      return e.op === "not" ? 3 : 7;
    case "ListOp":
    case "Between":
      return 4;
    default:
      return 8;
  }
}

export function printExpr(e: Expr, min = 0): string {
  const text = printRaw(e);
  return precedence(e) < min ? `(${text})` : text;
}

function printRaw(e: Expr): string {
  switch (e.kind) {
    case "Literal":
      return printLiteral(e);
    case "Field":
      return printField(e);
    case "Var":
      return `$${e.name}`;
    case "Star":
      return "*";
    case "Call":
      return `${e.name}(${e.args.map((a) => printExpr(a)).join(", ")})`;
    case "Unary":
      return e.op === "not" ? `not (${printExpr(e.operand)})` : `-${printExpr(e.operand, 7)}`;
    case "ListOp":
      return `${printExpr(e.operand, 5)} ${e.op} (${e.items.map((i) => printExpr(i)).join(", ")})`;
    case "Between":
      return `${printExpr(e.operand, 5)} ${e.negated ? "!between" : "between"} (${printExpr(e.low, 5)} .. ${printExpr(e.high, 5)})`;
    case "Binary": {
      const p = precedence(e);
      // Left-associative: the right operand must bind tighter; comparisons do not chain.
      const [l, r] = p === 4 ? [5, 5] : [p, p + 1];
      return `${printExpr(e.left, l)} ${e.op} ${printExpr(e.right, r)}`;
    }
  }
}

function printLiteral(e: LiteralExpr): string {
  switch (e.type) {
    case "string":
      return quote(String(e.value), '"');
    case "regex":
      return `/${String(e.value).replace(/\//g, "\\/")}/`;
    case "bool":
      return e.value ? "true" : "false";
    case "null":
      return "null";
    case "timespan":
      return e.amount !== undefined && e.unit ? `${e.amount}${e.unit}` : formatTimespan(Number(e.value));
    case "number": {
      const v = Number(e.value);
      const s = String(v);
      return e.isInt || /[.e]/.test(s) ? s : `${s}.0`;
    }
  }
}

export function printField(f: FieldExpr): string {
  return f.path
    .map((seg, i) => (seg.quoted ? `[${quote(seg.name, "'")}]` : i === 0 ? seg.name : `.${seg.name}`))
    .join("");
}

/** A string literal the lexer reads back as `s`. */
export function quote(s: string, q: '"' | "'"): string {
  let out = q;
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === "\\") out += "\\\\";
    else if (ch === q) out += "\\" + q;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (code < 0x20 || code === 0x7f) out += "\\u" + code.toString(16).padStart(4, "0");
    else out += ch;
  }
  return out + q;
}
