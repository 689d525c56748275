/**
 * Lookup tables for promoted attributes (attribute keys that get their own column),
 * built once per signal and scope from the schema.
 *
 * The protobuf path never decodes attribute keys to strings: it matches their bytes
 * against the few promoted keys, bucketed by length, so a non-promoted key usually
 * costs one array lookup. The JSON path already has strings and uses `byName`.
 */
import type { ColumnDef, ColumnType, Signal } from "../../../core/schema";
import { promotedAttributes } from "../../../core/schema";

/** How a promoted value is converted for its column. */
export const KIND_STRING = 0;
export const KIND_INT = 1;
export const KIND_FLOAT = 2;
export const KIND_BOOL = 3;

export interface PromotedKey {
  key: string;
  bytes: Uint8Array;
  /** Index of the target column among this table's promoted columns. */
  slot: number;
  /** Position of the key in the column's `from` list: lower wins when several are present. */
  priority: number;
}

export class PromotedTable {
  /** Slot → column definition. */
  readonly defs: ColumnDef[] = [];
  /** Slot → KIND_* conversion. */
  readonly kinds: number[] = [];
  readonly byName = new Map<string, PromotedKey>();
  private readonly byLength: (PromotedKey[] | undefined)[] = [];

  constructor(signal: Signal, scope: "resource" | "record") {
    const encoder = new TextEncoder();
    for (const [key, def] of promotedAttributes(signal, scope)) {
      let slot = this.defs.indexOf(def);
      if (slot < 0) {
        slot = this.defs.length;
        this.defs.push(def);
        this.kinds.push(kindOf(def.type));
      }
      const bytes = encoder.encode(key);
      const entry: PromotedKey = { key, bytes, slot, priority: def.from!.indexOf(key) };
      this.byName.set(key, entry);
      (this.byLength[bytes.length] ??= []).push(entry);
    }
  }

  get size(): number {
    return this.defs.length;
  }

  /** The promoted key equal to bytes [start, end), if any. */
  match(b: Uint8Array, start: number, end: number): PromotedKey | undefined {
    const len = end - start;
    const candidates = len < this.byLength.length ? this.byLength[len] : undefined;
    if (candidates === undefined) return undefined;
    next: for (let c = 0; c < candidates.length; c++) {
      const k = candidates[c].bytes;
      // Compare from the end: promoted keys share prefixes ("http.", "db.") more than suffixes.
      for (let i = len - 1; i >= 0; i--) if (b[start + i] !== k[i]) continue next;
      return candidates[c];
    }
    return undefined;
  }
}

function kindOf(type: ColumnType): number {
  switch (type) {
    case "int32":
    case "int64":
    case "timestamp":
      return KIND_INT;
    case "float64":
      return KIND_FLOAT;
    case "bool":
      return KIND_BOOL;
    default:
      return KIND_STRING;
  }
}

const tables = new Map<string, PromotedTable>();

export function promotedTable(signal: Signal, scope: "resource" | "record"): PromotedTable {
  const id = `${signal}/${scope}`;
  let t = tables.get(id);
  if (!t) tables.set(id, (t = new PromotedTable(signal, scope)));
  return t;
}

/**
 * Converts the text of a promoted value for a typed column. Returns undefined when it
 * does not fit, in which case the attribute stays in the map instead.
 */
export function typedFromText(kind: number, type: ColumnType, s: string): number | undefined {
  if (kind === KIND_BOOL) return s === "true" ? 1 : s === "false" ? 0 : undefined;
  const t = s.trim();
  // Plain decimal only: "0x1F" or "1e3" are not status codes someone meant to send.
  if (kind === KIND_INT ? !/^[+-]?\d{1,16}$/.test(t) : t === "" || Number.isNaN(Number(t))) return undefined;
  return typedFromNumber(kind, type, Number(t));
}

export function typedFromNumber(kind: number, type: ColumnType, v: number): number | undefined {
  if (kind === KIND_FLOAT) return v;
  if (kind === KIND_BOOL || !Number.isSafeInteger(v)) return undefined;
  if (type === "int32" && (v < -2147483648 || v > 2147483647)) return undefined;
  return v;
}
