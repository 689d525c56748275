/**
 * ExportLogsServiceRequest (protobuf) → rows of the logs table.
 *
 * LogRecord fields: time_unix_nano=1 (fixed64), severity_number=2, severity_text=3,
 * body=5 (AnyValue), attributes=6, dropped_attributes_count=7, flags=8 (fixed32),
 * trace_id=9, span_id=10, observed_time_unix_nano=11 (fixed64), event_name=12.
 */
import type { NumberColumn, StringColumn } from "../../../core/columns";
import type { DecodeResult } from "./errors";
import { nanosToMicros } from "./int64";
import { AnyValueRef, appendAnyValueText, AV_NONE, readAnyValue } from "./pb-anyvalue";
import { PbWalker } from "./pb-walker";
import { tagOf, WIRE_I32, WIRE_I64, WIRE_LEN, WIRE_VARINT } from "./protobuf-reader";
import { appendUtf8Checked } from "./column-append";
import { isAllZero } from "./text";

const T_TIME = tagOf(1, WIRE_I64);
const T_SEVERITY_NUMBER = tagOf(2, WIRE_VARINT);
const T_SEVERITY_TEXT = tagOf(3, WIRE_LEN);
const T_BODY = tagOf(5, WIRE_LEN);
const T_ATTRIBUTES = tagOf(6, WIRE_LEN);
const T_FLAGS = tagOf(8, WIRE_I32);
const T_TRACE_ID = tagOf(9, WIRE_LEN);
const T_SPAN_ID = tagOf(10, WIRE_LEN);
const T_OBSERVED = tagOf(11, WIRE_I64);
const T_EVENT_NAME = tagOf(12, WIRE_LEN);

export function decodeLogsProtobuf(bytes: Uint8Array): DecodeResult {
  return new LogsDecoder(bytes).run();
}

class LogsDecoder extends PbWalker {
  private readonly timestamp: NumberColumn;
  private readonly observed: NumberColumn;
  private readonly severityNumber: NumberColumn;
  private readonly severityText: StringColumn;
  private readonly body: StringColumn;
  private readonly traceId: StringColumn;
  private readonly spanId: StringColumn;
  private readonly flags: NumberColumn;
  private readonly eventName: StringColumn;
  private readonly bodyValue = new AnyValueRef();

  constructor(bytes: Uint8Array) {
    super("logs", bytes, ["resourceLogs", "scopeLogs", "logRecords"]);
    const st = this.st;
    this.timestamp = st.number("timestamp");
    this.observed = st.number("observed_timestamp");
    this.severityNumber = st.number("severity_number");
    this.severityText = st.string("severity_text");
    this.body = st.string("body");
    this.traceId = st.string("trace_id");
    this.spanId = st.string("span_id");
    this.flags = st.number("flags");
    this.eventName = st.string("event_name");
  }

  protected item(end: number, index: number): void {
    const r = this.r;
    const buf = r.buf;
    const attrs = this.attrs;
    attrs.reset();
    let tLo = 0, tHi = 0, oLo = 0, oHi = 0;
    let severity = 0;
    let flags = 0;
    let sevS = 0, sevE = 0;
    let bodyS = -1, bodyE = -1;
    let tidS = 0, tidE = 0;
    let sidS = 0, sidE = 0;
    let evS = 0, evE = 0;
    // Collect: nothing is appended until the record is known to be valid.
    while (r.pos < end) {
      const tag = r.tag(end);
      switch (tag) {
        case T_TIME:
          r.fixed64(end);
          tLo = r.lo;
          tHi = r.hi;
          break;
        case T_OBSERVED:
          r.fixed64(end);
          oLo = r.lo;
          oHi = r.hi;
          break;
        case T_SEVERITY_NUMBER:
          severity = r.varint32(end) | 0;
          break;
        case T_FLAGS:
          flags = r.fixed32(end) | 0;
          break;
        case T_SEVERITY_TEXT:
          sevE = r.len(end);
          sevS = r.pos;
          r.pos = sevE;
          break;
        case T_BODY:
          bodyE = r.len(end);
          bodyS = r.pos;
          r.pos = bodyE;
          break;
        case T_ATTRIBUTES: {
          const e = r.len(end);
          attrs.add(r.pos, e);
          r.pos = e;
          break;
        }
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
        case T_EVENT_NAME:
          evE = r.len(end);
          evS = r.pos;
          r.pos = evE;
          break;
        default:
          r.skip(tag, end);
      }
    }
    const tidLen = tidE - tidS;
    const sidLen = sidE - sidS;
    if ((tidLen !== 0 && tidLen !== 16) || (sidLen !== 0 && sidLen !== 8)) {
      const reason =
        tidLen !== 0 && tidLen !== 16
          ? `invalid trace_id (expected 16 bytes, got ${tidLen})`
          : `invalid span_id (expected 8 bytes, got ${sidLen})`;
      this.rejections.add(this.path(index), reason);
      return;
    }
    const body = this.bodyValue;
    if (bodyS >= 0) readAnyValue(r, bodyS, bodyE, body);
    else body.kind = AV_NONE;

    // Append: exactly one value per column.
    const st = this.st;
    if (tLo !== 0 || tHi !== 0) this.timestamp.append(nanosToMicros(tLo, tHi));
    else if (oLo !== 0 || oHi !== 0) this.timestamp.append(nanosToMicros(oLo, oHi));
    else this.timestamp.appendNull();
    if (oLo !== 0 || oHi !== 0) this.observed.append(nanosToMicros(oLo, oHi));
    else this.observed.appendNull();
    this.severityNumber.append(severity);
    if (sevE > sevS) appendUtf8Checked(this.severityText, buf, sevS, sevE);
    else this.severityText.appendNull();
    if (body.kind === AV_NONE) this.body.appendNull();
    else appendAnyValueText(this.body, r, body);
    // All-zero ids mean "no trace context" (W3C), same as absent.
    if (tidLen === 0 || isAllZero(buf, tidS, tidE)) this.traceId.appendNull();
    else st.appendHex(this.traceId, buf, tidS, tidE);
    if (sidLen === 0 || isAllZero(buf, sidS, sidE)) this.spanId.appendNull();
    else st.appendHex(this.spanId, buf, sidS, sidE);
    this.flags.append(flags);
    if (evE > evS) appendUtf8Checked(this.eventName, buf, evS, evE);
    else this.eventName.appendNull();
    this.appendShared();
    st.endRow();
  }
}
