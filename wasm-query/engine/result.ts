/**
 * DuckDB's answer (an Arrow IPC stream) → `{ columns: {name, type}[], rows: unknown[][] }`
 * with JSON-safe values: 64-bit integers as numbers when exact (else strings),
 * timestamps as ISO-8601 strings with microseconds, maps as objects, lists as arrays.
 * Reads with the project's apache-arrow (no `new Function` on this path).
 */
import { DataType, tableFromIPC, tableToIPC, type Field, type Vector } from "apache-arrow";

export interface ResultColumn {
  name: string;
  /** DuckDB's type name (VARCHAR, BIGINT, DOUBLE, TIMESTAMP, MAP(VARCHAR, VARCHAR), …). */
  type: string;
}

export interface RowsResult {
  columns: ResultColumn[];
  rows: unknown[][];
}

/**
 * DuckDB-WASM answers in the Arrow IPC *file* format ("ARROW1" magic); inserting results
 * back (fan-out) and the API's `application/vnd.apache.arrow.stream` need the stream
 * format. Small results only: this decodes and re-encodes.
 */
export function toArrowStream(ipc: Uint8Array): Uint8Array {
  const isFile = ipc.length >= 6 && ipc[0] === 0x41 && ipc[1] === 0x52 && ipc[2] === 0x52 && ipc[3] === 0x4f && ipc[4] === 0x57 && ipc[5] === 0x31;
  return isFile ? tableToIPC(tableFromIPC(ipc), "stream") : ipc;
}

export function countRows(ipc: Uint8Array): number {
  return tableFromIPC(ipc).numRows;
}

export function decodeResult(ipc: Uint8Array): RowsResult {
  const table = tableFromIPC(ipc);
  const fields = table.schema.fields;
  const columns = fields.map((f) => ({ name: f.name, type: duckdbType(f.type) }));
  const rows: unknown[][] = Array.from({ length: table.numRows }, () => new Array(fields.length));
  fields.forEach((field, c) => {
    const vector = table.getChildAt(c) as Vector | null;
    if (!vector) return;
    for (let r = 0; r < table.numRows; r++) rows[r][c] = toJson(vector.get(r), field.type);
  });
  return { columns, rows };
}

function toJson(v: unknown, type: DataType): unknown {
  if (v === null || v === undefined) return null;
  if (DataType.isTimestamp(type)) return isoMicros(v, type.unit);
  if (DataType.isDate(type)) return new Date(Number(v)).toISOString().slice(0, 10);
  if (typeof v === "bigint") return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (DataType.isMap(type)) {
    const out: Record<string, unknown> = {};
    const valueType = (type.children[0].type as DataType).children[1].type as DataType;
    for (const [k, val] of v as Iterable<[unknown, unknown]>) out[String(k)] = toJson(val, valueType);
    return out;
  }
  if (DataType.isList(type)) {
    const child = type.children[0].type as DataType;
    return Array.from(v as Iterable<unknown>, (x) => toJson(x, child));
  }
  if (DataType.isStruct(type)) {
    const out: Record<string, unknown> = {};
    for (const f of type.children as Field[]) out[f.name] = toJson((v as Record<string, unknown>)[f.name], f.type);
    return out;
  }
  if (v instanceof Uint8Array) return Array.from(v);
  return v;
}

/** Arrow timestamp value (number in ms for apache-arrow ≥ 15, or bigint in the unit) → ISO string. */
function isoMicros(v: unknown, unit: number): string {
  // TimeUnit: 0 s, 1 ms, 2 µs, 3 ns
  let micros: bigint;
  if (typeof v === "bigint") micros = unit === 0 ? v * 1_000_000n : unit === 1 ? v * 1000n : unit === 2 ? v : v / 1000n;
  else micros = BigInt(Math.round((v as number) * 1000));
  const ms = micros / 1000n - (micros % 1000n < 0n ? 1n : 0n);
  const subMs = Number(((micros % 1000n) + 1000n) % 1000n);
  const iso = new Date(Number(ms)).toISOString(); // …SS.mmmZ
  return `${iso.slice(0, 23)}${String(subMs).padStart(3, "0")}Z`;
}

/** Arrow type → DuckDB's name for it (what DuckDB-WASM exported). */
export function duckdbType(t: DataType): string {
  if (DataType.isUtf8(t) || DataType.isLargeUtf8(t)) return "VARCHAR";
  if (DataType.isBool(t)) return "BOOLEAN";
  if (DataType.isInt(t)) {
    const base = { 8: "TINYINT", 16: "SMALLINT", 32: "INTEGER", 64: "BIGINT" }[t.bitWidth as 8 | 16 | 32 | 64];
    return t.isSigned ? base : `U${base}`;
  }
  if (DataType.isFloat(t)) return t.precision === 0 ? "HALF" : t.precision === 1 ? "FLOAT" : "DOUBLE";
  if (DataType.isDecimal(t)) return `DECIMAL(${t.precision},${t.scale})`;
  if (DataType.isTimestamp(t)) return t.timezone ? "TIMESTAMP WITH TIME ZONE" : "TIMESTAMP";
  if (DataType.isDate(t)) return "DATE";
  if (DataType.isTime(t)) return "TIME";
  if (DataType.isInterval(t)) return "INTERVAL";
  if (DataType.isBinary(t) || DataType.isLargeBinary(t)) return "BLOB";
  if (DataType.isMap(t)) {
    const entries = t.children[0].type as DataType;
    return `MAP(${duckdbType(entries.children[0].type)}, ${duckdbType(entries.children[1].type)})`;
  }
  if (DataType.isList(t)) return `${duckdbType(t.children[0].type)}[]`;
  if (DataType.isStruct(t)) return `STRUCT(${(t.children as Field[]).map((f) => `${f.name} ${duckdbType(f.type)}`).join(", ")})`;
  return String(t);
}
