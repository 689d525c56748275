/**
 * Binds a decoder to a TableBuilder: resolves every column it writes once per request
 * (no name lookups per row), and appends null to any column the decoder does not know,
 * so a row is always complete even after the schema grows a column.
 *
 * Also holds what is shared by every row of a resource / scope (prepared once, then
 * re-appended per record) and the writers for the resource, scope and map columns.
 */
import type { Column } from "../../../core/columns";
import { ListColumn, MapColumn, NumberColumn, StringColumn, TableBuilder } from "../../../core/columns";
import type { Signal } from "../../../core/schema";
import { appendArray, appendBlock, appendBytes, Utf8Block } from "./column-append";
import { hexInto } from "./text";
import { PromotedTable, promotedTable } from "./promoted";

/** A value prepared once and appended on many rows: UTF-8 bytes, a number, or null. */
export type PreparedValue = Uint8Array | number | null;

const EMPTY_BLOCK = Utf8Block.of([]);

/** Everything a resource contributes to each of its rows. */
export class PreparedResource {
  /** Resource promoted slot → value. */
  promoted: PreparedValue[];
  /** Non-promoted resource attributes, as UTF-8 bytes (while preparing). */
  keys: Uint8Array[] = [];
  values: Uint8Array[] = [];
  /** The same, packed for one-copy appends (after `finish()`). */
  keyBlock = EMPTY_BLOCK;
  valueBlock = EMPTY_BLOCK;
  constructor(slots: number) {
    this.promoted = new Array<PreparedValue>(slots).fill(null);
  }
  finish(): this {
    this.keyBlock = Utf8Block.of(this.keys);
    this.valueBlock = Utf8Block.of(this.values);
    return this;
  }
}

export interface PreparedScope {
  name: Uint8Array | null;
  version: Uint8Array | null;
}

export const EMPTY_SCOPE: PreparedScope = { name: null, version: null };

export class SignalTable {
  readonly table: TableBuilder;
  readonly resourcePromoted: PromotedTable;
  readonly recordPromoted: PromotedTable;
  /** Promoted slot → column. */
  readonly resourceCols: Column[];
  readonly recordCols: Column[];
  readonly scopeName: StringColumn;
  readonly scopeVersion: StringColumn;
  readonly attributes: MapColumn;
  readonly resourceAttributes: MapColumn;
  /** Scratch for hex-encoding ids without creating strings. */
  private readonly hex = new Uint8Array(64);
  private readonly claimed = new Set<Column>();
  private rest: Column[] | null = null;

  constructor(signal: Signal) {
    this.table = new TableBuilder(signal);
    this.resourcePromoted = promotedTable(signal, "resource");
    this.recordPromoted = promotedTable(signal, "record");
    this.resourceCols = this.resourcePromoted.defs.map((d) => this.claim(d.name));
    this.recordCols = this.recordPromoted.defs.map((d) => this.claim(d.name));
    this.scopeName = this.string("scope_name");
    this.scopeVersion = this.string("scope_version");
    this.attributes = this.map("attributes");
    this.resourceAttributes = this.map("resource_attributes");
  }

  private claim(name: string): Column {
    const c = this.table.column(name);
    this.claimed.add(c);
    return c;
  }
  string(name: string): StringColumn {
    return expect(this.claim(name), StringColumn, name);
  }
  number(name: string): NumberColumn {
    return expect(this.claim(name), NumberColumn, name);
  }
  list(name: string): ListColumn {
    return expect(this.claim(name), ListColumn, name);
  }
  map(name: string): MapColumn {
    return expect(this.claim(name), MapColumn, name);
  }

  /** Completes the row: nulls for columns nobody claimed, then `endRow()`. */
  endRow(): void {
    const rest = (this.rest ??= this.table.columns.filter((c) => !this.claimed.has(c)));
    for (let i = 0; i < rest.length; i++) appendNull(rest[i]);
    this.table.endRow();
  }

  appendResource(res: PreparedResource): void {
    const cols = this.resourceCols;
    for (let s = 0; s < cols.length; s++) appendPrepared(cols[s], res.promoted[s]);
    const m = this.resourceAttributes;
    appendBlock(m.keys, res.keyBlock);
    appendBlock(m.values, res.valueBlock);
    m.closeRow();
  }

  appendScope(scope: PreparedScope): void {
    appendPrepared(this.scopeName, scope.name);
    appendPrepared(this.scopeVersion, scope.version);
  }

  /** Appends bytes [start, end) as lowercase hex. */
  appendHex(col: StringColumn, b: Uint8Array, start: number, end: number): void {
    appendBytes(col, this.hex, 0, hexInto(b, start, end, this.hex));
  }
}

export function appendPrepared(col: Column, v: PreparedValue): void {
  // Promoted, scope and metric columns are never maps: no need for appendNull's type test.
  if (v === null) (col as StringColumn | NumberColumn).appendNull();
  else if (typeof v === "number") (col as NumberColumn).append(v);
  else appendArray(col as StringColumn, v);
}

export function appendNull(col: Column): void {
  if (col instanceof MapColumn) col.closeRow();
  else col.appendNull();
}

function expect<T extends Column>(c: Column, type: abstract new (...args: never[]) => T, name: string): T {
  if (!(c instanceof type)) throw new Error(`column ${name} is not a ${type.name}`);
  return c;
}
