/**
 * The part of OTLP protobuf decoding shared by the three signals: the
 * request → Resource{Logs,Spans,Metrics} → Scope{…} → records nesting, and the
 * resource/scope values every row repeats.
 *
 * All three requests use the same field numbers at these levels (resource_x = 1 in
 * the request; resource = 1, scope_x = 2 in ResourceX; scope = 1, items = 2 in
 * ScopeX), so the walk is written once and a subclass decodes each item.
 *
 * Fields may arrive in any order on the wire (the resource may follow its scopes), so
 * each level is walked twice: once for the shared values, once for the children.
 */
import type { Signal } from "../../../core/schema";
import type { DecodeResult } from "./errors";
import { Rejections } from "./errors";
import { PbAttributes } from "./pb-attributes";
import { ProtoReader, tagOf, WIRE_LEN } from "./protobuf-reader";
import { EMPTY_SCOPE, PreparedResource, PreparedScope, SignalTable } from "./table-binding";
import { copyUtf8 } from "./text";

const T_FIELD1 = tagOf(1, WIRE_LEN);
const T_FIELD2 = tagOf(2, WIRE_LEN);

export abstract class PbWalker {
  readonly r: ProtoReader;
  readonly st: SignalTable;
  readonly rejections = new Rejections();
  /** Record attributes of the current record. */
  readonly attrs: PbAttributes;
  private readonly resourceAttrs: PbAttributes;
  resource: PreparedResource;
  scope: PreparedScope = EMPTY_SCOPE;
  /** Indexes of the current resource and scope, for rejection paths. */
  ri = 0;
  si = 0;

  constructor(
    signal: Signal,
    bytes: Uint8Array,
    /** JSON names of the levels, for paths: ["resourceSpans", "scopeSpans", "spans"]. */
    private readonly names: readonly [string, string, string],
  ) {
    this.r = new ProtoReader(bytes);
    this.st = new SignalTable(signal);
    this.attrs = new PbAttributes(this.r, this.st.recordPromoted);
    this.resourceAttrs = new PbAttributes(this.r, this.st.resourcePromoted);
    this.resource = new PreparedResource(this.st.resourcePromoted.size);
  }

  /** Decodes the item (log record, span, metric) in [start, end); `r.pos` is at start. */
  protected abstract item(end: number, index: number): void;

  path(index: number): string {
    const [a, b, c] = this.names;
    return `${a}[${this.ri}].${b}[${this.si}].${c}[${index}]`;
  }

  run(): DecodeResult {
    const r = this.r;
    const end = r.buf.length;
    let ri = 0;
    while (r.pos < end) {
      const tag = r.tag(end);
      if (tag === T_FIELD1) {
        const e = r.len(end);
        this.ri = ri++;
        this.resourceX(r.pos, e);
        r.pos = e;
      } else r.skip(tag, end);
    }
    const table = this.st.table;
    return { table, accepted: table.rows, rejected: this.rejections.count, errors: this.rejections.errors };
  }

  private resourceX(start: number, end: number): void {
    const r = this.r;
    const attrs = this.resourceAttrs;
    attrs.reset();
    // Pass 1: Resource { attributes = 1 } (a repeated message field merges, so collect all).
    while (r.pos < end) {
      const tag = r.tag(end);
      if (tag === T_FIELD1) {
        const resEnd = r.len(end);
        while (r.pos < resEnd) {
          const t = r.tag(resEnd);
          if (t === T_FIELD1) {
            const e = r.len(resEnd);
            attrs.add(r.pos, e);
            r.pos = e;
          } else r.skip(t, resEnd);
        }
      } else r.skip(tag, end);
    }
    this.resource = new PreparedResource(this.st.resourcePromoted.size);
    attrs.prepare(this.resource);
    this.resource.finish();
    // Pass 2: scopes.
    r.pos = start;
    let si = 0;
    while (r.pos < end) {
      const tag = r.tag(end);
      if (tag === T_FIELD2) {
        const e = r.len(end);
        this.si = si++;
        this.scopeX(r.pos, e);
        r.pos = e;
      } else r.skip(tag, end);
    }
  }

  private scopeX(start: number, end: number): void {
    const r = this.r;
    // Pass 1: InstrumentationScope { name = 1, version = 2 } (scope attributes have no column).
    let name: Uint8Array | null = null;
    let version: Uint8Array | null = null;
    while (r.pos < end) {
      const tag = r.tag(end);
      if (tag === T_FIELD1) {
        const scopeEnd = r.len(end);
        while (r.pos < scopeEnd) {
          const t = r.tag(scopeEnd);
          if (t === T_FIELD1 || t === T_FIELD2) {
            const e = r.len(scopeEnd);
            const value = e > r.pos ? copyUtf8(r.buf, r.pos, e) : null;
            if (t === T_FIELD1) name = value;
            else version = value;
            r.pos = e;
          } else r.skip(t, scopeEnd);
        }
      } else r.skip(tag, end);
    }
    this.scope = name === null && version === null ? EMPTY_SCOPE : { name, version };
    // Pass 2: items.
    r.pos = start;
    let index = 0;
    while (r.pos < end) {
      const tag = r.tag(end);
      if (tag === T_FIELD2) {
        const e = r.len(end);
        this.item(e, index++);
        r.pos = e;
      } else r.skip(tag, end);
    }
  }

  /** Appends the resource, scope and record-attribute columns of the current row. */
  protected appendShared(): void {
    const st = this.st;
    st.appendResource(this.resource);
    st.appendScope(this.scope);
    this.attrs.write(st.recordCols, st.attributes);
  }
}
