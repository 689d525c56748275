/**
 * ExportTraceServiceRequest (protobuf) → rows of the spans table.
 *
 * Span fields: trace_id=1, span_id=2, trace_state=3, parent_span_id=4, name=5,
 * kind=6, start_time_unix_nano=7 (fixed64), end_time_unix_nano=8 (fixed64),
 * attributes=9, events=11, links=13, status=15 {message=2, code=3}, flags=16 (fixed32).
 * Event: time_unix_nano=1, name=2, attributes=3. Link: trace_id=1, span_id=2,
 * trace_state=3, attributes=4.
 */
import type { NumberColumn, StringColumn } from "../../../core/columns";
import type { DecodeResult } from "./errors";
import { nanosToMicros, uint64Diff, uint64ToDecimal } from "./int64";
import { anyValueText, KeyValueJson } from "./pb-anyvalue";
import { PbWalker } from "./pb-walker";
import { SPAN_KINDS, STATUS_CODES } from "./span-enums";
import { tagOf, WIRE_I32, WIRE_I64, WIRE_LEN, WIRE_VARINT } from "./protobuf-reader";
import { appendUtf8Checked } from "./column-append";
import { decodeUtf8, isAllZero, toHex } from "./text";

const T_TRACE_ID = tagOf(1, WIRE_LEN);
const T_SPAN_ID = tagOf(2, WIRE_LEN);
const T_TRACE_STATE = tagOf(3, WIRE_LEN);
const T_PARENT = tagOf(4, WIRE_LEN);
const T_NAME = tagOf(5, WIRE_LEN);
const T_KIND = tagOf(6, WIRE_VARINT);
const T_START = tagOf(7, WIRE_I64);
const T_END = tagOf(8, WIRE_I64);
const T_ATTRIBUTES = tagOf(9, WIRE_LEN);
const T_EVENT = tagOf(11, WIRE_LEN);
const T_LINK = tagOf(13, WIRE_LEN);
const T_STATUS = tagOf(15, WIRE_LEN);
const T_FLAGS = tagOf(16, WIRE_I32);
// Status, Event and Link fields.
const T_STATUS_MESSAGE = tagOf(2, WIRE_LEN);
const T_STATUS_CODE = tagOf(3, WIRE_VARINT);
const T_EVENT_TIME = tagOf(1, WIRE_I64);
const T_EVENT_NAME = tagOf(2, WIRE_LEN);
const T_EVENT_ATTRIBUTES = tagOf(3, WIRE_LEN);
const T_LINK_TRACE_ID = tagOf(1, WIRE_LEN);
const T_LINK_SPAN_ID = tagOf(2, WIRE_LEN);
const T_LINK_TRACE_STATE = tagOf(3, WIRE_LEN);
const T_LINK_ATTRIBUTES = tagOf(4, WIRE_LEN);


export function decodeSpansProtobuf(bytes: Uint8Array): DecodeResult {
  return new SpansDecoder(bytes).run();
}

/** Why a required span id is unusable, or null when it is fine. */
function spanIdProblem(field: string, len: number, want: number, allZero: boolean): string | null {
  if (len !== want) return `invalid ${field} (expected ${want} bytes, got ${len})`;
  if (allZero) return `invalid ${field} (all zeros)`;
  return null;
}

class SpansDecoder extends PbWalker {
  private readonly timestamp: NumberColumn;
  private readonly traceId: StringColumn;
  private readonly spanId: StringColumn;
  private readonly parentSpanId: StringColumn;
  private readonly traceState: StringColumn;
  private readonly name: StringColumn;
  private readonly kind: StringColumn;
  private readonly duration: NumberColumn;
  private readonly statusCode: StringColumn;
  private readonly statusMessage: StringColumn;
  private readonly flags: NumberColumn;
  private readonly events: StringColumn;
  private readonly links: StringColumn;
  /** Record promoted slots filled from an "exception" event when the span lacks the attribute. */
  private readonly exceptionTypeSlot: number;
  private readonly exceptionMessageSlot: number;
  /** Byte ranges of the current span's events and links. */
  private eventRanges: Int32Array = new Int32Array(16);
  private linkRanges: Int32Array = new Int32Array(16);

  constructor(bytes: Uint8Array) {
    super("spans", bytes, ["resourceSpans", "scopeSpans", "spans"]);
    const st = this.st;
    this.timestamp = st.number("timestamp");
    this.traceId = st.string("trace_id");
    this.spanId = st.string("span_id");
    this.parentSpanId = st.string("parent_span_id");
    this.traceState = st.string("trace_state");
    this.name = st.string("name");
    this.kind = st.string("kind");
    this.duration = st.number("duration_ns");
    this.statusCode = st.string("status_code");
    this.statusMessage = st.string("status_message");
    this.flags = st.number("flags");
    this.events = st.string("events");
    this.links = st.string("links");
    this.exceptionTypeSlot = st.recordPromoted.byName.get("exception.type")?.slot ?? -1;
    this.exceptionMessageSlot = st.recordPromoted.byName.get("exception.message")?.slot ?? -1;
  }

  protected item(end: number, index: number): void {
    const r = this.r;
    const buf = r.buf;
    const attrs = this.attrs;
    attrs.reset();
    let sLo = 0, sHi = 0, eLo = 0, eHi = 0;
    let kind = 0;
    let flags = 0;
    let tidS = 0, tidE = 0, sidS = 0, sidE = 0, pidS = 0, pidE = 0;
    let tsS = 0, tsE = 0, nameS = 0, nameE = 0;
    let statusS = -1, statusE = -1;
    let nEvents = 0, nLinks = 0;
    while (r.pos < end) {
      const tag = r.tag(end);
      switch (tag) {
        case T_TRACE_ID:
          tidE = r.len(end);
          tidS = r.pos;
          r.pos = tidE;
          break;
        case T_SPAN_ID:
          sidE = r.len(end);
          sidS = r.pos;
          r.pos = sidE;
          break;
        case T_PARENT:
          pidE = r.len(end);
          pidS = r.pos;
          r.pos = pidE;
          break;
        case T_TRACE_STATE:
          tsE = r.len(end);
          tsS = r.pos;
          r.pos = tsE;
          break;
        case T_NAME:
          nameE = r.len(end);
          nameS = r.pos;
          r.pos = nameE;
          break;
        case T_KIND:
          kind = r.varint32(end);
          break;
        case T_START:
          r.fixed64(end);
          sLo = r.lo;
          sHi = r.hi;
          break;
        case T_END:
          r.fixed64(end);
          eLo = r.lo;
          eHi = r.hi;
          break;
        case T_ATTRIBUTES: {
          const e = r.len(end);
          attrs.add(r.pos, e);
          r.pos = e;
          break;
        }
        case T_EVENT: {
          const e = r.len(end);
          this.eventRanges = pushRange(this.eventRanges, nEvents++, r.pos, e);
          r.pos = e;
          break;
        }
        case T_LINK: {
          const e = r.len(end);
          this.linkRanges = pushRange(this.linkRanges, nLinks++, r.pos, e);
          r.pos = e;
          break;
        }
        case T_STATUS:
          statusE = r.len(end);
          statusS = r.pos;
          r.pos = statusE;
          break;
        case T_FLAGS:
          flags = r.fixed32(end) | 0;
          break;
        default:
          r.skip(tag, end);
      }
    }
    const pidLen = pidE - pidS;
    const problem =
      spanIdProblem("trace_id", tidE - tidS, 16, isAllZero(buf, tidS, tidE)) ??
      spanIdProblem("span_id", sidE - sidS, 8, isAllZero(buf, sidS, sidE)) ??
      (pidLen !== 0 && pidLen !== 8 ? `invalid parent_span_id (expected 8 bytes, got ${pidLen})` : null);
    if (problem !== null) {
      this.rejections.add(this.path(index), problem);
      return;
    }
    // Status { message = 2, code = 3 }.
    let code = 0, msgS = 0, msgE = 0;
    if (statusS >= 0) {
      r.pos = statusS;
      while (r.pos < statusE) {
        const tag = r.tag(statusE);
        if (tag === T_STATUS_CODE) code = r.varint32(statusE);
        else if (tag === T_STATUS_MESSAGE) {
          msgE = r.len(statusE);
          msgS = r.pos;
          r.pos = msgE;
        } else r.skip(tag, statusE);
      }
    }
    // Events and links are rare enough per span to be built as JSON strings.
    const events = nEvents > 0 ? this.eventsJson(nEvents) : null;
    const links = nLinks > 0 ? this.linksJson(nLinks) : null;

    const st = this.st;
    if (sLo !== 0 || sHi !== 0) this.timestamp.append(nanosToMicros(sLo, sHi));
    else this.timestamp.appendNull();
    st.appendHex(this.traceId, buf, tidS, tidE);
    st.appendHex(this.spanId, buf, sidS, sidE);
    if (pidLen === 0 || isAllZero(buf, pidS, pidE)) this.parentSpanId.appendNull();
    else st.appendHex(this.parentSpanId, buf, pidS, pidE);
    if (tsE > tsS) appendUtf8Checked(this.traceState, buf, tsS, tsE);
    else this.traceState.appendNull();
    appendUtf8Checked(this.name, buf, nameS, nameE);
    this.kind.append(SPAN_KINDS[kind] ?? "UNSPECIFIED");
    // A span without start or end time has no meaningful duration.
    if ((sLo !== 0 || sHi !== 0) && (eLo !== 0 || eHi !== 0)) this.duration.append(uint64Diff(eLo, eHi, sLo, sHi));
    else this.duration.appendNull();
    this.statusCode.append(STATUS_CODES[code] ?? "UNSET");
    if (msgE > msgS) appendUtf8Checked(this.statusMessage, buf, msgS, msgE);
    else this.statusMessage.appendNull();
    this.flags.append(flags);
    if (events === null) this.events.appendNull();
    else this.events.append(events);
    if (links === null) this.links.appendNull();
    else this.links.append(links);
    this.appendShared();
    st.endRow();
  }

  /** `[{"time_unix_nano","name","attributes"}]`; also fills exception fallbacks from the first "exception" event. */
  private eventsJson(n: number): string {
    const r = this.r;
    const parts: string[] = [];
    let exceptionSeen = false;
    for (let i = 0; i < n; i++) {
      const start = this.eventRanges[2 * i];
      const end = this.eventRanges[2 * i + 1];
      let tLo = 0, tHi = 0;
      let name = "";
      let exType: string | null = null;
      let exMessage: string | null = null;
      const attributes = new KeyValueJson();
      r.pos = start;
      while (r.pos < end) {
        const tag = r.tag(end);
        if (tag === T_EVENT_TIME) {
          r.fixed64(end);
          tLo = r.lo;
          tHi = r.hi;
        } else if (tag === T_EVENT_NAME) {
          const e = r.len(end);
          name = decodeUtf8(r.buf, r.pos, e);
          r.pos = e;
        } else if (tag === T_EVENT_ATTRIBUTES) {
          const e = r.len(end);
          const kv = attributes.add(r, r.pos, e, 0);
          if (kv.key === "exception.type") exType = anyValueText(r, kv.value);
          else if (kv.key === "exception.message") exMessage = anyValueText(r, kv.value);
          r.pos = e;
        } else r.skip(tag, end);
      }
      if (name === "exception" && !exceptionSeen) {
        exceptionSeen = true;
        if (this.exceptionTypeSlot >= 0) this.attrs.setFallback(this.exceptionTypeSlot, exType);
        if (this.exceptionMessageSlot >= 0) this.attrs.setFallback(this.exceptionMessageSlot, exMessage);
      }
      parts.push(
        `{"time_unix_nano":"${uint64ToDecimal(tLo, tHi)}","name":${JSON.stringify(name)},"attributes":${attributes.text()}}`,
      );
    }
    return `[${parts.join(",")}]`;
  }

  /** `[{"trace_id","span_id","trace_state","attributes"}]`. */
  private linksJson(n: number): string {
    const r = this.r;
    const parts: string[] = [];
    for (let i = 0; i < n; i++) {
      const start = this.linkRanges[2 * i];
      const end = this.linkRanges[2 * i + 1];
      let traceId = "";
      let spanId = "";
      let traceState = "";
      const attributes = new KeyValueJson();
      r.pos = start;
      while (r.pos < end) {
        const tag = r.tag(end);
        if (tag === T_LINK_TRACE_ID || tag === T_LINK_SPAN_ID || tag === T_LINK_TRACE_STATE) {
          const e = r.len(end);
          if (tag === T_LINK_TRACE_STATE) traceState = decodeUtf8(r.buf, r.pos, e);
          else if (tag === T_LINK_TRACE_ID) traceId = toHex(r.buf, r.pos, e);
          else spanId = toHex(r.buf, r.pos, e);
          r.pos = e;
        } else if (tag === T_LINK_ATTRIBUTES) {
          const e = r.len(end);
          attributes.add(r, r.pos, e, 0);
          r.pos = e;
        } else r.skip(tag, end);
      }
      parts.push(
        `{"trace_id":"${traceId}","span_id":"${spanId}","trace_state":${JSON.stringify(traceState)},"attributes":${attributes.text()}}`,
      );
    }
    return `[${parts.join(",")}]`;
  }
}

function pushRange(ranges: Int32Array, i: number, start: number, end: number): Int32Array {
  if (2 * i + 2 > ranges.length) {
    const grown = new Int32Array(ranges.length * 2);
    grown.set(ranges);
    ranges = grown;
  }
  ranges[2 * i] = start;
  ranges[2 * i + 1] = end;
  return ranges;
}
