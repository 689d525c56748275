/**
 * Trace search, like Jaeger's or Datadog's: by service, operation, minimum duration,
 * status and any extra condition in the query language; the slowest matching spans
 * first, each opening its whole trace.
 */
import { useEffect, useState } from "preact/hooks";
import { api, ApiError, type QueryResult } from "../api";
import { linkClick } from "../router";
import { type RangeText } from "../time";
import { TimePicker } from "../explore/timepicker";
import { formatDuration, isoToMicros } from "./model";
import { traceSearchQuery, type TraceSearch } from "./search";

export function Traces() {
  const params = new URLSearchParams(location.search);
  const [search, setSearch] = useState<TraceSearch>({
    service: params.get("service") ?? "",
    operation: params.get("operation") ?? "",
    minDuration: params.get("min") ?? "",
    errorsOnly: params.get("errors") === "1",
    where: params.get("where") ?? "",
  });
  const [range, setRange] = useState<RangeText>({ from: params.get("from") ?? "now-1h", to: params.get("to") ?? "now" });
  const [services, setServices] = useState<string[]>([]);
  const [result, setResult] = useState<QueryResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (s = search, r = range) => {
    setBusy(true);
    setError(null);
    const p = new URLSearchParams({ from: r.from, to: r.to, service: s.service, operation: s.operation, min: s.minDuration, errors: s.errorsOnly ? "1" : "", where: s.where });
    history.replaceState(null, "", `/traces?${p}`);
    try {
      setResult(await api<QueryResult>("/api/v1/query", { query: traceSearchQuery(s), from: r.from, to: r.to }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    api<QueryResult>("/api/v1/query", { query: "spans | summarize count() by service.name | sort by service.name asc", from: range.from, to: range.to })
      .then((r) => setServices(r.rows.map((row) => String(row[0]))))
      .catch(() => {});
    void run();
  }, []);

  const field = (key: keyof TraceSearch) => ({
    value: search[key] as string,
    onInput: (e: Event) => setSearch({ ...search, [key]: (e.target as HTMLInputElement).value }),
  });

  return (
    <main class="traces">
      <form
        class="trace-search"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <label>
          Service
          <select aria-label="Service" {...field("service")}>
            <option value="">Any service</option>
            {services.map((s) => (
              <option value={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Operation <input aria-label="Operation" placeholder="GET /cart/:id" {...field("operation")} />
        </label>
        <label>
          Min duration <input aria-label="Min duration" placeholder="250ms" {...field("minDuration")} />
        </label>
        <label class="check">
          <input type="checkbox" checked={search.errorsOnly} onChange={(e) => setSearch({ ...search, errorsOnly: (e.target as HTMLInputElement).checked })} /> Errors only
        </label>
        <label class="grow">
          Attributes <input aria-label="Attribute filter" placeholder='attributes.http.route == "/cart/:id"' {...field("where")} />
        </label>
        <TimePicker range={range} utc={false} onChange={(r) => (setRange(r), void run(search, r))} onZone={() => {}} />
        <button class="primary" type="submit" disabled={busy}>
          {busy ? "Searching…" : "Find traces"}
        </button>
      </form>
      {error && (
        <div class="error-box" role="alert">
          {error}
        </div>
      )}
      {result && result.rows.length === 0 && <div class="empty">No spans match in this time range.</div>}
      {result && result.rows.length > 0 && (
        <table class="trace-list">
          <thead>
            <tr>
              <th>Started</th>
              <th>Service</th>
              <th>Operation</th>
              <th>Duration</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {result.rows.map(([traceId, ts, service, name, durationNs, status]) => (
              <tr class={status === "ERROR" ? "error-row" : ""}>
                <td>{new Date(isoToMicros(String(ts)) / 1000).toLocaleTimeString()}</td>
                <td>{String(service ?? "")}</td>
                <td>
                  <a href={`/traces/${traceId}?from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}`} onClick={linkClick}>
                    {String(name)}
                  </a>
                </td>
                <td class="num">{formatDuration(Number(durationNs) / 1000)}</td>
                <td>{String(status ?? "")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
