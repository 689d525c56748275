/**
 * TableBuilder → one Arrow RecordBatch, built with apache-arrow's low-level `makeData`
 * straight from the column buffers. No builders and no `vectorFromArray`: those are
 * slow and compile code with `new Function`, which workerd rejects.
 *
 * Without a row selection the value buffers are handed over as-is (zero copy, except
 * number columns, which TableBuilder keeps as float64 and Arrow wants as int32/int64).
 * With one, gather.ts copies each buffer once.
 */
import {
  Bool,
  Field,
  Float64,
  Int32,
  Int64,
  List,
  Map_,
  RecordBatch,
  Schema,
  Struct,
  TimeUnit,
  Timestamp,
  Utf8,
  makeData,
  type Data,
  type DataType,
} from "apache-arrow";
import type { ColumnDef, ColumnType } from "../schema";
import { ListColumn, MapColumn, NumberColumn, StringColumn, type Column, type TableBuilder } from "../columns";
import {
  childSelection,
  gatherFloat64,
  gatherInt32,
  gatherInt64,
  gatherOffsets,
  gatherStrings,
  gatherValidity,
  selection,
  type Selection,
} from "./gather";

/** Arrow field for a schema column. Every column is nullable (older files lack newer columns). */
export function arrowField(def: ColumnDef): Field {
  return new Field(def.name, arrowType(def.type), true);
}

function arrowType(type: ColumnType): DataType {
  switch (type) {
    case "string":
      return new Utf8();
    case "int32":
      return new Int32();
    case "int64":
      return new Int64();
    case "float64":
      return new Float64();
    case "bool":
      return new Bool();
    case "timestamp":
      // No time zone → Parquet TIMESTAMP(MICROS, isAdjustedToUTC=false) → DuckDB TIMESTAMP.
      return new Timestamp(TimeUnit.MICROSECOND, null);
    case "map":
      // Map keys must be non-null; values may be null.
      return new Map_(
        new Field("entries", new Struct([new Field("key", new Utf8(), false), new Field("value", new Utf8(), true)]), false) as never,
        false,
      );
    case "list_float64":
      return new List(new Field("element", new Float64(), true));
    case "list_int64":
      return new List(new Field("element", new Int64(), true));
  }
}

/** Build the batch: all rows in order, or `rows` (a selection and/or permutation). */
export function toRecordBatch(table: TableBuilder, rows?: Int32Array): RecordBatch {
  const sel = selection(rows, table.rows);
  const fields = table.defs.map(arrowField);
  const children = table.defs.map((_, i) => columnData(fields[i].type, table.columns[i], sel));
  const data = makeData({ type: new Struct(fields), length: sel.n, nullCount: 0, children });
  return new RecordBatch(new Schema(fields), data);
}

function columnData(type: DataType, col: Column, sel: Selection): Data {
  if (col instanceof StringColumn) return stringData(type as Utf8, col, sel);
  if (col instanceof MapColumn) return mapData(type as Map_, col, sel);
  if (col instanceof ListColumn) return listData(type as List, col, sel);
  return numberData(type, col, sel);
}

function stringData(type: Utf8, col: StringColumn, sel: Selection): Data<Utf8> {
  const { bitmap, nulls } = gatherValidity(col.validity.bits, col.validity.nulls, sel);
  const { offsets, bytes } =
    nulls === sel.n // all null: no bytes to copy
      ? { offsets: new Int32Array(sel.n + 1), bytes: new Uint8Array(0) }
      : gatherStrings(col.offsets, col.bytes.data, col.bytes.length, sel);
  return makeData({ type, length: sel.n, nullCount: nulls, nullBitmap: bitmap, valueOffsets: offsets, data: bytes });
}

function numberData(type: DataType, col: NumberColumn, sel: Selection): Data {
  const { bitmap, nulls } = gatherValidity(col.validity.bits, col.validity.nulls, sel);
  let data: ArrayBufferView;
  switch (col.type) {
    case "float64":
      data = gatherFloat64(col.values, sel);
      break;
    case "int32":
      data = gatherInt32(col.values, sel);
      break;
    case "bool": {
      const f = gatherFloat64(col.values, sel);
      const out = new Uint8Array((sel.n + 7) >> 3);
      for (let i = 0; i < sel.n; i++) if (f[i]) out[i >> 3] |= 1 << (i & 7);
      data = out;
      break;
    }
    default: // int64, timestamp
      data = gatherInt64(col.values, sel);
  }
  return makeData({ type, length: sel.n, nullCount: nulls, nullBitmap: bitmap, data } as never);
}

function mapData(type: Map_, col: MapColumn, sel: Selection): Data<Map_> {
  const entryType = type.children[0].type as Struct;
  const valueOffsets = gatherOffsets(col.offsets, sel);
  const entries = childSelection(col.offsets, sel, col.keys.length, valueOffsets);
  const keys = stringData(entryType.children[0].type, col.keys, entries);
  const values = stringData(entryType.children[1].type, col.values, entries);
  const child = makeData({ type: entryType, length: entries.n, nullCount: 0, children: [keys, values] });
  return makeData({ type, length: sel.n, nullCount: 0, valueOffsets, child });
}

function listData(type: List, col: ListColumn, sel: Selection): Data<List> {
  const { bitmap, nulls } = gatherValidity(col.validity.bits, col.validity.nulls, sel);
  const itemType = type.children[0].type;
  const valueOffsets = gatherOffsets(col.offsets, sel);
  const items = childSelection(col.offsets, sel, col.items.length, valueOffsets);
  const data = col.type === "list_int64" ? gatherInt64(col.items, items) : gatherFloat64(col.items, items);
  const child = makeData({ type: itemType, length: items.n, nullCount: 0, data } as never);
  return makeData({ type, length: sel.n, nullCount: nulls, nullBitmap: bitmap, valueOffsets, child });
}
