/**
 * The Synthetics page: /synthetics lists every check with its status per region, 90
 * days of uptime, open incidents and heartbeats; /synthetics/<id> is one check (see
 * check-detail.tsx).
 */
import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../api";
import { linkClick } from "../router";
import { CheckDetail } from "./check-detail";
import { IncidentList } from "./incidents";
import { listChecks, listIncidents, loadUptime, targetOf, type CheckView, type Incident } from "./model";
import { RegionChips } from "./region-chips";
import { UptimeBars } from "./uptime-bars";
import "./synthetics.css";

export function Synthetics({ path }: { path: string }) {
  const id = /^\/synthetics\/([\w-]+)/.exec(path)?.[1];
  return id ? <CheckDetail key={id} id={id} /> : <CheckList />;
}

function CheckList() {
  const [checks, setChecks] = useState<CheckView[] | null>(null);
  const [incidents, setIncidents] = useState<Incident[]>([]);
  const [uptime, setUptime] = useState<Awaited<ReturnType<typeof loadUptime>>>(new Map());
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const load = () => {
      listChecks()
        .then(setChecks)
        .catch((e) => setError(e instanceof ApiError ? e.message : String(e)));
      listIncidents().then(setIncidents).catch(() => {});
      loadUptime().then(setUptime).catch(() => {});
    };
    load();
    const timer = setInterval(load, 30_000);
    return () => clearInterval(timer);
  }, []);

  if (error) return <main class="synthetics"><div class="error-box">{error}</div></main>;
  if (!checks) return <main class="synthetics"><div class="muted">Loading checks…</div></main>;
  const scheduled = checks.filter((c) => c.type !== "heartbeat");
  const heartbeats = checks.filter((c) => c.type === "heartbeat");
  const open = incidents.filter((i) => i.status === "open");

  return (
    <main class="synthetics">
      <section>
        <h2>
          Checks <span class="muted">{scheduled.length}</span>
        </h2>
        {scheduled.length === 0 ? (
          <div class="empty">
            No checks yet. Define them with <code>POST /api/v1/checks</code> or as code: <code>npm run checks -- apply checks.yaml</code>.
          </div>
        ) : (
          <table class="check-table">
            <thead>
              <tr>
                <th>Check</th>
                <th>Regions</th>
                <th>Uptime (90 days)</th>
              </tr>
            </thead>
            <tbody>
              {scheduled.map((c) => (
                <tr class={c.openIncidents.includes("failure") ? "incident" : ""} data-check={c.name}>
                  <td>
                    <a href={`/synthetics/${c.id}`} onClick={linkClick} class="check-name">
                      {c.name}
                    </a>
                    {!c.definition.enabled && <span class="pill muted">paused</span>}
                    {c.openIncidents.map((k) => (
                      <span class={`pill ${k === "ssl_expiry" ? "warn" : "bad"}`}>{k.replace("_", " ")}</span>
                    ))}
                    <div class="muted small">
                      {targetOf(c)} · every {c.definition.intervalMinutes} min
                    </div>
                  </td>
                  <td>
                    <RegionChips regions={c.definition.regions ?? []} states={c.regions} />
                  </td>
                  <td>{uptime.get(c.id) ? <UptimeBars {...uptime.get(c.id)!} /> : <span class="muted">no runs yet</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section>
        <h2>
          Incidents <span class="muted">{open.length} open</span>
        </h2>
        <IncidentList incidents={incidents} />
      </section>

      <section>
        <h2>
          Heartbeats <span class="muted">{heartbeats.length}</span>
        </h2>
        {heartbeats.length === 0 ? (
          <div class="empty">No heartbeat checks. A heartbeat is a URL your job calls; a missing call past its grace opens an incident.</div>
        ) : (
          <table class="check-table">
            <thead>
              <tr>
                <th>Heartbeat</th>
                <th>Last ping</th>
                <th>Ping URL</th>
              </tr>
            </thead>
            <tbody>
              {heartbeats.map((c) => (
                <tr class={c.openIncidents.length ? "incident" : ""} data-check={c.name}>
                  <td>
                    <a href={`/synthetics/${c.id}`} onClick={linkClick} class="check-name">
                      {c.name}
                    </a>
                    {c.openIncidents.length > 0 && <span class="pill bad">missing</span>}
                    <div class="muted small">{targetOf(c)}</div>
                  </td>
                  <td>{c.lastPingAt ? new Date(c.lastPingAt).toLocaleString() : <span class="muted">never</span>}</td>
                  <td>
                    <code class="small">{c.heartbeatUrl}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
