/**
 * One trace: a waterfall (span bars on the trace's time axis, nested by parent, errors in
 * red, the critical path outlined) or a flame graph, span details (attributes, events,
 * links, resource), and a jump to the trace's logs in Explore.
 */
import { useEffect, useState } from "preact/hooks";
import { api, ApiError, type QueryResult } from "../api";
import { linkClick } from "../router";
import { resolveBound } from "../time";
import { buildTrace, flameBars, formatDuration, type SpanRow, type Trace, type TraceSpan } from "./model";

const HOUR_MS = 3_600_000;

export function TraceView(props: { traceId: string }) {
  const params = new URLSearchParams(location.search);
  const now = Date.now();
  // Traces can start before or end after the search window: look an hour either side.
  const from = new Date((resolveBound(params.get("from") ?? "now-1h", now) ?? now - HOUR_MS) - HOUR_MS).toISOString();
  const to = new Date(Math.min(now, (resolveBound(params.get("to") ?? "now", now) ?? now) + HOUR_MS)).toISOString();
  const [trace, setTrace] = useState<Trace | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<TraceSpan | null>(null);
  const [mode, setMode] = useState<"waterfall" | "flame">("waterfall");

  useEffect(() => {
    api<QueryResult>("/api/v1/query", { query: "spans | where trace_id == $id | take 10000", vars: { id: props.traceId }, from, to })
      .then((r) => {
        if (r.rows.length === 0) return setError("No spans of this trace in the time range.");
        const rows = r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c.name, row[i]])) as SpanRow);
        const t = buildTrace(rows);
        setTrace(t);
        setSelected(t.spans[0]);
      })
      .catch((e) => setError(e instanceof ApiError ? e.message : String(e)));
  }, [props.traceId]);

  if (error) return <main class="trace"><div class="error-box" role="alert">{error}</div></main>;
  if (!trace) return <main class="trace"><div class="empty">Loading trace…</div></main>;
  const root = trace.roots[0];
  const logsLink = `/explore?${new URLSearchParams({ q: `logs | where trace_id == ${JSON.stringify(props.traceId)} | sort by timestamp asc`, from, to })}`;
  return (
    <main class="trace">
      <header class="trace-head">
        <h2>
          {root.row.service_name}: {root.row.name}
        </h2>
        <span>{formatDuration(trace.durationUs)}</span>
        <span data-testid="span-count">{trace.spans.length} spans</span>
        <span>{trace.services.length} services</span>
        {trace.errors > 0 && <span class="error">{trace.errors} errors</span>}
        <span class="muted mono">{props.traceId}</span>
        <span class="spacer" />
        <a href={logsLink} onClick={linkClick}>
          Logs for this trace
        </a>
      </header>
      <div role="tablist">
        <button role="tab" aria-selected={mode === "waterfall"} onClick={() => setMode("waterfall")}>
          Waterfall
        </button>
        <button role="tab" aria-selected={mode === "flame"} onClick={() => setMode("flame")}>
          Flame graph
        </button>
      </div>
      <div class="trace-body">
        {mode === "waterfall" ? <Waterfall trace={trace} selected={selected} onSelect={setSelected} /> : <Flame trace={trace} onSelect={setSelected} />}
        {selected && <SpanDetails span={selected} />}
      </div>
    </main>
  );
}

function Waterfall(props: { trace: Trace; selected: TraceSpan | null; onSelect(s: TraceSpan): void }) {
  const total = Math.max(1, props.trace.durationUs);
  return (
    <div class="waterfall" role="tree" aria-label="Waterfall">
      <div class="wf-axis">
        {[0, 0.25, 0.5, 0.75, 1].map((f) => (
          <span style={{ left: `calc(35% + ${f * 65}% - ${f * 40}px)` }}>{formatDuration(f * total)}</span>
        ))}
      </div>
      {props.trace.spans.map((s) => (
        <div
          role="treeitem"
          aria-level={s.depth + 1}
          aria-selected={props.selected === s}
          class={`wf-row${s.error ? " error" : ""}${s.critical ? " critical" : ""}`}
          onClick={() => props.onSelect(s)}
        >
          <div class="wf-label" style={{ paddingLeft: `${s.depth * 14 + 4}px` }} title={`${s.row.service_name}: ${s.row.name}`}>
            <span class="svc">{s.row.service_name}</span> {s.row.name}
          </div>
          <div class="wf-track">
            <div class="wf-bar" style={{ left: `${(s.startUs / total) * 100}%`, width: `max(2px, ${((s.endUs - s.startUs) / total) * 100}%)` }} />
            <span class="wf-dur" style={{ left: `${(s.endUs / total) * 100}%` }}>
              {formatDuration(s.endUs - s.startUs)}
            </span>
          </div>
        </div>
      ))}
      <p class="muted legend">
        <span class="key critical" /> critical path · <span class="key error" /> error
      </p>
    </div>
  );
}

function Flame(props: { trace: Trace; onSelect(s: TraceSpan): void }) {
  const bars = flameBars(props.trace);
  const depth = Math.max(...bars.map((b) => b.depth)) + 1;
  return (
    <div class="flame" style={{ height: `${depth * 22 + 4}px` }} aria-label="Flame graph">
      {bars.map((b) => (
        <button
          class={`flame-bar${b.span.error ? " error" : ""}`}
          style={{ top: `${b.depth * 22}px`, left: `${b.left * 100}%`, width: `${b.width * 100}%` }}
          title={`${b.span.row.service_name}: ${b.span.row.name} (${formatDuration(b.span.endUs - b.span.startUs)})`}
          onClick={() => props.onSelect(b.span)}
        >
          {b.span.row.name}
        </button>
      ))}
    </div>
  );
}

function SpanDetails(props: { span: TraceSpan }) {
  const r = props.span.row;
  const parse = (text: unknown): unknown[] => {
    try {
      return typeof text === "string" && text ? (JSON.parse(text) as unknown[]) : [];
    } catch {
      return [];
    }
  };
  const events = parse(r.events) as { name?: string; time_unix_nano?: string; attributes?: Record<string, unknown> }[];
  const links = parse(r.links) as { trace_id?: string; span_id?: string }[];
  const promoted = Object.entries(r).filter(
    ([k, v]) => v !== null && v !== "" && typeof v !== "object" && !["events", "links", "timestamp", "trace_id", "span_id", "parent_span_id"].includes(k),
  );
  return (
    <aside class="span-details" aria-label="Span details">
      <h3>{r.name}</h3>
      <p>
        {r.service_name} · {r.kind} · {formatDuration(props.span.endUs - props.span.startUs)} · {r.status_code}
        {r.status_message ? `: ${r.status_message}` : ""}
      </p>
      <Table title="Span" entries={[["span_id", r.span_id], ["parent_span_id", r.parent_span_id ?? ""], ["start", r.timestamp], ...promoted]} />
      <Table title="Attributes" entries={Object.entries(r.attributes ?? {})} />
      <Table title="Resource" entries={Object.entries(r.resource_attributes ?? {})} />
      {events.length > 0 && (
        <>
          <h4>Events</h4>
          {events.map((e) => (
            <Table title={e.name ?? "event"} entries={Object.entries(e.attributes ?? {})} />
          ))}
        </>
      )}
      {links.length > 0 && (
        <>
          <h4>Links</h4>
          {links.map((l) => (
            <p class="mono">
              <a href={`/traces/${l.trace_id}`} onClick={linkClick}>
                {l.trace_id}
              </a>{" "}
              / {l.span_id}
            </p>
          ))}
        </>
      )}
    </aside>
  );
}

function Table(props: { title: string; entries: [string, unknown][] }) {
  if (props.entries.length === 0) return null;
  return (
    <>
      <h4>{props.title}</h4>
      <dl class="kv">
        {props.entries.map(([k, v]) => (
          <>
            <dt>{k}</dt>
            <dd class="mono">{typeof v === "object" ? JSON.stringify(v) : String(v)}</dd>
          </>
        ))}
      </dl>
    </>
  );
}
