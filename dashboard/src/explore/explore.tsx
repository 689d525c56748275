/**
 * Explore: write a query, pick a time range, run (button or Ctrl/Cmd+Enter), see a chart,
 * a table or a log list; inspect what ran; export CSV. The URL holds query, range and
 * view, so a link reproduces what you see. History and starred queries stay in the
 * browser (localStorage).
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError, type QueryResult } from "../api";
import { addFilter, toCsv, toTimeSeries, viewsFor, type View } from "../results";
import { absoluteRange, type RangeText } from "../time";
import type { EditorHandle } from "./editor";
import { LiveTail } from "./livetail";
import { LogList } from "./loglist";
import { ResultTable } from "./table";
import { TimePicker } from "./timepicker";

interface UrlState {
  query: string;
  range: RangeText;
  view: View | null;
}

function readUrl(): UrlState {
  const p = new URLSearchParams(location.search);
  return { query: p.get("q") ?? "", range: { from: p.get("from") ?? "now-1h", to: p.get("to") ?? "now" }, view: (p.get("view") as View) || null };
}

function writeUrl(s: UrlState): void {
  const p = new URLSearchParams({ q: s.query, from: s.range.from, to: s.range.to });
  if (s.view) p.set("view", s.view);
  history.replaceState(null, "", `/explore?${p}`);
}

const stored = (key: string): string[] => JSON.parse(localStorage.getItem(key) ?? "[]") as string[];
const store = (key: string, list: string[]) => localStorage.setItem(key, JSON.stringify(list));

export function Explore() {
  const initial = readUrl();
  const [query, setQuery] = useState(initial.query);
  const [range, setRange] = useState(initial.range);
  const [view, setView] = useState<View | null>(initial.view);
  const [utc, setUtc] = useState(localStorage.getItem("mse.utc") === "1");
  const [result, setResult] = useState<{ query: string; data: QueryResult } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [running, setRunning] = useState(false);
  const [recent, setRecent] = useState(() => stored("mse.history"));
  const [starred, setStarred] = useState(() => stored("mse.starred"));
  /** The query being tailed, or null when not tailing. */
  const [tailing, setTailing] = useState<string | null>(null);
  const [engine, setEngine] = useState<"edge" | "browser">(localStorage.getItem("mse.engine") === "browser" ? "browser" : "edge");
  const engineRef = useRef(engine);
  engineRef.current = engine;
  const editorBox = useRef<HTMLDivElement>(null);
  const editor = useRef<EditorHandle | null>(null);
  const latest = useRef({ query, range });
  latest.current = { query, range };

  const run = async (q = latest.current.query, r = latest.current.range) => {
    if (!q.trim()) return;
    setRunning(true);
    setError(null);
    try {
      const data =
        engineRef.current === "browser"
          ? await (await import("./browser-engine")).runInBrowser(q, r)
          : await api<QueryResult>("/api/v1/query", { query: q, from: r.from, to: r.to });
      // A different kind of result (logs after a chart, say) starts on its best view.
      setResult((prev) => {
        if (prev && viewsFor(prev.query, prev.data.columns).join() !== viewsFor(q, data.columns).join()) setView(null);
        return { query: q, data };
      });
      const next = [q, ...stored("mse.history").filter((x) => x !== q)].slice(0, 50);
      store("mse.history", next);
      setRecent(next);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, String(e)));
    } finally {
      setRunning(false);
    }
  };

  useEffect(() => {
    let alive = true;
    import("./editor").then(({ createEditor }) => {
      if (!alive || !editorBox.current) return;
      editor.current = createEditor(editorBox.current, { text: query, onChange: setQuery, onRun: () => void run() });
      editor.current.focus();
    });
    if (initial.query) void run(initial.query, initial.range);
    return () => {
      alive = false;
      editor.current?.view.destroy();
    };
  }, []);

  useEffect(() => writeUrl({ query, range, view }), [query, range, view]);

  const setText = (text: string) => {
    setQuery(text);
    editor.current?.setText(text);
  };
  const changeRange = (r: RangeText) => {
    setRange(r);
    void run(latest.current.query, r);
  };
  const views = result ? viewsFor(result.query, result.data.columns) : [];
  const shown = view && views.includes(view) ? view : views[0];
  const isStarred = starred.includes(query);

  return (
    <main class="explore">
      <section class="query-bar">
        <div class="editor" ref={editorBox} aria-label="Query editor" />
        <div class="actions">
          <TimePicker range={range} utc={utc} onChange={changeRange} onZone={(u) => (setUtc(u), localStorage.setItem("mse.utc", u ? "1" : "0"))} />
          <button class="primary" onClick={() => void run()} disabled={running} title="Run (Ctrl/Cmd+Enter)">
            {running ? "Running…" : "Run query"}
          </button>
          <button
            class={isStarred ? "star on" : "star"}
            aria-pressed={isStarred}
            title={isStarred ? "Remove from saved queries" : "Save this query"}
            onClick={() => {
              const next = isStarred ? starred.filter((x) => x !== query) : [query, ...starred];
              store("mse.starred", next);
              setStarred(next);
            }}
          >
            ★
          </button>
          <label class="engine" title="Where queries run: in the worker at the edge, or in this browser (DuckDB-WASM)">
            Run in{" "}
            <select
              aria-label="Run in"
              value={engine}
              onChange={(e) => {
                const v = (e.target as HTMLSelectElement).value as "edge" | "browser";
                setEngine(v);
                localStorage.setItem("mse.engine", v);
              }}
            >
              <option value="edge">Edge</option>
              <option value="browser">Browser</option>
            </select>
          </label>
          <button class={tailing ? "on" : ""} aria-pressed={tailing !== null} title="Stream new rows that match" onClick={() => setTailing(tailing ? null : query.trim() || "logs")}>
            {tailing ? "Stop live tail" : "Live tail"}
          </button>
          <QueryMenu label="Saved" items={starred} onPick={setText} empty="Star a query to keep it here." />
          <QueryMenu label="History" items={recent} onPick={setText} empty="Queries you run appear here." />
        </div>
      </section>

      {error && (
        <div class="error-box" role="alert">
          <strong>Query failed:</strong> {error.message}
        </div>
      )}

      {tailing && (
        <LiveTail
          key={tailing}
          query={tailing}
          utc={utc}
          onFilter={(clause) => {
            const next = addFilter(tailing, clause);
            setText(next);
            setTailing(next);
          }}
        />
      )}

      {!tailing && !result && !error && !running && (
        <div class="empty">
          <p>Write a query and press <kbd>Ctrl</kbd>+<kbd>Enter</kbd>. For example:</p>
          {["logs | where severity >= \"ERROR\" | take 100", "logs | summarize count() by bin(timestamp, 1m), service.name", "spans | summarize p95(duration) by name | top 10 by p95_duration"].map((q) => (
            <button class="example" onClick={() => (setText(q), void run(q))}>
              <code>{q}</code>
            </button>
          ))}
        </div>
      )}

      {!tailing && result && (
        <section class={running ? "results stale" : "results"} aria-busy={running}>
          <div class="result-bar">
            <div role="tablist">
              {views.map((v) => (
                <button role="tab" aria-selected={v === shown} onClick={() => setView(v)}>
                  {{ chart: "Chart", table: "Table", logs: "Logs" }[v]}
                </button>
              ))}
            </div>
            <span class="muted">
              {result.data.rows.length.toLocaleString()} rows{result.data.truncated ? " (truncated)" : ""} · {result.data.stats.ms} ms
            </span>
            <span class="spacer" />
            <button class="link" onClick={() => download(toCsv(result.data.columns, result.data.rows))}>
              Export CSV
            </button>
          </div>
          {result.data.rows.length === 0 ? (
            <div class="empty">No rows matched in this time range.</div>
          ) : shown === "chart" ? (
            <Chart result={result.data} utc={utc} onZoom={(from, to) => changeRange(absoluteRange(from, to))} />
          ) : shown === "logs" ? (
            <LogList columns={result.data.columns} rows={result.data.rows} utc={utc} onFilter={(clause) => {
                // Like a facet click in a log explorer: narrow and run at once.
                const next = addFilter(latest.current.query, clause);
                setText(next);
                void run(next);
              }} />
          ) : (
            <ResultTable key={result.query} columns={result.data.columns} rows={result.data.rows} />
          )}
          <Inspector result={result.data} />
        </section>
      )}
    </main>
  );
}

function Chart(props: { result: QueryResult; utc: boolean; onZoom(from: number, to: number): void }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let dispose: (() => void) | undefined;
    let alive = true;
    import("./chart").then(({ drawChart }) => {
      if (alive && box.current) dispose = drawChart(box.current, toTimeSeries(props.result.columns, props.result.rows), { utc: props.utc, onZoom: props.onZoom });
    });
    return () => {
      alive = false;
      dispose?.();
    };
  }, [props.result, props.utc]);
  return <div class="chart" ref={box} aria-label="Time series chart" />;
}

function Inspector(props: { result: QueryResult }) {
  const s = props.result.stats;
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  return (
    <details class="inspector">
      <summary>Query inspector</summary>
      <dl>
        <dt>Ran at</dt>
        <dd data-testid="ran-at">{s.engine === "browser" ? "this browser (DuckDB-WASM in a Web Worker)" : "the edge (DuckDB-WASM in the worker)"}</dd>
        <dt>Files</dt>
        <dd>
          {s.files} in R2 + {s.hot_files} from buffers ({s.hot_rows.toLocaleString()} rows)
        </dd>
        <dt>Bytes</dt>
        <dd>
          {kb(s.bytes_fetched)} fetched, {kb(s.bytes_read)} read
        </dd>
        <dt>Rows scanned</dt>
        <dd>{s.rows_scanned.toLocaleString()}</dd>
        <dt>Time</dt>
        <dd>
          {s.ms} ms{s.batches > 1 ? ` in ${s.batches} batches` : ""}
          {s.approximate ? " (percentiles approximate ±0.5%)" : ""}
        </dd>
      </dl>
      <pre class="sql">{s.sql}</pre>
    </details>
  );
}

function QueryMenu(props: { label: string; items: string[]; empty: string; onPick(q: string): void }) {
  return (
    <details class="menu">
      <summary>{props.label}</summary>
      <ul>
        {props.items.length === 0 && <li class="muted">{props.empty}</li>}
        {props.items.map((q) => (
          <li>
            <button class="link" onClick={(e) => (props.onPick(q), (e.currentTarget as HTMLElement).closest("details")?.removeAttribute("open"))}>
              <code>{q}</code>
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}

function download(csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
  const a = Object.assign(document.createElement("a"), { href: url, download: "query-result.csv" });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
