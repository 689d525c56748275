/**
 * A trace as plain data: the shop model builds a tree of planned spans (times in ms
 * from the start of the request, logs and business counts attached to the span they
 * happen in), and only the emitter touches the OpenTelemetry SDK. Planning first
 * keeps the model pure and testable, and lets a whole trace be stamped so that it
 * ends "now".
 */
import type { ServiceName } from "./services.ts";

export type Attrs = Record<string, string | number | boolean>;
export type SpanKindName = "SERVER" | "CLIENT" | "INTERNAL";
export type Severity = "DEBUG" | "INFO" | "WARN" | "ERROR";

export interface LogPlan {
  at: number;
  severity: Severity;
  body: string;
  attributes: Attrs;
}

export interface ExceptionPlan {
  at: number;
  type: string;
  message: string;
  stack: string;
}

/** A business counter increment (orders placed, charges) recorded by the span's service. */
export interface CountPlan {
  metric: string;
  value: number;
  attributes: Attrs;
}

export interface SpanPlan {
  service: ServiceName;
  name: string;
  kind: SpanKindName;
  /** Instrumentation scope, e.g. `@opentelemetry/instrumentation-pg`. */
  scope: string;
  start: number;
  end: number;
  attributes: Attrs;
  /** Set: the span's status is ERROR with this message. */
  error?: string;
  exception?: ExceptionPlan;
  events: { name: string; at: number; attributes: Attrs }[];
  logs: LogPlan[];
  counts: CountPlan[];
  children: SpanPlan[];
}

export function newSpan(service: ServiceName, name: string, kind: SpanKindName, scope: string, start: number, attributes: Attrs = {}): SpanPlan {
  return { service, name, kind, scope, start, end: start, attributes, events: [], logs: [], counts: [], children: [] };
}

export function walk(span: SpanPlan, visit: (span: SpanPlan, parent: SpanPlan | null) => void, parent: SpanPlan | null = null): void {
  visit(span, parent);
  for (const child of span.children) walk(child, visit, span);
}

export function countSpans(root: SpanPlan): number {
  let n = 0;
  walk(root, () => n++);
  return n;
}

/** The latest end in the tree: a timed-out call's server side can outlive its caller. */
export function latestEnd(root: SpanPlan): number {
  let end = root.end;
  walk(root, (s) => (end = Math.max(end, s.end)));
  return end;
}
