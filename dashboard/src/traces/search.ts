/** The trace search form as a query in our language. Pure, unit-tested. */
export interface TraceSearch {
  service: string;
  operation: string;
  minDuration: string;
  errorsOnly: boolean;
  where: string;
}

/** Values are quoted as JSON strings, which the language reads as its own strings. */
export function traceSearchQuery(s: TraceSearch, limit = 50): string {
  const parts = ["spans"];
  if (s.service) parts.push(`where service.name == ${JSON.stringify(s.service)}`);
  if (s.operation) parts.push(`where name == ${JSON.stringify(s.operation)}`);
  if (s.minDuration.trim()) parts.push(`where duration >= ${s.minDuration.trim()}`);
  if (s.errorsOnly) parts.push('where status_code == "ERROR"');
  if (s.where.trim()) parts.push(`where ${s.where.trim()}`);
  parts.push(`top ${limit} by duration desc`, "project trace_id, timestamp, service.name, name, duration_ns, status_code");
  return parts.join(" | ");
}

