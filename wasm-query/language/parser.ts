import type {
  BinaryExpr, BinaryOp, CallExpr, DistinctOp, Expr, FieldExpr, ListOp, Loc, NamedExpr, Operator, PathSegment, QueryNode, SortKey,
  SourceRef, SummarizeOp,
} from "./ast.ts";
import { STRING_OPS } from "./ast.ts";
import { didYouMean, hint } from "./did-you-mean.ts";
import { QuerySyntaxError } from "./errors.ts";
import { type LexOptions, lex } from "./lexer.ts";
import { defaultSources } from "./schema.ts";
import { describeToken, type Token, TokenKind } from "./token-kind.ts";

export interface ParseOptions extends LexOptions {
  /** Names (and aliases) of the sources a query may start with; default: logs, spans, metrics… */
  sources?: readonly string[];
  /** Deepest expression nesting accepted (default 64), so hostile input cannot blow the stack. */
  maxDepth?: number;
}

export const OPERATOR_NAMES = [
  "where", "filter", "summarize", "extend", "project", "project-away", "sort", "order", "take", "limit", "top",
  "distinct", "count", "search",
] as const;

const COMPARISONS: Partial<Record<string, BinaryOp>> = {
  [TokenKind.Eq]: "==", [TokenKind.NotEq]: "!=", [TokenKind.Lt]: "<", [TokenKind.Le]: "<=", [TokenKind.Gt]: ">",
  [TokenKind.Ge]: ">=", [TokenKind.TildeEq]: "=~", [TokenKind.NotTilde]: "!~",
};
const LIST_WORDS = new Set(["in", "in~", "has_any", "has_all"]);
const STRING_WORDS = new Set<string>(STRING_OPS);
/** Tokens that continue an expression after an identifier (so the identifier is not a source). */
const CONTINUES = new Set<string>([
  TokenKind.Dot, TokenKind.LParen, TokenKind.LBracket, TokenKind.Assign, TokenKind.Plus, TokenKind.Minus, TokenKind.Star,
  TokenKind.Slash, TokenKind.Percent, TokenKind.BangWord, ...Object.keys(COMPARISONS),
]);
const CONTINUE_WORDS = new Set(["and", "or", "AND", "OR", "matches", "between", ...LIST_WORDS, ...STRING_WORDS]);

/** Parse a whole query. Throws one `QuerySyntaxError` at the first problem. */
export function parse(source: string, opts: ParseOptions = {}): QueryNode {
  return new Parser(source, opts).parseQuery();
}

/** Parse a single expression (used by tests and completion). */
export function parseExpression(source: string, opts: ParseOptions = {}): Expr {
  const p = new Parser(source, opts);
  const e = p.parseExpr();
  p.expectEnd("end of expression");
  return e;
}

class Parser {
  private readonly tokens: Token[];
  private i = 0;
  private depth = 0;
  private readonly maxDepth: number;
  private readonly sources: Set<string>;

  private readonly src: string;

  constructor(src: string, opts: ParseOptions) {
    this.src = src;
    this.tokens = lex(src, opts);
    this.maxDepth = opts.maxDepth ?? 64;
    this.sources = new Set(opts.sources ?? defaultSources.allNames());
  }

  // ---- token helpers ---------------------------------------------------------------

  private peek(o = 0): Token {
    return this.tokens[Math.min(this.i + o, this.tokens.length - 1)];
  }
  private at(kind: TokenKind): boolean {
    return this.peek().kind === kind;
  }
  private atWord(...words: string[]): boolean {
    const t = this.peek();
    return t.kind === TokenKind.Ident && words.includes(t.value);
  }
  private next(): Token {
    const t = this.peek();
    if (t.kind !== TokenKind.EOF) this.i++;
    return t;
  }
  private get lastTo(): number {
    return this.i > 0 ? this.tokens[this.i - 1].to : 0;
  }
  private fail(message: string, from: number, to: number): never {
    throw new QuerySyntaxError(message, this.src, from, to);
  }
  private unexpected(expected?: string, t: Token = this.peek()): never {
    this.fail(`unexpected ${describeToken(t)}${expected ? `, expected ${expected}` : ""}`, t.from, t.to);
  }
  private expect(kind: TokenKind, expected: string): Token {
    if (!this.at(kind)) this.unexpected(expected);
    return this.next();
  }
  private expectWord(word: string): Token {
    if (!this.atWord(word)) this.unexpected(`'${word}'`);
    return this.next();
  }
  expectEnd(expected: string): void {
    if (!this.at(TokenKind.EOF)) this.unexpected(expected);
  }
  private enter(t: Token): void {
    if (++this.depth > this.maxDepth) this.fail(`expression is nested more than ${this.maxDepth} levels deep`, t.from, t.to);
  }

  // ---- query and operators -----------------------------------------------------------

  parseQuery(): QueryNode {
    const start = this.peek().from;
    const source = this.parseSource();
    let filter: Expr | undefined;
    const ops: Operator[] = [];
    if (!this.at(TokenKind.Pipe) && !this.at(TokenKind.EOF)) {
      if (!source && this.atWord("search") && this.isSearchText(this.peek(1))) ops.push(this.parseSearch());
      else filter = this.parseExpr();
    }
    while (this.at(TokenKind.Pipe)) {
      this.next();
      ops.push(this.parseOperator());
    }
    if (!this.at(TokenKind.EOF) && filter?.kind === "Field" && filter.path.length === 1 && (OPERATOR_NAMES as readonly string[]).includes(filter.path[0].name)) {
      const t = this.peek();
      this.fail(`unexpected ${describeToken(t)}: start an operator with '|', as in '| ${filter.path[0].name} …'`, filter.loc.from, filter.loc.to);
    }
    this.expectEnd(source || filter || ops.length ? "'|' or end of query" : "a source, a condition or '|'");
    return { kind: "Query", source, filter, ops, loc: { from: Math.min(start, this.lastTo), to: this.lastTo } };
  }

  /** A leading name of a registered source (possibly dotted), not followed by expression syntax. */
  private parseSource(): SourceRef | undefined {
    if (!this.at(TokenKind.Ident)) return undefined;
    const names: Token[] = [this.peek()];
    while (this.peek(names.length * 2 - 1).kind === TokenKind.Dot && this.peek(names.length * 2).kind === TokenKind.Ident) {
      names.push(this.peek(names.length * 2));
    }
    for (let n = names.length; n >= 1; n--) {
      const name = names.slice(0, n).map((t) => t.value).join(".");
      const after = this.peek(n * 2 - 1);
      const continues = CONTINUES.has(after.kind) || (after.kind === TokenKind.Ident && CONTINUE_WORDS.has(after.value));
      if (this.sources.has(name) && !continues) {
        this.i += n * 2 - 1;
        return { name, loc: { from: names[0].from, to: names[n - 1].to } };
      }
    }
    return undefined;
  }

  private parseOperator(): Operator {
    const t = this.peek();
    if (t.kind !== TokenKind.Ident) this.unexpected("an operator such as where, summarize, extend, project, sort or take");
    switch (t.value) {
      case "where":
      case "filter": {
        this.next();
        const predicate = this.parseExpr();
        return { kind: "Where", predicate, loc: { from: t.from, to: this.lastTo } };
      }
      case "summarize":
        return this.parseSummarize();
      case "extend":
      case "project": {
        this.next();
        const items = this.parseNamedList();
        return { kind: t.value === "extend" ? "Extend" : "Project", items, loc: { from: t.from, to: this.lastTo } };
      }
      case "project-away": {
        this.next();
        const fields = [this.parseFieldOnly()];
        while (this.at(TokenKind.Comma)) {
          this.next();
          fields.push(this.parseFieldOnly());
        }
        return { kind: "ProjectAway", fields, loc: { from: t.from, to: this.lastTo } };
      }
      case "sort":
      case "order": {
        this.next();
        this.expectWord("by");
        const keys = [this.parseSortKey()];
        while (this.at(TokenKind.Comma)) {
          this.next();
          keys.push(this.parseSortKey());
        }
        return { kind: "Sort", keys, loc: { from: t.from, to: this.lastTo } };
      }
      case "take":
      case "limit": {
        this.next();
        const count = this.parseCount();
        return { kind: "Take", count, loc: { from: t.from, to: this.lastTo } };
      }
      case "top": {
        this.next();
        const count = this.parseCount();
        this.expectWord("by");
        const key = this.parseSortKey();
        return { kind: "Top", count, key, loc: { from: t.from, to: this.lastTo } };
      }
      case "distinct":
        return this.parseDistinct();
      case "count":
        this.next();
        return { kind: "Count", loc: { from: t.from, to: t.to } };
      case "search":
        return this.parseSearch();
      default: {
        const unsupported = ["project-keep", "project-rename", "project-reorder", "mv-expand", "join", "union", "let", "render", "parse", "make-series"];
        if (unsupported.includes(t.value)) this.fail(`operator '${t.value}' is not supported`, t.from, t.to);
        this.fail(`unknown operator '${t.value}'${hint(didYouMean(t.value, OPERATOR_NAMES))}`, t.from, t.to);
      }
    }
  }

  private parseSummarize(): SummarizeOp {
    const t = this.next();
    if (this.at(TokenKind.EOF) || this.at(TokenKind.Pipe)) this.unexpected("an aggregation such as count() or 'by'");
    const aggs = this.atWord("by") ? [] : this.parseNamedList();
    let by: NamedExpr[] = [];
    if (this.atWord("by")) {
      this.next();
      by = this.parseNamedList();
    }
    if (aggs.length === 0 && by.length === 0) this.unexpected("an aggregation such as count() or 'by'");
    return { kind: "Summarize", aggs, by, loc: { from: t.from, to: this.lastTo } };
  }

  private parseDistinct(): DistinctOp {
    const t = this.next();
    if (this.at(TokenKind.Star)) {
      this.next();
      return { kind: "Distinct", items: [], loc: { from: t.from, to: this.lastTo } };
    }
    return { kind: "Distinct", items: this.parseNamedList(), loc: { from: t.from, to: this.lastTo } };
  }

  private isSearchText(t: Token): boolean {
    return t.kind === TokenKind.String || t.kind === TokenKind.Variable;
  }

  private parseSearch(): Operator {
    const t = this.next();
    if (!this.isSearchText(this.peek())) this.unexpected("a quoted text to search for");
    const text = this.parsePrimary();
    return { kind: "Search", text, loc: { from: t.from, to: this.lastTo } };
  }

  /** A row count: an integer literal or a `$variable`. */
  private parseCount(): Expr {
    const t = this.peek();
    if ((t.kind === TokenKind.Number && t.isInt) || t.kind === TokenKind.Variable) return this.parsePrimary();
    this.unexpected("a whole number of rows");
  }

  private parseSortKey(): SortKey {
    const expr = this.parseExpr();
    let dir: SortKey["dir"];
    let nulls: SortKey["nulls"];
    if (this.atWord("asc", "desc")) dir = this.next().value as "asc" | "desc";
    if (this.atWord("nulls")) {
      this.next();
      if (!this.atWord("first", "last")) this.unexpected("'first' or 'last'");
      nulls = this.next().value as "first" | "last";
    }
    return { expr, dir, nulls, loc: { from: expr.loc.from, to: this.lastTo } };
  }

  private parseNamedList(): NamedExpr[] {
    const items = [this.parseNamed()];
    while (this.at(TokenKind.Comma)) {
      this.next();
      items.push(this.parseNamed());
    }
    return items;
  }

  private parseNamed(): NamedExpr {
    const start = this.peek();
    let name: string | undefined;
    let nameLoc: Loc | undefined;
    if (start.kind === TokenKind.Ident) {
      let k = 1;
      while (this.peek(k).kind === TokenKind.Dot && this.peek(k + 1).kind === TokenKind.Ident) k += 2;
      if (this.peek(k).kind === TokenKind.Assign) {
        const parts: string[] = [];
        for (let j = 0; j < k; j += 2) parts.push(this.peek(j).value);
        name = parts.join(".");
        nameLoc = { from: start.from, to: this.peek(k - 1).to };
        this.i += k + 1;
      }
    } else if (start.kind === TokenKind.LBracket && this.peek(1).kind === TokenKind.String &&
      this.peek(2).kind === TokenKind.RBracket && this.peek(3).kind === TokenKind.Assign) {
      name = this.peek(1).value;
      nameLoc = { from: start.from, to: this.peek(2).to };
      this.i += 4;
    }
    const expr = this.parseExpr();
    return { kind: "Named", name, nameLoc, expr, loc: { from: start.from, to: expr.loc.to } };
  }

  private parseFieldOnly(): FieldExpr {
    const t = this.peek();
    if (t.kind !== TokenKind.Ident && !(t.kind === TokenKind.LBracket && this.peek(1).kind === TokenKind.String)) {
      this.unexpected("a field name");
    }
    return this.parseFieldPath();
  }

  // ---- expressions -------------------------------------------------------------------

  parseExpr(): Expr {
    this.enter(this.peek());
    try {
      return this.parseOr();
    } finally {
      this.depth--;
    }
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    while (this.atWord("or", "OR")) {
      const op = this.next();
      const right = this.parseAnd();
      left = { kind: "Binary", op: "or", opLoc: { from: op.from, to: op.to }, left, right, loc: { from: left.loc.from, to: right.loc.to } };
    }
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseNot();
    while (this.atWord("and", "AND")) {
      const op = this.next();
      const right = this.parseNot();
      left = { kind: "Binary", op: "and", opLoc: { from: op.from, to: op.to }, left, right, loc: { from: left.loc.from, to: right.loc.to } };
    }
    return left;
  }

  private parseNot(): Expr {
    const t = this.peek();
    if (!this.atWord("not", "NOT") || !this.startsOperand(this.peek(1))) return this.parseComparison();
    this.next();
    this.enter(t);
    try {
      const operand = this.parseNot();
      return { kind: "Unary", op: "not", operand, loc: { from: t.from, to: operand.loc.to } };
    } finally {
      this.depth--;
    }
  }

  /** After `not`: does this token start its operand (else `not` is a field name)? */
  private startsOperand(t: Token): boolean {
    if (t.kind === TokenKind.LParen) return true;
    if (t.kind === TokenKind.Ident) return !CONTINUE_WORDS.has(t.value);
    return [TokenKind.Number, TokenKind.String, TokenKind.Timespan, TokenKind.Variable, TokenKind.LBracket, TokenKind.Minus].includes(t.kind as never);
  }

  private parseComparison(): Expr {
    const left = this.parseAdditive();
    const t = this.peek();
    const cmp = COMPARISONS[t.kind];
    if (cmp) {
      this.next();
      return this.binary(cmp, t, left, this.parseAdditive());
    }
    const negated = t.kind === TokenKind.BangWord;
    if (t.kind !== TokenKind.Ident && !negated) return left;
    const word = t.value;
    if (STRING_WORDS.has(word)) {
      this.next();
      return this.binary((negated ? `!${word}` : word) as BinaryOp, t, left, this.parseAdditive());
    }
    if (word === "matches") {
      this.next();
      const regexWord = this.atWord("regex") ? this.next() : undefined;
      const op = regexWord ? "matches regex" : "matches";
      const e = this.binary((negated ? `!${op}` : op) as BinaryOp, t, left, this.parseAdditive());
      e.opLoc = { from: t.from, to: regexWord?.to ?? t.to };
      return e;
    }
    if (LIST_WORDS.has(word) && (!negated || word === "in" || word === "in~")) {
      this.next();
      const items = this.parseListItems();
      const op = (negated ? `!${word}` : word) as ListOp;
      return { kind: "ListOp", op, opLoc: { from: t.from, to: t.to }, operand: left, items, loc: { from: left.loc.from, to: this.lastTo } };
    }
    if (word === "between") {
      this.next();
      this.expect(TokenKind.LParen, "'(' after between");
      const low = this.parseAdditive();
      this.expect(TokenKind.DotDot, "'..' between the two bounds");
      const high = this.parseAdditive();
      this.expect(TokenKind.RParen, "')'");
      return { kind: "Between", negated, operand: left, low, high, loc: { from: left.loc.from, to: this.lastTo } };
    }
    if (negated) this.fail(`unknown operator '!${word}'`, t.from, t.to);
    return left;
  }

  private binary(op: BinaryOp, t: Token, left: Expr, right: Expr): BinaryExpr {
    return { kind: "Binary", op, opLoc: { from: t.from, to: t.to }, left, right, loc: { from: left.loc.from, to: right.loc.to } };
  }

  private parseListItems(): Expr[] {
    if (this.at(TokenKind.Variable)) return [this.parsePrimary()];
    const open = this.peek();
    if (open.kind !== TokenKind.LParen && open.kind !== TokenKind.LBracket) this.unexpected("a list such as (\"a\", \"b\")");
    this.next();
    const close = open.kind === TokenKind.LParen ? TokenKind.RParen : TokenKind.RBracket;
    const items: Expr[] = [];
    if (this.at(close)) this.unexpected("at least one value");
    for (;;) {
      items.push(this.parseExpr());
      if (this.at(TokenKind.Comma)) {
        this.next();
        continue;
      }
      this.expect(close, `',' or '${close}'`);
      return items;
    }
  }

  private parseAdditive(): Expr {
    let left = this.parseMultiplicative();
    while (this.at(TokenKind.Plus) || this.at(TokenKind.Minus)) {
      const t = this.next();
      left = this.binary(t.kind as BinaryOp, t, left, this.parseMultiplicative());
    }
    return left;
  }

  private parseMultiplicative(): Expr {
    let left = this.parseUnary();
    while (this.at(TokenKind.Star) || this.at(TokenKind.Slash) || this.at(TokenKind.Percent)) {
      const t = this.next();
      left = this.binary(t.kind as BinaryOp, t, left, this.parseUnary());
    }
    return left;
  }

  private parseUnary(): Expr {
    const t = this.peek();
    if (t.kind !== TokenKind.Minus) return this.parsePrimary();
    this.next();
    this.enter(t);
    try {
      const operand = this.parseUnary();
      const loc = { from: t.from, to: operand.loc.to };
      // Fold `-5` and `-5m` into literals so negative numbers print and re-parse identically.
      if (operand.kind === "Literal" && (operand.type === "number" || operand.type === "timespan") && typeof operand.value === "number") {
        return { ...operand, value: -operand.value, amount: operand.amount === undefined ? undefined : -operand.amount, loc };
      }
      return { kind: "Unary", op: "-", operand, loc };
    } finally {
      this.depth--;
    }
  }

  private parsePrimary(): Expr {
    const t = this.peek();
    const loc = { from: t.from, to: t.to };
    switch (t.kind) {
      case TokenKind.LParen: {
        this.next();
        const e = this.parseExpr();
        this.expect(TokenKind.RParen, "')'");
        return e;
      }
      case TokenKind.Number:
        this.next();
        return { kind: "Literal", type: "number", value: t.num!, isInt: t.isInt, loc };
      case TokenKind.Timespan:
        this.next();
        return { kind: "Literal", type: "timespan", value: t.num!, amount: t.amount, unit: t.unit, loc };
      case TokenKind.String:
        this.next();
        return { kind: "Literal", type: "string", value: t.value, loc };
      case TokenKind.Regex:
        this.next();
        return { kind: "Literal", type: "regex", value: t.value, loc };
      case TokenKind.Variable:
        this.next();
        return { kind: "Var", name: t.value, loc };
      case TokenKind.LBracket:
        if (this.peek(1).kind === TokenKind.String && this.peek(2).kind === TokenKind.RBracket) return this.parseFieldPath();
        break;
      case TokenKind.Ident: {
        if (["true", "false", "TRUE", "FALSE"].includes(t.value)) {
          this.next();
          return { kind: "Literal", type: "bool", value: t.value.toLowerCase() === "true", loc };
        }
        if (t.value === "null" || t.value === "NULL") {
          this.next();
          return { kind: "Literal", type: "null", value: null, loc };
        }
        if (this.peek(1).kind === TokenKind.LParen) return this.parseCall();
        return this.parseFieldPath();
      }
    }
    this.unexpected("an expression");
  }

  private parseCall(): CallExpr {
    const name = this.next();
    this.enter(name);
    try {
      this.next(); // (
      const args: Expr[] = [];
      if (!this.at(TokenKind.RParen)) {
        for (;;) {
          const s = this.peek();
          const after = this.peek(1).kind;
          if (s.kind === TokenKind.Star && (after === TokenKind.RParen || after === TokenKind.Comma)) {
            this.next();
            args.push({ kind: "Star", loc: { from: s.from, to: s.to } });
          } else {
            args.push(this.parseExpr());
          }
          if (!this.at(TokenKind.Comma)) break;
          this.next();
        }
      }
      this.expect(TokenKind.RParen, "',' or ')'");
      return { kind: "Call", name: name.value, nameLoc: { from: name.from, to: name.to }, args, loc: { from: name.from, to: this.lastTo } };
    } finally {
      this.depth--;
    }
  }

  /** `a.b.c`, `attributes['x-id']`, `['odd name']`. */
  private parseFieldPath(): FieldExpr {
    const path: PathSegment[] = [];
    const first = this.peek();
    const bracket = (): boolean => {
      if (!this.at(TokenKind.LBracket)) return false;
      const open = this.next();
      const key = this.peek();
      if (key.kind === TokenKind.Number) this.fail("array indexing is not supported; use a map key such as attributes['key']", open.from, key.to);
      if (key.kind !== TokenKind.String) this.unexpected("a quoted key such as ['http.route']");
      this.next();
      this.expect(TokenKind.RBracket, "']'");
      path.push({ name: key.value, quoted: true, loc: { from: open.from, to: this.lastTo } });
      return true;
    };
    if (first.kind === TokenKind.Ident) {
      this.next();
      path.push({ name: first.value, quoted: false, loc: { from: first.from, to: first.to } });
    } else if (!bracket()) {
      this.unexpected("a field name");
    }
    for (;;) {
      if (this.at(TokenKind.Dot)) {
        this.next();
        const seg = this.peek();
        if (seg.kind !== TokenKind.Ident) this.unexpected("a field name after '.'");
        this.next();
        path.push({ name: seg.value, quoted: false, loc: { from: seg.from, to: seg.to } });
      } else if (!bracket()) {
        break;
      }
    }
    return { kind: "Field", path, loc: { from: path[0].loc.from, to: this.lastTo } };
  }
}
