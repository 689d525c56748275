/**
 * The syntax tree. Every node carries `loc` (offsets into the query text, `to`
 * exclusive) so the checker can point at exactly what is wrong. The printer turns a tree
 * back into canonical text; parse(print(tree)) equals the tree up to `loc`.
 */
export interface Loc {
  from: number;
  to: number;
}

export type Expr =
  | LiteralExpr
  | FieldExpr
  | VarExpr
  | CallExpr
  | BinaryExpr
  | UnaryExpr
  | ListOpExpr
  | BetweenExpr
  | StarExpr;

export interface LiteralExpr {
  kind: "Literal";
  type: "string" | "number" | "bool" | "null" | "timespan" | "regex";
  /** string/regex text, number, boolean, null, or a timespan in nanoseconds. */
  value: string | number | boolean | null;
  /** Numbers: written without fraction or exponent (an `int` rather than a `real`). */
  isInt?: boolean;
  /** Timespans: the amount and unit as written, so `90s` prints back as `90s`. */
  amount?: number;
  unit?: string;
  loc: Loc;
}

/** One step of a field path: `attributes`, `.http`, `['x-request-id']`. */
export interface PathSegment {
  name: string;
  /** Written in brackets: `['name']`. */
  quoted: boolean;
  loc: Loc;
}

/** A column, an OpenTelemetry name (`service.name`) or a map lookup (`attributes.http.route`). */
export interface FieldExpr {
  kind: "Field";
  path: PathSegment[];
  loc: Loc;
}

/** `$name`, bound from the request's `vars`. */
export interface VarExpr {
  kind: "Var";
  name: string;
  loc: Loc;
}

export interface CallExpr {
  kind: "Call";
  name: string;
  nameLoc: Loc;
  args: Expr[];
  loc: Loc;
}

/** `*` — only meaningful as `count(*)` and `distinct *`. */
export interface StarExpr {
  kind: "Star";
  loc: Loc;
}

export type ComparisonOp = "==" | "!=" | "<" | "<=" | ">" | ">=" | "=~" | "!~";
export type ArithmeticOp = "+" | "-" | "*" | "/" | "%";
/** Word operators, negated with a leading `!` (`!contains`). */
export const STRING_OPS = [
  "has", "has_cs", "hasprefix", "hasprefix_cs", "hassuffix", "hassuffix_cs",
  "contains", "contains_cs", "startswith", "startswith_cs", "endswith", "endswith_cs",
] as const;
export type StringOp = (typeof STRING_OPS)[number] | `!${(typeof STRING_OPS)[number]}`;
export type RegexOp = "matches regex" | "matches" | "!matches regex" | "!matches";
export type BinaryOp = "and" | "or" | ComparisonOp | ArithmeticOp | StringOp | RegexOp;

export interface BinaryExpr {
  kind: "Binary";
  op: BinaryOp;
  opLoc: Loc;
  left: Expr;
  right: Expr;
  loc: Loc;
}

export interface UnaryExpr {
  kind: "Unary";
  op: "not" | "-";
  operand: Expr;
  loc: Loc;
}

export type ListOp = "in" | "!in" | "in~" | "!in~" | "has_any" | "has_all";

/** `x in (a, b)`, `x has_any ("a", "b")`; an item may be a `$list` variable. */
export interface ListOpExpr {
  kind: "ListOp";
  op: ListOp;
  opLoc: Loc;
  operand: Expr;
  items: Expr[];
  loc: Loc;
}

export interface BetweenExpr {
  kind: "Between";
  negated: boolean;
  operand: Expr;
  low: Expr;
  high: Expr;
  loc: Loc;
}

/** `name = expr` or just `expr` in summarize/extend/project/distinct lists. */
export interface NamedExpr {
  kind: "Named";
  /** As written; dots are allowed and become `_` in the column name (Monoscope). */
  name?: string;
  nameLoc?: Loc;
  expr: Expr;
  loc: Loc;
}

export interface SortKey {
  expr: Expr;
  dir?: "asc" | "desc";
  nulls?: "first" | "last";
  loc: Loc;
}

export type Operator =
  | WhereOp
  | SummarizeOp
  | ExtendOp
  | ProjectOp
  | ProjectAwayOp
  | SortOp
  | TakeOp
  | TopOp
  | DistinctOp
  | CountOp
  | SearchOp;

export interface WhereOp {
  kind: "Where";
  predicate: Expr;
  loc: Loc;
}
export interface SummarizeOp {
  kind: "Summarize";
  aggs: NamedExpr[];
  by: NamedExpr[];
  loc: Loc;
}
export interface ExtendOp {
  kind: "Extend";
  items: NamedExpr[];
  loc: Loc;
}
export interface ProjectOp {
  kind: "Project";
  items: NamedExpr[];
  loc: Loc;
}
export interface ProjectAwayOp {
  kind: "ProjectAway";
  fields: FieldExpr[];
  loc: Loc;
}
export interface SortOp {
  kind: "Sort";
  keys: SortKey[];
  loc: Loc;
}
export interface TakeOp {
  kind: "Take";
  count: Expr;
  loc: Loc;
}
export interface TopOp {
  kind: "Top";
  count: Expr;
  key: SortKey;
  loc: Loc;
}
export interface DistinctOp {
  kind: "Distinct";
  /** Empty means `distinct *`. */
  items: NamedExpr[];
  loc: Loc;
}
export interface CountOp {
  kind: "Count";
  loc: Loc;
}
export interface SearchOp {
  kind: "Search";
  text: Expr;
  loc: Loc;
}

export interface SourceRef {
  name: string;
  loc: Loc;
}

/** `[source] [filter] (| operator)*` */
export interface QueryNode {
  kind: "Query";
  source?: SourceRef;
  /** A bare leading condition, as in `service.name == "api" | …` (a `where` without the word). */
  filter?: Expr;
  ops: Operator[];
  loc: Loc;
}

export type Node = QueryNode | Operator | Expr | NamedExpr;

/** Child expressions of an expression, for walkers. */
export function childExprs(e: Expr): Expr[] {
  switch (e.kind) {
    case "Call":
      return e.args;
    case "Binary":
      return [e.left, e.right];
    case "Unary":
      return [e.operand];
    case "ListOp":
      return [e.operand, ...e.items];
    case "Between":
      return [e.operand, e.low, e.high];
    default:
      return [];
  }
}

/** The path as written, dotted (`attributes.http.route`, `attributes.x-id` for `['x-id']`). */
export function pathText(f: FieldExpr): string {
  return f.path.map((s) => s.name).join(".");
}
