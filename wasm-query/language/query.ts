import type { QueryNode } from "./ast.ts";
import { check, type CheckOptions } from "./checker.ts";
import { type CompiledQuery, compileModel, compileSplitModel, type SplitQuery, type SqlOptions } from "./compile-sql.ts";
import { type Diagnostic, QueryError } from "./errors.ts";
import type { SemanticModel } from "./model.ts";
import { parse, type ParseOptions } from "./parser.ts";
import { defaultSources } from "./schema.ts";

/**
 * The three entry points the API and the dashboard use: validate (diagnostics for an
 * editor), analyze (the checked model) and compile (SQL for the engine).
 */

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
  return compileModel(analyzeForSql(query, opts), opts);
}

/**
 * Like compile, as a partial step (per batch of files) and a final step (over the
 * collected partial results in `finalRelation`): the edge engine's fan-out.
 */
export function compileSplit(query: string, opts: CompileOptions & { finalRelation: string }): SplitQuery {
  return compileSplitModel(analyzeForSql(query, opts), opts);
}

function analyzeForSql(query: string, opts: CompileOptions): SemanticModel {
  const { fromUs, toUs } = opts.timeRange ?? { fromUs: NaN, toUs: NaN };
  if (!Number.isSafeInteger(fromUs) || !Number.isSafeInteger(toUs) || fromUs >= toUs) {
    throw new QueryError("semantic", "the time range must have whole-microsecond from < to", query, 0, 0);
  }
  // Compiling binds variables: an unknown $name is an error, not NULL.
  return analyze(query, { ...opts, vars: opts.vars ?? {} }).model;
}
