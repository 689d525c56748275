/**
 * The closed set of token kinds the lexer produces. Word operators (`where`, `has`,
 * `contains`…) are plain identifiers: the parser decides from position whether a word is
 * an operator, a function or a field, so `count` can be both a column and a function.
 */
export const TokenKind = {
  EOF: "EOF",
  Ident: "Ident",
  /** `!has`, `!contains`, `!in~`…: a negated word operator; `value` is the word without `!`. */
  BangWord: "BangWord",
  String: "String",
  Number: "Number",
  Timespan: "Timespan",
  /** `/pattern/` after `=~`, `!~` or `matches` (Monoscope's slash regex). */
  Regex: "Regex",
  /** `$name`; `value` is the name without `$`. */
  Variable: "Variable",
  Pipe: "|",
  Comma: ",",
  LParen: "(",
  RParen: ")",
  LBracket: "[",
  RBracket: "]",
  Dot: ".",
  DotDot: "..",
  Assign: "=",
  Eq: "==",
  NotEq: "!=",
  Lt: "<",
  Le: "<=",
  Gt: ">",
  Ge: ">=",
  TildeEq: "=~",
  NotTilde: "!~",
  Plus: "+",
  Minus: "-",
  Star: "*",
  Slash: "/",
  Percent: "%",
} as const;

export type TokenKind = (typeof TokenKind)[keyof typeof TokenKind];

export interface Token {
  kind: TokenKind;
  /** Identifier name, decoded string, raw number text, regex pattern or punctuation. */
  value: string;
  /** Offsets into the query text, `to` exclusive. */
  from: number;
  to: number;
  /** Number value, or a timespan in nanoseconds. */
  num?: number;
  /** For numbers: written without a fraction or exponent. */
  isInt?: boolean;
  /** For timespans: the amount and unit as written (`5`, `m`). */
  amount?: number;
  unit?: string;
  /** For strings: written as a verbatim `@"…"` string. */
  verbatim?: boolean;
}

/** How a token reads in an error message. */
export function describeToken(t: Token): string {
  switch (t.kind) {
    case TokenKind.EOF:
      return "end of query";
    case TokenKind.Ident:
      return `'${t.value}'`;
    case TokenKind.BangWord:
      return `'!${t.value}'`;
    case TokenKind.String:
      return `string ${JSON.stringify(t.value.length > 20 ? t.value.slice(0, 20) + "…" : t.value)}`;
    case TokenKind.Number:
    case TokenKind.Timespan:
      return `'${t.value}'`;
    case TokenKind.Regex:
      return "regex";
    case TokenKind.Variable:
      return `'$${t.value}'`;
    default:
      return `'${t.kind}'`;
  }
}
