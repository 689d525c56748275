/**
 * Counts what the OTLP exporters actually delivered, for the status line: the batch
 * processors report nothing themselves, and a wrong key or a stopped server shows up
 * only as failed exports.
 */
import type { ResourceMetrics } from "@opentelemetry/sdk-metrics";

export interface ExportStats {
  spans: number;
  logs: number;
  metricPoints: number;
  /** Failed export calls (a batch each), of any signal. */
  failures: number;
  lastError: string | null;
}

export function newExportStats(): ExportStats {
  return { spans: 0, logs: 0, metricPoints: 0, failures: 0, lastError: null };
}

/** Structurally `ExportResult` of @opentelemetry/core (code 0 = SUCCESS), which is not a direct dependency. */
interface ExportResult {
  code: number;
  error?: Error;
}

interface Exporter<T> {
  export(items: T, done: (result: ExportResult) => void): void;
}

/**
 * Wraps `exporter.export` in place, so everything else (shutdown, temporality
 * selection of metric exporters) stays the exporter's own.
 */
export function countExports<T>(exporter: Exporter<T>, stats: ExportStats, onSuccess: (items: T) => void): void {
  const inner = exporter.export.bind(exporter);
  exporter.export = (items, done) =>
    inner(items, (result) => {
      if (result.code === 0) onSuccess(items);
      else {
        stats.failures++;
        stats.lastError = describe(result.error);
      }
      done(result);
    });
}

export function metricPoints(rm: ResourceMetrics): number {
  let n = 0;
  for (const sm of rm.scopeMetrics) for (const m of sm.metrics) n += m.dataPoints.length;
  return n;
}

function describe(error: Error | undefined): string {
  if (!error) return "export failed";
  // fetch wraps the socket error ("fetch failed" ← "connect ECONNREFUSED 127.0.0.1:8787").
  const cause = (error as { cause?: unknown }).cause;
  const detail = cause instanceof Error ? `: ${cause.message}` : "";
  return `${error.message}${detail}`.slice(0, 200);
}
