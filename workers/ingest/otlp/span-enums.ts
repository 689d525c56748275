/** Span enum values as stored in the spans table (index = OTLP enum number). */
export const SPAN_KINDS = ["UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"] as const;
export const STATUS_CODES = ["UNSET", "OK", "ERROR"] as const;
