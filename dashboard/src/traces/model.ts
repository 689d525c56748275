/**
 * A trace from its span rows: the tree (parent → children), each span's offset and
 * length on the trace's time axis, depth for the waterfall and flame graph, and the
 * critical path (what the trace's end waited on). Pure, unit-tested.
 */
export interface SpanRow {
  span_id: string;
  parent_span_id: string | null;
  name: string;
  service_name: string | null;
  kind: string | null;
  /** ISO-8601 with µs. */
  timestamp: string;
  duration_ns: number;
  status_code: string | null;
  status_message?: string | null;
  attributes?: Record<string, string> | null;
  resource_attributes?: Record<string, string> | null;
  events?: string | null;
  links?: string | null;
  [column: string]: unknown;
}

export interface TraceSpan {
  row: SpanRow;
  id: string;
  parentId: string | null;
  children: TraceSpan[];
  depth: number;
  /** µs since the trace's start. */
  startUs: number;
  endUs: number;
  error: boolean;
  critical: boolean;
}

export interface Trace {
  startMs: number;
  durationUs: number;
  /** Depth-first order: the waterfall's rows. */
  spans: TraceSpan[];
  roots: TraceSpan[];
  services: string[];
  errors: number;
}

/** µs since the epoch from an ISO string with up to 9 fractional digits. */
export function isoToMicros(iso: string): number {
  const m = /^(.*?)(?:\.(\d+))?Z$/.exec(iso);
  if (!m) return Date.parse(iso) * 1000;
  const frac = (m[2] ?? "").padEnd(6, "0").slice(0, 6);
  return Date.parse(`${m[1]}Z`) * 1000 + Number(frac);
}

export function buildTrace(rows: SpanRow[]): Trace {
  const byId = new Map<string, TraceSpan>();
  const starts = rows.map((r) => isoToMicros(r.timestamp));
  const t0 = Math.min(...starts);
  rows.forEach((row, i) => {
    const startUs = starts[i] - t0;
    byId.set(row.span_id, {
      row,
      id: row.span_id,
      parentId: row.parent_span_id || null,
      children: [],
      depth: 0,
      startUs,
      endUs: startUs + Math.max(0, Math.round(Number(row.duration_ns) / 1000)),
      error: row.status_code === "ERROR",
      critical: false,
    });
  });
  const roots: TraceSpan[] = [];
  for (const s of byId.values()) {
    const parent = s.parentId ? byId.get(s.parentId) : undefined;
    // A span whose parent never arrived is shown as a root rather than dropped.
    if (parent && parent !== s) parent.children.push(s);
    else roots.push(s);
  }
  const order = (a: TraceSpan, b: TraceSpan) => a.startUs - b.startUs || a.id.localeCompare(b.id);
  roots.sort(order);
  const spans: TraceSpan[] = [];
  const visit = (s: TraceSpan, depth: number) => {
    s.depth = depth;
    spans.push(s);
    s.children.sort(order);
    for (const c of s.children) visit(c, depth + 1);
  };
  for (const r of roots) visit(r, 0);
  const end = Math.max(0, ...spans.map((s) => s.endUs));
  if (roots.length) markCriticalPath(roots.reduce((a, b) => (b.endUs > a.endUs ? b : a)));
  return {
    startMs: t0 / 1000,
    durationUs: end,
    spans,
    roots,
    services: [...new Set(spans.map((s) => s.row.service_name ?? "unknown"))],
    errors: spans.filter((s) => s.error).length,
  };
}

/**
 * The critical path: from the span that ends last, walk back through the children that
 * finished last before each point in time (Jaeger's definition, without splitting spans
 * into segments): those are what the parent was waiting for.
 */
function markCriticalPath(span: TraceSpan): void {
  span.critical = true;
  let until = span.endUs;
  const children = [...span.children].sort((a, b) => b.endUs - a.endUs);
  for (const c of children) {
    if (c.endUs > until || c.startUs >= until) continue;
    markCriticalPath(c);
    until = c.startUs;
  }
}

export interface FlameBar {
  span: TraceSpan;
  depth: number;
  /** Fractions of the trace's duration. */
  left: number;
  width: number;
}

/** Flame graph bars: one row per depth, bars where spans run. */
export function flameBars(trace: Trace): FlameBar[] {
  const total = Math.max(1, trace.durationUs);
  return trace.spans.map((span) => ({ span, depth: span.depth, left: span.startUs / total, width: Math.max((span.endUs - span.startUs) / total, 0.002) }));
}

/** 1.5 s, 230 ms, 42 µs. */
export function formatDuration(us: number): string {
  if (us >= 1_000_000) return `${(us / 1_000_000).toFixed(2)} s`;
  if (us >= 1000) return `${(us / 1000).toFixed(us >= 100_000 ? 0 : 1)} ms`;
  return `${Math.round(us)} µs`;
}
