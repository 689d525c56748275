/** OTLP/HTTP JSON request body → table rows, for any signal. */
import { decodeLogsJson } from "./decode-logs-json";
import { decodeMetricsJson } from "./decode-metrics-json";
import { decodeSpansJson } from "./decode-spans-json";
import type { DecodeResult, Signal } from "./errors";
import { acceptingRoundedIntegers, UnsafeJsonInteger } from "./json-values";
import { quoteLongIntegers } from "./json-syntax";
import { parseJson } from "./json-walker";

export function decodeJson(signal: Signal, text: string): DecodeResult {
  try {
    return decodeParsed(signal, parseJson(text));
  } catch (e) {
    if (!(e instanceof UnsafeJsonInteger)) throw e;
    // A 64-bit integer was sent as a JSON number past 2^53: decode again with such
    // numbers quoted, so they are read exactly (whatever is still unsafe is a float).
    return acceptingRoundedIntegers(() => decodeParsed(signal, parseJson(quoteLongIntegers(text))));
  }
}

function decodeParsed(signal: Signal, root: unknown): DecodeResult {
  switch (signal) {
    case "logs":
      return decodeLogsJson(root);
    case "spans":
      return decodeSpansJson(root);
    case "metrics":
      return decodeMetricsJson(root);
  }
}
