/**
 * Contact points: list, create/edit (secrets show masked; leaving them masked keeps them),
 * delete, and "send test notification" through the real integration.
 */
import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "../../api";
import { SETTING_FIELDS, type ContactPoint, type Integration } from "./model";
import { FieldErrors, type FieldError } from "./field-errors";

const blank = (): ContactPoint => ({ id: "", name: "", integrations: [{ kind: "webhook", send_resolved: true, settings: {} }] });

export function ContactPointsTab() {
  const [list, setList] = useState<ContactPoint[]>([]);
  const [editing, setEditing] = useState<ContactPoint | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const load = () => api<{ contact_points: ContactPoint[] }>("/api/v1/contact-points").then((r) => setList(r.contact_points));
  useEffect(() => void load(), []);

  const save = async (e: Event) => {
    e.preventDefault();
    if (!editing) return;
    try {
      const body = { name: editing.name, integrations: editing.integrations };
      if (editing.id) await api(`/api/v1/contact-points/${editing.id}`, body, { method: "PUT" });
      else await api("/api/v1/contact-points", body);
      setEditing(null);
      setErrors([]);
      await load();
    } catch (err) {
      setErrors(err instanceof ApiError ? ((err.body.errors as typeof errors) ?? [{ path: "", message: err.message }]) : []);
    }
  };
  const test = async (cp: ContactPoint) => {
    try {
      await api(`/api/v1/contact-points/${cp.id}/test`, {});
      setMessage({ ok: true, text: `Test notification sent to '${cp.name}'.` });
    } catch (err) {
      setMessage({ ok: false, text: `Test to '${cp.name}' failed: ${err instanceof ApiError ? JSON.stringify(err.body.results ?? err.message) : err}` });
    }
  };
  const remove = async (cp: ContactPoint) => {
    if (!confirm(`Delete contact point '${cp.name}'?`)) return;
    await api(`/api/v1/contact-points/${cp.id}`, undefined, { method: "DELETE" }).catch((err) => setMessage({ ok: false, text: err.message }));
    await load();
  };
  const setIntegration = (i: number, patch: Partial<Integration>) => {
    if (editing) setEditing({ ...editing, integrations: editing.integrations.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
  };

  return (
    <div class="contact-points">
      <div class="actions">
        <button class="primary" onClick={() => (setEditing(blank()), setErrors([]))}>
          New contact point
        </button>
      </div>
      {message && <div class={message.ok ? "ok-box" : "error-box"}>{message.text}</div>}
      {editing && (
        <form class="card" onSubmit={save}>
          <label>
            Name <input aria-label="Contact point name" value={editing.name} onInput={(e) => setEditing({ ...editing, name: (e.target as HTMLInputElement).value })} />
          </label>
          {editing.integrations.map((it, i) => (
            <fieldset>
              <legend>Integration {i + 1}</legend>
              <select aria-label={`Kind ${i + 1}`} value={it.kind} onChange={(e) => setIntegration(i, { kind: (e.target as HTMLSelectElement).value as Integration["kind"], settings: {} })}>
                <option value="webhook">Webhook (Alertmanager format)</option>
                <option value="slack">Slack</option>
                <option value="pagerduty">PagerDuty</option>
                <option value="teams">Microsoft Teams</option>
              </select>
              {SETTING_FIELDS[it.kind].map((f) => (
                <label>
                  {f.label}
                  <input
                    aria-label={f.label}
                    // Secrets arrive masked (••••1234); sending the mask back keeps the stored value.
                    autocomplete="off"
                    value={String(it.settings[f.key] ?? "")}
                    onInput={(e) => setIntegration(i, { settings: { ...it.settings, [f.key]: (e.target as HTMLInputElement).value } })}
                  />
                </label>
              ))}
              <label class="check">
                <input type="checkbox" checked={it.send_resolved} onChange={(e) => setIntegration(i, { send_resolved: (e.target as HTMLInputElement).checked })} /> Send resolved
              </label>
            </fieldset>
          ))}
          <button type="button" class="link" onClick={() => setEditing({ ...editing, integrations: [...editing.integrations, { kind: "webhook", send_resolved: true, settings: {} }] })}>
            + integration
          </button>
          <FieldErrors errors={errors} />
          <div class="actions">
            <button class="primary" type="submit">
              Save
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      <table class="plain">
        <tbody>
          {list.map((cp) => (
            <tr key={cp.id}>
              <td>
                <strong>{cp.name}</strong>
              </td>
              <td class="muted">{cp.integrations.map((i) => i.kind).join(", ") || "(drops notifications)"}</td>
              <td class="actions">
                <button onClick={() => test(cp)}>Send test</button>
                <button onClick={() => (setEditing(cp), setErrors([]))}>Edit</button>
                <button onClick={() => remove(cp)}>Delete</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
