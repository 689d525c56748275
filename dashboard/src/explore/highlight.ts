/**
 * Token classes for the editor, from the language's own lexer (the same one the server
 * parses with), so highlighting never disagrees with what runs. Pure, unit-tested.
 */
import { lex } from "../../../wasm-query/language/lexer";
import { OPERATOR_NAMES } from "../../../wasm-query/language/parser";
import { TokenKind } from "../../../wasm-query/language/token-kind";

export type TokenClass = "operator" | "keyword" | "function" | "string" | "number" | "variable" | "field" | "source" | "punct";

export interface ClassedToken {
  from: number;
  to: number;
  cls: TokenClass;
}

const OPERATORS = new Set<string>(OPERATOR_NAMES);
const KEYWORDS = new Set(["by", "and", "or", "not", "asc", "desc", "nulls", "first", "last", "in", "has", "contains", "startswith", "endswith", "between", "matches", "regex", "has_any", "has_all", "true", "false", "null", "with", "contains_cs", "has_cs", "hasprefix", "hassuffix", "in~"]);
const SOURCES = new Set(["logs", "spans", "metrics", "checks"]);

export function classify(text: string): ClassedToken[] {
  let tokens;
  try {
    tokens = lex(text);
  } catch {
    return []; // an unterminated string, say: the linter underlines it
  }
  const out: ClassedToken[] = [];
  tokens.forEach((t, i) => {
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    let cls: TokenClass | null = null;
    switch (t.kind) {
      case TokenKind.EOF:
        return;
      case TokenKind.String:
      case TokenKind.Regex:
        cls = "string";
        break;
      case TokenKind.Number:
      case TokenKind.Timespan:
        cls = "number";
        break;
      case TokenKind.Variable:
        cls = "variable";
        break;
      case TokenKind.BangWord:
        cls = "keyword";
        break;
      case TokenKind.Ident: {
        const word = t.value.toLowerCase();
        if ((i === 0 || prev?.kind === TokenKind.Pipe) && SOURCES.has(word)) cls = "source";
        else if (prev?.kind === TokenKind.Pipe && OPERATORS.has(word)) cls = "operator";
        else if (next?.kind === TokenKind.LParen) cls = "function";
        else if (KEYWORDS.has(word)) cls = "keyword";
        else cls = "field";
        break;
      }
      case TokenKind.Pipe:
        cls = "operator";
        break;
      default:
        cls = "punct";
    }
    out.push({ from: t.from, to: t.to, cls });
  });
  return out;
}
