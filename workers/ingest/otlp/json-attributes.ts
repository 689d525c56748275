/**
 * Attribute lists on the JSON path: the same promoted/map split as `pb-attributes.ts`
 * (first key of `from` wins; typed columns only take convertible values), on already
 * parsed `[{key, value: AnyValue}]` arrays.
 *
 * `collect` may throw RecordError (bad shape); `write` never does, so a record is
 * fully validated before its first column is appended.
 */
import type { Column, MapColumn, NumberColumn, StringColumn } from "../../../core/columns";
import { appendString } from "./column-append";
import { anyText, get, int64Number, isObject, RecordError } from "./json-values";
import { KIND_BOOL, KIND_STRING, PromotedTable, typedFromNumber, typedFromText } from "./promoted";
import { appendNull, type PreparedResource } from "./table-binding";
import { encodeUtf8 } from "./text";

export class JsonAttributes {
  private keys: string[] = [];
  /** Text of each value ("" when unset). */
  private texts: string[] = [];
  private slot: number[] = [];
  private typed: number[] = [];
  private readonly winner: Int32Array;
  private readonly prio: Int32Array;
  /** Slot → value used when no attribute fills it (spans: exception event fields). */
  readonly fallback: (string | null)[];

  constructor(private readonly table: PromotedTable) {
    this.winner = new Int32Array(table.size).fill(-1);
    this.prio = new Int32Array(table.size);
    this.fallback = new Array<string | null>(table.size).fill(null);
  }

  reset(): void {
    this.keys.length = 0;
    this.texts.length = 0;
    this.slot.length = 0;
    this.typed.length = 0;
    if (this.table.size > 0) {
      this.winner.fill(-1);
      this.fallback.fill(null);
    }
  }

  /** Adds a JSON `attributes` array (undefined = none). */
  collect(list: unknown, field = "attributes"): void {
    if (list === undefined || list === null) return;
    if (!Array.isArray(list)) throw new RecordError(`${field} must be an array`);
    for (let j = 0; j < list.length; j++) {
      const kv = list[j];
      if (!isObject(kv) || typeof kv.key !== "string") {
        throw new RecordError(`${field}[${j}] must be an object with a string key`);
      }
      this.add(kv.key, get(kv, "value"));
    }
  }

  private add(key: string, value: unknown): void {
    const i = this.keys.length;
    const text = anyText(value);
    this.keys.push(key);
    this.texts.push(text ?? "");
    this.slot.push(-1);
    this.typed.push(0);
    if (text === null) return; // no value: kept in the map as ""
    const m = this.table.byName.get(key);
    if (m === undefined) return;
    const s = m.slot;
    const kind = this.table.kinds[s];
    if (kind !== KIND_STRING) {
      const v = this.typedValue(kind, s, value, text);
      if (v === undefined) return;
      this.typed[i] = v;
    }
    this.slot[i] = s;
    if (this.winner[s] < 0 || m.priority < this.prio[s]) {
      this.winner[s] = i;
      this.prio[s] = m.priority;
    }
  }

  private typedValue(kind: number, s: number, value: unknown, text: string): number | undefined {
    const type = this.table.defs[s].type;
    const v = value as Record<string, unknown>;
    const int = get(v, "intValue", "int_value");
    if (int !== undefined) {
      try {
        return typedFromNumber(kind, type, int64Number(int, "intValue"));
      } catch (e) {
        if (e instanceof RecordError) return undefined;
        throw e;
      }
    }
    if (get(v, "doubleValue", "double_value") !== undefined) return typedFromNumber(kind, type, Number(text));
    if (get(v, "boolValue", "bool_value") !== undefined) return kind === KIND_BOOL ? (text === "true" ? 1 : 0) : undefined;
    if (get(v, "stringValue", "string_value") !== undefined) return typedFromText(kind, type, text);
    return undefined;
  }

  private isWinner(i: number): boolean {
    const s = this.slot[i];
    return s >= 0 && this.winner[s] === i;
  }

  /** Appends one row: each promoted column (value or null), then the map entries. */
  write(cols: Column[], map: MapColumn): void {
    for (let s = 0; s < cols.length; s++) {
      const w = this.winner[s];
      const col = cols[s];
      const kind = this.table.kinds[s];
      if (w >= 0) {
        if (kind === KIND_STRING) appendString(col as StringColumn, this.texts[w]);
        else (col as NumberColumn).append(this.typed[w]);
        continue;
      }
      const f = this.fallback[s];
      if (f === null) appendNull(col);
      else if (kind === KIND_STRING) appendString(col as StringColumn, f);
      else {
        const t = typedFromText(kind, this.table.defs[s].type, f);
        if (t === undefined) appendNull(col);
        else (col as NumberColumn).append(t);
      }
    }
    for (let i = 0; i < this.keys.length; i++) {
      if (this.isWinner(i)) continue;
      appendString(map.keys, this.keys[i]);
      appendString(map.values, this.texts[i]);
    }
    map.closeRow();
  }

  /** Turns the collected resource attributes into values re-appended on every row. */
  prepare(out: PreparedResource): void {
    for (let s = 0; s < this.table.size; s++) {
      const w = this.winner[s];
      if (w < 0) continue;
      out.promoted[s] = this.table.kinds[s] === KIND_STRING ? encodeUtf8(this.texts[w]) : this.typed[w];
    }
    for (let i = 0; i < this.keys.length; i++) {
      if (this.isWinner(i)) continue;
      out.keys.push(encodeUtf8(this.keys[i]));
      out.values.push(encodeUtf8(this.texts[i]));
    }
  }
}
