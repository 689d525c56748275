import type { BetweenExpr, BinaryExpr, Expr, ListOpExpr, Loc, VarExpr } from "./ast.ts";
import { article, type ExprCtx, isScalar, NUMERIC, scalarType, TEXTUAL } from "./check-core.ts";
import { FunctionChecker } from "./check-functions.ts";
import type { ValueType } from "./schema.ts";
import { parseDatetimeText, parseTimespanText } from "./timespan.ts";

/** OpenTelemetry severity ranges (SeverityNumber 1–24). */
const SEVERITY: Record<string, [number, number]> = {
  TRACE: [1, 4], DEBUG: [5, 8], INFO: [9, 12], WARN: [13, 16], WARNING: [13, 16], ERROR: [17, 20], FATAL: [21, 24], CRITICAL: [21, 24],
};

/**
 * Types every expression, resolves its fields against the scope, and reports what does not
 * fit, recording what it learns in the semantic model for the compiler.
 */
export class ExprChecker extends FunctionChecker {
  check(e: Expr, ctx: ExprCtx): ValueType {
    const t = this.infer(e, ctx);
    this.m.types.set(e, t);
    return t;
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
  private varType(e: VarExpr): ValueType {
    const v = this.varValue(e);
    if (v === undefined) return "any";
    if (Array.isArray(v)) {
      this.error(`$${e.name} is a list: use it with in, !in, has_any or has_all`, e.loc);
      return "any";
    }
    return scalarType(v as string | number | boolean | null);
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
  private comparison(e: BinaryExpr, ctx: ExprCtx): ValueType {
    const { left, right } = e;
    const lt = this.check(left, ctx);
    const rt = this.check(right, ctx);
    // `null` or a variable bound to null: == / != test for null.
    const isNull = (x: Expr) => this.m.types.get(x) === "null";
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
    if ((lt === "timespan" && rt === "string" && right.kind === "Var") || (rt === "timespan" && lt === "string" && left.kind === "Var")) {
      // A text variable is read as a timespan where one is due (a dashboard sends "500ms").
      const v = (lt === "timespan" ? right : left) as VarExpr;
      const s = this.constString(v);
      const ns = s === undefined ? undefined : parseTimespanText(s);
      if (ns === undefined) {
        this.error(`$${v.name} is not a timespan: ${JSON.stringify(s)} (send it like "500ms" or "5m")`, v.loc);
        return false;
      }
      this.m.timespanConst.set(v, ns);
      this.m.types.set(v, "timespan");
      return true;
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
}
