/**
 * Alerts as the dispatcher groups them (like Alertmanager's UI): per group the receiver,
 * escalation state, and each alert with acknowledge, resolve and "silence" (a silence form
 * prefilled with the alert's labels).
 */
import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "../../api";
import { linkClick } from "../../router";
import { ago, silenceLink, type AlertGroup } from "./model";

export function AlertsTab() {
  const [groups, setGroups] = useState<AlertGroup[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    api<{ groups: AlertGroup[] }>("/api/v1/alerts")
      .then((r) => (setGroups(r.groups), setError(null)))
      .catch((e) => setError(e instanceof ApiError ? e.message : String(e)));
  useEffect(() => {
    void load();
    const t = setInterval(load, 15_000);
    return () => clearInterval(t);
  }, []);
  const act = async (fingerprint: string, action: "ack" | "resolve") => {
    try {
      await api(`/api/v1/alerts/${encodeURIComponent(fingerprint)}/${action}`, {});
      await load();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  if (error) return <div class="error-box">{error}</div>;
  if (!groups) return <div class="muted">Loading…</div>;
  if (groups.length === 0) return <div class="empty">No alerts are firing.</div>;
  return (
    <div class="alert-groups">
      {groups.map((g) => (
        <section class="alert-group" key={g.groupKey}>
          <header>
            <strong>{Object.entries(g.labels).map(([k, v]) => `${k}=${v}`).join(", ") || "(all alerts)"}</strong>
            <span class="muted"> → {g.receiver.name}</span>
            {g.mutedBy && <span class="badge">muted: {g.mutedBy}</span>}
            {g.escalation && (
              <span class="badge">
                escalation {g.escalation.policy}: level {g.escalation.level + 1}, {g.escalation.status}
              </span>
            )}
          </header>
          <ul>
            {g.alerts.map((a) => (
              <li class={`alert-row ${a.status_detail.state}`} key={a.fingerprint}>
                <div>
                  <div class="alert-title">
                    {a.annotations.summary || a.labels.alertname} <span class="muted">· firing for {ago(a.startsAt)}</span>
                    {a.status_detail.state === "suppressed" && <span class="badge">suppressed</span>}
                    {a.acknowledged && <span class="badge ok">acknowledged by {a.acknowledged.by}</span>}
                  </div>
                  <div class="labels">
                    {Object.entries(a.labels).map(([k, v]) => (
                      <code class="label">
                        {k}={v}
                      </code>
                    ))}
                  </div>
                </div>
                <div class="actions">
                  {!a.acknowledged && <button onClick={() => act(a.fingerprint, "ack")}>Acknowledge</button>}
                  <button onClick={() => act(a.fingerprint, "resolve")}>Resolve</button>
                  <a class="button" href={silenceLink(a)} onClick={linkClick}>
                    Silence
                  </a>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
