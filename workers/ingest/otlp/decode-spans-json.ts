/**
 * OTLP JSON traces (`{"resourceSpans":[…]}`) → rows of the spans table.
 * Same columns and rules as `decode-spans-pb.ts`.
 */
import type { NumberColumn, StringColumn } from "../../../core/columns";
import { appendString } from "./column-append";
import type { DecodeResult } from "./errors";
import { nanosToMicros, U64, uint64Diff, uint64ToDecimal } from "./int64";
import { JsonWalker } from "./json-walker";
import {
  anyText,
  get,
  getArray,
  getEnum,
  getHexId,
  getInt32,
  getString,
  getUint64,
  isObject,
  type JsonObject,
  keyValuesJson,
  RecordError,
} from "./json-values";
import { SPAN_KINDS, STATUS_CODES } from "./span-enums";

const KIND_NAMES: Record<string, number> = Object.fromEntries(SPAN_KINDS.map((k, i) => [`SPAN_KIND_${k}`, i]));
const STATUS_NAMES: Record<string, number> = Object.fromEntries(STATUS_CODES.map((c, i) => [`STATUS_CODE_${c}`, i]));

export function decodeSpansJson(root: unknown): DecodeResult {
  return new SpansJsonDecoder().run(root);
}

class SpansJsonDecoder extends JsonWalker {
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
  private readonly exceptionTypeSlot: number;
  private readonly exceptionMessageSlot: number;
  private readonly start = new U64();
  private readonly end = new U64();
  private readonly eventTime = new U64();

  constructor() {
    super("spans", [
      ["resourceSpans", "resource_spans"],
      ["scopeSpans", "scope_spans"],
      ["spans", "spans"],
    ]);
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

  protected item(o: JsonObject): void {
    // Validate and extract everything first: a RecordError must not leave a partial row.
    const traceId = getHexId(o, "traceId", "trace_id", 16);
    const spanId = getHexId(o, "spanId", "span_id", 8);
    if (traceId === null) throw new RecordError(missingId(o, "traceId", "trace_id"));
    if (spanId === null) throw new RecordError(missingId(o, "spanId", "span_id"));
    const parentSpanId = getHexId(o, "parentSpanId", "parent_span_id", 8);
    const traceState = getString(o, "traceState", "trace_state");
    const name = getString(o, "name");
    const kind = getEnum(o, "kind", "kind", KIND_NAMES);
    const s = this.start;
    const e = this.end;
    getUint64(o, "startTimeUnixNano", "start_time_unix_nano", s);
    getUint64(o, "endTimeUnixNano", "end_time_unix_nano", e);
    let code = 0;
    let statusMessage = "";
    const status = get(o, "status");
    if (status !== undefined) {
      if (!isObject(status)) throw new RecordError("status must be an object");
      code = getEnum(status, "code", "code", STATUS_NAMES);
      statusMessage = getString(status, "message");
    }
    const flags = getInt32(o, "flags", "flags");
    this.attrs.reset();
    this.attrs.collect(get(o, "attributes"));
    const events = this.eventsJson(getArray(o, "events"));
    const links = this.linksJson(getArray(o, "links"));

    const hasStart = s.lo !== 0 || s.hi !== 0;
    if (hasStart) this.timestamp.append(nanosToMicros(s.lo, s.hi));
    else this.timestamp.appendNull();
    appendString(this.traceId, traceId);
    appendString(this.spanId, spanId);
    str(this.parentSpanId, parentSpanId);
    str(this.traceState, traceState || null);
    appendString(this.name, name);
    this.kind.append(SPAN_KINDS[kind] ?? "UNSPECIFIED");
    if (hasStart && (e.lo !== 0 || e.hi !== 0)) this.duration.append(uint64Diff(e.lo, e.hi, s.lo, s.hi));
    else this.duration.appendNull();
    this.statusCode.append(STATUS_CODES[code] ?? "UNSET");
    str(this.statusMessage, statusMessage || null);
    this.flags.append(flags);
    str(this.events, events);
    str(this.links, links);
    this.appendShared();
    this.st.endRow();
  }

  /** Events as JSON text; also fills exception fallbacks from the first "exception" event. */
  private eventsJson(list: unknown[]): string | null {
    if (list.length === 0) return null;
    const parts: string[] = [];
    let exceptionSeen = false;
    const t = this.eventTime;
    for (let i = 0; i < list.length; i++) {
      const ev = list[i];
      if (!isObject(ev)) throw new RecordError(`events[${i}] must be an object`);
      getUint64(ev, "timeUnixNano", "time_unix_nano", t);
      const name = getString(ev, "name");
      const attributes = getArray(ev, "attributes");
      if (name === "exception" && !exceptionSeen) {
        exceptionSeen = true;
        this.setFallback(this.exceptionTypeSlot, attributes, "exception.type");
        this.setFallback(this.exceptionMessageSlot, attributes, "exception.message");
      }
      parts.push(
        `{"time_unix_nano":"${uint64ToDecimal(t.lo, t.hi)}","name":${JSON.stringify(name)},"attributes":${keyValuesJson(attributes, 0)}}`,
      );
    }
    return `[${parts.join(",")}]`;
  }

  private setFallback(slot: number, attributes: unknown[], key: string): void {
    if (slot < 0) return;
    let value: string | null = null;
    for (const kv of attributes) {
      if (isObject(kv) && kv.key === key) value = anyText(get(kv, "value"));
    }
    this.attrs.fallback[slot] = value;
  }

  private linksJson(list: unknown[]): string | null {
    if (list.length === 0) return null;
    const parts: string[] = [];
    for (let i = 0; i < list.length; i++) {
      const link = list[i];
      if (!isObject(link)) throw new RecordError(`links[${i}] must be an object`);
      const traceId = getString(link, "traceId", "trace_id").toLowerCase();
      const spanId = getString(link, "spanId", "span_id").toLowerCase();
      const traceState = getString(link, "traceState", "trace_state");
      const attributes = getArray(link, "attributes");
      parts.push(
        `{"trace_id":${JSON.stringify(traceId)},"span_id":${JSON.stringify(spanId)},"trace_state":${JSON.stringify(traceState)},"attributes":${keyValuesJson(attributes, 0)}}`,
      );
    }
    return `[${parts.join(",")}]`;
  }
}

/** Same wording as the protobuf path for absent or all-zero required ids. */
function missingId(o: JsonObject, camel: string, snake: string): string {
  const v = get(o, camel, snake);
  return v === undefined || v === "" ? `invalid ${camel} (missing)` : `invalid ${camel} (all zeros)`;
}

function str(col: StringColumn, v: string | null): void {
  if (v === null) col.appendNull();
  else appendString(col, v);
}
