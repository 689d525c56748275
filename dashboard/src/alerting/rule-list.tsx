/**
 * The rules tab: every rule of the project with its series' states (firing, pending,
 * error, no data, …), pause/resume and delete; a rule opens its builder.
 */
import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "../api";
import { linkClick } from "../router";
import type { RuleJson } from "./rule-model";
import { StateCounts } from "./states";

export function RuleList() {
  const [rules, setRules] = useState<RuleJson[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async () => {
    try {
      setRules((await api<{ rules: RuleJson[] }>("/api/v1/alert-rules")).rules);
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  useEffect(() => {
    void load();
    // The cron evaluates every minute; refresh the states at the same pace.
    const timer = setInterval(() => void load(), 30_000);
    return () => clearInterval(timer);
  }, []);

  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      await load();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <section class="rules">
      <div class="actions">
        <a class="button primary" href="/alerting/rules/new" onClick={linkClick}>
          New rule
        </a>
        <span class="spacer" />
        <button onClick={() => void load()}>Refresh</button>
      </div>
      {error && <div class="error-box">{error}</div>}
      {rules === null ? (
        <p class="muted">Loading…</p>
      ) : rules.length === 0 ? (
        <p class="empty">No alert rules yet. A rule runs a query every few minutes and alerts when its value crosses a threshold.</p>
      ) : (
        <table class="rule-table">
          <thead>
            <tr>
              <th>Rule</th>
              <th>State</th>
              <th>Condition</th>
              <th>Schedule</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rules.map((r) => (
              <tr class={r.enabled ? "" : "paused"} data-rule={r.name}>
                <td>
                  <a href={`/alerting/rules/${r.id}`} onClick={linkClick}>
                    {r.name}
                  </a>
                  {!r.enabled && <span class="badge">paused</span>}
                </td>
                <td>
                  <StateCounts counts={r.states ?? {}} />
                </td>
                <td class="muted">{describeCondition(r)}</td>
                <td>
                  every {r.interval}, last {r.window}
                  {r.for !== "0" ? `, for ${r.for}` : ""}
                </td>
                <td>
                  <div class="row-actions">
                    <button onClick={() => void act(() => api(`/api/v1/alert-rules/${r.id}`, { enabled: !r.enabled }, { method: "PATCH" }))}>{r.enabled ? "Pause" : "Resume"}</button>
                    <button
                      onClick={() => {
                        if (confirm(`Delete the rule '${r.name}'? Its firing alerts resolve.`)) void act(() => api(`/api/v1/alert-rules/${r.id}`, undefined, { method: "DELETE" }));
                      }}
                    >
                      Delete
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function describeCondition(r: Pick<RuleJson, "condition">): string {
  const c = r.condition as Record<string, any>;
  const levels = (t: Record<string, number>) =>
    ["critical", "warning"]
      .filter((l) => t?.[l] !== undefined)
      .map((l) => `${l} ${c.op === "below" ? "<" : ">"} ${t[l]}`)
      .join(", ");
  switch (c.kind) {
    case "threshold":
      return levels(c.thresholds);
    case "change":
      return `change${c.mode === "percent" ? " %" : ""} vs ${c.offset} ago: ${levels(c.thresholds)}`;
    case "nodata":
      return "no data";
    case "anomaly":
      return `anomaly (${c.baseline === "rolling" ? `last ${c.points} windows` : `same hour, ${c.points} days`}, ±${c.sensitivity})`;
    default:
      return String(c.kind);
  }
}
