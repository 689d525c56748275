import type { Expr, Loc, VarExpr } from "./ast.ts";
import { didYouMean, hint } from "./did-you-mean.ts";
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

export const NUMERIC = new Set<ValueType>(["int", "real", "dynamic", "any"]);
export const TEXTUAL = new Set<ValueType>(["string", "dynamic", "any"]);
export const BOOLISH = new Set<ValueType>(["bool", "dynamic", "any"]);
export const isScalar = (t: ValueType) => t !== "map" && t !== "list";

/**
 * What every expression check needs: the model it records into, diagnostics, variables
 * and constant folding (a literal or a bound `$variable` read as text, number, timespan
 * or datetime).
 */
export abstract class CheckerCore {
  protected readonly m: SemanticModel;
  protected readonly opts: CheckExprOptions;

  constructor(m: SemanticModel, opts: CheckExprOptions) {
    this.m = m;
    this.opts = opts;
  }

  error(message: string, loc: Loc, severity: "error" | "warning" = "error"): void {
    this.m.diagnostics.push({ severity, message, from: loc.from, to: loc.to });
  }
  abstract check(e: Expr, ctx: ExprCtx): ValueType;

  /** Check a condition: true/false (or a map value read as one). */
  checkBool(e: Expr, ctx: ExprCtx, what: string): void {
    const t = this.check(e, ctx);
    if (!BOOLISH.has(t)) this.error(`${what} needs a true/false condition, but this is ${article(t)}`, e.loc);
  }
  protected varValue(e: VarExpr): VarValue | undefined {
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
  // ---- constants ---------------------------------------------------------------------

  /** A constant string (literal or bound variable), or undefined. */
  protected constString(e: Expr): string | undefined {
    if (e.kind === "Literal" && e.type === "string") return String(e.value);
    if (e.kind === "Var") {
      const v = this.m.vars.get(e) ?? this.opts.vars?.[e.name];
      return typeof v === "string" ? v : undefined;
    }
    return undefined;
  }

  protected constNumber(e: Expr): number | undefined {
    if (e.kind === "Literal" && e.type === "number") return Number(e.value);
    if (e.kind === "Var") {
      const v = this.opts.vars?.[e.name];
      return typeof v === "number" ? v : undefined;
    }
    return undefined;
  }

  /** A constant timespan in ns: `5m`, or a variable holding "5m". */
  protected timespanArg(e: Expr, ctx: ExprCtx): number | undefined {
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
  protected datetimeText(e: Expr): number | undefined {
    const s = this.constString(e);
    if (s === undefined) return undefined;
    const us = parseDatetimeText(s);
    if (us === undefined) this.error(`'${s}' is not a datetime (write it like 2026-01-02 or 2026-01-02T03:04:05Z)`, e.loc);
    else this.m.datetimeConst.set(e, us);
    return us;
  }
  protected validateRegex(pattern: string, loc: Loc): void {
    // DuckDB uses RE2; JavaScript's syntax is close enough to catch typos early.
    const body = pattern.replace(/^\(\?[imsU]+\)/, "");
    try {
      new RegExp(body, "u");
    } catch (err) {
      this.error(`this regex may be invalid: ${(err as Error).message.replace(/^Invalid regular expression: /, "")}`, loc, "warning");
    }
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
