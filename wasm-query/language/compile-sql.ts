import type { Expr, NamedExpr, Operator, SortKey } from "./ast.ts";
import { childExprs } from "./ast.ts";
import { ExprCompiler } from "./compile-expr.ts";
import { AggregateSplitter, type SplitRole } from "./compile-partial.ts";
import type { SemanticModel, TimeRange } from "./model.ts";
import type { ValueType } from "./schema.ts";
import { finalizeParams, ParamSink, quoteIdent, type SqlParam } from "./sql-text.ts";

/**
 * The checked pipeline → one DuckDB SELECT. Each operator has its own visit function and
 * folds into the current SELECT when that keeps the meaning, else wraps it as a subquery.
 * The innermost SELECT reads the caller's relation with the time range (and project) as
 * parameters ANDed before the user's conditions, which are each in parentheses — nothing
 * in the query text can widen what is scanned.
 */
export interface SqlOptions {
  timeRange: TimeRange;
  /** FROM of the innermost scan; default: the source name as an identifier. Trusted text. */
  relation?: string | ((source: string) => string);
  /** Adds `project_id = ?` to the innermost scan (for relations that hold several projects). */
  projectId?: string;
  projectColumn?: string;
  /** The query's `now()`, µs since the epoch (default: the clock). */
  nowUs?: number;
  /** Cap the rows returned with an outer LIMIT. */
  maxRows?: number;
}

export interface CompiledQuery {
  sql: string;
  params: SqlParam[];
  columns: { name: string; type: ValueType }[];
  source: string;
}

class Select {
  select: string[] = ["*"];
  where: string[] = [];
  groupBy: string[] = [];
  orderBy: string[] = [];
  limit?: string;
  distinct = false;
  aggregated = false;

  readonly from: string;

  constructor(from: string) {
    this.from = from;
  }

  /** Only `SELECT * … WHERE …`: operators can replace the select list freely. */
  get plain(): boolean {
    return this.select.length === 1 && this.select[0] === "*" && !this.distinct && !this.aggregated;
  }

  render(): string {
    let s = `SELECT ${this.distinct ? "DISTINCT " : ""}${this.select.join(", ")} FROM ${this.from}`;
    if (this.where.length) s += ` WHERE ${this.where.join(" AND ")}`;
    if (this.groupBy.length) s += ` GROUP BY ${this.groupBy.join(", ")}`;
    if (this.orderBy.length) s += ` ORDER BY ${this.orderBy.join(", ")}`;
    if (this.limit !== undefined) s += ` LIMIT ${this.limit}`;
    return s;
  }
}

/** Stands for the caller's relation until the SQL has been checked. */
const RELATION = "\u0003";

export function compileModel(m: SemanticModel, opts: SqlOptions): CompiledQuery {
  return new SqlCompiler(m, opts).run();
}

/** A query as a partial step run on each batch of files and a final step over their results. */
export interface SplitQuery {
  /** Reads `opts.relation` (a batch of files); its rows are collected into one table. */
  partial: CompiledQuery;
  /** Reads that table (`finalRelation`) and answers the query. */
  final: CompiledQuery;
  /** True when a merge is approximate (percentiles: ±0.5%). */
  approximate: boolean;
  /**
   * Partial rows after which further batches cannot change the answer: a `take N` with no
   * sort before it (any N rows will do), or plain rows up to maxRows.
   */
  enoughRows?: number;
}

/**
 * Where a pipeline splits for fan-out: the operators before the first one that needs all
 * rows at once (row-local where/extend/project) run on each batch; that operator runs
 * on each batch and again over the collected results (take, top, sort+take, distinct
 * are idempotent that way), or, for summarize/count, as partial states then a merge.
 */
interface SplitPoint {
  /** Index of a take that ends the partial step with no ordering before it. */
  takeAt?: number;
  /** Operators [0, partialEnd) run in the partial step. */
  partialEnd: number;
  /** Operators [finalStart, n) run in the final step. */
  finalStart: number;
  /** The summarize/count split into partial states and their merge. */
  aggregateAt?: number;
  /** The partial step keeps at most maxRows (a sort or plain rows: the final step re-sorts). */
  capPartial: boolean;
}

function splitPoint(ops: Operator[]): SplitPoint {
  for (let i = 0; i < ops.length; i++) {
    switch (ops[i].kind) {
      case "Summarize":
      case "Count":
        return { partialEnd: i, finalStart: i, aggregateAt: i, capPartial: false };
      case "Take":
        return { partialEnd: i + 1, finalStart: i, capPartial: false, takeAt: i };
      case "Top":
      case "Distinct":
        return { partialEnd: i + 1, finalStart: i, capPartial: false };
      case "Sort":
        if (ops[i + 1]?.kind === "Take") return { partialEnd: i + 2, finalStart: i, capPartial: false };
        return { partialEnd: i + 1, finalStart: i, capPartial: true };
    }
  }
  return { partialEnd: ops.length, finalStart: ops.length, capPartial: true };
}

export function compileSplitModel(m: SemanticModel, opts: SqlOptions & { finalRelation: string }): SplitQuery {
  const at = splitPoint(m.ops);
  const partial = new SqlCompiler(m, opts, { role: "partial", at });
  const final = new SqlCompiler(m, { ...opts, relation: opts.finalRelation, projectId: undefined }, { role: "final", at });
  const p = partial.run();
  const f = final.run();
  let enoughRows: number | undefined;
  if (at.takeAt !== undefined) enoughRows = partial.takeCount(m.ops[at.takeAt]);
  else if (at.partialEnd === m.ops.length && at.capPartial && opts.maxRows !== undefined) enoughRows = opts.maxRows;
  return { partial: p, final: f, approximate: partial.approximate || final.approximate, enoughRows };
}

class SqlCompiler {
  private readonly params = new ParamSink();
  private readonly nowUs: number;
  private cur: Select;
  private subqueries = 0;
  approximate = false;

  private readonly m: SemanticModel;
  private readonly opts: SqlOptions;
  private readonly split?: { role: SplitRole; at: SplitPoint };

  constructor(m: SemanticModel, opts: SqlOptions, split?: { role: SplitRole; at: SplitPoint }) {
    this.m = m;
    this.opts = opts;
    this.split = split;
    this.nowUs = opts.nowUs ?? Date.now() * 1000;
    this.cur = new Select(RELATION);
    // The final step of a split reads the partial results, already scoped and filtered.
    if (split?.role === "final") return;
    const time = quoteIdent(m.source.timeColumn);
    const { fromUs, toUs } = opts.timeRange;
    this.cur.where.push(`${time} >= make_timestamp(CAST(${this.params.add(fromUs)} AS BIGINT))`);
    this.cur.where.push(`${time} < make_timestamp(CAST(${this.params.add(toUs)} AS BIGINT))`);
    if (opts.projectId !== undefined) {
      this.cur.where.push(`${quoteIdent(opts.projectColumn ?? "project_id")} = ${this.params.add(opts.projectId)}`);
    }
  }

  run(): CompiledQuery {
    this.visitOps();
    if (this.opts.maxRows !== undefined && (this.split?.role !== "partial" || this.split.at.capPartial)) {
      if (this.cur.limit !== undefined) this.wrap();
      this.cur.limit = `CAST(${this.params.add(this.opts.maxRows)} AS BIGINT)`;
    }
    const marked = this.cur.render();
    // Belt and braces: with every value a parameter, the SQL has no quotes or comments.
    if (/[;'`]|--|\/\*/.test(marked)) throw new Error("internal: unexpected character in generated SQL");
    const { sql, params } = finalizeParams(marked, this.params);
    const rel = this.opts.relation;
    const relation = typeof rel === "function" ? rel(this.m.source.name) : rel ?? quoteIdent(this.m.source.name);
    return {
      sql: sql.replace(RELATION, () => relation),
      params,
      columns: this.m.output.columns.map((c) => ({ name: c.name, type: c.type })),
      source: this.m.source.name,
    };
  }

  private visitOps(): void {
    const ops = this.m.ops;
    if (!this.split) {
      for (const op of ops) this.visit(op);
      return;
    }
    const { role, at } = this.split;
    if (role === "partial") {
      for (const op of ops.slice(0, at.partialEnd)) this.visit(op);
      if (at.aggregateAt !== undefined) this.aggregateStep(ops[at.aggregateAt], "partial");
      return;
    }
    let from = at.finalStart;
    if (at.aggregateAt !== undefined) {
      this.aggregateStep(ops[at.aggregateAt], "final");
      from = at.aggregateAt + 1;
    }
    for (const op of ops.slice(from)) this.visit(op);
  }

  /** A summarize or count as partial states (role "partial") or as their merge ("final"). */
  private aggregateStep(op: Operator, role: SplitRole): void {
    if (op.kind !== "Summarize" && op.kind !== "Count") throw new Error("internal: split at a non-aggregate");
    this.beginAggregate();
    const splitter = new AggregateSplitter(role, this.m, this.params, op.kind === "Summarize" ? this.m.rateSeconds.get(op) : undefined);
    const e = new ExprCompiler({ m: this.m, params: this.params, nowUs: this.nowUs, rateSeconds: splitter.rateSecondsOrUndefined, aggregate: splitter.aggregate });
    const select: string[] = [];
    const keys: string[] = [];
    if (op.kind === "Count") {
      select.push(role === "partial" ? `count(*) AS ${quoteIdent("__a0")}` : `CAST(coalesce(sum(${quoteIdent("__a0")}), 0) AS BIGINT) AS ${quoteIdent("Count")}`);
    } else {
      for (const item of op.by) {
        const name = this.names(item)[0];
        keys.push(quoteIdent(name));
        select.push(role === "partial" ? this.aliased(e.sql(item.expr), name) : quoteIdent(name));
      }
      for (const item of op.aggs) {
        const names = this.names(item);
        const sql = e.sql(item.expr);
        if (role === "partial") continue;
        select.push(`${sql} AS ${quoteIdent(names[0])}`);
        for (let i = 1; i < names.length; i++) select.push(`${splitter.percentileColumn(i)} AS ${quoteIdent(names[i])}`);
      }
    }
    this.approximate ||= splitter.approximate;
    if (role === "partial") {
      select.push(...splitter.expansions.map((x) => `${x.sql} AS ${quoteIdent(x.key)}`), ...splitter.stateColumns);
      this.cur.groupBy = Array.from({ length: keys.length + splitter.expansions.length }, (_, i) => String(i + 1));
    } else {
      const windows = splitter.windows(keys);
      if (windows.length) this.cur = new Select(`(SELECT *, ${windows.join(", ")} FROM ${this.cur.from}) AS w${++this.subqueries}`);
      this.cur.groupBy = keys.map((_, i) => String(i + 1));
    }
    this.cur.select = select;
    this.cur.aggregated = true;
  }

  private wrap(): void {
    this.cur = new Select(`(${this.cur.render()}) AS q${++this.subqueries}`);
  }

  private exprs(rateSeconds?: number): ExprCompiler {
    return new ExprCompiler({ m: this.m, params: this.params, nowUs: this.nowUs, rateSeconds });
  }

  private names(item: NamedExpr): string[] {
    const n = this.m.names.get(item);
    if (!n) throw new Error("internal: unnamed item");
    return n;
  }

  private visit(op: Operator): void {
    switch (op.kind) {
      case "Where":
        return this.where(this.exprs().bool(op.predicate));
      case "Search":
        return this.search(op);
      case "Extend":
        return this.extend(op);
      case "Project":
        return this.project(op.items, false, this.inputNames(op));
      case "Distinct":
        // DISTINCT applies before LIMIT in one SELECT, and keeps no order: start afresh.
        if (this.cur.limit !== undefined) this.wrap();
        this.cur.orderBy = [];
        if (op.items.length) return this.project(op.items, true, this.inputNames(op));
        if (!this.cur.plain) this.wrap();
        this.cur.distinct = true;
        return;
      case "ProjectAway": {
        if (!this.cur.plain) this.wrap();
        const names = op.fields.map((f) => {
          const r = this.m.fields.get(f);
          if (r?.kind !== "column") throw new Error("internal: project-away of a map key");
          return quoteIdent(r.name);
        });
        this.cur.select = [`* EXCLUDE (${names.join(", ")})`];
        return;
      }
      case "Summarize":
        return this.summarize(op);
      case "Sort":
        if (!this.cur.plain || this.cur.limit !== undefined) this.wrap();
        this.cur.orderBy = op.keys.map((k) => this.sortKey(k));
        return;
      case "Take":
        if (this.cur.limit !== undefined) this.wrap();
        this.cur.limit = this.rowCount(op.count);
        return;
      case "Top":
        if (!this.cur.plain || this.cur.limit !== undefined) this.wrap();
        this.cur.orderBy = [this.sortKey(op.key)];
        this.cur.limit = this.rowCount(op.count);
        return;
      case "Count":
        this.beginAggregate();
        this.cur.select = [`count(*) AS ${quoteIdent("Count")}`];
        this.cur.aggregated = true;
        return;
    }
  }

  private inputNames(op: Operator): Set<string> {
    return new Set(this.m.inScope.get(op)!.columns.map((c) => c.name));
  }

  private where(cond: string): void {
    if (!this.cur.plain || this.cur.limit !== undefined) this.wrap();
    this.cur.where.push(`(${cond})`);
  }

  /** Case-insensitive substring search over every text (and map) column in scope. */
  private search(op: Extract<Operator, { kind: "Search" }>): void {
    const scope = this.m.inScope.get(op)!;
    const e = this.exprs();
    const needle = `lower(${e.sql(op.text)})`;
    const cols = scope.columns.filter((c) => c.type === "string" || c.type === "dynamic" || c.type === "map");
    if (cols.length === 0) return this.where("false");
    const terms = cols.map((c) => {
      const col = c.type === "map" ? `CAST(${quoteIdent(c.name)} AS VARCHAR)` : quoteIdent(c.name);
      return `coalesce(contains(lower(${col}), ${needle}), false)`;
    });
    this.where(`(${terms.join(" OR ")})`);
  }

  private extend(op: Extract<Operator, { kind: "Extend" }>): void {
    if (!this.cur.plain) this.wrap();
    let available = new Set(this.m.inScope.get(op)!.columns.map((c) => c.name));
    let added = new Set<string>();
    let replaces: string[] = [];
    let adds: string[] = [];
    const flush = () => {
      if (replaces.length || adds.length) this.cur.select = [replaces.length ? `* REPLACE (${replaces.join(", ")})` : "*", ...adds];
    };
    for (const item of op.items) {
      const [name] = this.names(item);
      // Columns defined earlier in this extend exist only in the next SELECT.
      if (added.has(name) || [...this.refs(item.expr)].some((r) => added.has(r))) {
        flush();
        this.wrap();
        available = new Set([...available, ...added]);
        added = new Set();
        replaces = [];
        adds = [];
      }
      const sql = `${this.exprs().sql(item.expr)} AS ${quoteIdent(name)}`;
      if (available.has(name) && this.cur.orderBy.length && !replaces.length && !adds.length) {
        // ORDER BY would read the replacement instead of the column it sorted by.
        this.wrap();
      }
      (available.has(name) ? replaces : adds).push(sql);
      added.add(name);
    }
    flush();
  }

  /** Column names an expression reads. */
  private refs(e: Expr, out = new Set<string>()): Set<string> {
    if (e.kind === "Field") {
      const r = this.m.fields.get(e);
      if (r) out.add(r.kind === "column" ? r.name : r.mapColumn);
    }
    for (const c of childExprs(e)) this.refs(c, out);
    return out;
  }

  private project(items: NamedExpr[], distinct: boolean, inputs: Set<string>): void {
    if (!this.cur.plain) this.wrap();
    const e = this.exprs();
    const select = items.map((item) => this.aliased(e.sql(item.expr), this.names(item)[0]));
    // An alias named like an input column would change what the ORDER BY of this SELECT reads.
    const shadows = items.some((item, i) => select[i].includes(" AS ") && inputs.has(this.names(item)[0]));
    if (shadows && this.cur.orderBy.length) this.wrap();
    this.cur.select = select;
    this.cur.distinct = distinct;
  }

  private aliased(sql: string, name: string): string {
    return sql === quoteIdent(name) ? sql : `${sql} AS ${quoteIdent(name)}`;
  }

  /** Aggregating reads every row of the current SELECT: keep a limit inside, drop a bare sort. */
  private beginAggregate(): void {
    if (!this.cur.plain || this.cur.limit !== undefined) this.wrap();
    this.cur.orderBy = [];
  }

  private summarize(op: Extract<Operator, { kind: "Summarize" }>): void {
    this.beginAggregate();
    const e = this.exprs(this.m.rateSeconds.get(op));
    const select: string[] = [];
    for (const item of op.by) select.push(this.aliased(e.sql(item.expr), this.names(item)[0]));
    for (const item of op.aggs) {
      const names = this.names(item);
      const x = item.expr;
      if (x.kind === "Call" && x.name === "percentiles") {
        const arg = e.coerce(x.args[0], "real");
        (this.m.percentiles.get(x) ?? []).forEach((p, i) => select.push(`quantile_cont(${arg}, ${this.params.add(p)}) AS ${quoteIdent(names[i])}`));
      } else {
        select.push(`${e.sql(x)} AS ${quoteIdent(names[0])}`);
      }
    }
    this.cur.select = select;
    this.cur.groupBy = op.by.map((_, i) => String(i + 1));
    this.cur.aggregated = true;
  }

  /** KQL sorts descending by default, nulls last when descending and first when ascending. */
  private sortKey(k: SortKey): string {
    const dir = k.dir ?? "desc";
    const nulls = k.nulls ?? (dir === "desc" ? "last" : "first");
    return `${this.exprs().sql(k.expr)} ${dir.toUpperCase()} NULLS ${nulls.toUpperCase()}`;
  }

  /** The row count of a take, if it is a constant. */
  takeCount(op: Operator): number | undefined {
    if (op.kind !== "Take") return undefined;
    const e = op.count;
    const v = e.kind === "Var" ? this.m.vars.get(e) : e.kind === "Literal" ? e.value : undefined;
    return typeof v === "number" ? v : undefined;
  }

  private rowCount(e: Expr): string {
    const v = e.kind === "Var" ? this.m.vars.get(e) : e.kind === "Literal" ? e.value : undefined;
    if (typeof v !== "number") throw new Error("internal: row count");
    return `CAST(${this.params.add(v)} AS BIGINT)`;
  }
}
