import type { CallExpr, Expr, NamedExpr, Operator, QueryNode, SummarizeOp } from "./ast.ts";
import { pathText } from "./ast.ts";
import { article, type CheckExprOptions } from "./check-core.ts";
import { ExprChecker } from "./check-expr.ts";
import { didYouMean, hint } from "./did-you-mean.ts";
import { sortDiagnostics } from "./errors.ts";
import { lookupFunction } from "./functions.ts";
import type { SemanticModel } from "./model.ts";
import { defaultSources, type SourceRegistry } from "./schema.ts";
import { mapOriginKey, Scope, type ScopeColumn } from "./scope.ts";

/**
 * Semantic checks against the schema. Unlike the parser it never stops at the first
 * problem: every diagnostic is collected (sorted by position) and the model it builds —
 * types, resolved fields, output names, scopes — is what the SQL compiler reads.
 */
export interface CheckOptions extends CheckExprOptions {
  sources?: SourceRegistry;
  /** The source of a query that names none (default `logs`). */
  defaultSource?: string;
}

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_NAME = 128;

export function check(q: QueryNode, opts: CheckOptions = {}): SemanticModel {
  const registry = opts.sources ?? defaultSources;
  const name = q.source?.name ?? opts.defaultSource ?? "logs";
  let source = registry.get(name);
  const diagnostics: SemanticModel["diagnostics"] = [];
  if (!source) {
    const at = q.source?.loc ?? { from: 0, to: 0 };
    diagnostics.push({ severity: "error", message: `unknown source '${name}'${hint(didYouMean(name, registry.names()))}`, ...at });
    source = registry.get(registry.names()[0])!;
  }
  const ops: Operator[] = q.filter ? [{ kind: "Where", predicate: q.filter, loc: q.filter.loc }, ...q.ops] : [...q.ops];
  const m: SemanticModel = {
    source, ops, diagnostics, types: new Map(), fields: new Map(), vars: new Map(), datetimeConst: new Map(),
    timespanConst: new Map(), binUs: new Map(), percentiles: new Map(), severity: new Map(), names: new Map(),
    inScope: new Map(), outScope: new Map(), rateSeconds: new Map(), output: Scope.ofSource(source),
  };
  const f = q.filter;
  if (!q.source && f?.kind === "Field" && f.path.length === 1 && !f.path[0].quoted && !m.output.resolve(f).ok) {
    // `traces | take 5`: a word that is neither a source nor a field was meant as a source.
    const name = f.path[0].name;
    diagnostics.push({ severity: "error", message: `unknown source or field '${name}' (sources: ${registry.names().join(", ")})${hint(didYouMean(name, registry.allNames()))}`, ...f.loc });
    ops.shift();
  }
  const checker = new OperatorChecker(m, opts);
  let scope = m.output;
  for (const op of ops) {
    m.inScope.set(op, scope);
    scope = checker.visit(op, scope);
    m.outScope.set(op, scope);
  }
  m.output = scope;
  sortDiagnostics(m.diagnostics);
  return m;
}

class OperatorChecker {
  private readonly ec: ExprChecker;
  private readonly m: SemanticModel;
  private readonly opts: CheckOptions;

  constructor(m: SemanticModel, opts: CheckOptions) {
    this.m = m;
    this.opts = opts;
    this.ec = new ExprChecker(m, opts);
  }

  visit(op: Operator, scope: Scope): Scope {
    switch (op.kind) {
      case "Where":
        this.ec.checkBool(op.predicate, { scope, mode: "row" }, "where");
        return scope;
      case "Search": {
        const t = this.ec.check(op.text, { scope, mode: "row" });
        if (t !== "string" && t !== "any") this.ec.error(`search needs quoted text, but this is ${article(t)}`, op.text.loc);
        return scope;
      }
      case "Extend":
        return this.extend(op.items, scope);
      case "Project":
        return this.project(op.items, scope);
      case "ProjectAway": {
        const drop = new Set<string>();
        for (const f of op.fields) {
          const r = scope.resolve(f);
          if (!r.ok) this.ec.error(r.message, f.loc);
          else if (r.value.kind === "map") this.ec.error(`project-away removes whole columns; '${pathText(f)}' is a map key`, f.loc);
          else {
            this.m.fields.set(f, r.value);
            drop.add(r.value.name);
          }
        }
        return scope.with(scope.columns.filter((c) => !drop.has(c.name)));
      }
      case "Summarize":
        return this.summarize(op, scope);
      case "Sort":
        for (const k of op.keys) this.sortKey(k.expr, scope);
        return scope;
      case "Take":
        this.rowCount(op.count);
        return scope;
      case "Top":
        this.rowCount(op.count);
        this.sortKey(op.key.expr, scope);
        return scope;
      case "Distinct":
        return op.items.length ? this.project(op.items, scope) : scope;
      case "Count":
        return scope.with([{ name: "Count", type: "int" }], false);
    }
  }

  private sortKey(e: Expr, scope: Scope): void {
    const t = this.ec.check(e, { scope, mode: "row" });
    if (t === "map" || t === "list") this.ec.error(`cannot sort by ${article(t)}`, e.loc);
  }

  private rowCount(e: Expr): void {
    this.m.types.set(e, "int");
    if (e.kind === "Var") {
      if (!this.opts.vars) return;
      const v = this.opts.vars[e.name];
      if (v === undefined) this.ec.error(`unknown variable $${e.name}`, e.loc);
      else if (typeof v !== "number" || !Number.isInteger(v) || v < 0) this.ec.error(`$${e.name} must be a whole number of rows`, e.loc);
      else this.m.vars.set(e, v);
    }
  }

  private extend(items: NamedExpr[], scope: Scope): Scope {
    const cols: ScopeColumn[] = [...scope.columns];
    let cur = scope;
    let n = 0;
    for (const item of items) {
      const type = this.ec.check(item.expr, { scope: cur, mode: "row" });
      const name = this.explicitName(item) ?? this.defaultName(item.expr) ?? `column${++n}`;
      const same = cols.findIndex((c) => c.name === name);
      const clash = cols.find((c) => c.name !== name && c.name.toLowerCase() === name.toLowerCase());
      if (clash) this.ec.error(`'${name}' clashes with column '${clash.name}' (column names ignore case)`, item.nameLoc ?? item.loc);
      if (same >= 0) {
        const old = cols[same];
        cols[same] = { name, type, origin: old.type === type ? old.origin : undefined };
      } else {
        cols.push({ name, type });
      }
      this.m.names.set(item, [name]);
      cur = cur.with([...cols]);
    }
    return cur;
  }

  /** project and distinct: the listed items become the only columns. */
  private project(items: NamedExpr[], scope: Scope): Scope {
    const cols: ScopeColumn[] = [];
    const taken = new Set<string>();
    let n = 0;
    for (const item of items) {
      const type = this.ec.check(item.expr, { scope, mode: "row" });
      const explicit = this.explicitName(item);
      const name = explicit ?? this.defaultName(item.expr) ?? `column${++n}`;
      if (taken.has(name.toLowerCase())) {
        this.ec.error(`duplicate column '${name}'; give it another name with name = …`, item.nameLoc ?? item.loc);
      }
      taken.add(name.toLowerCase());
      cols.push({ name, type, ...this.origin(item.expr, scope) });
      this.m.names.set(item, [name]);
    }
    return scope.with(cols, false);
  }

  private summarize(op: SummarizeOp, scope: Scope): Scope {
    const cols: ScopeColumn[] = [];
    const taken = new Set<string>();
    let n = 0;
    const add = (item: NamedExpr, names: string[], explicit: boolean, col: Omit<ScopeColumn, "name">) => {
      const out: string[] = [];
      for (const base of names) {
        let name = base;
        if (taken.has(name.toLowerCase())) {
          if (explicit) this.ec.error(`duplicate column '${name}'; give it another name with name = …`, item.nameLoc ?? item.loc);
          for (let i = 1; taken.has(name.toLowerCase()); i++) name = `${base}_${i}`;
        }
        taken.add(name.toLowerCase());
        out.push(name);
        cols.push({ name, ...col });
      }
      this.m.names.set(item, out);
    };
    for (const item of op.by) {
      const type = this.ec.check(item.expr, { scope, mode: "by" });
      const explicit = this.explicitName(item);
      add(item, [explicit ?? this.defaultName(item.expr) ?? `column${++n}`], !!explicit, { type, ...this.origin(item.expr, scope) });
    }
    for (const item of op.aggs) {
      const type = this.ec.check(item.expr, { scope, mode: "agg", top: true });
      const explicit = this.explicitName(item);
      const e = item.expr;
      let names: string[];
      if (e.kind === "Call" && e.name === "percentiles") {
        const base = explicit ?? `percentile_${argName(e.args[0])}`;
        names = (this.m.percentiles.get(e) ?? []).map((p) => `${base}_${String(+(p * 100).toFixed(6)).replace(".", "_")}`);
      } else {
        names = [explicit ?? this.defaultName(e) ?? `column${++n}`];
      }
      add(item, names, !!explicit, { type });
    }
    let seconds: number | undefined;
    const bin = op.by.map((b) => b.expr).find((e): e is CallExpr => e.kind === "Call" && this.m.binUs.has(e));
    if (bin) seconds = this.m.binUs.get(bin)! / 1e6;
    else if (this.opts.timeRange) seconds = (this.opts.timeRange.toUs - this.opts.timeRange.fromUs) / 1e6;
    this.m.rateSeconds.set(op, seconds);
    return scope.with(cols, false);
  }

  /** Where a listed field comes from, so dotted names still resolve downstream. */
  private origin(e: Expr, scope: Scope): Pick<ScopeColumn, "origin" | "mapOrigin"> {
    if (e.kind !== "Field") return {};
    const r = this.m.fields.get(e);
    if (!r) return {};
    if (r.kind === "map") {
      const mapCol = scope.find(r.mapColumn);
      return mapCol?.origin ? { mapOrigin: mapOriginKey(mapCol.origin, r.key) } : {};
    }
    const col = scope.find(r.name);
    return { origin: col?.origin, mapOrigin: col?.mapOrigin };
  }

  private explicitName(item: NamedExpr): string | undefined {
    if (item.name === undefined) return undefined;
    const name = item.name.replace(/\./g, "_");
    if (!NAME_RE.test(name) || name.length > MAX_NAME) {
      this.ec.error(`column name '${item.name}' must be letters, digits and _ (at most ${MAX_NAME})`, item.nameLoc ?? item.loc);
      return "invalid_name";
    }
    return name;
  }

  /** KQL/Monoscope default names: service_name, count_, avg_duration, p95_duration, strcat_. */
  private defaultName(e: Expr): string | undefined {
    if (e.kind === "Field") {
      // A plain name keeps its spelling (`duration`, `level`); a dotted name becomes its column.
      const [first] = e.path;
      if (e.path.length === 1 && !first.quoted) return first.name;
      const r = this.m.fields.get(e);
      return r?.kind === "column" ? r.name : sanitize(pathText(e));
    }
    if (e.kind !== "Call") return undefined;
    const [a0] = e.args;
    if ((e.name === "bin" || e.name === "floor" || e.name === "bin_auto") && a0?.kind === "Field") return this.defaultName(a0);
    const def = lookupFunction(e.name);
    if (def?.kind === "aggregate") {
      if (e.name === "count" && (!a0 || a0.kind === "Star")) return "count_";
      if (e.name === "countif") return "countif_";
      if (e.name === "percentile") {
        const p = this.m.percentiles.get(e)?.[0] ?? 0;
        return `percentile_${argName(a0)}_${String(+(p * 100).toFixed(6)).replace(".", "_")}`;
      }
      if (e.name === "rate" && !a0) return "rate_";
      return a0?.kind === "Field" ? `${e.name}_${sanitize(pathText(a0))}` : `${e.name}_`;
    }
    return `${e.name}_`;
  }
}

function argName(e: Expr | undefined): string {
  return e?.kind === "Field" ? sanitize(pathText(e)) : "";
}

/** A written path as a column name: `resource.service.name` → `resource_service_name`. */
export function sanitize(text: string): string {
  let s = text.replace(/[^A-Za-z0-9_]+/g, "_").replace(/^_+|_+$/g, "");
  if (!s) s = "column";
  if (/^[0-9]/.test(s)) s = "_" + s;
  return s.slice(0, MAX_NAME);
}
