import { check, type CheckOptions } from "./checker.ts";
import { FUNCTIONS, type FunctionDef } from "./functions.ts";
import { lex } from "./lexer.ts";
import { OPERATOR_NAMES, parse } from "./parser.ts";
import { quote } from "./printer.ts";
import { defaultSources, type SourceDef } from "./schema.ts";
import type { Scope } from "./scope.ts";
import { type Token, TokenKind } from "./token-kind.ts";

/**
 * Editor completion at a cursor: operators after `|`, fields of the schema (and attribute
 * keys a provider has seen in the data), functions with signatures, and values for the
 * field on the left of a comparison. Works on half-typed text: it lexes tolerantly and
 * only parses the complete pipeline stages before the cursor.
 */
export interface Suggestion {
  label: string;
  insertText: string;
  kind: "source" | "operator" | "keyword" | "field" | "function" | "aggregation" | "value" | "variable";
  detail?: string;
  /** The range the suggestion replaces (the partly typed word). */
  from: number;
  to: number;
}

export interface SuggestionProvider {
  /** Attribute keys seen in the data (`http.route`), for `attributes.` / `resource.` paths. */
  attributeKeys?(q: { source: string; scope: "record" | "resource"; prefix: string }): Promise<string[]> | string[];
  /** Values seen for a field (`service.name` → api, web…). */
  fieldValues?(q: { source: string; field: string; prefix: string }): Promise<string[]> | string[];
}

export interface CompleteOptions extends CheckOptions {
  provider?: SuggestionProvider;
  /** At most this many suggestions (default 100). */
  limit?: number;
}

const COMPARE_OPS = ["==", "!=", "<", "<=", ">", ">=", "=~", "!~"];
const WORD_OPS = [
  "and", "or", "contains", "!contains", "contains_cs", "has", "!has", "has_cs", "hasprefix", "hassuffix", "startswith",
  "!startswith", "endswith", "!endswith", "matches regex", "in", "!in", "in~", "has_any", "has_all", "between",
];
const OPERAND_END = new Set<string>([
  TokenKind.Ident, TokenKind.RParen, TokenKind.RBracket, TokenKind.String, TokenKind.Number, TokenKind.Timespan, TokenKind.Variable,
  TokenKind.Regex,
]);
const VALUE_AFTER = new Set<string>([...COMPARE_OPS, "contains", "has", "startswith", "endswith", "in", "has_any", "has_all"]);

export async function complete(query: string, cursor: number, opts: CompleteOptions = {}): Promise<Suggestion[]> {
  const text = query.slice(0, Math.max(0, Math.min(cursor, query.length)));
  const tokens = lex(text, { tolerant: true }).filter((t) => t.kind !== TokenKind.EOF);
  const registry = opts.sources ?? defaultSources;
  const out: Suggestion[] = [];
  const lexedTo = tokens.length ? tokens[tokens.length - 1].to : 0;
  const rest = text.slice(lexedTo).trimStart();

  // An unterminated string: complete a value.
  const restFrom = text.length - rest.length;
  if (rest.startsWith('"') || rest.startsWith("'")) {
    const field = fieldBefore(tokens, tokens.length - 1) ?? fieldBefore(tokens, tokens.length - 2);
    return finish(await values(opts, sourceOf(tokens, opts), field, rest.slice(1), restFrom, cursor), rest, opts);
  }
  if (rest === "$") {
    for (const name of Object.keys(opts.vars ?? {})) out.push({ label: `$${name}`, insertText: `$${name}`, kind: "variable", from: restFrom, to: cursor });
    return out.slice(0, opts.limit ?? 100);
  }

  // The partly typed word: a dotted path or a $variable touching the cursor.
  let start = tokens.length;
  while (start > 0) {
    const t = tokens[start - 1];
    const touches = t.to === (start === tokens.length ? text.length : tokens[start].from);
    if (!touches || !(t.kind === TokenKind.Ident || t.kind === TokenKind.Dot || t.kind === TokenKind.Variable || t.kind === TokenKind.BangWord)) break;
    start--;
    if (t.kind === TokenKind.Variable || t.kind === TokenKind.BangWord) break;
  }
  const from = start < tokens.length ? tokens[start].from : text.length;
  const prefix = text.slice(from);
  const before = tokens.slice(0, start);
  const range = { from, to: cursor };

  if (prefix.startsWith("$")) {
    for (const name of Object.keys(opts.vars ?? {})) out.push({ label: `$${name}`, insertText: `$${name}`, kind: "variable", ...range });
    return finish(out, prefix, opts);
  }

  const last = before[before.length - 1];
  const pipe = lastPipe(before);
  const segment = before.slice(pipe + 1);
  const opWord = segment[0]?.kind === TokenKind.Ident ? segment[0].value : undefined;
  const scope = scopeAt(query, pipe >= 0 ? before[pipe].from : -1, opts, before);

  if (last?.kind === TokenKind.Pipe) {
    for (const op of OPERATOR_NAMES) out.push({ label: op, insertText: op === "sort" || op === "order" ? `${op} by ` : `${op} `, kind: "operator", ...range });
    return finish(out, prefix, opts);
  }
  if (!last) {
    for (const s of registry.names()) out.push({ label: s, insertText: s, kind: "source", detail: registry.get(s)?.doc, ...range });
  }
  if ((opWord === "sort" || opWord === "order" || opWord === "top") && !segment.some((t) => t.kind === TokenKind.Ident && t.value === "by")) {
    if (opWord !== "top" || segment.length > 1) out.push({ label: "by", insertText: "by ", kind: "keyword", ...range });
    return finish(out, prefix, opts);
  }
  if (opWord === "take" || opWord === "limit" || opWord === "count" || opWord === "search") return [];

  // After a complete operand: operators (or sort directions, or summarize's `by`).
  if (last && OPERAND_END.has(last.kind) && !(last.kind === TokenKind.Ident && isKeyword(last.value)) && pipe < before.length - 1) {
    if (opWord === "sort" || opWord === "order" || opWord === "top") {
      for (const k of ["asc", "desc", "nulls first", "nulls last"]) out.push({ label: k, insertText: k, kind: "keyword", ...range });
    } else if (opWord === "summarize" || opWord === "extend" || opWord === "project") {
      if (opWord === "summarize" && !segment.some((t) => t.value === "by")) out.push({ label: "by", insertText: "by ", kind: "keyword", ...range });
    } else {
      for (const op of [...COMPARE_OPS, ...WORD_OPS]) out.push({ label: op, insertText: `${op} `, kind: "operator", ...range });
    }
    if (prefix === "" || out.some((s) => s.label.startsWith(prefix))) return finish(out, prefix, opts);
    out.length = 0;
  }

  // After a comparison: values of the field on the left.
  const opText = last ? (last.kind === TokenKind.Ident || last.kind === TokenKind.BangWord ? last.value : last.kind) : "";
  const afterParen = last?.kind === TokenKind.LParen && before[before.length - 2]?.value === "in";
  if (last && (VALUE_AFTER.has(opText) || afterParen)) {
    const field = fieldBefore(before, before.length - (afterParen ? 2 : 1));
    out.push(...(await values(opts, scope.source.name, field, prefix.replace(/^["']/, ""), from, cursor)));
    for (const name of Object.keys(opts.vars ?? {})) out.push({ label: `$${name}`, insertText: `$${name}`, kind: "variable", ...range });
    if (out.length) return finish(out, prefix, opts);
  }

  // Otherwise an operand: fields, then functions.
  const inAgg = opWord === "summarize" && !segment.some((t) => t.kind === TokenKind.Ident && t.value === "by");
  const fns = opWord === "project-away" ? [] : FUNCTIONS.filter((f) => f.kind === "scalar" || inAgg).map((f) => fnSuggestion(f, range));
  if (inAgg) {
    // Aggregations first where an aggregation is due.
    out.push(...fns.filter((f) => f.kind === "aggregation"));
    for (const p of ["p50", "p90", "p95", "p99"]) out.push({ label: p, insertText: `${p}(`, kind: "aggregation", detail: `${p}(expr) — percentile`, ...range });
  }
  out.push(...(await fields(scope, prefix, range, opts)));
  out.push(...fns.filter((f) => f.kind !== "aggregation"));
  return finish(out, prefix, opts);
}

function fnSuggestion(f: FunctionDef, range: { from: number; to: number }): Suggestion {
  return { label: f.name, insertText: `${f.name}(`, kind: f.kind === "aggregate" ? "aggregation" : "function", detail: `${f.signature} — ${f.doc}`, ...range };
}

function isKeyword(w: string): boolean {
  return ["and", "or", "not", "by", "where", "filter", "summarize", "extend", "project", "sort", "order", "top", "distinct", "in", "has", "contains", "between", "matches", "regex", "startswith", "endswith", "has_any", "has_all"].includes(w);
}

function lastPipe(tokens: Token[]): number {
  let depth = 0;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const k = tokens[i].kind;
    if (k === TokenKind.RParen || k === TokenKind.RBracket) depth++;
    else if (k === TokenKind.LParen || k === TokenKind.LBracket) depth--;
    else if (k === TokenKind.Pipe && depth <= 0) return i;
  }
  return -1;
}

/** The dotted field path ending just before `end` (for `service.name == |`). */
function fieldBefore(tokens: Token[], end: number): string | undefined {
  let i = end - 1;
  const parts: string[] = [];
  while (i >= 0 && tokens[i].kind === TokenKind.Ident) {
    parts.unshift(tokens[i].value);
    if (i > 0 && tokens[i - 1].kind === TokenKind.Dot) i -= 2;
    else break;
  }
  return parts.length ? parts.join(".") : undefined;
}

function sourceOf(tokens: Token[], opts: CompleteOptions): string {
  const registry = opts.sources ?? defaultSources;
  const first = tokens[0];
  return first?.kind === TokenKind.Ident && registry.get(first.value) ? registry.get(first.value)!.name : opts.defaultSource ?? "logs";
}

/** The columns in scope where the current stage starts: check the stages before it. */
function scopeAt(query: string, pipeAt: number, opts: CompleteOptions, tokens: Token[]): Scope {
  const registry = opts.sources ?? defaultSources;
  const head = pipeAt >= 0 ? query.slice(0, pipeAt) : tokens.length && registry.get(tokens[0].value) ? tokens[0].value : "";
  try {
    return check(parse(head, { sources: registry.allNames() }), opts).output;
  } catch {
    return check(parse(sourceOf(tokens, opts), { sources: registry.allNames() }), opts).output;
  }
}

async function fields(scope: Scope, prefix: string, range: { from: number; to: number }, opts: CompleteOptions): Promise<Suggestion[]> {
  const out: Suggestion[] = [];
  if (!scope.isSource) {
    for (const c of scope.columns) out.push({ label: c.name, insertText: c.name, kind: "field", detail: c.type, ...range });
    return out;
  }
  const src: SourceDef = scope.source;
  const present = new Set(scope.columns.map((c) => c.origin ?? c.name));
  for (const c of src.columns) {
    if (!present.has(c.name)) continue;
    out.push({ label: c.otel ?? c.name, insertText: c.otel ?? c.name, kind: "field", detail: `${c.type} — ${c.doc}`, ...range });
  }
  for (const [name, a] of Object.entries(src.fieldAliases ?? {})) out.push({ label: name, insertText: name, kind: "field", detail: a.doc, ...range });
  for (const c of scope.columns) if (!c.origin) out.push({ label: c.name, insertText: c.name, kind: "field", detail: c.type, ...range });
  const m = /^(attributes|resource)\.(.*)$/.exec(prefix);
  if (m && opts.provider?.attributeKeys) {
    const keys = await opts.provider.attributeKeys({ source: src.name, scope: m[1] === "resource" ? "resource" : "record", prefix: m[2] });
    for (const k of keys) out.push({ label: `${m[1]}.${k}`, insertText: /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(k) ? `${m[1]}.${k}` : `${m[1]}[${quote(k, "'")}]`, kind: "field", detail: "attribute", ...range });
  }
  return out;
}

async function values(opts: CompleteOptions, source: string, field: string | undefined, prefix: string, from: number, to: number): Promise<Suggestion[]> {
  if (!field || !opts.provider?.fieldValues) return [];
  const vals = await opts.provider.fieldValues({ source, field, prefix });
  return vals.map((v) => ({ label: v, insertText: quote(v, '"'), kind: "value" as const, from, to }));
}

function finish(list: Suggestion[], prefix: string, opts: CompleteOptions): Suggestion[] {
  const p = prefix.replace(/^["']/, "").toLowerCase();
  const seen = new Set<string>();
  const matches = list.filter((s) => {
    const key = `${s.kind}:${s.label}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return s.label.toLowerCase().startsWith(p);
  });
  return matches.slice(0, opts.limit ?? 100);
}
