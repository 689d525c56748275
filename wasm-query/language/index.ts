/**
 * The pipeline query language (KQL family, Monoscope-compatible): lexer → parser →
 * checker → SQL compiler, plus the printer and completion. See docs/query-language.md.
 *
 *   validate(query, opts)          → diagnostics with ranges
 *   compile(query, opts)           → { sql, params, columns } or throws QueryError
 *   complete(query, cursor, opts)  → suggestions
 */
export { analyze, compile, compileSplit, validate, type CompileOptions, type QueryOptions } from "./query.ts";
export { complete, type CompleteOptions, type Suggestion, type SuggestionProvider } from "./complete.ts";
export type { Diagnostic, QueryErrorCode } from "./errors.ts";
export { QueryError, QuerySyntaxError } from "./errors.ts";
export * from "./ast.ts";
export { lex, DEFAULT_MAX_LENGTH, DEFAULT_MAX_TOKENS, type LexOptions } from "./lexer.ts";
export { TokenKind, type Token } from "./token-kind.ts";
export { parse, parseExpression, OPERATOR_NAMES, type ParseOptions } from "./parser.ts";
export { check, type CheckOptions } from "./checker.ts";
export { autoBinUs } from "./check-functions.ts";
export { compileModel, compileSplitModel, type CompiledQuery, type SplitQuery, type SqlOptions } from "./compile-sql.ts";
export type { SqlParam } from "./sql-text.ts";
export { print, printExpr, type PrintOptions } from "./printer.ts";
export { getLocation, type SourceLocation } from "./location.ts";
export { FUNCTIONS, lookupFunction, type FunctionDef } from "./functions.ts";
export {
  createDefaultRegistry, defaultSources, resolveSourceField, SourceRegistry,
  type FieldAlias, type FieldResolution, type SourceDef, type ValueType,
} from "./schema.ts";
export type { SemanticModel, TimeRange, VarValue } from "./model.ts";
export { parseDatetimeText, parseTimespanText } from "./timespan.ts";
