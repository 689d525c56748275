import type { BinaryExpr, BetweenExpr, CallExpr, Expr, ListOpExpr, Loc, VarExpr } from "./ast.ts";
import { didYouMean, hint } from "./did-you-mean.ts";
import { functionNames, lookupFunction, PERCENTILE_SHORTHAND } from "./functions.ts";
import type { SemanticModel, TimeRange, VarValue } from "./model.ts";
import type { ValueType } from "./schema.ts";
import type { Scope } from "./scope.ts";
import { parseDatetimeText, parseTimespanText } from "./timespan.ts";

/** Where an expression sits: a row expression, a summarize aggregate, or a `by` key. */
export interface ExprCtx {
  scope: Scope;
  mode: "row" | "agg" | "by";
  /** Inside an aggregation's arguments (row values are fine there). */
  inAgg?: boolean;
  /** The whole item of a summarize list (percentiles() must be one). */
  top?: boolean;
}

export interface CheckExprOptions {
  vars?: Readonly<Record<string, VarValue>>;
  timeRange?: TimeRange;
}

const NUMERIC = new Set<ValueType>(["int", "real", "dynamic", "any"]);
const TEXTUAL = new Set<ValueType>(["string", "dynamic", "any"]);
const BOOLISH = new Set<ValueType>(["bool", "dynamic", "any"]);
const isScalar = (t: ValueType) => t !== "map" && t !== "list";

/** OpenTelemetry severity ranges (SeverityNumber 1–24). */
const SEVERITY: Record<string, [number, number]> = {
  TRACE: [1, 4], DEBUG: [5, 8], INFO: [9, 12], WARN: [13, 16], WARNING: [13, 16], ERROR: [17, 20], FATAL: [21, 24], CRITICAL: [21, 24],
};

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

export class ExprChecker {
  private readonly m: SemanticModel;
  private readonly opts: CheckExprOptions;

  constructor(m: SemanticModel, opts: CheckExprOptions) {
    this.m = m;
    this.opts = opts;
  }

  error(message: string, loc: Loc, severity: "error" | "warning" = "error"): void {
    this.m.diagnostics.push({ severity, message, from: loc.from, to: loc.to });
  }

  check(e: Expr, ctx: ExprCtx): ValueType {
    const t = this.infer(e, ctx);
    this.m.types.set(e, t);
    return t;
  }

  /** Check a condition: true/false (or a map value read as one). */
  checkBool(e: Expr, ctx: ExprCtx, what: string): void {
    const t = this.check(e, ctx);
    if (!BOOLISH.has(t)) this.error(`${what} needs a true/false condition, but this is ${article(t)}`, e.loc);
  }

  private infer(e: Expr, ctx: ExprCtx): ValueType {
    switch (e.kind) {
      case "Literal":
        switch (e.type) {
          case "regex":
            this.error("a /regex/ can only follow =~, !~ or matches", e.loc);
            return "any";
          case "number":
            return e.isInt ? "int" : "real";
          case "timespan":
            this.m.timespanConst.set(e, Number(e.value));
            return "timespan";
          default:
            return e.type;
        }
      case "Star":
        this.error("'*' is only allowed in count(*) and distinct *", e.loc);
        return "any";
      case "Var":
        return this.varType(e);
      case "Field": {
        const r = ctx.scope.resolve(e);
        if (!r.ok) {
          this.error(r.message, e.loc);
          return "any";
        }
        if (ctx.mode === "agg" && !ctx.inAgg) {
          this.error(`'${e.path.map((s) => s.name).join(".")}' must be inside an aggregation such as count() or avg(), or listed after 'by'`, e.loc);
        }
        this.m.fields.set(e, r.value);
        return r.value.type;
      }
      case "Unary": {
        if (e.op === "not") {
          this.checkBool(e.operand, ctx, "not");
          return "bool";
        }
        const t = this.check(e.operand, ctx);
        if (!NUMERIC.has(t) && t !== "timespan") this.error(`cannot negate ${article(t)}`, e.loc);
        return t === "dynamic" ? "real" : t;
      }
      case "Binary":
        return this.binary(e, ctx);
      case "ListOp":
        return this.listOp(e, ctx);
      case "Between":
        return this.between(e, ctx);
      case "Call":
        return this.call(e, ctx);
    }
  }

  private varValue(e: VarExpr): VarValue | undefined {
    const vars = this.opts.vars;
    if (!vars) return undefined;
    if (!Object.prototype.hasOwnProperty.call(vars, e.name)) {
      this.error(`unknown variable $${e.name}${hint(didYouMean(e.name, Object.keys(vars)).map((n) => "$" + n))}`, e.loc);
      return undefined;
    }
    const v = vars[e.name];
    this.m.vars.set(e, v);
    return v;
  }

  private varType(e: VarExpr): ValueType {
    const v = this.varValue(e);
    if (v === undefined) return "any";
    if (Array.isArray(v)) {
      this.error(`$${e.name} is a list: use it with in, !in, has_any or has_all`, e.loc);
      return "any";
    }
    return scalarType(v as string | number | boolean | null);
  }

  // ---- constants ---------------------------------------------------------------------

  /** A constant string (literal or bound variable), or undefined. */
  private constString(e: Expr): string | undefined {
    if (e.kind === "Literal" && e.type === "string") return String(e.value);
    if (e.kind === "Var") {
      const v = this.m.vars.get(e) ?? this.opts.vars?.[e.name];
      return typeof v === "string" ? v : undefined;
    }
    return undefined;
  }

  private constNumber(e: Expr): number | undefined {
    if (e.kind === "Literal" && e.type === "number") return Number(e.value);
    if (e.kind === "Var") {
      const v = this.opts.vars?.[e.name];
      return typeof v === "number" ? v : undefined;
    }
    return undefined;
  }

  /** A constant timespan in ns: `5m`, or a variable holding "5m". */
  private timespanArg(e: Expr, ctx: ExprCtx): number | undefined {
    const t = this.check(e, ctx);
    let ns: number | undefined;
    if (e.kind === "Literal" && e.type === "timespan") ns = Number(e.value);
    else if (t === "string") {
      const s = this.constString(e);
      ns = s === undefined ? undefined : parseTimespanText(s);
    }
    if (ns !== undefined) this.m.timespanConst.set(e, ns);
    return ns;
  }

  /** A constant datetime in µs from text, recorded for the compiler; reports bad text. */
  private datetimeText(e: Expr): number | undefined {
    const s = this.constString(e);
    if (s === undefined) return undefined;
    const us = parseDatetimeText(s);
    if (us === undefined) this.error(`'${s}' is not a datetime (write it like 2026-01-02 or 2026-01-02T03:04:05Z)`, e.loc);
    else this.m.datetimeConst.set(e, us);
    return us;
  }

  // ---- operators ---------------------------------------------------------------------

  private binary(e: BinaryExpr, ctx: ExprCtx): ValueType {
    const op = e.op;
    if (op === "and" || op === "or") {
      this.checkBool(e.left, ctx, `'${op}'`);
      this.checkBool(e.right, ctx, `'${op}'`);
      return "bool";
    }
    if (op === "=~" || op === "!~" || op.endsWith("matches") || op.endsWith("matches regex")) {
      this.check(e.left, ctx);
      const r = e.right;
      if (r.kind === "Literal" && r.type === "regex") {
        this.m.types.set(r, "string");
        this.validateRegex(String(r.value), r.loc);
      } else {
        const rt = this.check(r, ctx);
        if (!TEXTUAL.has(rt)) this.error(`'${op}' needs text on the right, but this is ${article(rt)}`, r.loc);
        const s = this.constString(r);
        if (s !== undefined && op.includes("matches")) this.validateRegex(s, r.loc);
      }
      return "bool";
    }
    if (["==", "!=", "<", "<=", ">", ">="].includes(op)) return this.comparison(e, ctx);
    if (["+", "-", "*", "/", "%"].includes(op)) return this.arithmetic(e, ctx);
    // Word string operators: has, contains, startswith… and their negations.
    this.check(e.left, ctx);
    if (e.right.kind === "Literal" && e.right.type === "regex") {
      this.error(`'${op}' takes text, not a /regex/ (use matches regex)`, e.right.loc);
      return "bool";
    }
    const rt = this.check(e.right, ctx);
    if (!TEXTUAL.has(rt)) this.error(`'${op}' needs text on the right, but this is ${article(rt)}`, e.right.loc);
    return "bool";
  }

  private validateRegex(pattern: string, loc: Loc): void {
    // DuckDB uses RE2; JavaScript's syntax is close enough to catch typos early.
    const body = pattern.replace(/^\(\?[imsU]+\)/, "");
    try {
      new RegExp(body, "u");
    } catch (err) {
      this.error(`this regex may be invalid: ${(err as Error).message.replace(/^Invalid regular expression: /, "")}`, loc, "warning");
    }
  }

  private comparison(e: BinaryExpr, ctx: ExprCtx): ValueType {
    const { left, right } = e;
    const isNull = (x: Expr) => x.kind === "Literal" && x.type === "null";
    const lt = this.check(left, ctx);
    const rt = this.check(right, ctx);
    if (isNull(left) || isNull(right)) {
      if (e.op !== "==" && e.op !== "!=") this.error(`'${e.op}' cannot compare with null; use isnull() or isnotnull()`, e.loc);
      return "bool";
    }
    if (e.op !== "==" && e.op !== "!=" && this.severityCompare(e)) return "bool";
    this.compatible(lt, rt, left, right, e.op, e.opLoc);
    return "bool";
  }

  /** `severity >= "ERROR"` compares OpenTelemetry severity levels, not text. */
  private severityCompare(e: BinaryExpr): boolean {
    const flip: Record<string, "<" | "<=" | ">" | ">="> = { "<": ">", "<=": ">=", ">": "<", ">=": "<=" };
    let field = e.left;
    let value = e.right;
    let op = e.op as "<" | "<=" | ">" | ">=";
    if (field.kind !== "Field") {
      [field, value] = [e.right, e.left];
      op = flip[op];
    }
    if (field.kind !== "Field") return false;
    const res = this.m.fields.get(field);
    if (res?.kind !== "column" || !res.severityNumber) return false;
    const text = this.constString(value);
    if (text === undefined) return false;
    const range = SEVERITY[text.toUpperCase()];
    if (!range) {
      this.error(`unknown severity '${text}' (use TRACE, DEBUG, INFO, WARN, ERROR or FATAL)`, value.loc);
      return true;
    }
    // > WARN means above the whole WARN band; >= WARN includes it.
    const level = op === ">=" || op === "<" ? range[0] : range[1];
    this.m.severity.set(e, { column: res.severityNumber, op, level });
    return true;
  }

  /** Can these two be compared? Records coercions of constant text to datetimes. */
  private compatible(lt: ValueType, rt: ValueType, left: Expr, right: Expr, op: string, loc: Loc): boolean {
    if (lt === "any" || rt === "any") return true;
    if (!isScalar(lt) || !isScalar(rt)) {
      this.error(`cannot compare ${article(lt)} with ${article(rt)}`, loc);
      return false;
    }
    if (lt === "datetime" || rt === "datetime") {
      const [other, otherType] = lt === "datetime" ? [right, rt] : [left, lt];
      if (otherType === "datetime" || otherType === "dynamic") return true;
      if (otherType === "string" && this.constString(other) !== undefined) return this.datetimeText(other) !== undefined;
      this.error(`cannot compare a datetime with ${article(otherType)}; write datetime("2026-01-02") or ago(1h)`, other.loc);
      return false;
    }
    const num = (t: ValueType) => t === "int" || t === "real" || t === "timespan";
    if (num(lt) && num(rt)) return true;
    if (lt === "dynamic" || rt === "dynamic") return true;
    if (lt === rt) return true;
    const hintText = lt === "string" && num(rt) && left.kind === "Field" ? " (strings are not converted; compare with a quoted value or use toint())" : "";
    this.error(`'${op}' cannot compare ${article(lt)} with ${article(rt)}${hintText}`, loc);
    return false;
  }

  private arithmetic(e: BinaryExpr, ctx: ExprCtx): ValueType {
    const l = this.check(e.left, ctx);
    const r = this.check(e.right, ctx);
    if (l === "any" || r === "any") return "any";
    const num = (t: ValueType) => t === "int" || t === "real" || t === "dynamic";
    const numRes = () => (l === "int" && r === "int" && e.op !== "/" ? "int" : "real");
    switch (e.op) {
      case "+":
        if (num(l) && num(r)) return numRes();
        if ((l === "datetime" && r === "timespan") || (l === "timespan" && r === "datetime")) return "datetime";
        if ((l === "timespan" && (r === "timespan" || num(r))) || (num(l) && r === "timespan")) return "timespan";
        break;
      case "-":
        if (num(l) && num(r)) return numRes();
        if (l === "datetime" && r === "datetime") return "timespan";
        if (l === "datetime" && r === "timespan") return "datetime";
        if ((l === "timespan" && (r === "timespan" || num(r))) || (num(l) && r === "timespan")) return "timespan";
        break;
      case "*":
        if (num(l) && num(r)) return numRes();
        if ((l === "timespan" && num(r)) || (num(l) && r === "timespan")) return "timespan";
        break;
      case "/":
        if (num(l) && num(r)) return "real";
        if (l === "timespan" && r === "timespan") return "real";
        if (l === "timespan" && num(r)) return "timespan";
        break;
      case "%":
        if (num(l) && num(r)) return numRes();
        break;
    }
    const extra = l === "string" && r === "string" && e.op === "+" ? " (use strcat() to join text)" : "";
    this.error(`cannot apply '${e.op}' to ${article(l)} and ${article(r)}${extra}`, e.opLoc);
    return "any";
  }

  private listOp(e: ListOpExpr, ctx: ExprCtx): ValueType {
    const lt = this.check(e.operand, ctx);
    const textual = e.op !== "in" && e.op !== "!in";
    if (!isScalar(lt) && !textual) this.error(`'${e.op}' needs a single value on the left, but this is ${article(lt)}`, e.operand.loc);
    for (const item of e.items) {
      if (item.kind === "Var") {
        const v = this.varValue(item);
        if (Array.isArray(v)) {
          this.m.types.set(item, "list");
          for (const el of v) {
            const t = lt === "datetime" && parseDatetimeText(String(el)) !== undefined ? "datetime" : scalarType(el);
            if (textual ? t !== "string" : !this.compatibleQuiet(lt, t)) {
              this.error(`$${item.name} holds ${article(t)}, which cannot be compared with ${article(lt)}`, item.loc);
              break;
            }
          }
          continue;
        }
        if (v === undefined) {
          this.m.types.set(item, "any");
          continue;
        }
      }
      const it = this.check(item, ctx);
      if (textual) {
        if (!TEXTUAL.has(it)) this.error(`'${e.op}' needs text values, but this is ${article(it)}`, item.loc);
      } else {
        this.compatible(lt, it, e.operand, item, e.op, item.loc);
      }
    }
    return "bool";
  }

  private compatibleQuiet(a: ValueType, b: ValueType): boolean {
    if (a === "any" || b === "any" || a === "dynamic" || a === b) return true;
    const num = (t: ValueType) => t === "int" || t === "real" || t === "timespan";
    return (num(a) && num(b)) || (a === "datetime" && b === "string");
  }

  private between(e: BetweenExpr, ctx: ExprCtx): ValueType {
    const t = this.check(e.operand, ctx);
    if (!["int", "real", "timespan", "datetime", "dynamic", "any"].includes(t)) {
      this.error(`between needs a number, timespan or datetime, but this is ${article(t)}`, e.operand.loc);
    }
    for (const b of [e.low, e.high]) this.compatible(t, this.check(b, ctx), e.operand, b, "between", b.loc);
    return "bool";
  }

  // ---- functions ---------------------------------------------------------------------

  private call(e: CallExpr, ctx: ExprCtx): ValueType {
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

export function scalarType(v: string | number | boolean | null): ValueType {
  if (v === null) return "null";
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "bool";
  return Number.isInteger(v) ? "int" : "real";
}

/** "a string", "an int", "a map" — for messages. */
export function article(t: ValueType): string {
  const names: Record<ValueType, string> = {
    string: "a string", int: "an int", real: "a real number", bool: "a bool", datetime: "a datetime", timespan: "a timespan",
    dynamic: "a map value", map: "a map", list: "a list", null: "null", any: "a value",
  };
  return names[t];
}
