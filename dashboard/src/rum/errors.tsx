/**
 * Browser errors grouped by type, message and top frame, most frequent first; each group
 * opens a session where it happened (its timeline, and its replay when one was recorded).
 */
import { linkClick } from "../router";
import type { RangeText } from "../time";
import { errorGroupsQuery } from "./queries";
import { toMs, useRows } from "./use-rows";

export function Errors({ service, range }: { service: string; range: RangeText }) {
  const { rows, error } = useRows(errorGroupsQuery(service), range);
  if (error) return <div class="error-box" role="alert">{error}</div>;
  if (!rows) return <div class="muted">Loading…</div>;
  if (rows.length === 0) return <div class="empty">No browser errors in this time range.</div>;
  return (
    <table class="trace-list rum-errors">
      <thead>
        <tr>
          <th>Error</th>
          <th>Top frame</th>
          <th>Count</th>
          <th>Sessions</th>
          <th>Last seen</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr class="rum-error-group">
            <td>
              <b>{String(r.error_type ?? "Error")}</b>: {String(r.error_message ?? "")}
            </td>
            <td class="mono">{String(r.error_top_frame ?? "")}</td>
            <td class="num">{String(r.count)}</td>
            <td class="num">{String(r.sessions)}</td>
            <td>{new Date(toMs(r.last_seen)).toLocaleString()}</td>
            <td>
              <a class="rum-error-session" href={`/rum/sessions/${r.example_session}?from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}`} onClick={linkClick}>
                a session
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
