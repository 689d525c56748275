/**
 * OTLP JSON logs (`{"resourceLogs":[…]}`) → rows of the logs table.
 * Same columns and rules as `decode-logs-pb.ts`.
 */
import type { NumberColumn, StringColumn } from "../../../core/columns";
import { appendString } from "./column-append";
import type { DecodeResult } from "./errors";
import { nanosToMicros, U64 } from "./int64";
import { JsonWalker } from "./json-walker";
import { anyText, get, getEnum, getHexId, getInt32, getString, getUint64, type JsonObject } from "./json-values";

/** SeverityNumber names (SEVERITY_NUMBER_TRACE = 1 … SEVERITY_NUMBER_FATAL4 = 24). */
const SEVERITY_NAMES: Record<string, number> = { SEVERITY_NUMBER_UNSPECIFIED: 0 };
["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"].forEach((level, i) => {
  SEVERITY_NAMES[`SEVERITY_NUMBER_${level}`] = i * 4 + 1;
  for (let k = 2; k <= 4; k++) SEVERITY_NAMES[`SEVERITY_NUMBER_${level}${k}`] = i * 4 + k;
});

export function decodeLogsJson(root: unknown): DecodeResult {
  return new LogsJsonDecoder().run(root);
}

class LogsJsonDecoder extends JsonWalker {
  private readonly timestamp: NumberColumn;
  private readonly observed: NumberColumn;
  private readonly severityNumber: NumberColumn;
  private readonly severityText: StringColumn;
  private readonly body: StringColumn;
  private readonly traceId: StringColumn;
  private readonly spanId: StringColumn;
  private readonly flags: NumberColumn;
  private readonly eventName: StringColumn;
  private readonly time = new U64();
  private readonly observedTime = new U64();

  constructor() {
    super("logs", [
      ["resourceLogs", "resource_logs"],
      ["scopeLogs", "scope_logs"],
      ["logRecords", "log_records"],
    ]);
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

  protected item(o: JsonObject): void {
    // Validate and extract everything first: a RecordError must not leave a partial row.
    const t = this.time;
    const ot = this.observedTime;
    getUint64(o, "timeUnixNano", "time_unix_nano", t);
    getUint64(o, "observedTimeUnixNano", "observed_time_unix_nano", ot);
    const severity = getEnum(o, "severityNumber", "severity_number", SEVERITY_NAMES);
    const severityText = getString(o, "severityText", "severity_text");
    const body = anyText(get(o, "body"));
    const traceId = getHexId(o, "traceId", "trace_id", 16);
    const spanId = getHexId(o, "spanId", "span_id", 8);
    const flags = getInt32(o, "flags", "flags");
    const eventName = getString(o, "eventName", "event_name");
    this.attrs.reset();
    this.attrs.collect(get(o, "attributes"));

    const hasTime = t.lo !== 0 || t.hi !== 0;
    const hasObserved = ot.lo !== 0 || ot.hi !== 0;
    if (hasTime) this.timestamp.append(nanosToMicros(t.lo, t.hi));
    else if (hasObserved) this.timestamp.append(nanosToMicros(ot.lo, ot.hi));
    else this.timestamp.appendNull();
    if (hasObserved) this.observed.append(nanosToMicros(ot.lo, ot.hi));
    else this.observed.appendNull();
    this.severityNumber.append(severity | 0);
    str(this.severityText, severityText || null);
    str(this.body, body);
    str(this.traceId, traceId);
    str(this.spanId, spanId);
    this.flags.append(flags);
    str(this.eventName, eventName || null);
    this.appendShared();
    this.st.endRow();
  }
}

function str(col: StringColumn, v: string | null): void {
  if (v === null) col.appendNull();
  else appendString(col, v);
}
