import type { FieldExpr } from "./ast.ts";
import { didYouMean, hint } from "./did-you-mean.ts";
import { columnValueType, fieldNames, resolveSourceField, type SourceDef, type ValueType } from "./schema.ts";

/**
 * The columns flowing between pipeline stages. The first scope is the source table; each
 * operator derives the next one (extend adds, project picks, summarize replaces). Columns
 * remember the storage column (or map key) they pass through unchanged, so a dotted name
 * such as `service.name` still finds `service_name` after `summarize … by service.name`.
 */
export interface ScopeColumn {
  name: string;
  type: ValueType;
  /** Source column passed through unchanged. */
  origin?: string;
  /** Map key passed through unchanged: `attributes\u0000http.route`. */
  mapOrigin?: string;
}

export type Resolved =
  | { kind: "column"; name: string; type: ValueType; severityNumber?: string }
  | { kind: "map"; mapColumn: string; key: string; type: "dynamic" };

export type Resolution = { ok: true; value: Resolved } | { ok: false; message: string };

export const mapOriginKey = (column: string, key: string) => `${column}\u0000${key}`;

export class Scope {
  readonly source: SourceDef;
  readonly columns: readonly ScopeColumn[];
  /** True until an operator replaces the columns: then only the columns listed exist. */
  readonly isSource: boolean;

  constructor(source: SourceDef, columns: readonly ScopeColumn[], isSource: boolean) {
    this.source = source;
    this.columns = columns;
    this.isSource = isSource;
  }

  static ofSource(src: SourceDef): Scope {
    return new Scope(src, src.columns.map((c) => ({ name: c.name, type: columnValueType(c.type), origin: c.name })), true);
  }

  find(name: string): ScopeColumn | undefined {
    return this.columns.find((c) => c.name === name);
  }

  findInsensitive(name: string): ScopeColumn | undefined {
    const lower = name.toLowerCase();
    return this.columns.find((c) => c.name.toLowerCase() === lower);
  }

  with(columns: readonly ScopeColumn[], isSource = this.isSource): Scope {
    return new Scope(this.source, columns, isSource);
  }

  resolve(f: FieldExpr): Resolution {
    const names = f.path.map((s) => s.name);
    const written = names.join(".");
    if (names.length === 1) {
      const col = this.find(names[0]);
      if (col) return { ok: true, value: this.columnRes(col, col.type) };
    }
    const res = resolveSourceField(this.source, names);
    if (res?.kind === "column") {
      const col = this.columns.find((c) => c.origin === res.column);
      // An alias can retype a column (`duration` reads duration_ns as a timespan).
      if (col) return { ok: true, value: this.columnRes(col, res.type === "timespan" ? "timespan" : col.type) };
      return { ok: false, message: this.gone(written) };
    }
    if (res?.kind === "map") {
      const passed = this.columns.find((c) => c.mapOrigin === mapOriginKey(res.column, res.key));
      if (passed) return { ok: true, value: this.columnRes(passed, passed.type) };
      const map = this.columns.find((c) => c.origin === res.column);
      if (map) return { ok: true, value: { kind: "map", mapColumn: map.name, key: res.key, type: "dynamic" } };
      return { ok: false, message: this.gone(written) };
    }
    const candidates = [...this.columns.map((c) => c.name), ...(this.isSource ? fieldNames(this.source) : [])];
    // One suggestion per column, in its OpenTelemetry spelling when it has one.
    const spelling = (name: string) => {
      const col = this.isSource ? this.source.columns.find((c) => c.name === name || c.otel === name) : undefined;
      return col?.otel ?? name;
    };
    let extra = "";
    if (names.length > 1 && this.isSource && this.source.columns.some((c) => c.name === "attributes")) {
      extra = ` (attribute keys are written attributes.${written} or resource.${written})`;
    }
    const suggestion = hint([...new Set(didYouMean(written, candidates).map(spelling))]);
    if (!this.isSource) return { ok: false, message: `unknown column '${written}' (${this.listColumns()})${suggestion}` };
    return { ok: false, message: `unknown field '${written}' in ${this.source.name}${suggestion}${suggestion ? "" : extra}` };
  }

  private columnRes(col: ScopeColumn, type: ValueType): Resolved {
    const res: Resolved = { kind: "column", name: col.name, type };
    if (col.origin === "severity_text") {
      const num = this.columns.find((c) => c.origin === "severity_number");
      if (num) res.severityNumber = num.name;
    }
    return res;
  }

  private listColumns(): string {
    const shown = this.columns.slice(0, 8).map((c) => c.name).join(", ");
    return `the columns here are: ${shown}${this.columns.length > 8 ? ", …" : ""}`;
  }

  private gone(written: string): string {
    return `field '${written}' is not available here (${this.listColumns()})`;
  }
}
