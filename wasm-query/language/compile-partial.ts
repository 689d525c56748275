import type { CallExpr } from "./ast.ts";
import type { ExprCompiler } from "./compile-expr.ts";
import type { SemanticModel } from "./model.ts";
import { type ParamSink, quoteIdent } from "./sql-text.ts";

/**
 * Aggregates in two steps, for the edge engine's fan-out (a scan larger than its memory
 * budget runs batch by batch): each batch computes *partial states* grouped by the
 * summarize keys, the states are collected, and a final query merges them.
 *
 *   count, countif, sum, sumif, rate   → sum of the partial counts/sums
 *   min, max, range                    → min/max of the partial min/max
 *   avg, avgif                         → sum(sum) / sum(count)
 *   stdev, variance                    → from count, sum and sum of squares
 *   dcount, dcountif                   → the value becomes an extra grouping key of the
 *                                        partial step; the final step counts it distinct
 *   percentiles, median, pNN           → the value, rounded to 3 significant digits
 *                                        (±0.5%), becomes an extra grouping key with its
 *                                        row count; the final step takes the nearest-rank
 *                                        bucket from a running sum. Approximate, like the
 *                                        sketches Datadog and Prometheus use, and flagged.
 *
 * Both steps walk the same AST in the same order, so the i-th aggregate call of the
 * partial step and of the final step agree on their column names (`__a<i>…`).
 */
export type SplitRole = "partial" | "final";

interface Expansion {
  /** Column name in the partial result. */
  key: string;
  /** Partial: SQL of the key. */
  sql: string;
}

interface Percentile {
  bucket: string;
  count: string;
  cum: string;
  total: string;
}

/** Rounds to 3 significant digits: at most 0.5% relative error, ≤ ~900 buckets per decade. */
function bucketSql(v: string): string {
  return `CASE WHEN ${v} IS NULL OR isnan(${v}) OR isinf(${v}) THEN ${v} WHEN ${v} = 0 THEN 0.0 ELSE round(${v}, CAST(2 - floor(log10(abs(${v}))) AS INTEGER)) END`;
}

export class AggregateSplitter {
  /** Partial step: the state columns, in order. */
  readonly stateColumns: string[] = [];
  /** Partial step: extra grouping keys (dcount values, percentile buckets). */
  readonly expansions: Expansion[] = [];
  /** Final step: running sums the percentile merges read. */
  readonly percentiles: Percentile[] = [];
  approximate = false;
  private next = 0;

  constructor(
    readonly role: SplitRole,
    private readonly m: SemanticModel,
    private readonly params: ParamSink,
    private readonly rateSeconds: number | undefined,
  ) {}

  get rateSecondsOrUndefined(): number | undefined {
    return this.rateSeconds;
  }

  /** The SQL standing for aggregate call `e` in this role. */
  aggregate = (e: CallExpr, x: ExprCompiler): string => {
    const id = `__a${this.next++}`;
    const a = e.args;
    const partial = this.role === "partial";
    const col = (suffix = "") => quoteIdent(id + suffix);
    const state = (suffix: string, sql: string) => {
      this.stateColumns.push(`${sql} AS ${col(suffix)}`);
      return "NULL"; // the partial step's select list is built from stateColumns
    };
    const filter = (cond: CallExpr["args"][number] | undefined) => (cond ? ` FILTER (WHERE ${x.bool(cond)})` : "");
    const fractions = e.name === "median" ? [0.5] : this.m.percentiles.get(e);
    if (fractions) return this.percentile(e, x, id, fractions);
    switch (e.name) {
      case "count":
      case "countif": {
        if (partial) {
          const inner = e.name === "countif" ? `count(*)${filter(a[0])}` : a[0] && a[0].kind !== "Star" ? `count(${x.sql(a[0])})` : "count(*)";
          return state("", inner);
        }
        return `CAST(coalesce(sum(${col()}), 0) AS BIGINT)`;
      }
      case "sum":
      case "sumif":
        return partial ? state("", `sum(${x.num(a[0])})${filter(a[1])}`) : `sum(${col()})`;
      case "rate": {
        if (!this.rateSeconds) throw new Error("internal: rate() without a bin or time range");
        if (partial) return state("", a[0] ? `sum(${x.num(a[0])})` : "count(*)");
        return `(coalesce(sum(${col()}), 0) / ${this.params.add(this.rateSeconds)})`;
      }
      case "min":
      case "max":
        return partial ? state("", `${e.name}(${x.sql(a[0])})`) : `${e.name}(${col()})`;
      case "range":
        if (partial) {
          state("_lo", `min(${x.sql(a[0])})`);
          return state("_hi", `max(${x.sql(a[0])})`);
        }
        return x.type(a[0]) === "datetime"
          ? `((epoch_us(max(${col("_hi")})) - epoch_us(min(${col("_lo")}))) * 1000)`
          : `(max(${col("_hi")}) - min(${col("_lo")}))`;
      case "avg":
      case "avgif":
        if (partial) {
          state("_s", `sum(CAST(${x.num(a[0])} AS DOUBLE))${filter(a[1])}`);
          return state("_n", `count(${x.num(a[0])})${filter(a[1])}`);
        }
        return `(sum(${col("_s")}) / sum(${col("_n")}))`;
      case "stdev":
      case "variance": {
        if (partial) {
          const v = `CAST(${x.num(a[0])} AS DOUBLE)`;
          state("_n", `count(${v})`);
          state("_s", `sum(${v})`);
          return state("_q", `sum(${v} * ${v})`);
        }
        const n = `sum(${col("_n")})`;
        const s = `sum(${col("_s")})`;
        const variance = `CASE WHEN ${n} > 1 THEN greatest((sum(${col("_q")}) - ${s} * ${s} / ${n}) / (${n} - 1), 0) END`;
        return e.name === "stdev" ? `sqrt(${variance})` : variance;
      }
      case "dcount":
      case "dcountif": {
        const key = `${id}_k`;
        if (partial) {
          const v = x.sql(a[0]);
          this.expansions.push({ key, sql: e.name === "dcountif" ? `CASE WHEN ${x.bool(a[1])} THEN ${v} END` : v });
          return "NULL";
        }
        this.expansions.push({ key, sql: "" });
        return `count(DISTINCT ${quoteIdent(key)})`;
      }
    }
    throw new Error(`internal: no partial form for ${e.name}()`);
  };

  private percentile(e: CallExpr, x: ExprCompiler, id: string, fractions: number[]): string {
    this.approximate = true;
    const p: Percentile = { bucket: `${id}_b`, count: `${id}_c`, cum: `${id}_cum`, total: `${id}_tot` };
    if (this.role === "partial") {
      const v = `CAST(${x.num(e.args[0])} AS DOUBLE)`;
      this.expansions.push({ key: p.bucket, sql: bucketSql(v) });
      this.stateColumns.push(`count(${v}) AS ${quoteIdent(p.count)}`);
      return "NULL";
    }
    this.expansions.push({ key: p.bucket, sql: "" });
    this.percentiles.push(p);
    // percentiles(x, a, b, …) produces one column per fraction; the summarize compiler
    // asks for them one by one through percentileColumn().
    this.lastFractions = fractions;
    this.lastPercentile = p;
    return this.percentileColumn(0);
  }

  private lastFractions: number[] = [];
  private lastPercentile?: Percentile;

  /** The merge SQL of the i-th fraction of the percentile call just compiled. */
  percentileColumn(i: number): string {
    const p = this.lastPercentile!;
    const q = this.params.add(this.lastFractions[i]);
    const b = quoteIdent(p.bucket);
    return `min(${b}) FILTER (WHERE ${b} IS NOT NULL AND ${quoteIdent(p.cum)} >= ${q} * ${quoteIdent(p.total)})`;
  }

  /** Final step: the running-sum columns over the partial rows, partitioned by the keys. */
  windows(keys: string[]): string[] {
    const partition = keys.length ? `PARTITION BY ${keys.join(", ")} ` : "";
    return this.percentiles.flatMap((p) => [
      `sum(${quoteIdent(p.count)}) OVER (${partition}ORDER BY ${quoteIdent(p.bucket)} ASC NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS ${quoteIdent(p.cum)}`,
      `sum(${quoteIdent(p.count)}) OVER (${partition.trim()}) AS ${quoteIdent(p.total)}`,
    ]);
  }
}
