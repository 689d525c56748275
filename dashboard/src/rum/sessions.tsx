/**
 * Sessions: the latest sessions with their counts, and one session's timeline (views,
 * actions, errors with frames, requests linking to their backend trace) beside its replay.
 */
import { linkClick } from "../router";
import type { RangeText } from "../time";
import { sessionsQuery, sessionTimelineQuery } from "./queries";
import { ReplayPlayer } from "./replay-player";
import { formatSeconds, toMs, useRows, type Row } from "./use-rows";

export function Sessions({ service, range }: { service: string; range: RangeText }) {
  const { rows, error } = useRows(sessionsQuery(service), range);
  if (error) return <div class="error-box" role="alert">{error}</div>;
  if (!rows) return <div class="muted">Loading…</div>;
  if (rows.length === 0) return <div class="empty">No sessions in this time range.</div>;
  return (
    <table class="trace-list rum-sessions">
      <thead>
        <tr>
          <th>Started</th>
          <th>Duration</th>
          <th>User</th>
          <th>Browser / device / country</th>
          <th>Views</th>
          <th>Actions</th>
          <th>Requests</th>
          <th>Errors</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr class={Number(r.errors) > 0 ? "error-row" : ""}>
            <td>
              <a href={`/rum/sessions/${r.session_id}?from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}`} onClick={linkClick}>
                {new Date(toMs(r.start)).toLocaleString()}
              </a>
            </td>
            <td>{formatSeconds((toMs(r.end) - toMs(r.start)) / 1000)}</td>
            <td>{String(r.user_id ?? "–")}</td>
            <td>{[r.browser_name, r.device_type, r.geo_country].map((v) => v ?? "?").join(" · ")}</td>
            <td class="num">{String(r.views)}</td>
            <td class="num">{String(r.actions)}</td>
            <td class="num">{String(r.requests)}</td>
            <td class="num">{String(r.errors)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function describe(e: Row): preact.ComponentChild {
  switch (e.type) {
    case "view":
      return <>Viewed <b>{String(e.page)}</b> <span class="muted">({String(e.name)})</span></>;
    case "action":
      return <>Clicked <b>{String(e.target)}</b></>;
    case "error": {
      const frames = e.error_frames ? (JSON.parse(String(e.error_frames)) as { fn: string; file: string; line: number; col: number }[]) : [];
      return (
        <details>
          <summary>
            <b>{String(e.error_type)}</b>: {String(e.error_message)}
          </summary>
          <pre class="mono">{frames.map((f) => `at ${f.fn} (${f.file}:${f.line}:${f.col})`).join("\n")}</pre>
        </details>
      );
    }
    case "request":
      return (
        <>
          {String(e.http_request_method)} {String(e.url_full)} → {String(e.http_response_status_code)} in {Math.round(Number(e.value))} ms
          {e.trace_id ? (
            <>
              {" "}
              <a class="rum-trace-link" href={`/traces/${e.trace_id}`} onClick={linkClick}>
                backend trace
              </a>
            </>
          ) : null}
        </>
      );
    case "vital":
      return <>{String(e.name)} = {Number(e.value).toFixed(e.name === "CLS" ? 3 : 0)} <span class={`vital ${e.rating}`}>{String(e.rating)}</span> {e.target ? <span class="muted">on {String(e.target)}</span> : null}</>;
    case "long_task":
      return <>Long task: {Math.round(Number(e.value))} ms</>;
    default:
      return <>{String(e.type)} {String(e.name ?? "")}</>;
  }
}

export function SessionView({ session, range }: { session: string; range: RangeText }) {
  const { rows, error } = useRows(sessionTimelineQuery(session), range);
  const start = rows?.length ? toMs(rows[0].timestamp) : 0;
  return (
    <div class="rum-session">
      <a href={`/rum/sessions?from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}`} onClick={linkClick}>
        ← All sessions
      </a>
      <h2 class="mono">Session {session}</h2>
      <div class="rum-session-body">
        <section class="rum-panel rum-timeline">
          <h3>Timeline</h3>
          {error && <div class="error-box" role="alert">{error}</div>}
          {rows?.length === 0 && <div class="muted">No events for this session in this time range.</div>}
          <ol>
            {(rows ?? [])
              .filter((e) => e.type !== "resource")
              .map((e) => (
                <li class={`rum-event rum-${e.type}`} data-type={String(e.type)}>
                  <span class="muted num">+{((toMs(e.timestamp) - start) / 1000).toFixed(1)} s</span> {describe(e)}
                </li>
              ))}
          </ol>
        </section>
        <ReplayPlayer session={session} />
      </div>
    </div>
  );
}
