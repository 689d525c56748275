import type { BinaryExpr, BinaryOp, CallExpr, Expr, FieldExpr, ListOp, PathSegment } from "./ast.ts";
import { STRING_OPS } from "./ast.ts";
import { TokenStream } from "./token-stream.ts";
import { type Token, TokenKind } from "./token-kind.ts";

export const COMPARISONS: Partial<Record<string, BinaryOp>> = {
  [TokenKind.Eq]: "==", [TokenKind.NotEq]: "!=", [TokenKind.Lt]: "<", [TokenKind.Le]: "<=", [TokenKind.Gt]: ">",
  [TokenKind.Ge]: ">=", [TokenKind.TildeEq]: "=~", [TokenKind.NotTilde]: "!~",
};
export const LIST_WORDS = new Set(["in", "in~", "has_any", "has_all"]);
export const STRING_WORDS = new Set<string>(STRING_OPS);
/** Tokens that continue an expression after an identifier (so the identifier is not a source). */
export const CONTINUES = new Set<string>([
  TokenKind.Dot, TokenKind.LParen, TokenKind.LBracket, TokenKind.Assign, TokenKind.Plus, TokenKind.Minus, TokenKind.Star,
  TokenKind.Slash, TokenKind.Percent, TokenKind.BangWord, ...Object.keys(COMPARISONS),
]);
export const CONTINUE_WORDS = new Set(["and", "or", "AND", "OR", "matches", "between", ...LIST_WORDS, ...STRING_WORDS]);

/**
 * Expressions, by precedence from loosest: or, and, not, comparisons and word operators
 * (non-associative), + -, * / %, unary minus, then literals, fields, calls and parentheses.
 */
export class ExpressionParser extends TokenStream {
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

  protected parsePrimary(): Expr {
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
  protected parseFieldPath(): FieldExpr {
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
