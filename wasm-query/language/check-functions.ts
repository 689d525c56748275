import type { CallExpr, Expr } from "./ast.ts";
import { article, CheckerCore, type ExprCtx, isScalar, NUMERIC, TEXTUAL } from "./check-core.ts";
import { didYouMean, hint } from "./did-you-mean.ts";
import { functionNames, lookupFunction, PERCENTILE_SHORTHAND } from "./functions.ts";
import type { ValueType } from "./schema.ts";

/** Bucket widths bin_auto() snaps to, in µs. */
const AUTO_STEPS_S = [1, 5, 10, 30, 60, 300, 600, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86400];

/** The bin_auto() width for a time range: the step giving closest to ~100 buckets. */
export function autoBinUs(rangeUs: number): number {
  const target = Math.max(rangeUs, 1) / 100;
  let best = AUTO_STEPS_S[0] * 1e6;
  for (const s of AUTO_STEPS_S) {
    const us = s * 1e6;
    if (Math.abs(Math.log(us / target)) < Math.abs(Math.log(best / target))) best = us;
  }
  return best;
}

/**
 * Function calls: existence (the allowlist), arity, where aggregations may appear, and the
 * type rules and constant arguments of each function.
 */
export abstract class FunctionChecker extends CheckerCore {
  protected call(e: CallExpr, ctx: ExprCtx): ValueType {
    const def = lookupFunction(e.name);
    const argCtx: ExprCtx = { ...ctx, top: false };
    // After an error in an aggregate position, read its arguments as aggregated: one report, not two.
    const errCtx: ExprCtx = { ...argCtx, inAgg: ctx.mode === "agg" || ctx.inAgg };
    if (!def) {
      const pm = PERCENTILE_SHORTHAND.exec(e.name);
      const msg = pm ? `${e.name}: a percentile must be between 0 and 100` : `unknown function '${e.name}'${hint(didYouMean(e.name, functionNames()))}`;
      this.error(msg, e.nameLoc);
      for (const a of e.args) if (a.kind !== "Star") this.check(a, errCtx);
      return "any";
    }
    if (e.args.length < def.minArgs || e.args.length > def.maxArgs) {
      const want = def.minArgs === def.maxArgs ? `${def.minArgs}` : def.maxArgs > 60 ? `at least ${def.minArgs}` : `${def.minArgs} to ${def.maxArgs}`;
      this.error(`${def.name}() takes ${want} argument${want === "1" ? "" : "s"}, got ${e.args.length}: ${def.signature}`, e.loc);
      for (const a of e.args) if (a.kind !== "Star") this.check(a, errCtx);
      return "any";
    }
    if (def.kind === "aggregate") {
      if (ctx.mode !== "agg") {
        this.error(`${e.name}() is an aggregation: use it in summarize`, e.nameLoc);
        return "any";
      }
      if (ctx.inAgg) {
        this.error(`aggregations cannot be nested: ${e.name}() is inside another aggregation`, e.nameLoc);
        return "any";
      }
      if (e.name === "percentiles" && !ctx.top) {
        this.error("percentiles() must be a whole summarize item; use percentile(x, n) inside expressions", e.nameLoc);
      }
      return this.aggregate(e, { ...argCtx, inAgg: true });
    }
    return this.scalar(e, argCtx);
  }

  private numericArg(e: Expr, ctx: ExprCtx, fn: string, allow: ValueType[] = ["timespan"]): ValueType {
    const t = this.check(e, ctx);
    if (!NUMERIC.has(t) && !allow.includes(t)) this.error(`${fn}() needs a number, but this is ${article(t)}`, e.loc);
    return t;
  }

  private percentArg(e: Expr, fn: string): number {
    const n = this.constNumber(e);
    this.m.types.set(e, "real");
    if (n === undefined || n < 0 || n > 100) {
      this.error(`${fn}() needs a constant percentile between 0 and 100`, e.loc);
      return 0.5;
    }
    return n / 100;
  }

  private aggregate(e: CallExpr, ctx: ExprCtx): ValueType {
    const [a0, a1] = e.args;
    const like = (t: ValueType): ValueType => (t === "datetime" || t === "timespan" || t === "any" ? t : "real");
    const pm = PERCENTILE_SHORTHAND.exec(e.name);
    if (pm) {
      const t = this.numericArg(a0, ctx, e.name, ["timespan", "datetime"]);
      this.m.percentiles.set(e, [Number(pm[1]) / 100]);
      return like(t);
    }
    switch (e.name) {
      case "count":
        if (a0 && a0.kind !== "Star") this.check(a0, ctx);
        return "int";
      case "countif":
        this.checkBool(a0, ctx, "countif()");
        return "int";
      case "dcount":
        this.check(a0, ctx);
        if (a1) {
          const acc = this.constNumber(a1);
          this.m.types.set(a1, "int");
          if (acc === undefined || !Number.isInteger(acc) || acc < 0 || acc > 4) this.error("dcount() accuracy must be a whole number from 0 to 4", a1.loc);
        }
        return "int";
      case "dcountif":
        this.check(a0, ctx);
        this.checkBool(a1, ctx, "dcountif()");
        return "int";
      case "sum":
      case "sumif": {
        const t = this.numericArg(a0, ctx, e.name);
        if (a1) this.checkBool(a1, ctx, `${e.name}()`);
        return t === "int" || t === "timespan" || t === "any" ? t : "real";
      }
      case "avg":
      case "avgif": {
        const t = this.numericArg(a0, ctx, e.name);
        if (a1) this.checkBool(a1, ctx, `${e.name}()`);
        return t === "timespan" || t === "any" ? t : "real";
      }
      case "min":
      case "max": {
        const t = this.check(a0, ctx);
        if (!isScalar(t)) this.error(`${e.name}() needs a single value, but this is ${article(t)}`, a0.loc);
        return t;
      }
      case "median":
        return like(this.numericArg(a0, ctx, e.name, ["timespan", "datetime"]));
      case "stdev":
      case "variance":
        this.numericArg(a0, ctx, e.name);
        return "real";
      case "range": {
        const t = this.numericArg(a0, ctx, e.name, ["timespan", "datetime"]);
        return t === "datetime" ? "timespan" : t === "dynamic" ? "real" : t;
      }
      case "percentile": {
        const t = this.numericArg(a0, ctx, e.name, ["timespan", "datetime"]);
        this.m.percentiles.set(e, [this.percentArg(a1, e.name)]);
        return like(t);
      }
      case "percentiles": {
        const t = this.numericArg(a0, ctx, e.name, ["timespan", "datetime"]);
        this.m.percentiles.set(e, e.args.slice(1).map((a) => this.percentArg(a, e.name)));
        return like(t);
      }
      case "rate":
        if (a0) this.numericArg(a0, ctx, e.name, []);
        return "real";
    }
    return "any";
  }

  private scalar(e: CallExpr, ctx: ExprCtx): ValueType {
    const a = e.args;
    switch (e.name) {
      case "bin":
      case "floor":
        return this.bin(e, ctx);
      case "bin_auto": {
        const t = this.check(a[0], ctx);
        if (t !== "datetime" && t !== "any") this.error(`bin_auto() needs a datetime such as timestamp, but this is ${article(t)}`, a[0].loc);
        const r = this.opts.timeRange;
        if (r) this.m.binUs.set(e, autoBinUs(r.toUs - r.fromUs));
        return "datetime";
      }
      case "ago": {
        const ns = this.timespanArg(a[0], ctx);
        const t = this.m.types.get(a[0]);
        if (ns === undefined && t !== "timespan" && t !== "any") this.error("ago() needs a timespan such as 15m or 1h", a[0].loc);
        return "datetime";
      }
      case "now":
        return "datetime";
      case "datetime":
      case "todatetime": {
        const t = this.check(a[0], ctx);
        if (this.constString(a[0]) !== undefined) {
          const us = this.datetimeText(a[0]);
          if (us !== undefined) this.m.datetimeConst.set(e, us);
        } else if (e.name === "datetime" || !TEXTUAL.has(t)) {
          this.error(`${e.name}() needs quoted text such as ${e.name}("2026-01-02 03:04")`, a[0].loc);
        }
        return "datetime";
      }
      case "strcat":
        for (const x of a) this.scalarArg(x, ctx, e.name);
        return "string";
      case "coalesce":
        return this.unify(a.map((x) => [x, this.check(x, ctx)] as const), e.name);
      case "iff":
      case "iif":
        this.checkBool(a[0], ctx, `${e.name}()`);
        return this.unify([a[1], a[2]].map((x) => [x, this.check(x, ctx)] as const), e.name);
      case "case": {
        if (a.length % 2 === 0) {
          this.error("case() takes pairs of condition and value, then a final else value: case(p1, v1, p2, v2, else)", e.loc);
        }
        const values: (readonly [Expr, ValueType])[] = [];
        for (let i = 0; i < a.length; i++) {
          if (i % 2 === 0 && i < a.length - 1) this.checkBool(a[i], ctx, "case()");
          else values.push([a[i], this.check(a[i], ctx)]);
        }
        return this.unify(values, e.name);
      }
      case "round": {
        this.numericArg(a[0], ctx, "round");
        if (a[1]) {
          const d = this.constNumber(a[1]);
          this.m.types.set(a[1], "int");
          if (d === undefined || !Number.isInteger(d) || d < 0 || d > 15) this.error("round() decimals must be a whole number from 0 to 15", a[1].loc);
        }
        return "real";
      }
      case "abs": {
        const t = this.numericArg(a[0], ctx, "abs");
        return t === "dynamic" ? "real" : t;
      }
      case "tostring":
      case "tolower":
      case "toupper":
        this.scalarArg(a[0], ctx, e.name);
        return "string";
      case "toint":
      case "tolong":
      case "strlen":
        this.scalarArg(a[0], ctx, e.name);
        return "int";
      case "todouble":
      case "toreal":
      case "tofloat":
        this.scalarArg(a[0], ctx, e.name);
        return "real";
      case "tobool":
        this.scalarArg(a[0], ctx, e.name);
        return "bool";
      case "substring":
        this.scalarArg(a[0], ctx, e.name);
        for (const x of a.slice(1)) this.numericArg(x, ctx, "substring", []);
        return "string";
      case "extract": {
        const re = a[0];
        if (re.kind === "Literal" && re.type === "regex") this.m.types.set(re, "string");
        else if (this.check(re, ctx) !== "any" && this.constString(re) === undefined) this.error("extract() needs a constant regex as its first argument", re.loc);
        const g = this.constNumber(a[1]);
        this.m.types.set(a[1], "int");
        if (g === undefined || !Number.isInteger(g) || g < 0) this.error("extract() needs a constant capture group number (0 = the whole match)", a[1].loc);
        this.scalarArg(a[2], ctx, e.name);
        return "string";
      }
      case "isnull":
      case "isnotnull":
      case "isempty":
      case "isnotempty":
        this.check(a[0], ctx);
        return "bool";
    }
    return "any";
  }

  private scalarArg(e: Expr, ctx: ExprCtx, fn: string): ValueType {
    const t = this.check(e, ctx);
    if (!isScalar(t)) this.error(`${fn}() needs a single value, but this is ${article(t)}`, e.loc);
    return t;
  }

  private bin(e: CallExpr, ctx: ExprCtx): ValueType {
    const [value, size] = e.args;
    const t = this.check(value, ctx);
    if (t === "datetime" || t === "any") {
      const ns = this.timespanArg(size, ctx);
      if (ns === undefined || ns < 1000) {
        this.error(`${e.name}() of a datetime needs a constant timespan of at least 1us, such as 5m`, size.loc);
        return "datetime";
      }
      this.m.binUs.set(e, Math.round(ns / 1000));
      return "datetime";
    }
    if (t === "timespan") {
      const ns = this.timespanArg(size, ctx) ?? this.constNumber(size);
      if (ns === undefined || ns <= 0) this.error(`${e.name}() of a timespan needs a constant positive timespan such as 100ms`, size.loc);
      return "timespan";
    }
    if (NUMERIC.has(t)) {
      const st = this.check(size, ctx);
      const n = this.constNumber(size);
      if (n === undefined || n <= 0) this.error(`${e.name}() needs a constant positive step`, size.loc);
      return t === "int" && st === "int" ? "int" : "real";
    }
    this.error(`${e.name}() needs a datetime, timespan or number, but this is ${article(t)}`, value.loc);
    return "any";
  }

  /** The common type of values that must agree (coalesce, iff, case). */
  private unify(items: readonly (readonly [Expr, ValueType])[], fn: string): ValueType {
    const known = items.filter(([, t]) => t !== "any" && t !== "null");
    if (known.length === 0) return items.length && items.every(([, t]) => t === "null") ? "null" : "any";
    const types = new Set(known.map(([, t]) => t));
    if (types.size === 1) return known[0][1];
    const all = (...ok: ValueType[]) => [...types].every((t) => ok.includes(t));
    if (all("int", "real", "dynamic")) return types.has("real") || types.has("dynamic") ? "real" : "int";
    if (all("string", "dynamic")) return "string";
    if (all("timespan", "int", "real")) return "timespan";
    const [first] = known;
    const bad = known.find(([, t]) => t !== first[1])!;
    this.error(`${fn}() values must have the same type: ${article(first[1])} and ${article(bad[1])}`, bad[0].loc);
    return "any";
  }
}
