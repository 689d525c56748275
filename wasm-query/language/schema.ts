import { type ColumnDef, type ColumnType, TABLES } from "../../core/schema.ts";
import { didYouMean } from "./did-you-mean.ts";

/**
 * What the language knows about tables: a registry of sources (logs, spans, metrics, and
 * whatever later issues add) and how a field path written in a query resolves to storage:
 * a column, or a key of the `attributes` / `resource_attributes` maps.
 */
export type ValueType =
  | "string" | "int" | "real" | "bool" | "datetime" | "timespan"
  /** A map value: text that compares as a number or bool when the other side is one. */
  | "dynamic"
  | "map" | "list" | "null"
  /** Unknown (an unbound variable while validating, or after an error): checks nothing. */
  | "any";

export interface FieldAlias {
  column: string;
  /** Overrides the column's type (`duration` reads `duration_ns` as a timespan). */
  type?: ValueType;
  doc: string;
}

export interface SourceDef {
  name: string;
  /** Other names a query may use for it (`telemetry.metrics`). */
  aliases?: readonly string[];
  columns: readonly ColumnDef[];
  /** Short names for columns (`level` → `severity_text`). */
  fieldAliases?: Readonly<Record<string, FieldAlias>>;
  /** The column the time range applies to. */
  timeColumn: string;
  doc: string;
}

export type FieldResolution =
  | { kind: "column"; column: string; type: ValueType; severity?: boolean }
  | { kind: "map"; column: string; key: string; type: "dynamic" };

export class SourceRegistry {
  private readonly byName = new Map<string, SourceDef>();
  private readonly primary: SourceDef[] = [];

  register(def: SourceDef): this {
    for (const col of def.columns) {
      // Column names reach SQL as quoted identifiers; keep them boring.
      if (!/^[a-z_][a-z0-9_]*$/.test(col.name)) throw new Error(`column name not allowed: ${col.name}`);
    }
    if (!def.columns.some((c) => c.name === def.timeColumn && c.type === "timestamp")) {
      throw new Error(`source ${def.name}: time column ${def.timeColumn} missing`);
    }
    this.primary.push(def);
    for (const n of [def.name, ...(def.aliases ?? [])]) this.byName.set(n, def);
    return this;
  }

  get(name: string): SourceDef | undefined {
    return this.byName.get(name);
  }

  /** Primary names, in registration order. */
  names(): string[] {
    return this.primary.map((d) => d.name);
  }

  /** Every name and alias (for the parser to recognise a leading source). */
  allNames(): string[] {
    return [...this.byName.keys()];
  }
}

const common = (cols: readonly ColumnDef[]): Record<string, FieldAlias> => {
  const has = (n: string) => cols.some((c) => c.name === n);
  const out: Record<string, FieldAlias> = {};
  if (has("service_name")) out.service = { column: "service_name", doc: "Service name (service.name)." };
  if (has("trace_id")) out["context.trace_id"] = { column: "trace_id", doc: "Trace id." };
  if (has("span_id")) out["context.span_id"] = { column: "span_id", doc: "Span id." };
  return out;
};

export function createDefaultRegistry(): SourceRegistry {
  return new SourceRegistry()
    .register({
      name: "logs",
      columns: TABLES.logs,
      timeColumn: "timestamp",
      doc: "OpenTelemetry log records.",
      fieldAliases: {
        ...common(TABLES.logs),
        level: { column: "severity_text", doc: "Severity text; ordering compares severity levels." },
        severity: { column: "severity_text", doc: "Severity text; ordering compares severity levels." },
        message: { column: "body", doc: "The log body." },
      },
    })
    .register({
      name: "spans",
      aliases: ["traces"],
      columns: TABLES.spans,
      timeColumn: "timestamp",
      doc: "OpenTelemetry spans.",
      fieldAliases: {
        ...common(TABLES.spans),
        duration: { column: "duration_ns", type: "timespan", doc: "Span duration as a timespan (compare with 250ms)." },
        parent_id: { column: "parent_span_id", doc: "Parent span id." },
        "context.parent_id": { column: "parent_span_id", doc: "Parent span id." },
        span_name: { column: "name", doc: "Span name." },
      },
    })
    .register({
      name: "metrics",
      aliases: ["telemetry.metrics"],
      columns: TABLES.metrics,
      timeColumn: "timestamp",
      doc: "OpenTelemetry metric data points, one row per point.",
      fieldAliases: common(TABLES.metrics),
    })
    .register({
      name: "checks",
      aliases: ["synthetics"],
      columns: TABLES.checks,
      timeColumn: "timestamp",
      doc: "Synthetic check runs, one row per check × region × interval.",
      fieldAliases: {
        duration: { column: "duration_ms", doc: "Run duration in milliseconds." },
        status_code: { column: "http_status_code", doc: "HTTP status of the final response." },
      },
    })
    .register({
      name: "rum",
      columns: TABLES.rum,
      timeColumn: "timestamp",
      doc: "Real-user monitoring events from the browser SDK: views, vitals, errors, requests, actions, long tasks, resources.",
      fieldAliases: {
        ...common(TABLES.rum),
        session: { column: "session_id", doc: "Session id." },
        view: { column: "view_id", doc: "Page view id." },
        message: { column: "error_message", doc: "Error message." },
        status: { column: "http_response_status_code", doc: "Request status code." },
        country: { column: "geo_country", doc: "Visitor country (ISO code)." },
        browser: { column: "browser_name", doc: "Browser name." },
        device: { column: "device_type", doc: "Device type." },
      },
    });
}

export const defaultSources = createDefaultRegistry();

export function columnValueType(t: ColumnType): ValueType {
  switch (t) {
    case "string":
      return "string";
    case "int32":
    case "int64":
      return "int";
    case "float64":
      return "real";
    case "bool":
      return "bool";
    case "timestamp":
      return "datetime";
    case "map":
      return "map";
    default:
      return "list";
  }
}

const SEVERITY_COLUMN = "severity_text";

function columnRes(src: SourceDef, col: ColumnDef, type?: ValueType): FieldResolution {
  const res: FieldResolution = { kind: "column", column: col.name, type: type ?? columnValueType(col.type) };
  if (col.name === SEVERITY_COLUMN && src.columns.some((c) => c.name === "severity_number")) res.severity = true;
  return res;
}

/** Resolve a field path against a source's storage, or undefined when nothing matches. */
export function resolveSourceField(src: SourceDef, path: readonly string[]): FieldResolution | undefined {
  const cols = src.columns;
  const find = (pred: (c: ColumnDef) => boolean) => cols.find(pred);
  const joined = path.join(".");
  if (path.length === 1) {
    const col = find((c) => c.name === path[0]);
    if (col) return columnRes(src, col);
  }
  const alias = src.fieldAliases?.[joined];
  if (alias) {
    const col = find((c) => c.name === alias.column);
    if (col) return columnRes(src, col, alias.type);
  }
  const byOtel = find((c) => c.otel === joined) ?? find((c) => !!c.from?.includes(joined));
  if (byOtel) return columnRes(src, byOtel);
  if (path.length >= 2 && (path[0] === "resource" || path[0] === "attributes")) {
    const key = path.slice(1).join(".");
    const scope = path[0] === "resource" ? "resource" : "record";
    const promoted = find((c) => c.scope === scope && (c.otel === key || !!c.from?.includes(key)));
    if (promoted) return columnRes(src, promoted);
    const mapName = path[0] === "resource" ? "resource_attributes" : "attributes";
    if (find((c) => c.name === mapName && c.type === "map")) return { kind: "map", column: mapName, key, type: "dynamic" };
  }
  return undefined;
}

/** Every spelling a user may write for a source's fields (for hints and completion). */
export function fieldNames(src: SourceDef): string[] {
  const out: string[] = [];
  for (const c of src.columns) {
    if (c.otel) out.push(c.otel);
    out.push(c.name);
  }
  out.push(...Object.keys(src.fieldAliases ?? {}));
  return out;
}

export function suggestFields(src: SourceDef, written: string): string[] {
  return didYouMean(written, fieldNames(src));
}
