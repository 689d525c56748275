/**
 * Live tail: new rows matching the query stream in over a WebSocket (newest first), with
 * pause/resume. Rows are matched by arrival, so a late log still shows up.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { Column } from "../api";
import { currentProject } from "../state";
import { LogList } from "./loglist";
import { ResultTable } from "./table";

const KEEP = 1000;

type Message = { type: "ready" } | { type: "rows"; columns: Column[]; rows: unknown[][]; truncated: boolean } | { type: "error"; message: string };

export function LiveTail(props: { query: string; utc: boolean; onFilter(clause: string): void }) {
  const [columns, setColumns] = useState<Column[]>([]);
  const [rows, setRows] = useState<unknown[][]>([]);
  const [status, setStatus] = useState<"connecting" | "live" | "paused" | "closed">("connecting");
  const [error, setError] = useState<string | null>(null);
  const socket = useRef<WebSocket | null>(null);

  useEffect(() => {
    const url = new URL("/api/v1/tail", location.href);
    url.protocol = location.protocol === "https:" ? "wss:" : "ws:";
    url.searchParams.set("query", props.query);
    if (currentProject.value) url.searchParams.set("project", currentProject.value);
    const ws = new WebSocket(url);
    socket.current = ws;
    ws.onmessage = (e) => {
      const m = JSON.parse(String(e.data)) as Message;
      if (m.type === "ready") setStatus("live");
      if (m.type === "error") setError(m.message);
      if (m.type === "rows") {
        setColumns(m.columns);
        // Newest first, like a terminal scrolled to the bottom but readable from the top.
        setRows((old) => [...[...m.rows].reverse(), ...old].slice(0, KEEP));
      }
    };
    ws.onclose = () => setStatus((s) => (s === "connecting" ? (setError("the query was refused: check it in the editor"), "closed") : "closed"));
    return () => ws.close();
  }, [props.query]);

  const toggle = () => {
    const paused = status === "paused";
    socket.current?.send(JSON.stringify({ type: paused ? "resume" : "pause" }));
    setStatus(paused ? "live" : "paused");
  };
  const logs = columns.some((c) => c.name === "body") && columns.some((c) => c.name === "timestamp");
  return (
    <section class="results live" aria-label="Live tail">
      <div class="result-bar">
        <span class={`live-dot ${status}`} aria-live="polite">
          {{ connecting: "Connecting…", live: "Live", paused: "Paused", closed: "Disconnected" }[status]}
        </span>
        <span class="muted">{rows.length.toLocaleString()} new rows</span>
        <span class="spacer" />
        <button onClick={toggle} disabled={status === "connecting" || status === "closed"}>
          {status === "paused" ? "Resume" : "Pause"}
        </button>
        <button class="link" onClick={() => setRows([])}>
          Clear
        </button>
      </div>
      {error && (
        <div class="error-box" role="alert">
          {error}
        </div>
      )}
      {rows.length === 0 ? (
        <div class="empty">Waiting for new rows that match…</div>
      ) : logs ? (
        <LogList columns={columns} rows={rows} utc={props.utc} onFilter={props.onFilter} />
      ) : (
        <ResultTable columns={columns} rows={rows} />
      )}
    </section>
  );
}
