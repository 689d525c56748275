import type { DistinctOp, Expr, FieldExpr, Loc, NamedExpr, Operator, QueryNode, SortKey, SourceRef, SummarizeOp } from "./ast.ts";
import { didYouMean, hint } from "./did-you-mean.ts";
import type { LexOptions } from "./lexer.ts";
import { CONTINUE_WORDS, CONTINUES, ExpressionParser } from "./parse-expr.ts";
import { defaultSources } from "./schema.ts";
import { describeToken, type Token, TokenKind } from "./token-kind.ts";

/**
 * The recursive-descent parser for whole queries: `[source] [filter] (| operator)*`.
 * Expressions are in parse-expr.ts, token handling in token-stream.ts.
 */

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

class Parser extends ExpressionParser {
  private readonly sources: Set<string>;

  constructor(src: string, opts: ParseOptions) {
    super(src, opts);
    this.sources = new Set(opts.sources ?? defaultSources.allNames());
  }

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
}
