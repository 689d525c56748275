/**
 * A small OTLP protobuf and JSON *encoder* for the benchmark's synthetic data: just the
 * fields the generator fills (see gen.ts), with the field numbers of
 * opentelemetry-proto (collector/{logs,trace}/v1, logs/v1, trace/v1, common/v1,
 * resource/v1). Not used by the platform; encoding speed does not matter here.
 *
 * Messages are written depth-first into one growable buffer: a nested message gets a
 * placeholder length, is written in place, then its length varint is spliced in.
 */

// ── the data model the generator produces ────────────────────────────────────────────

export type AttrValue = string | number | boolean | { int: number } | { double: number };
export type Attrs = [key: string, value: AttrValue][];

export interface Resource {
  attributes: Attrs;
}
export interface Scope {
  name: string;
  version: string;
}

/** Nanosecond timestamps as BigInt: they exceed 2^53. */
export interface LogRecord {
  timeNs: bigint;
  observedNs: bigint;
  severityNumber: number;
  severityText: string;
  body: string;
  attributes: Attrs;
  flags: number;
  traceId: Uint8Array | null; // 16 bytes
  spanId: Uint8Array | null; // 8 bytes
}

export interface SpanEvent {
  timeNs: bigint;
  name: string;
  attributes: Attrs;
}

export interface Span {
  traceId: Uint8Array;
  spanId: Uint8Array;
  parentSpanId: Uint8Array | null;
  traceState: string;
  name: string;
  kind: number; // 1 INTERNAL, 2 SERVER, 3 CLIENT, 4 PRODUCER, 5 CONSUMER
  startNs: bigint;
  endNs: bigint;
  attributes: Attrs;
  events: SpanEvent[];
  statusCode: number; // 0 UNSET, 1 OK, 2 ERROR
  statusMessage: string;
}

export interface ScopeGroup<T> {
  scope: Scope;
  records: T[];
}
export interface ResourceGroup<T> {
  resource: Resource;
  scopes: ScopeGroup<T>[];
}
/** One export request: records grouped by resource, then by scope. */
export type ExportRequest<T> = ResourceGroup<T>[];

// ── protobuf writer ───────────────────────────────────────────────────────────────────

const utf8 = new TextEncoder();
const WIRE_VARINT = 0;
const WIRE_I64 = 1;
const WIRE_LEN = 2;
const WIRE_I32 = 5;

class Writer {
  buf = new Uint8Array(1 << 16);
  pos = 0;
  private view = new DataView(this.buf.buffer);

  private reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.pos + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  varint(v: number): void {
    this.reserve(10);
    // Non-negative integers below 2^53.
    while (v >= 0x80) {
      this.buf[this.pos++] = (v % 128) | 0x80;
      v = Math.floor(v / 128);
    }
    this.buf[this.pos++] = v;
  }
  /** int64 varint, two's complement for negatives (10 bytes). */
  int64(v: number): void {
    if (v >= 0) return this.varint(v);
    let b = BigInt.asUintN(64, BigInt(v));
    this.reserve(10);
    while (b >= 0x80n) {
      this.buf[this.pos++] = Number(b & 0x7fn) | 0x80;
      b >>= 7n;
    }
    this.buf[this.pos++] = Number(b);
  }
  tag(field: number, wire: number): void {
    this.varint((field << 3) | wire);
  }
  fixed64(field: number, v: bigint): void {
    this.tag(field, WIRE_I64);
    this.reserve(8);
    this.view.setBigUint64(this.pos, v, true);
    this.pos += 8;
  }
  fixed32(field: number, v: number): void {
    this.tag(field, WIRE_I32);
    this.reserve(4);
    this.view.setUint32(this.pos, v >>> 0, true);
    this.pos += 4;
  }
  double(field: number, v: number): void {
    this.tag(field, WIRE_I64);
    this.reserve(8);
    this.view.setFloat64(this.pos, v, true);
    this.pos += 8;
  }
  uint(field: number, v: number): void {
    this.tag(field, WIRE_VARINT);
    this.varint(v);
  }
  bytes(field: number, b: Uint8Array): void {
    this.tag(field, WIRE_LEN);
    this.varint(b.length);
    this.reserve(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }
  string(field: number, s: string): void {
    const n = s.length;
    let ascii = true;
    for (let i = 0; i < n; i++) {
      if (s.charCodeAt(i) >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (!ascii) return this.bytes(field, utf8.encode(s));
    // ASCII fast path: TextEncoder.encode per short string dominates otherwise.
    this.tag(field, WIRE_LEN);
    this.varint(n);
    this.reserve(n);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) buf[p++] = s.charCodeAt(i);
    this.pos = p;
  }
  /** A nested message: `body` writes its fields; the length prefix is spliced in after. */
  message(field: number, body: () => void): void {
    this.tag(field, WIRE_LEN);
    this.reserve(5);
    const lenPos = this.pos;
    this.pos += 5; // room for the largest 32-bit varint, shifted down below if shorter
    const start = this.pos;
    body();
    const len = this.pos - start;
    const lenBytes = len < 0x80 ? 1 : len < 0x4000 ? 2 : len < 0x200000 ? 3 : len < 0x10000000 ? 4 : 5;
    if (lenBytes < 5) this.buf.copyWithin(lenPos + lenBytes, start, this.pos);
    let v = len;
    let p = lenPos;
    while (v >= 0x80) {
      this.buf[p++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[p] = v;
    this.pos = lenPos + lenBytes + len;
  }
  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}

function writeAnyValue(w: Writer, v: AttrValue): void {
  if (typeof v === "string") w.string(1, v);
  else if (typeof v === "boolean") w.uint(2, v ? 1 : 0);
  else if (typeof v === "number") {
    if (Number.isInteger(v)) {
      w.tag(3, WIRE_VARINT);
      w.int64(v);
    } else w.double(4, v);
  } else if ("int" in v) {
    w.tag(3, WIRE_VARINT);
    w.int64(v.int);
  } else w.double(4, v.double);
}

function writeAttrs(w: Writer, field: number, attrs: Attrs): void {
  for (const [key, value] of attrs) {
    w.message(field, () => {
      w.string(1, key);
      w.message(2, () => writeAnyValue(w, value));
    });
  }
}

function writeResource(w: Writer, r: Resource): void {
  w.message(1, () => writeAttrs(w, 1, r.attributes));
}
function writeScope(w: Writer, s: Scope): void {
  w.message(1, () => {
    if (s.name) w.string(1, s.name);
    if (s.version) w.string(2, s.version);
  });
}

function writeLogRecord(w: Writer, r: LogRecord): void {
  w.fixed64(1, r.timeNs);
  if (r.severityNumber) w.uint(2, r.severityNumber);
  if (r.severityText) w.string(3, r.severityText);
  w.message(5, () => w.string(1, r.body));
  writeAttrs(w, 6, r.attributes);
  if (r.flags) w.fixed32(8, r.flags);
  if (r.traceId) w.bytes(9, r.traceId);
  if (r.spanId) w.bytes(10, r.spanId);
  w.fixed64(11, r.observedNs);
}

function writeSpan(w: Writer, s: Span): void {
  w.bytes(1, s.traceId);
  w.bytes(2, s.spanId);
  if (s.traceState) w.string(3, s.traceState);
  if (s.parentSpanId) w.bytes(4, s.parentSpanId);
  w.string(5, s.name);
  if (s.kind) w.uint(6, s.kind);
  w.fixed64(7, s.startNs);
  w.fixed64(8, s.endNs);
  writeAttrs(w, 9, s.attributes);
  for (const e of s.events) {
    w.message(11, () => {
      w.fixed64(1, e.timeNs);
      w.string(2, e.name);
      writeAttrs(w, 3, e.attributes);
    });
  }
  if (s.statusCode || s.statusMessage) {
    w.message(15, () => {
      if (s.statusMessage) w.string(2, s.statusMessage);
      if (s.statusCode) w.uint(3, s.statusCode);
    });
  }
}

/** ExportLogsServiceRequest. */
export function encodeLogsProtobuf(req: ExportRequest<LogRecord>): Uint8Array {
  const w = new Writer();
  for (const rg of req) {
    w.message(1, () => {
      writeResource(w, rg.resource);
      for (const sg of rg.scopes) {
        w.message(2, () => {
          writeScope(w, sg.scope);
          for (const r of sg.records) w.message(2, () => writeLogRecord(w, r));
        });
      }
    });
  }
  return w.finish();
}

/** ExportTraceServiceRequest. */
export function encodeSpansProtobuf(req: ExportRequest<Span>): Uint8Array {
  const w = new Writer();
  for (const rg of req) {
    w.message(1, () => {
      writeResource(w, rg.resource);
      for (const sg of rg.scopes) {
        w.message(2, () => {
          writeScope(w, sg.scope);
          for (const s of sg.records) w.message(2, () => writeSpan(w, s));
        });
      }
    });
  }
  return w.finish();
}

// ── JSON (OTLP/JSON mapping: hex ids, int64 as decimal strings, enums as integers) ────

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
export function hex(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i++) s += HEX[b[i]];
  return s;
}

function jsonAnyValue(v: AttrValue): object {
  if (typeof v === "string") return { stringValue: v };
  if (typeof v === "boolean") return { boolValue: v };
  if (typeof v === "number") return Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v };
  if ("int" in v) return { intValue: String(v.int) };
  return { doubleValue: v.double };
}
const jsonAttrs = (attrs: Attrs) => attrs.map(([key, value]) => ({ key, value: jsonAnyValue(value) }));
const jsonResource = (r: Resource) => ({ attributes: jsonAttrs(r.attributes) });

export function encodeLogsJson(req: ExportRequest<LogRecord>): string {
  return JSON.stringify({
    resourceLogs: req.map((rg) => ({
      resource: jsonResource(rg.resource),
      scopeLogs: rg.scopes.map((sg) => ({
        scope: sg.scope,
        logRecords: sg.records.map((r) => ({
          timeUnixNano: String(r.timeNs),
          observedTimeUnixNano: String(r.observedNs),
          severityNumber: r.severityNumber,
          severityText: r.severityText,
          body: { stringValue: r.body },
          attributes: jsonAttrs(r.attributes),
          ...(r.flags ? { flags: r.flags } : {}),
          ...(r.traceId ? { traceId: hex(r.traceId) } : {}),
          ...(r.spanId ? { spanId: hex(r.spanId) } : {}),
        })),
      })),
    })),
  });
}

export function encodeSpansJson(req: ExportRequest<Span>): string {
  return JSON.stringify({
    resourceSpans: req.map((rg) => ({
      resource: jsonResource(rg.resource),
      scopeSpans: rg.scopes.map((sg) => ({
        scope: sg.scope,
        spans: sg.records.map((s) => ({
          traceId: hex(s.traceId),
          spanId: hex(s.spanId),
          ...(s.traceState ? { traceState: s.traceState } : {}),
          ...(s.parentSpanId ? { parentSpanId: hex(s.parentSpanId) } : {}),
          name: s.name,
          kind: s.kind,
          startTimeUnixNano: String(s.startNs),
          endTimeUnixNano: String(s.endNs),
          attributes: jsonAttrs(s.attributes),
          ...(s.events.length
            ? { events: s.events.map((e) => ({ timeUnixNano: String(e.timeNs), name: e.name, attributes: jsonAttrs(e.attributes) })) }
            : {}),
          status: s.statusCode || s.statusMessage ? { ...(s.statusMessage ? { message: s.statusMessage } : {}), code: s.statusCode } : {},
        })),
      })),
    })),
  });
}

// ── replay: make a re-sent request distinct (later times, other ids) without re-encoding ─

/** Byte offsets, in an encoded ExportLogsServiceRequest, of the values `patchLogs` changes. */
export interface PatchPoints {
  times: number[]; // fixed64 time_unix_nano / observed_time_unix_nano values
  traceIds: number[]; // 16-byte trace_id values
  spanIds: number[]; // 8-byte span_id values
}

function readVarint(buf: Uint8Array, p: number): { value: number; next: number } {
  let value = 0;
  let mul = 1;
  for (;;) {
    const b = buf[p++];
    value += (b & 0x7f) * mul;
    if (b < 0x80) return { value, next: p };
    mul *= 128;
  }
}

/** Calls `visit` for each field of the message in buf[start, end). */
function eachField(buf: Uint8Array, start: number, end: number, visit: (field: number, wire: number, pos: number, len: number) => void): void {
  let p = start;
  while (p < end) {
    const tag = readVarint(buf, p);
    p = tag.next;
    const field = Math.floor(tag.value / 8);
    const wire = tag.value & 7;
    if (wire === WIRE_VARINT) {
      const v = readVarint(buf, p);
      visit(field, wire, p, v.next - p);
      p = v.next;
    } else if (wire === WIRE_I64) {
      visit(field, wire, p, 8);
      p += 8;
    } else if (wire === WIRE_I32) {
      visit(field, wire, p, 4);
      p += 4;
    } else if (wire === WIRE_LEN) {
      const len = readVarint(buf, p);
      visit(field, wire, len.next, len.value);
      p = len.next + len.value;
    } else throw new Error(`unexpected wire type ${wire} at ${p}`);
  }
}

export function logsPatchPoints(buf: Uint8Array): PatchPoints {
  const pts: PatchPoints = { times: [], traceIds: [], spanIds: [] };
  eachField(buf, 0, buf.length, (f, w, pos, len) => {
    if (f !== 1 || w !== WIRE_LEN) return; // resource_logs
    eachField(buf, pos, pos + len, (f2, w2, pos2, len2) => {
      if (f2 !== 2 || w2 !== WIRE_LEN) return; // scope_logs
      eachField(buf, pos2, pos2 + len2, (f3, w3, pos3, len3) => {
        if (f3 !== 2 || w3 !== WIRE_LEN) return; // log_records
        eachField(buf, pos3, pos3 + len3, (f4, _w4, pos4, len4) => {
          if (f4 === 1 || f4 === 11) pts.times.push(pos4);
          else if (f4 === 9 && len4 === 16) pts.traceIds.push(pos4);
          else if (f4 === 10 && len4 === 8) pts.spanIds.push(pos4);
        });
      });
    });
  });
  return pts;
}

/** A copy of `src` with every time shifted by `shiftNs` and every trace/span id XORed with a key. */
export function patchLogs(src: Uint8Array, pts: PatchPoints, shiftNs: bigint, key: Uint8Array): Uint8Array {
  const out = src.slice();
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const sLo = Number(shiftNs & 0xffffffffn);
  const sHi = Number(shiftNs >> 32n);
  for (const p of pts.times) {
    const lo = view.getUint32(p, true) + sLo;
    view.setUint32(p, lo >>> 0, true);
    view.setUint32(p + 4, view.getUint32(p + 4, true) + sHi + (lo > 0xffffffff ? 1 : 0), true);
  }
  for (const p of pts.traceIds) for (let i = 0; i < 16; i++) out[p + i] ^= key[i];
  for (const p of pts.spanIds) for (let i = 0; i < 8; i++) out[p + i] ^= key[16 + i];
  return out;
}
