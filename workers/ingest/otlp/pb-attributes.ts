/**
 * Attribute lists on the protobuf path: classify each KeyValue as promoted (its own
 * column) or not (the map), then write them out.
 *
 * Collection and writing are separate steps because a record must be validated
 * completely before anything is appended (a rejected record must leave no partial
 * row), and because "first key of `from` wins" needs the whole list: when both
 * `http.response.status_code` and `http.status_code` are sent, the first goes to the
 * column and the other stays in the map.
 */
import type { Column, MapColumn, NumberColumn, StringColumn } from "../../../core/columns";
import { int64ToNumber } from "./int64";
import {
  AnyValueRef,
  anyValueText,
  appendAnyValueText,
  AV_BOOL,
  AV_DOUBLE,
  AV_INT,
  AV_NONE,
  AV_STRING,
  readAnyValue,
  readKeyValue,
} from "./pb-anyvalue";
import { KIND_BOOL, KIND_STRING, PromotedTable, typedFromNumber, typedFromText } from "./promoted";
import type { ProtoReader } from "./protobuf-reader";
import { appendNull, type PreparedResource } from "./table-binding";
import { appendUtf8Checked } from "./column-append";
import { copyUtf8, decodeUtf8, encodeUtf8 } from "./text";

export class PbAttributes {
  /** Number of KeyValues collected since `reset()`. */
  n = 0;
  private ks = new Int32Array(16);
  private ke = new Int32Array(16);
  /** AnyValue message range; -1 when the KeyValue has no value. */
  private vs = new Int32Array(16);
  private ve = new Int32Array(16);
  /** Promoted slot of each KeyValue, or -1. */
  private slot = new Int32Array(16);
  /** Converted value for typed (non-string) promoted columns. */
  private typed = new Float64Array(16);
  /** Slot → index of the winning KeyValue, or -1; and that key's priority. */
  private readonly winner: Int32Array;
  private readonly prio: Int32Array;
  /** Slots whose winner is set, so `reset` can clear just those. */
  private readonly touched: Int32Array;
  private nTouched = 0;
  /** Slot → value used when no attribute fills it (spans: exception event fields). */
  private readonly fallback: (string | null)[];
  private fallbackUsed = false;
  private readonly kv = new Int32Array(4);
  private readonly value = new AnyValueRef();

  constructor(
    private readonly r: ProtoReader,
    private readonly table: PromotedTable,
  ) {
    this.winner = new Int32Array(table.size).fill(-1);
    this.prio = new Int32Array(table.size);
    this.touched = new Int32Array(table.size);
    this.fallback = new Array<string | null>(table.size).fill(null);
  }

  reset(): void {
    this.n = 0;
    // Clear only the slots this record used: most records fill few of them.
    for (let t = 0; t < this.nTouched; t++) this.winner[this.touched[t]] = -1;
    this.nTouched = 0;
    if (this.fallbackUsed) {
      this.fallback.fill(null);
      this.fallbackUsed = false;
    }
  }

  /** Sets the value used for `slot` when no attribute fills it (cleared by `reset`). */
  setFallback(slot: number, value: string | null): void {
    this.fallback[slot] = value;
    this.fallbackUsed = true;
  }

  /** Collects the KeyValue message in [start, end). Moves `r.pos`. */
  add(start: number, end: number): void {
    const r = this.r;
    const kv = this.kv;
    readKeyValue(r, start, end, kv);
    if (this.n === this.ks.length) this.grow();
    const i = this.n++;
    this.ks[i] = kv[0];
    this.ke[i] = kv[1];
    this.vs[i] = kv[2];
    this.ve[i] = kv[3];
    this.slot[i] = -1;
    if (kv[2] < 0) return; // no value: nothing to promote, kept in the map as ""
    const m = this.table.match(r.buf, kv[0], kv[1]);
    if (m === undefined) return;
    const s = m.slot;
    const kind = this.table.kinds[s];
    const value = this.value;
    readAnyValue(r, kv[2], kv[3], value);
    if (value.kind === AV_NONE) return; // an empty AnyValue promotes nothing
    if (kind !== KIND_STRING) {
      const v = this.typedValue(kind, s, value);
      if (v === undefined) return; // e.g. status code "abc": keep it in the map
      this.typed[i] = v;
    }
    this.slot[i] = s;
    const w = this.winner[s];
    if (w < 0) this.touched[this.nTouched++] = s;
    if (w < 0 || m.priority < this.prio[s]) {
      this.winner[s] = i;
      this.prio[s] = m.priority;
    }
  }

  private typedValue(kind: number, s: number, v: AnyValueRef): number | undefined {
    const type = this.table.defs[s].type;
    switch (v.kind) {
      case AV_INT:
        return typedFromNumber(kind, type, int64ToNumber(v.lo, v.hi));
      case AV_DOUBLE:
        return typedFromNumber(kind, type, v.num);
      case AV_BOOL:
        return kind === KIND_BOOL ? v.num : undefined;
      case AV_STRING:
        return typedFromText(kind, type, decodeUtf8(this.r.buf, v.start, v.end));
      default:
        return undefined;
    }
  }

  private isWinner(i: number): boolean {
    const s = this.slot[i];
    return s >= 0 && this.winner[s] === i;
  }

  /** Appends one row: each promoted column (value or null), then the map entries. */
  write(cols: Column[], map: MapColumn): void {
    const r = this.r;
    const v = this.value;
    for (let s = 0; s < cols.length; s++) {
      const w = this.winner[s];
      const col = cols[s];
      if (w >= 0) {
        if (this.table.kinds[s] === KIND_STRING) {
          readAnyValue(r, this.vs[w], this.ve[w], v);
          appendAnyValueText(col as StringColumn, r, v);
        } else (col as NumberColumn).append(this.typed[w]);
      } else {
        const f = this.fallback[s];
        if (f === null) appendNull(col);
        else if (this.table.kinds[s] === KIND_STRING) (col as StringColumn).append(f);
        else {
          const t = typedFromText(this.table.kinds[s], this.table.defs[s].type, f);
          if (t === undefined) appendNull(col);
          else (col as NumberColumn).append(t);
        }
      }
    }
    const keys = map.keys;
    const values = map.values;
    for (let i = 0; i < this.n; i++) {
      if (this.isWinner(i)) continue;
      appendUtf8Checked(keys, r.buf, this.ks[i], this.ke[i]);
      if (this.vs[i] < 0) values.append("");
      else {
        readAnyValue(r, this.vs[i], this.ve[i], v);
        appendAnyValueText(values, r, v);
      }
    }
    map.closeRow();
  }

  /** Turns the collected resource attributes into values re-appended on every row. */
  prepare(out: PreparedResource): void {
    const r = this.r;
    const v = this.value;
    for (let s = 0; s < this.table.size; s++) {
      const w = this.winner[s];
      if (w < 0) continue;
      if (this.table.kinds[s] !== KIND_STRING) out.promoted[s] = this.typed[w];
      else {
        readAnyValue(r, this.vs[w], this.ve[w], v);
        out.promoted[s] = v.kind === AV_STRING ? copyUtf8(r.buf, v.start, v.end) : encodeUtf8(anyValueText(r, v));
      }
    }
    for (let i = 0; i < this.n; i++) {
      if (this.isWinner(i)) continue;
      out.keys.push(copyUtf8(r.buf, this.ks[i], this.ke[i]));
      if (this.vs[i] < 0) out.values.push(new Uint8Array(0));
      else {
        readAnyValue(r, this.vs[i], this.ve[i], v);
        out.values.push(v.kind === AV_STRING ? copyUtf8(r.buf, v.start, v.end) : encodeUtf8(anyValueText(r, v)));
      }
    }
  }

  private grow(): void {
    const n = this.ks.length * 2;
    const g32 = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.ks = g32(this.ks);
    this.ke = g32(this.ke);
    this.vs = g32(this.vs);
    this.ve = g32(this.ve);
    this.slot = g32(this.slot);
    const t = new Float64Array(n);
    t.set(this.typed);
    this.typed = t;
  }
}

