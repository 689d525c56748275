import { QuerySyntaxError } from "./errors.ts";
import { lex } from "./lexer.ts";
import type { ParseOptions } from "./parser.ts";
import { describeToken, type Token, TokenKind } from "./token-kind.ts";

/**
 * Token access for the recursive-descent parser: look ahead, consume, and fail with one
 * positioned `QuerySyntaxError` (`expect()` / `unexpected()`, as in graphql-js). Also
 * guards nesting depth so hostile input cannot exhaust the stack.
 */
export class TokenStream {
  protected readonly tokens: Token[];
  protected i = 0;
  protected depth = 0;
  protected readonly maxDepth: number;
  protected readonly src: string;

  constructor(src: string, opts: ParseOptions) {
    this.src = src;
    this.tokens = lex(src, opts);
    this.maxDepth = opts.maxDepth ?? 64;
  }

  protected peek(o = 0): Token {
    return this.tokens[Math.min(this.i + o, this.tokens.length - 1)];
  }
  protected at(kind: TokenKind): boolean {
    return this.peek().kind === kind;
  }
  protected atWord(...words: string[]): boolean {
    const t = this.peek();
    return t.kind === TokenKind.Ident && words.includes(t.value);
  }
  protected next(): Token {
    const t = this.peek();
    if (t.kind !== TokenKind.EOF) this.i++;
    return t;
  }
  protected get lastTo(): number {
    return this.i > 0 ? this.tokens[this.i - 1].to : 0;
  }
  protected fail(message: string, from: number, to: number): never {
    throw new QuerySyntaxError(message, this.src, from, to);
  }
  protected unexpected(expected?: string, t: Token = this.peek()): never {
    this.fail(`unexpected ${describeToken(t)}${expected ? `, expected ${expected}` : ""}`, t.from, t.to);
  }
  protected expect(kind: TokenKind, expected: string): Token {
    if (!this.at(kind)) this.unexpected(expected);
    return this.next();
  }
  protected expectWord(word: string): Token {
    if (!this.atWord(word)) this.unexpected(`'${word}'`);
    return this.next();
  }
  expectEnd(expected: string): void {
    if (!this.at(TokenKind.EOF)) this.unexpected(expected);
  }
  protected enter(t: Token): void {
    if (++this.depth > this.maxDepth) this.fail(`expression is nested more than ${this.maxDepth} levels deep`, t.from, t.to);
  }
}
