/**
 * Turns a planned trace into SDK spans, log records and metric points, stamped so the
 * trace ends at `endMs`. Parents are passed as explicit contexts (no global context
 * manager needed), and every log is emitted with its span's context, so its
 * trace_id/span_id point at the span it happened in.
 */
import { type Context, type HrTime, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { SeverityNumber } from "@opentelemetry/api-logs";
import { type Severity, type SpanKindName, type SpanPlan, latestEnd } from "./plan.ts";
import type { Telemetry } from "./telemetry.ts";

const KINDS: Record<SpanKindName, SpanKind> = { SERVER: SpanKind.SERVER, CLIENT: SpanKind.CLIENT, INTERNAL: SpanKind.INTERNAL };
const SEVERITIES: Record<Severity, SeverityNumber> = {
  DEBUG: SeverityNumber.DEBUG,
  INFO: SeverityNumber.INFO,
  WARN: SeverityNumber.WARN,
  ERROR: SeverityNumber.ERROR,
};

/**
 * Epoch milliseconds (fractional) as HrTime. A plain number would be read as a
 * performance.now() offset whenever it is earlier than the process start, which a
 * trace that began before the demo did would be.
 */
export function hrTime(ms: number): HrTime {
  const seconds = Math.floor(ms / 1000);
  const nanos = Math.min(999_999_999, Math.round((ms - seconds * 1000) * 1e6));
  return [seconds, nanos];
}

export function emitTrace(root: SpanPlan, endMs: number, telemetry: Telemetry): void {
  emitSpan(root, ROOT_CONTEXT, endMs - latestEnd(root), endMs, telemetry);
}

function emitSpan(plan: SpanPlan, parent: Context, t0: number, nowMs: number, telemetry: Telemetry): void {
  const service = telemetry.services[plan.service];
  const span = service.tracer(plan.scope).startSpan(plan.name, { kind: KINDS[plan.kind], attributes: plan.attributes, startTime: hrTime(t0 + plan.start) }, parent);
  const ctx = trace.setSpan(parent, span);
  for (const e of plan.events) span.addEvent(e.name, e.attributes, hrTime(t0 + e.at));
  if (plan.exception) {
    const { type, message, stack, at } = plan.exception;
    span.recordException({ name: type, message, stack }, hrTime(t0 + at));
  }
  if (plan.error) span.setStatus({ code: SpanStatusCode.ERROR, message: plan.error });
  for (const log of plan.logs) {
    service.logger.emit({
      timestamp: hrTime(t0 + log.at),
      severityNumber: SEVERITIES[log.severity],
      severityText: log.severity,
      body: log.body,
      attributes: log.attributes,
      context: ctx,
    });
  }
  for (const child of plan.children) emitSpan(child, ctx, t0, nowMs, telemetry);
  span.end(hrTime(t0 + plan.end));
  service.metrics.record(plan, nowMs);
}
