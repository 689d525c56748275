/** OTLP/HTTP protobuf request body → table rows, for any signal. */
import { decodeLogsProtobuf } from "./decode-logs-pb";
import { decodeMetricsProtobuf } from "./decode-metrics-pb";
import { decodeSpansProtobuf } from "./decode-spans-pb";
import type { DecodeResult, Signal } from "./errors";

export function decodeProtobuf(signal: Signal, bytes: Uint8Array): DecodeResult {
  switch (signal) {
    case "logs":
      return decodeLogsProtobuf(bytes);
    case "spans":
      return decodeSpansProtobuf(bytes);
    case "metrics":
      return decodeMetricsProtobuf(bytes);
  }
}
