/**
 * One check: status per region, 90 days of uptime, latency per region over a chosen
 * range (uPlot, one line per region), its incidents, the latest runs and, for the run
 * picked, every assertion and step with the response excerpt (secrets are redacted by
 * the runner before anything is stored).
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../api";
import { linkClick } from "../router";
import { toTimeSeries } from "../results";
import { IncidentList } from "./incidents";
import { getCheck, listIncidents, loadLatency, loadRuns, loadUptime, runNow, targetOf, type CheckView, type Incident, type RunRow } from "./model";
import { RegionChips } from "./region-chips";
import { RunDetail } from "./run-detail";
import { UptimeBars } from "./uptime-bars";

const RANGES = [
  { label: "1 hour", from: "now-1h", ms: 3_600_000, bin: "1m" },
  { label: "24 hours", from: "now-24h", ms: 86_400_000, bin: "15m" },
  { label: "7 days", from: "now-7d", ms: 7 * 86_400_000, bin: "1h" },
  { label: "30 days", from: "now-30d", ms: 30 * 86_400_000, bin: "6h" },
];

function LatencyChart({ checkId, range }: { checkId: string; range: (typeof RANGES)[number] }) {
  const el = useRef<HTMLDivElement>(null);
  const [empty, setEmpty] = useState(false);
  useEffect(() => {
    let dispose: (() => void) | null = null;
    let live = true;
    loadLatency(checkId, range.from, range.bin)
      .then(async (r) => {
        if (!live || !el.current) return;
        setEmpty(r.rows.length === 0);
        if (r.rows.length === 0) return;
        const { drawLatencyChart } = await import("./latency-chart");
        if (!live || !el.current) return;
        const now = Date.now();
        dispose = drawLatencyChart(el.current, toTimeSeries(r.columns, r.rows), { fromMs: now - range.ms, toMs: now });
      })
      .catch(() => setEmpty(true));
    return () => {
      live = false;
      dispose?.();
    };
  }, [checkId, range.from]);
  return (
    <div class="latency">
      {empty && <div class="empty">No runs in this range.</div>}
      <div ref={el} class="latency-chart" aria-label="p95 latency per region" />
    </div>
  );
}

export function CheckDetail({ id }: { id: string }) {
  const [check, setCheck] = useState<CheckView | null>(null);
  const [runs, setRuns] = useState<RunRow[]>([]);
  const [incidents, setIncidents] = useState<Incident[]>([]);
  const [uptime, setUptime] = useState<Awaited<ReturnType<typeof loadUptime>>>(new Map());
  const [selected, setSelected] = useState<RunRow | null>(null);
  const [range, setRange] = useState(RANGES[0]);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);

  const load = () => {
    getCheck(id)
      .then(setCheck)
      .catch((e) => setError(e instanceof ApiError ? e.message : String(e)));
    loadRuns(id, "now-30d").then(setRuns).catch(() => {});
    listIncidents(id).then(setIncidents).catch(() => {});
    loadUptime(id).then(setUptime).catch(() => {});
  };
  useEffect(load, [id]);

  if (error) return <main class="synthetics"><div class="error-box">{error}</div></main>;
  if (!check) return <main class="synthetics"><div class="muted">Loading…</div></main>;
  const up = uptime.get(id);

  return (
    <main class="synthetics">
      <a href="/synthetics" onClick={linkClick} class="small">
        ← All checks
      </a>
      <header class="check-header">
        <div>
          <h2>{check.name}</h2>
          <div class="muted">
            {targetOf(check)} · every {check.definition.intervalMinutes} min · {check.type}
          </div>
        </div>
        <span class="spacer" />
        {check.type !== "heartbeat" && (
          <button
            class="primary"
            disabled={running}
            onClick={async () => {
              setRunning(true);
              try {
                const fresh = await runNow(id);
                if (fresh[0]) setSelected(fresh[0]);
                load();
              } catch (e) {
                setError(e instanceof ApiError ? e.message : String(e));
              } finally {
                setRunning(false);
              }
            }}
          >
            {running ? "Running…" : "Run now"}
          </button>
        )}
      </header>

      {check.type !== "heartbeat" ? <RegionChips regions={check.definition.regions ?? []} states={check.regions} /> : <code class="small">{check.heartbeatUrl}</code>}

      <section>
        <h3>Uptime, last 90 days</h3>
        {up ? <UptimeBars {...up} /> : <span class="muted">no runs yet</span>}
      </section>

      {check.type !== "heartbeat" && (
        <section>
          <h3>
            p95 latency per region{" "}
            <select aria-label="Latency range" value={range.label} onChange={(e) => setRange(RANGES.find((r) => r.label === (e.target as HTMLSelectElement).value) ?? RANGES[0])}>
              {RANGES.map((r) => (
                <option value={r.label}>{r.label}</option>
              ))}
            </select>
          </h3>
          <LatencyChart checkId={id} range={range} />
        </section>
      )}

      <section>
        <h3>Incidents</h3>
        <IncidentList incidents={incidents} showCheck={false} />
      </section>

      <section class="runs-section">
        <h3>Latest runs</h3>
        <div class="runs-layout">
          <table class="runs">
            <thead>
              <tr>
                <th>Time</th>
                <th>Region</th>
                <th>Status</th>
                <th>HTTP</th>
                <th>Duration</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr class={`${r.status} ${selected?.run_id === r.run_id ? "selected" : ""}`} onClick={() => setSelected(r)} data-run={r.run_id}>
                  <td>{new Date(String(r.timestamp)).toLocaleString()}</td>
                  <td>{r.region}</td>
                  <td>
                    <span class={`pill ${r.status === "ok" ? "ok" : "bad"}`}>{r.status}</span>
                  </td>
                  <td>{r.http_status_code ?? "—"}</td>
                  <td class="num">{Math.round(r.duration_ms)} ms</td>
                </tr>
              ))}
            </tbody>
          </table>
          {selected ? <RunDetail run={selected} /> : <div class="empty">Pick a run to see its assertions and response.</div>}
        </div>
      </section>
    </main>
  );
}
