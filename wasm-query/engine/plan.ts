/**
 * Query text → what the engine runs: the compiled SQL for any set of files (whole), the
 * partial/final pair for fan-out, and the columns to prefetch. Pure: no I/O.
 */
import { SIGNALS, type Signal, TABLES } from "../../core/schema";
import { analyze, compile, compileSplit, type CompileOptions } from "../language/index";
import { valueFilters, type ValueFilter } from "./prune";
import type { QueryPlan, SqlText } from "./engine";
import { parquetRelation } from "./relation";

export type PlanOptions = Omit<CompileOptions, "relation"> & {
  /** The files differ in schema version: match their columns by name. */
  unionByName?: boolean;
};

export interface PlannedQuery {
  plan: QueryPlan;
  signal: Signal;
  /** Table columns the SQL can read: prefetched, so DuckDB rarely misses. */
  columns: string[];
  /** Output columns with the language's types. */
  output: { name: string; type: string }[];
  /** Equality filters every matching row satisfies: files and row groups are pruned by them. */
  filters: ValueFilter[];
  /** True when fan-out would merge percentiles approximately. */
  approximateWhenSplit: boolean;
  /** The SQL over the given file names (for explain). */
  sqlFor(fileNames: string[]): SqlText;
}

/** Compiles once to check the query (throws QueryError with a range), then builds the plan. */
export function planQuery(query: string, opts: PlanOptions): PlannedQuery {
  const probe = compile(query, { ...opts, relation: "__files__" });
  const signal = probe.source as Signal;
  if (!SIGNALS.includes(signal)) throw new Error(`internal: source ${probe.source} has no table`);
  const relation = (names: string[]) => () => parquetRelation(signal, names, opts.unionByName);
  const whole = (names: string[]): SqlText => {
    const c = compile(query, { ...opts, relation: relation(names) });
    return { sql: c.sql, params: c.params };
  };
  const splitFor = (names: string[], table = "__partials__") => compileSplit(query, { ...opts, relation: relation(names), finalRelation: `"${table}"` });
  const split = compileSplit(query, { ...opts, relation: "__files__", finalRelation: '"__partials__"' });
  const { model } = analyze(query, { ...opts, vars: opts.vars ?? {} });
  return {
    signal,
    filters: valueFilters(model),
    columns: readColumns(signal, [probe.sql, split.partial.sql], probe.columns.map((c) => c.name)),
    output: probe.columns,
    approximateWhenSplit: split.approximate,
    sqlFor: whole,
    plan: {
      whole,
      split: {
        partial: (names) => {
          const p = splitFor(names).partial;
          return { sql: p.sql, params: p.params };
        },
        enoughRows: split.enoughRows,
        final: (table) => {
          if (!/^[A-Za-z0-9_]+$/.test(table)) throw new Error("internal: unsafe table name");
          const f = splitFor([], table).final;
          return { sql: f.sql, params: f.params };
        },
      },
    },
  };
}

/**
 * Columns a query can read: those its SQL names (the compiler quotes every identifier)
 * plus those that reach the output through `*`. Anything else DuckDB touches is learned
 * from a read miss, so this only has to be right for speed, not for correctness.
 */
export function readColumns(signal: Signal, sqls: string[], outputNames: string[]): string[] {
  const named = new Set(outputNames);
  for (const sql of sqls) for (const m of sql.matchAll(/"((?:[^"]|"")+)"/g)) named.add(m[1].replace(/""/g, '"'));
  named.add("timestamp");
  return TABLES[signal].map((c) => c.name).filter((n) => named.has(n));
}
