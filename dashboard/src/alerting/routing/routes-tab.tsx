/**
 * The routing tree as a tree (matchers, receiver or escalation policy, grouping, timers,
 * continue), the config as editable JSON, and an Alertmanager YAML import.
 */
import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "../../api";
import { FieldErrors, type FieldError } from "./field-errors";
// The route tree exactly as the API validates it.
import type { RouteConfig as RouteNode } from "../../../../alerting/routing/config";

function Tree({ node, root }: { node: RouteNode; root?: boolean }) {
  const timers = [node.group_wait && `wait ${node.group_wait}`, node.group_interval && `interval ${node.group_interval}`, node.repeat_interval && `repeat ${node.repeat_interval}`].filter(Boolean);
  return (
    <li>
      <div class="route-node">
        <code>{root ? "root (every alert)" : (node.matchers ?? []).join(", ") || "(matches all)"}</code>
        {node.receiver && <span class="badge">→ {node.receiver}</span>}
        {node.escalation_policy && <span class="badge">→ policy {node.escalation_policy}</span>}
        {node.group_by && <span class="muted"> by {node.group_by.join(", ") || "nothing"}</span>}
        {timers.length > 0 && <span class="muted"> · {timers.join(", ")}</span>}
        {node.continue && <span class="badge">continue</span>}
        {node.mute_time_intervals?.length ? <span class="badge">muted {node.mute_time_intervals.join(", ")}</span> : null}
        {node.active_time_intervals?.length ? <span class="badge">active {node.active_time_intervals.join(", ")}</span> : null}
      </div>
      {node.routes?.length ? (
        <ul>
          {node.routes.map((r) => (
            <Tree node={r} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

export function RoutesTab() {
  const [config, setConfig] = useState<{ route: RouteNode } | null>(null);
  const [json, setJson] = useState("");
  const [yaml, setYaml] = useState("");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [note, setNote] = useState<string | null>(null);
  const load = () =>
    api<{ config: { route: RouteNode } }>("/api/v1/alerting/config").then((r) => {
      setConfig(r.config);
      setJson(JSON.stringify(r.config, null, 2));
    });
  useEffect(() => void load(), []);
  const fail = (err: unknown) => setErrors(err instanceof ApiError ? ((err.body.errors as typeof errors) ?? [{ path: "", message: err.message }]) : [{ path: "", message: String(err) }]);

  const saveJson = async () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch (e) {
      return setErrors([{ path: "", message: `not JSON: ${(e as Error).message}` }]);
    }
    try {
      await api("/api/v1/alerting/config", parsed, { method: "PUT" });
      setErrors([]);
      setNote("Saved.");
      await load();
    } catch (err) {
      fail(err);
    }
  };
  const importYaml = async () => {
    try {
      const r = await api<{ warnings: string[]; contact_points: unknown[] }>("/api/v1/alerting/config/import", { yaml });
      setErrors([]);
      setNote(`Imported, with ${r.contact_points.length} contact point(s).${r.warnings.length ? ` Not imported: ${r.warnings.join("; ")}` : ""}`);
      setYaml("");
      await load();
    } catch (err) {
      fail(err);
    }
  };
  return (
    <div class="routes">
      {note && <div class="ok-box">{note}</div>}
      <FieldErrors errors={errors} />
      <section class="card">
        <h3>Routing tree</h3>
        {config && (
          <ul class="route-tree">
            <Tree node={config.route} root />
          </ul>
        )}
      </section>
      <section class="card">
        <h3>Edit as JSON</h3>
        <textarea aria-label="Config JSON" class="code" rows={14} value={json} onInput={(e) => setJson((e.target as HTMLTextAreaElement).value)} />
        <div class="actions">
          <button class="primary" onClick={saveJson}>
            Save config
          </button>
        </div>
      </section>
      <section class="card">
        <h3>Import alertmanager.yml</h3>
        <p class="muted">Route tree, inhibit rules, time intervals, and webhook, Slack, PagerDuty and Teams receivers (as contact points).</p>
        <textarea aria-label="Alertmanager YAML" class="code" rows={10} placeholder="route:\n  receiver: team\nreceivers:\n  - name: team\n    webhook_configs: [{ url: https://… }]" value={yaml} onInput={(e) => setYaml((e.target as HTMLTextAreaElement).value)} />
        <div class="actions">
          <button class="primary" onClick={importYaml} disabled={!yaml.trim()}>
            Import
          </button>
        </div>
      </section>
    </div>
  );
}
