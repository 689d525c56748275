import { QuerySyntaxError } from "./errors.ts";
import { unitNanos } from "./timespan.ts";
import { type Token, TokenKind } from "./token-kind.ts";

export interface LexOptions {
  /** Stop with a `limit` error after this many tokens (default 4000). */
  maxTokens?: number;
  /** Reject longer query texts up front (default 64 KiB). */
  maxLength?: number;
  /** For completion: stop at the first bad character instead of throwing. */
  tolerant?: boolean;
}

export const DEFAULT_MAX_TOKENS = 4000;
export const DEFAULT_MAX_LENGTH = 64 * 1024;

/** Operator names written with a hyphen; the only identifiers that contain one. */
const HYPHENATED = ["project-away", "project-keep", "project-rename", "project-reorder", "mv-expand"];

const isIdentStart = (c: string) => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_";
const isIdentPart = (c: string) => isIdentStart(c) || (c >= "0" && c <= "9");
const isDigit = (c: string) => c >= "0" && c <= "9";

/** Tokenize a query. Throws `QuerySyntaxError` with the offending range (unless `tolerant`). */
export function lex(source: string, opts: LexOptions = {}): Token[] {
  return new Lexer(source, opts).run();
}

class Lexer {
  private pos = 0;
  private readonly tokens: Token[] = [];
  private readonly maxTokens: number;

  private readonly src: string;
  private readonly opts: LexOptions;

  constructor(src: string, opts: LexOptions) {
    this.src = src;
    this.opts = opts;
    this.maxTokens = opts.maxTokens ?? DEFAULT_MAX_TOKENS;
    const maxLength = opts.maxLength ?? DEFAULT_MAX_LENGTH;
    if (src.length > maxLength && !opts.tolerant) {
      throw new QuerySyntaxError(`query is longer than ${maxLength} characters`, src, maxLength, src.length, "limit");
    }
  }

  run(): Token[] {
    try {
      for (;;) {
        this.skipTrivia();
        if (this.pos >= this.src.length) break;
        if (this.tokens.length >= this.maxTokens) {
          throw new QuerySyntaxError(`query has more than ${this.maxTokens} tokens`, this.src, this.pos, this.src.length, "limit");
        }
        this.tokens.push(this.next());
      }
    } catch (err) {
      if (!this.opts.tolerant) throw err;
    }
    this.tokens.push({ kind: TokenKind.EOF, value: "", from: this.src.length, to: this.src.length });
    return this.tokens;
  }

  private fail(message: string, from: number, to = from + 1): never {
    throw new QuerySyntaxError(message, this.src, from, Math.min(to, this.src.length));
  }

  private skipTrivia(): void {
    const s = this.src;
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (c === " " || c === "\t" || c === "\n" || c === "\r") this.pos++;
      else if (c === "/" && s[this.pos + 1] === "/" && !this.regexAllowed()) {
        while (this.pos < s.length && s[this.pos] !== "\n") this.pos++;
      } else break;
    }
  }

  /** A `/` starts a regex literal only where an operand of `=~`, `!~` or `matches` is due. */
  private regexAllowed(): boolean {
    const prev = this.tokens[this.tokens.length - 1];
    if (!prev) return false;
    return prev.kind === TokenKind.TildeEq || prev.kind === TokenKind.NotTilde ||
      ((prev.kind === TokenKind.Ident || prev.kind === TokenKind.BangWord) && prev.value === "matches");
  }

  /** KQL allows `datetime(2026-01-02 03:04)` without quotes. */
  private rawDatetimeAllowed(): boolean {
    const n = this.tokens.length;
    const fn = this.tokens[n - 2];
    return n >= 2 && this.tokens[n - 1].kind === TokenKind.LParen && fn.kind === TokenKind.Ident &&
      (fn.value === "datetime" || fn.value === "todatetime");
  }

  private rawDatetime(start: number): Token {
    const s = this.src;
    let p = start;
    while (p < s.length && s[p] !== ")" && s[p] !== "\n") p++;
    if (s[p] !== ")") this.fail("unterminated datetime(…): expected ')'", start, p);
    let end = p;
    while (end > start && (s[end - 1] === " " || s[end - 1] === "\t")) end--;
    this.pos = end;
    return { kind: TokenKind.String, value: s.slice(start, end), from: start, to: end };
  }

  private tok(kind: TokenKind, from: number, value: string = kind): Token {
    return { kind, value, from, to: this.pos };
  }

  private next(): Token {
    const s = this.src;
    const start = this.pos;
    const c = s[start];
    const c2 = s[start + 1];
    if (isDigit(c) && this.rawDatetimeAllowed()) return this.rawDatetime(start);
    if (isIdentStart(c)) return this.ident(start);
    if (isDigit(c)) return this.number(start);
    if (c === '"' || c === "'") return this.string(start, c, false);
    if (c === "@" && (c2 === '"' || c2 === "'")) return this.string(start, c2, true);
    if (c === "$") return this.variable(start);
    if (c === "/" && this.regexAllowed()) return this.regex(start);
    const two = s.slice(start, start + 2);
    const twoChar: Record<string, TokenKind> = {
      "==": TokenKind.Eq, "=~": TokenKind.TildeEq, "!=": TokenKind.NotEq, "<>": TokenKind.NotEq, "!~": TokenKind.NotTilde,
      "<=": TokenKind.Le, ">=": TokenKind.Ge, "..": TokenKind.DotDot,
    };
    if (twoChar[two]) {
      this.pos += 2;
      return this.tok(twoChar[two], start);
    }
    const oneChar: Record<string, TokenKind> = {
      "|": TokenKind.Pipe, ",": TokenKind.Comma, "(": TokenKind.LParen, ")": TokenKind.RParen, "[": TokenKind.LBracket,
      "]": TokenKind.RBracket, ".": TokenKind.Dot, "=": TokenKind.Assign, "<": TokenKind.Lt, ">": TokenKind.Gt,
      "+": TokenKind.Plus, "-": TokenKind.Minus, "*": TokenKind.Star, "/": TokenKind.Slash, "%": TokenKind.Percent,
    };
    if (oneChar[c]) {
      this.pos += 1;
      return this.tok(oneChar[c], start);
    }
    if (c === "!" && c2 !== undefined && isIdentStart(c2)) {
      this.pos++;
      const word = this.ident(this.pos);
      return { kind: TokenKind.BangWord, value: word.value, from: start, to: this.pos };
    }
    if (c === "!") this.fail("unexpected '!': write 'not(…)' to negate a condition", start);
    if (c === ";") this.fail("unexpected ';': a query is a single pipeline, not a list of statements", start);
    if (c === "`") this.fail("unexpected '`': quote unusual names as ['name'] or attributes['key']", start);
    const cp = s.codePointAt(start)!;
    const shown = cp > 0x20 && cp < 0x7f ? `'${c}'` : `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
    this.fail(`unexpected character ${shown}`, start, start + (cp > 0xffff ? 2 : 1));
  }

  private ident(start: number): Token {
    const s = this.src;
    let end = start;
    while (end < s.length && isIdentPart(s[end])) end++;
    let value = s.slice(start, end);
    for (const h of HYPHENATED) {
      if (h.startsWith(value + "-") && s.startsWith(h, start) && !isIdentPart(s[start + h.length] ?? "")) {
        value = h;
        end = start + h.length;
      }
    }
    if (value === "in" && s[end] === "~") {
      value = "in~";
      end++;
    }
    this.pos = end;
    return { kind: TokenKind.Ident, value, from: start, to: end };
  }

  private number(start: number): Token {
    const s = this.src;
    let p = start;
    while (isDigit(s[p] ?? "")) p++;
    let isInt = true;
    if (s[p] === "." && isDigit(s[p + 1] ?? "")) {
      isInt = false;
      p++;
      while (isDigit(s[p] ?? "")) p++;
    }
    if ((s[p] === "e" || s[p] === "E") && (isDigit(s[p + 1] ?? "") || ((s[p + 1] === "+" || s[p + 1] === "-") && isDigit(s[p + 2] ?? "")))) {
      isInt = false;
      p += 2;
      while (isDigit(s[p] ?? "")) p++;
    }
    const raw = s.slice(start, p);
    let u = p;
    while (u < s.length && (isIdentPart(s[u]) || s[u] === "µ")) u++;
    this.pos = u;
    if (!Number.isFinite(Number(raw))) this.fail(`number '${raw}' is too large`, start, u);
    if (u === p) return { kind: TokenKind.Number, value: raw, from: start, to: p, num: Number(raw), isInt };
    const unit = s.slice(p, u);
    const per = unitNanos(unit);
    if (per === undefined) this.fail(`invalid number '${s.slice(start, u)}': '${unit}' is not a timespan unit (ns, us, ms, s, m, h, d, w)`, start, u);
    const amount = Number(raw);
    return { kind: TokenKind.Timespan, value: s.slice(start, u), from: start, to: u, num: Math.round(amount * per), amount, unit };
  }

  private string(start: number, quote: string, verbatim: boolean): Token {
    const s = this.src;
    let p = start + (verbatim ? 2 : 1);
    let out = "";
    for (;;) {
      if (p >= s.length) this.fail("unterminated string", start, s.length);
      const c = s[p];
      if (c === quote) {
        // Verbatim strings double the quote to include it (@"say ""hi""").
        if (verbatim && s[p + 1] === quote) {
          out += quote;
          p += 2;
          continue;
        }
        p++;
        break;
      }
      if (c === "\\" && !verbatim) {
        const e = s[p + 1];
        const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", "0": "\0", "\\": "\\", '"': '"', "'": "'" };
        if (e !== undefined && simple[e] !== undefined) {
          out += simple[e];
          p += 2;
        } else if (e === "u" && /^[0-9a-fA-F]{4}$/.test(s.slice(p + 2, p + 6))) {
          out += String.fromCharCode(parseInt(s.slice(p + 2, p + 6), 16));
          p += 6;
        } else {
          // Unknown escapes stay as written so regexes like "\d+" work without doubling.
          out += "\\";
          p += 1;
        }
        continue;
      }
      out += c;
      p++;
    }
    this.pos = p;
    return { kind: TokenKind.String, value: out, from: start, to: p, verbatim };
  }

  private variable(start: number): Token {
    const s = this.src;
    let p = start + 1;
    if (!isIdentStart(s[p] ?? "")) this.fail("expected a variable name after '$'", start, p + 1);
    while (p < s.length && isIdentPart(s[p])) p++;
    this.pos = p;
    return { kind: TokenKind.Variable, value: s.slice(start + 1, p), from: start, to: p };
  }

  private regex(start: number): Token {
    const s = this.src;
    let p = start + 1;
    let out = "";
    for (;;) {
      if (p >= s.length || s[p] === "\n") this.fail("unterminated regex: expected a closing '/'", start, p);
      const c = s[p];
      if (c === "/") break;
      if (c === "\\" && s[p + 1] === "/") {
        out += "/";
        p += 2;
        continue;
      }
      if (c === "\\" && p + 1 < s.length) {
        out += c + s[p + 1];
        p += 2;
        continue;
      }
      out += c;
      p++;
    }
    this.pos = p + 1;
    return { kind: TokenKind.Regex, value: out, from: start, to: p + 1 };
  }
}
