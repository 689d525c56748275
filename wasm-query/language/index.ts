/**
 * The pipeline query language (KQL family, Monoscope-compatible): lexer → parser →
 * checker → SQL compiler, plus the printer and completion. See docs/query-language.md.
 *
 *   validate(query, opts)          → diagnostics with ranges
 *   compile(query, opts)           → { sql, params, columns } or throws QueryError
 *   complete(query, cursor, opts)  → suggestions
 */
import type { QueryNode } from "./ast.ts";
import { check, type CheckOptions } from "./checker.ts";
import { type CompiledQuery, compileModel, type SqlOptions } from "./compile-sql.ts";
import { type Diagnostic, QueryError } from "./errors.ts";
import type { SemanticModel } from "./model.ts";
import { parse, type ParseOptions } from "./parser.ts";
import { defaultSources } from "./schema.ts";

export type { Diagnostic, QueryErrorCode } from "./errors.ts";
export { QueryError, QuerySyntaxError } from "./errors.ts";
export * from "./ast.ts";
export { lex, DEFAULT_MAX_LENGTH, DEFAULT_MAX_TOKENS } from "./lexer.ts";
export { TokenKind, type Token } from "./token-kind.ts";
export { parse, parseExpression, OPERATOR_NAMES, type ParseOptions } from "./parser.ts";
export { check, type CheckOptions } from "./checker.ts";
export { autoBinUs } from "./check-expr.ts";
export { compileModel, type CompiledQuery, type SqlOptions } from "./compile-sql.ts";
export type { SqlParam } from "./sql-text.ts";
export { print, printExpr, type PrintOptions } from "./printer.ts";
export { getLocation } from "./location.ts";
export { FUNCTIONS, lookupFunction, type FunctionDef } from "./functions.ts";
export {
  createDefaultRegistry, defaultSources, resolveSourceField, SourceRegistry,
  type FieldResolution, type SourceDef, type ValueType,
} from "./schema.ts";
export type { SemanticModel, TimeRange, VarValue } from "./model.ts";
export { complete, type CompleteOptions, type Suggestion, type SuggestionProvider } from "./complete.ts";

/** Options shared by validate and compile. */
export interface QueryOptions extends CheckOptions, Pick<ParseOptions, "maxTokens" | "maxLength" | "maxDepth"> {}

export type CompileOptions = Omit<QueryOptions, "timeRange"> & SqlOptions;

function parseWith(query: string, opts: QueryOptions): QueryNode {
  const sources = (opts.sources ?? defaultSources).allNames();
  return parse(query, { sources, maxTokens: opts.maxTokens, maxLength: opts.maxLength, maxDepth: opts.maxDepth });
}

/** Parse and check: every problem with its range, sorted by position (empty = valid). */
export function validate(query: string, opts: QueryOptions = {}): Diagnostic[] {
  let ast: QueryNode;
  try {
    ast = parseWith(query, opts);
  } catch (err) {
    if (err instanceof QueryError) return err.diagnostics;
    throw err;
  }
  return check(ast, opts).diagnostics;
}

/** Parse, check and check again that it is an error-free model. */
export function analyze(query: string, opts: QueryOptions = {}): { ast: QueryNode; model: SemanticModel } {
  const ast = parseWith(query, opts);
  const model = check(ast, opts);
  const first = model.diagnostics.find((d) => d.severity === "error");
  if (first) throw new QueryError("semantic", first.message, query, first.from, first.to, model.diagnostics);
  return { ast, model };
}

/**
 * Query text → DuckDB SQL with `?` parameters. The time range (and project) are part of
 * the innermost scan and cannot be removed by the query. Throws `QueryError` (with the
 * range of the first problem and all diagnostics) for an invalid query.
 */
export function compile(query: string, opts: CompileOptions): CompiledQuery {
  const { fromUs, toUs } = opts.timeRange ?? { fromUs: NaN, toUs: NaN };
  if (!Number.isSafeInteger(fromUs) || !Number.isSafeInteger(toUs) || fromUs >= toUs) {
    throw new QueryError("semantic", "the time range must have whole-microsecond from < to", query, 0, 0);
  }
  // Compiling binds variables: an unknown $name is an error, not NULL.
  const { model } = analyze(query, { ...opts, vars: opts.vars ?? {} });
  return compileModel(model, opts);
}
