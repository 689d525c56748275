import type { BinaryExpr, CallExpr, Expr, ListOpExpr } from "./ast.ts";
import { lookupFunction } from "./functions.ts";
import type { SemanticModel } from "./model.ts";
import type { ValueType } from "./schema.ts";
import { type ParamSink, quoteIdent } from "./sql-text.ts";
import { parseDatetimeText } from "./timespan.ts";

/**
 * Expression → DuckDB SQL. Every function name and operator below is fixed text from
 * this file; values from the query (strings, numbers, regexes, map keys, variables)
 * only ever become parameters. Types come from the checker's model.
 */
export interface ExprEnv {
  m: SemanticModel;
  params: ParamSink;
  nowUs: number;
  /** Seconds rate() divides by in the summarize being compiled. */
  rateSeconds?: number;
  /**
   * Fan-out (compile-partial.ts): replaces each aggregate call with the SQL of its
   * partial state or of the merge of those states.
   */
  aggregate?: (e: CallExpr, x: ExprCompiler) => string;
}

/** A term boundary for has/hasprefix/hassuffix: anything but a letter or digit (KQL terms). */
const EDGE_L = "(^|[^\\p{L}\\p{N}])";
const EDGE_R = "($|[^\\p{L}\\p{N}])";
const escapeRegex = (s: string) => s.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");

export class ExprCompiler {
  private readonly env: ExprEnv;

  constructor(env: ExprEnv) {
    this.env = env;
  }

  private p(v: string | number | boolean | null): string {
    return this.env.params.add(v);
  }
  type(e: Expr): ValueType {
    return this.env.m.types.get(e) ?? "any";
  }
  private ts(us: number): string {
    return `make_timestamp(CAST(${this.p(Math.round(us))} AS BIGINT))`;
  }
  /** A timespan (ns) as a DuckDB INTERVAL. */
  private interval(e: Expr): string {
    const ns = this.env.m.timespanConst.get(e);
    if (ns !== undefined) return `to_microseconds(CAST(${this.p(Math.floor(ns / 1000))} AS BIGINT))`;
    return `to_microseconds(CAST(floor(${this.sql(e)} / 1000) AS BIGINT))`;
  }

  /** Read `e` as `target` when it is a map value (text). */
  coerce(e: Expr, target: ValueType): string {
    const s = this.sql(e);
    if (this.type(e) !== "dynamic") return s;
    if (target === "int" || target === "real" || target === "timespan") return `TRY_CAST(${s} AS DOUBLE)`;
    if (target === "bool") return `TRY_CAST(${s} AS BOOLEAN)`;
    if (target === "datetime") return `TRY_CAST(${s} AS TIMESTAMP)`;
    return s;
  }
  bool(e: Expr): string {
    return this.coerce(e, "bool");
  }
  num(e: Expr): string {
    return this.coerce(e, "real");
  }
  private text(e: Expr): string {
    const t = this.type(e);
    return t === "string" || t === "dynamic" || t === "any" ? this.sql(e) : `CAST(${this.sql(e)} AS VARCHAR)`;
  }
  /** Both sides of a comparison, a map value read as the other side's type. */
  private pair(l: Expr, r: Expr): [string, string] {
    return [this.coerce(l, this.type(r)), this.coerce(r, this.type(l))];
  }

  sql(e: Expr): string {
    const dt = this.env.m.datetimeConst.get(e);
    if (dt !== undefined) return this.ts(dt);
    switch (e.kind) {
      case "Literal":
        if (e.type === "null") return "NULL";
        return this.p(e.value);
      case "Var": {
        // A text variable read as a timespan (the checker parsed it): its nanoseconds.
        const ns = this.env.m.timespanConst.get(e);
        if (ns !== undefined) return this.p(ns);
        const v = this.env.m.vars.get(e);
        if (v === undefined || v === null || Array.isArray(v)) return "NULL";
        return this.p(v as string | number | boolean);
      }
      case "Field": {
        const r = this.env.m.fields.get(e);
        if (!r) throw new Error("internal: unresolved field");
        return r.kind === "column" ? quoteIdent(r.name) : `element_at(${quoteIdent(r.mapColumn)}, ${this.p(r.key)})[1]`;
      }
      case "Star":
        return "*";
      case "Unary":
        return e.op === "not" ? `(NOT ${this.bool(e.operand)})` : `(- ${this.num(e.operand)})`;
      case "Binary":
        return this.binary(e);
      case "ListOp":
        return this.listOp(e);
      case "Between": {
        const t = this.type(e.operand);
        const inner = `(${this.coerce(e.operand, this.type(e.low))} BETWEEN ${this.coerce(e.low, t)} AND ${this.coerce(e.high, t)})`;
        return e.negated ? `(NOT coalesce(${inner}, false))` : inner;
      }
      case "Call":
        return this.call(e);
    }
  }

  private binary(e: BinaryExpr): string {
    const { op, left, right } = e;
    if (op === "and" || op === "or") return `(${this.bool(left)} ${op.toUpperCase()} ${this.bool(right)})`;
    const sev = this.env.m.severity.get(e);
    if (sev) return `(${quoteIdent(sev.column)} ${sev.op} ${this.p(sev.level)})`;
    const isNull = (x: Expr) => this.type(x) === "null";
    if ((op === "==" || op === "!=") && (isNull(left) || isNull(right))) {
      const other = isNull(left) ? right : left;
      return `(${this.sql(other)} ${op === "==" ? "IS NULL" : "IS NOT NULL"})`;
    }
    switch (op) {
      case "==":
      case "!=":
      case "<":
      case "<=":
      case ">":
      case ">=": {
        const [l, r] = this.pair(left, right);
        const sqlOp = op === "==" ? "=" : op === "!=" ? "<>" : op;
        return `(${l} ${sqlOp} ${r})`;
      }
      case "+":
      case "-":
      case "*":
      case "/":
      case "%":
        return this.arithmetic(e);
      case "=~":
      case "!~": {
        const pos = right.kind === "Literal" && right.type === "regex"
          ? `regexp_matches(${this.text(left)}, ${this.p("(?i)" + String(right.value))})`
          : `(lower(${this.text(left)}) = lower(${this.text(right)}))`;
        return op === "=~" ? pos : `(NOT coalesce(${pos}, false))`;
      }
    }
    const negated = op.startsWith("!");
    const word = negated ? op.slice(1) : op;
    const pos = this.stringOp(word, left, right);
    return negated ? `(NOT coalesce(${pos}, false))` : pos;
  }

  private stringOp(word: string, left: Expr, right: Expr): string {
    const cs = word.endsWith("_cs");
    const base = cs ? word.slice(0, -3) : word;
    const L = this.text(left);
    const R = this.text(right);
    const ci = (s: string) => (cs ? s : `lower(${s})`);
    switch (base) {
      case "contains":
        return `contains(${ci(L)}, ${ci(R)})`;
      case "startswith":
        return `starts_with(${ci(L)}, ${ci(R)})`;
      case "endswith":
        return `suffix(${ci(L)}, ${ci(R)})`;
      case "has":
      case "hasprefix":
      case "hassuffix": {
        const term = this.constText(right);
        const flags = cs ? "" : "(?i)";
        if (term === undefined) {
          // A term held in a column: compare against the row's terms.
          return `list_contains(regexp_split_to_array(${ci(L)}, ${this.p("[^\\p{L}\\p{N}]+")}), ${ci(R)})`;
        }
        const t = escapeRegex(term);
        const pattern = base === "has" ? EDGE_L + t + EDGE_R : base === "hasprefix" ? EDGE_L + t : t + EDGE_R;
        return `regexp_matches(${L}, ${this.p(flags + pattern)})`;
      }
      case "matches":
        return this.regex(L, right, true);
      case "matches regex":
        return this.regex(L, right, false);
    }
    throw new Error(`internal: string operator ${word}`);
  }

  /** Monoscope: `matches /re/` (and `=~ /re/`) ignore case; `matches regex "re"` does not. */
  private regex(L: string, right: Expr, ignoreCase: boolean): string {
    const pattern = this.constText(right);
    if (pattern !== undefined) return `regexp_matches(${L}, ${this.p((ignoreCase ? "(?i)" : "") + pattern)})`;
    return ignoreCase ? `regexp_matches(${L}, concat(${this.p("(?i)")}, ${this.text(right)}))` : `regexp_matches(${L}, ${this.text(right)})`;
  }

  private constText(e: Expr): string | undefined {
    if (e.kind === "Literal" && (e.type === "string" || e.type === "regex")) return String(e.value);
    if (e.kind === "Var") {
      const v = this.env.m.vars.get(e);
      return typeof v === "string" ? v : undefined;
    }
    return undefined;
  }

  private arithmetic(e: BinaryExpr): string {
    const lt = this.type(e.left);
    const rt = this.type(e.right);
    if (lt === "datetime" && rt === "datetime") return `((epoch_us(${this.sql(e.left)}) - epoch_us(${this.sql(e.right)})) * 1000)`;
    if (lt === "datetime" && rt === "timespan") return `(${this.sql(e.left)} ${e.op} ${this.interval(e.right)})`;
    if (lt === "timespan" && rt === "datetime") return `(${this.sql(e.right)} + ${this.interval(e.left)})`;
    return `(${this.num(e.left)} ${e.op} ${this.num(e.right)})`;
  }

  /** Items of an in-list, with `$list` variables spread into one parameter each. */
  private listItems(e: ListOpExpr, wrap: (s: string) => string): string[] {
    const out: string[] = [];
    const target = this.type(e.operand);
    for (const item of e.items) {
      const v = item.kind === "Var" ? this.env.m.vars.get(item) : undefined;
      if (Array.isArray(v)) {
        for (const el of v) out.push(wrap(target === "datetime" ? this.ts(parseDatetimeText(String(el)) ?? NaN) : this.p(el)));
      } else {
        out.push(wrap(this.coerce(item, target)));
      }
    }
    return out;
  }

  private listTerms(e: ListOpExpr): string[] {
    const terms: string[] = [];
    for (const item of e.items) {
      const v = item.kind === "Var" ? this.env.m.vars.get(item) : undefined;
      if (Array.isArray(v)) terms.push(...v.map(String));
      else {
        const t = this.constText(item);
        if (t !== undefined) terms.push(t);
      }
    }
    return terms;
  }

  private listOp(e: ListOpExpr): string {
    switch (e.op) {
      case "in":
      case "!in": {
        const firstItem = e.items.find((i) => this.type(i) !== "dynamic" && this.type(i) !== "list") ?? e.items[0];
        const L = this.coerce(e.operand, firstItem ? this.type(firstItem) : "any");
        const items = this.listItems(e, (s) => s);
        if (items.length === 0) return e.op === "in" ? "false" : "true";
        const inner = `(${L} IN (${items.join(", ")}))`;
        return e.op === "in" ? inner : `(NOT coalesce(${inner}, false))`;
      }
      case "in~":
      case "!in~": {
        const items = this.listItems(e, (s) => `lower(${s})`);
        if (items.length === 0) return e.op === "in~" ? "false" : "true";
        const inner = `(lower(${this.text(e.operand)}) IN (${items.join(", ")}))`;
        return e.op === "in~" ? inner : `(NOT coalesce(${inner}, false))`;
      }
      case "has_any": {
        const terms = this.listTerms(e);
        if (terms.length === 0) return "false";
        return `regexp_matches(${this.text(e.operand)}, ${this.p(`(?i)${EDGE_L}(${terms.map(escapeRegex).join("|")})${EDGE_R}`)})`;
      }
      case "has_all": {
        const terms = this.listTerms(e);
        if (terms.length === 0) return "true";
        const L = this.text(e.operand);
        return `(${terms.map((t) => `regexp_matches(${L}, ${this.p(`(?i)${EDGE_L}${escapeRegex(t)}${EDGE_R}`)})`).join(" AND ")})`;
      }
    }
  }

  private call(e: CallExpr): string {
    if (this.env.aggregate && lookupFunction(e.name)?.kind === "aggregate") return this.env.aggregate(e, this);
    const a = e.args;
    const m = this.env.m;
    const pct = m.percentiles.get(e);
    if (pct && e.name !== "percentiles") return `quantile_cont(${this.num(a[0])}, ${this.p(pct[0])})`;
    switch (e.name) {
      // ---- aggregations
      case "count":
        return a[0] && a[0].kind !== "Star" ? `count(${this.sql(a[0])})` : "count(*)";
      case "countif":
        return `count(*) FILTER (WHERE ${this.bool(a[0])})`;
      case "dcount":
        return `count(DISTINCT ${this.sql(a[0])})`;
      case "dcountif":
        return `count(DISTINCT ${this.sql(a[0])}) FILTER (WHERE ${this.bool(a[1])})`;
      case "sum":
      case "avg":
        return `${e.name}(${this.num(a[0])})`;
      case "sumif":
      case "avgif":
        return `${e.name.slice(0, 3)}(${this.num(a[0])}) FILTER (WHERE ${this.bool(a[1])})`;
      case "min":
      case "max":
        return `${e.name}(${this.sql(a[0])})`;
      case "median":
        return `median(${this.num(a[0])})`;
      case "stdev":
        return `stddev_samp(${this.num(a[0])})`;
      case "variance":
        return `var_samp(${this.num(a[0])})`;
      case "range":
        return this.type(a[0]) === "datetime"
          ? `((epoch_us(max(${this.sql(a[0])})) - epoch_us(min(${this.sql(a[0])}))) * 1000)`
          : `(max(${this.num(a[0])}) - min(${this.num(a[0])}))`;
      case "rate": {
        const seconds = this.env.rateSeconds;
        if (!seconds) throw new Error("internal: rate() without a bin or time range");
        return `(${a[0] ? `sum(${this.num(a[0])})` : "count(*)"} / ${this.p(seconds)})`;
      }
      // ---- time
      case "bin":
      case "floor":
      case "bin_auto":
        return this.bin(e);
      case "ago": {
        const ns = m.timespanConst.get(a[0]);
        if (ns !== undefined) return this.ts(this.env.nowUs - Math.floor(ns / 1000));
        return `(${this.ts(this.env.nowUs)} - ${this.interval(a[0])})`;
      }
      case "now":
        return this.ts(this.env.nowUs);
      case "datetime":
      case "todatetime":
        return `TRY_CAST(${this.sql(a[0])} AS TIMESTAMP)`;
      // ---- text and values
      case "strcat":
        return `concat(${a.map((x) => this.sql(x)).join(", ")})`;
      case "coalesce":
      case "iff":
      case "iif":
      case "case":
        return this.conditional(e);
      case "round":
        return a[1] ? `round(CAST(${this.sql(a[0])} AS DOUBLE), CAST(${this.sql(a[1])} AS INTEGER))` : `round(CAST(${this.sql(a[0])} AS DOUBLE))`;
      case "abs":
        return `abs(${this.num(a[0])})`;
      case "tostring":
        return `CAST(${this.sql(a[0])} AS VARCHAR)`;
      case "toint":
      case "tolong": {
        const t = this.type(a[0]);
        if (t === "int" || t === "timespan") return this.sql(a[0]);
        if (t === "real") return `TRY_CAST(trunc(${this.sql(a[0])}) AS BIGINT)`;
        const s = this.sql(a[0]);
        return `coalesce(TRY_CAST(${s} AS BIGINT), TRY_CAST(trunc(TRY_CAST(${s} AS DOUBLE)) AS BIGINT))`;
      }
      case "todouble":
      case "toreal":
      case "tofloat":
        return `TRY_CAST(${this.sql(a[0])} AS DOUBLE)`;
      case "tobool":
        return `TRY_CAST(${this.sql(a[0])} AS BOOLEAN)`;
      case "tolower":
        return `lower(${this.text(a[0])})`;
      case "toupper":
        return `upper(${this.text(a[0])})`;
      case "strlen":
        return `length(${this.text(a[0])})`;
      case "substring": {
        const start = `(CAST(${this.sql(a[1])} AS BIGINT) + 1)`;
        const len = a[2] ? `CAST(${this.sql(a[2])} AS BIGINT)` : `length(${this.text(a[0])})`;
        return `substring(${this.text(a[0])}, ${start}, ${len})`;
      }
      case "extract":
        return `nullif(regexp_extract(${this.text(a[2])}, ${this.p(this.constText(a[0]) ?? "")}, CAST(${this.sql(a[1])} AS INTEGER)), ${this.p("")})`;
      case "isnull":
      case "isnotnull":
        return `(${this.sql(a[0])} ${e.name === "isnull" ? "IS NULL" : "IS NOT NULL"})`;
      case "isempty":
      case "isnotempty": {
        const t = this.type(a[0]);
        // cardinality() takes only maps; len() takes lists (DuckDB 0.9 and later alike).
        const size = t === "map" ? `cardinality(${this.sql(a[0])})` : t === "list" ? `len(${this.sql(a[0])})` : `length(${this.text(a[0])})`;
        return `(coalesce(${size}, 0) ${e.name === "isempty" ? "=" : ">"} 0)`;
      }
    }
    throw new Error(`internal: no SQL for ${e.name}()`);
  }

  private bin(e: CallExpr): string {
    const [value, size] = e.args;
    const us = this.env.m.binUs.get(e);
    if (us !== undefined) return `time_bucket(to_microseconds(CAST(${this.p(us)} AS BIGINT)), ${this.sql(value)})`;
    const ns = this.env.m.timespanConst.get(size);
    // One marker used twice: finalizeParams emits the value once per `?`.
    const s = ns !== undefined ? this.p(ns) : this.sql(size);
    const floored = `(floor(${this.num(value)} / ${s}) * ${s})`;
    return this.type(e) === "int" || this.type(e) === "timespan" ? `CAST(${floored} AS BIGINT)` : floored;
  }

  /** coalesce/iff/case: values read as the common type. */
  private conditional(e: CallExpr): string {
    const t = this.type(e);
    const v = (x: Expr) => this.coerce(x, t);
    const a = e.args;
    if (e.name === "coalesce") return `COALESCE(${a.map(v).join(", ")})`;
    if (e.name === "iff" || e.name === "iif") return `(CASE WHEN ${this.bool(a[0])} THEN ${v(a[1])} ELSE ${v(a[2])} END)`;
    const parts: string[] = [];
    for (let i = 0; i + 1 < a.length; i += 2) parts.push(`WHEN ${this.bool(a[i])} THEN ${v(a[i + 1])}`);
    return `(CASE ${parts.join(" ")} ELSE ${v(a[a.length - 1])} END)`;
  }
}
