/**
 * Zero-copy views of Arrow data living in parquet-wasm's memory, through the Arrow C
 * Data Interface (https://arrow.apache.org/docs/format/CDataInterface.html).
 *
 * Why: the alternative, `intoIPCStream()`, serialises into a growing Vec inside wasm,
 * which took the wasm heap (which never shrinks) from ~70 MB to ~210 MB reading one
 * 64k-row group of logs. Here we only read the ArrowArray/ArrowSchema structs and wrap
 * the buffers as apache-arrow `Data` views; the caller copies what it needs before the
 * next wasm call (a call may grow the memory and detach the views).
 *
 * Only the types our schema writes are supported (utf8, int32, int64, float64, bool,
 * timestamp[us], map, list, struct); anything else throws a clear error.
 */
import {
  Bool,
  Field,
  Float64,
  Int32,
  Int64,
  List,
  Map_,
  Struct,
  TimeUnit,
  Timestamp,
  Utf8,
  makeData,
  type Data,
  type DataType,
} from "apache-arrow";

const decoder = new TextDecoder();

interface SchemaNode {
  format: string;
  name: string;
  children: SchemaNode[];
}

function cString(mem: Uint8Array, ptr: number): string {
  if (ptr === 0) return "";
  let end = ptr;
  while (mem[end] !== 0) end++;
  return decoder.decode(mem.subarray(ptr, end));
}

// wasm32 layouts: pointers are 4 bytes, int64 fields 8-byte aligned.
function readSchema(view: DataView, mem: Uint8Array, addr: number): SchemaNode {
  const format = cString(mem, view.getUint32(addr, true));
  const name = cString(mem, view.getUint32(addr + 4, true));
  const nChildren = Number(view.getBigInt64(addr + 24, true));
  const childrenPtr = view.getUint32(addr + 32, true);
  const children: SchemaNode[] = [];
  for (let i = 0; i < nChildren; i++) children.push(readSchema(view, mem, view.getUint32(childrenPtr + 4 * i, true)));
  return { format, name, children };
}

function toType(node: SchemaNode): DataType {
  switch (node.format) {
    case "u":
      return new Utf8();
    case "i":
      return new Int32();
    case "l":
      return new Int64();
    case "g":
      return new Float64();
    case "b":
      return new Bool();
    case "+s":
      return new Struct(node.children.map(toField));
    case "+l":
      return new List(toField(node.children[0]));
    case "+m":
      return new Map_(toField(node.children[0]) as never);
  }
  if (node.format.startsWith("tsu:")) return new Timestamp(TimeUnit.MICROSECOND, node.format.slice(4) || null);
  throw new Error(`unsupported Arrow type '${node.format}' for column ${node.name}`);
}

function toField(node: SchemaNode): Field {
  return new Field(node.name, toType(node), true);
}

function readArray(view: DataView, buffer: ArrayBuffer, addr: number, type: DataType): Data {
  const length = Number(view.getBigInt64(addr, true));
  const nullCountRaw = Number(view.getBigInt64(addr + 8, true));
  const offset = Number(view.getBigInt64(addr + 16, true));
  const nBuffers = Number(view.getBigInt64(addr + 24, true));
  const nChildren = Number(view.getBigInt64(addr + 32, true));
  const buffersPtr = view.getUint32(addr + 40, true);
  const childrenPtr = view.getUint32(addr + 44, true);
  const ptr = (i: number) => (i < nBuffers ? view.getUint32(buffersPtr + 4 * i, true) : 0);
  const validityPtr = ptr(0);
  const nullBitmap = validityPtr ? new Uint8Array(buffer, validityPtr, (offset + length + 7) >> 3) : undefined;
  const nullCount = nullBitmap ? nullCountRaw : 0; // -1 (unknown) is recomputed by apache-arrow
  const children: Data[] = [];
  const childTypes = type.children ?? [];
  for (let i = 0; i < nChildren; i++) children.push(readArray(view, buffer, view.getUint32(childrenPtr + 4 * i, true), childTypes[i].type));
  const common = { type, offset, length, nullCount, nullBitmap };
  if (type instanceof Utf8) {
    const offsets = new Int32Array(buffer, ptr(1), offset + length + 1);
    const bytes = new Uint8Array(buffer, ptr(2), offsets[offset + length]);
    return makeData({ ...common, type, valueOffsets: offsets, data: bytes });
  }
  if (type instanceof List || type instanceof Map_) {
    const valueOffsets = new Int32Array(buffer, ptr(1), offset + length + 1);
    return makeData({ ...common, type, valueOffsets, child: children[0] } as never);
  }
  if (type instanceof Struct) return makeData({ ...common, type, children } as never);
  if (type instanceof Bool) return makeData({ ...common, type, data: new Uint8Array(buffer, ptr(1), (offset + length + 7) >> 3) });
  const Ctor = type instanceof Float64 ? Float64Array : type instanceof Int32 ? Int32Array : BigInt64Array;
  return makeData({ ...common, type, data: new Ctor(buffer, ptr(1), offset + length) } as never);
}

/**
 * A record batch exported by parquet-wasm: its columns by name, as views into
 * `memory` (valid until the next wasm call).
 */
export function importRecordBatch(memory: WebAssembly.Memory, arrayAddr: number, schemaAddr: number): { length: number; columns: Map<string, Data> } {
  const buffer = memory.buffer;
  const view = new DataView(buffer);
  const schema = readSchema(view, new Uint8Array(buffer), schemaAddr);
  if (schema.format !== "+s") throw new Error(`expected a struct (record batch), got '${schema.format}'`);
  const columns = new Map<string, Data>();
  const length = Number(view.getBigInt64(arrayAddr, true));
  const childrenPtr = view.getUint32(arrayAddr + 44, true);
  schema.children.forEach((child, i) => {
    // Columns of types we do not know are skipped (treated as absent → nulls).
    let type: DataType;
    try {
      type = toType(child);
    } catch {
      return;
    }
    columns.set(child.name, readArray(view, buffer, view.getUint32(childrenPtr + 4 * i, true), type));
  });
  return { length, columns };
}
