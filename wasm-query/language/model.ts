import type { BinaryExpr, CallExpr, Expr, FieldExpr, NamedExpr, Operator, SummarizeOp, VarExpr } from "./ast.ts";
import type { Diagnostic } from "./errors.ts";
import type { SourceDef, ValueType } from "./schema.ts";
import type { Resolved, Scope } from "./scope.ts";

/**
 * What the checker learnt about a query, keyed by AST node: the compiler reads it instead
 * of re-deriving types and names, so both stages agree by construction.
 */
export type VarScalar = string | number | boolean | null;
export type VarValue = VarScalar | readonly (string | number | boolean)[];

export interface TimeRange {
  /** Inclusive start, microseconds since the epoch. */
  fromUs: number;
  /** Exclusive end, microseconds since the epoch. */
  toUs: number;
}

export interface SeverityCompare {
  /** The severity_number column to compare instead of the text. */
  column: string;
  op: "<" | "<=" | ">" | ">=";
  level: number;
}

export interface SemanticModel {
  source: SourceDef;
  /** The pipeline, with a bare leading filter turned into a `where`. */
  ops: Operator[];
  diagnostics: Diagnostic[];
  types: Map<Expr, ValueType>;
  fields: Map<FieldExpr, Resolved>;
  vars: Map<VarExpr, VarValue>;
  /** Constant datetimes in µs: datetime("…"), and strings compared with a datetime. */
  datetimeConst: Map<Expr, number>;
  /** Constant timespans in ns: literals, and "5m"-style strings where a timespan is due. */
  timespanConst: Map<Expr, number>;
  /** Width in µs of bin(datetime, …) and bin_auto(…) buckets. */
  binUs: Map<CallExpr, number>;
  /** Percentiles as fractions (0.95) for percentile(), percentiles() and pNN(). */
  percentiles: Map<CallExpr, number[]>;
  severity: Map<BinaryExpr, SeverityCompare>;
  /** Output column names per list item (several for percentiles()). */
  names: Map<NamedExpr, string[]>;
  inScope: Map<Operator, Scope>;
  outScope: Map<Operator, Scope>;
  /** Seconds rate() divides by in each summarize (bin width or time range). */
  rateSeconds: Map<SummarizeOp, number | undefined>;
  output: Scope;
}
