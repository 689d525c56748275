/**
 * The history tab: every state change (and, from routing, every notification, escalation,
 * acknowledgement and suppression), newest first, filtered by rule, kind, fingerprint and time.
 */
import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "../api";
import { linkClick } from "../router";
import type { HistoryEvent, RuleJson } from "./rule-model";
import { StateBadge } from "./states";

const KINDS = ["", "state", "notification", "escalation", "ack", "silenced"];
const RANGES = [
  { label: "last hour", from: "now-1h" },
  { label: "last 24 hours", from: "now-24h" },
  { label: "last 7 days", from: "now-7d" },
  { label: "last 30 days", from: "now-30d" },
];

export function HistoryTab() {
  const p = new URLSearchParams(location.search);
  const [filters, setFilters] = useState({ rule: p.get("rule") ?? "", kind: p.get("kind") ?? "", fingerprint: p.get("fingerprint") ?? "", from: p.get("from") ?? "now-24h" });
  const [events, setEvents] = useState<HistoryEvent[] | null>(null);
  const [rules, setRules] = useState<RuleJson[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api<{ rules: RuleJson[] }>("/api/v1/alert-rules").then((r) => setRules(r.rules), () => undefined);
  }, []);
  useEffect(() => {
    const q = new URLSearchParams({ from: filters.from, limit: "500" });
    for (const key of ["rule", "kind", "fingerprint"] as const) if (filters[key]) q.set(key, filters[key]);
    history.replaceState(null, "", `/alerting/history?${new URLSearchParams(Object.entries(filters).filter(([, v]) => v))}`);
    api<{ events: HistoryEvent[] }>(`/api/v1/alert-history?${q}`)
      .then((r) => (setEvents(r.events), setError(null)))
      .catch((e) => setError(e instanceof ApiError ? e.message : String(e)));
  }, [filters]);

  const ruleName = (id: string | null) => rules.find((r) => r.id === id)?.name ?? id ?? "—";
  const set = (key: keyof typeof filters) => (e: Event) => setFilters((f) => ({ ...f, [key]: (e.target as HTMLInputElement).value }));

  return (
    <section class="history">
      <div class="actions filters">
        <select value={filters.rule} onChange={set("rule")} aria-label="Rule">
          <option value="">all rules</option>
          {rules.map((r) => (
            <option value={r.id}>{r.name}</option>
          ))}
        </select>
        <select value={filters.kind} onChange={set("kind")} aria-label="Kind">
          {KINDS.map((k) => (
            <option value={k}>{k || "all kinds"}</option>
          ))}
        </select>
        <input value={filters.fingerprint} onChange={set("fingerprint")} placeholder="fingerprint" aria-label="Fingerprint" size={18} />
        <select value={filters.from} onChange={set("from")} aria-label="Range">
          {RANGES.map((r) => (
            <option value={r.from}>{r.label}</option>
          ))}
        </select>
      </div>
      {error && <div class="error-box">{error}</div>}
      {events === null ? (
        <p class="muted">Loading…</p>
      ) : events.length === 0 ? (
        <p class="empty">Nothing happened in this range.</p>
      ) : (
        <table class="rule-table history-table">
          <thead>
            <tr>
              <th>Time</th>
              <th>Rule</th>
              <th>Event</th>
              <th>Alert</th>
              <th>Details</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr>
                <td>{new Date(e.at).toLocaleString()}</td>
                <td>
                  {e.rule_id ? (
                    <a href={`/alerting/rules/${e.rule_id}`} onClick={linkClick}>
                      {ruleName(e.rule_id)}
                    </a>
                  ) : (
                    "—"
                  )}
                </td>
                <td>
                  {e.kind === "state" ? (
                    <>
                      {e.detail} → <StateBadge state={e.status} />
                    </>
                  ) : (
                    `${e.kind}: ${e.status}${e.detail ? ` (${e.detail})` : ""}`
                  )}
                </td>
                <td class="mono">
                  <button class="link mono" title="Only this alert" onClick={() => setFilters((f) => ({ ...f, fingerprint: e.fingerprint ?? "" }))}>
                    {e.fingerprint ?? ""}
                  </button>{" "}
                  {labelsText(e.data.labels)}
                </td>
                <td>
                  {e.data.value !== undefined && e.data.value !== null ? `value ${e.data.value}` : ""}
                  {typeof e.data.error === "string" ? <span class="error"> {e.data.error}</span> : null}
                  {typeof e.data.reason === "string" ? <span class="muted"> {e.data.reason}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function labelsText(labels: unknown): string {
  if (!labels || typeof labels !== "object") return "";
  return Object.entries(labels as Record<string, string>)
    .filter(([k]) => k !== "alertname")
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");
}
