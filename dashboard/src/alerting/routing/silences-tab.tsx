/**
 * Silences: the list (active, pending, recently expired) with expire, and the form:
 * a matchers editor, a duration or "until the alert resolves", a comment, and a live
 * preview of the firing alerts the matchers catch. /alerting/silences/new?m=…&fingerprint=…
 * arrives prefilled from an alert.
 */
import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "../../api";
import { navigate } from "../../router";
import { formatMatcher, parseMatcher, type Matcher, type Silence } from "./model";
import { FieldErrors, type FieldError } from "./field-errors";

export function SilencesTab({ rest }: { rest: string }) {
  return rest.startsWith("/new") ? <SilenceForm /> : <SilenceList />;
}

function SilenceList() {
  const [silences, setSilences] = useState<Silence[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => api<{ silences: Silence[] }>("/api/v1/silences").then((r) => setSilences(r.silences)).catch((e) => setError(String(e.message ?? e)));
  useEffect(() => void load(), []);
  const expire = async (id: string) => {
    await api(`/api/v1/silences/${id}`, undefined, { method: "DELETE" }).catch((e) => setError(e.message));
    await load();
  };
  return (
    <div class="silences">
      <div class="actions">
        <button class="primary" onClick={() => navigate("/alerting/silences/new")}>
          New silence
        </button>
      </div>
      {error && <div class="error-box">{error}</div>}
      {silences?.length === 0 && <div class="empty">No silences.</div>}
      <table class="plain">
        <tbody>
          {silences?.map((s) => (
            <tr key={s.id} class={s.status.state}>
              <td>
                <span class={`badge ${s.status.state}`}>{s.status.state}</span>
              </td>
              <td>
                {s.matchers.map((m) => (
                  <code class="label">{formatMatcher(m)}</code>
                ))}
              </td>
              <td>{s.comment}</td>
              <td class="muted">
                {s.createdBy} · {s.fingerprint ? "until resolved" : `until ${new Date(s.endsAt).toLocaleString()}`}
              </td>
              <td>{s.status.state !== "expired" && <button onClick={() => expire(s.id)}>Expire</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SilenceForm() {
  const q = new URLSearchParams(location.search);
  const fingerprint = q.get("fingerprint");
  const [matchers, setMatchers] = useState<Matcher[]>(() => {
    const given = q.getAll("m").map(parseMatcher).filter((m): m is Matcher => m !== null);
    return given.length ? given : [{ name: "", type: "=", value: "" }];
  });
  const [duration, setDuration] = useState("2h");
  const [untilResolved, setUntilResolved] = useState(false);
  const [comment, setComment] = useState("");
  const [preview, setPreview] = useState<{ fingerprint: string; labels: Record<string, string> }[]>([]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const complete = matchers.filter((m) => m.name);

  useEffect(() => {
    if (!complete.length) return setPreview([]);
    const t = setTimeout(() => {
      api<{ alerts: typeof preview }>("/api/v1/silences/preview", { matchers: complete })
        .then((r) => setPreview(r.alerts))
        .catch(() => setPreview([]));
    }, 250);
    return () => clearTimeout(t);
  }, [JSON.stringify(complete)]);

  const set = (i: number, patch: Partial<Matcher>) => setMatchers(matchers.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      await api("/api/v1/silences", untilResolved ? { matchers: complete, comment, until_resolved: true, fingerprint } : { matchers: complete, comment, duration });
      navigate("/alerting/silences");
    } catch (err) {
      setErrors(err instanceof ApiError ? ((err.body.errors as typeof errors) ?? [{ path: "", message: err.message }]) : [{ path: "", message: String(err) }]);
    }
  };
  return (
    <form class="silence-form card" onSubmit={submit}>
      <h3>New silence</h3>
      <fieldset>
        <legend>Matchers</legend>
        {matchers.map((m, i) => (
          <div class="matcher-row">
            <input aria-label={`Label ${i + 1}`} placeholder="label" value={m.name} onInput={(e) => set(i, { name: (e.target as HTMLInputElement).value })} />
            <select aria-label={`Operator ${i + 1}`} value={m.type} onChange={(e) => set(i, { type: (e.target as HTMLSelectElement).value as Matcher["type"] })}>
              {["=", "!=", "=~", "!~"].map((t) => (
                <option value={t}>{t}</option>
              ))}
            </select>
            <input aria-label={`Value ${i + 1}`} placeholder="value" value={m.value} onInput={(e) => set(i, { value: (e.target as HTMLInputElement).value })} />
            <button type="button" class="link" onClick={() => setMatchers(matchers.filter((_, j) => j !== i))}>
              remove
            </button>
          </div>
        ))}
        <button type="button" class="link" onClick={() => setMatchers([...matchers, { name: "", type: "=", value: "" }])}>
          + matcher
        </button>
      </fieldset>
      <label>
        Duration <input aria-label="Duration" value={duration} disabled={untilResolved} onInput={(e) => setDuration((e.target as HTMLInputElement).value)} />
      </label>
      {fingerprint && (
        <label class="check">
          <input type="checkbox" checked={untilResolved} onChange={(e) => setUntilResolved((e.target as HTMLInputElement).checked)} /> Mute until this alert resolves
        </label>
      )}
      <label>
        Comment <textarea aria-label="Comment" required value={comment} onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)} />
      </label>
      <FieldErrors errors={errors} />
      <div class="preview">
        <strong>{preview.length} firing alert(s) match</strong>
        <ul>
          {preview.slice(0, 20).map((a) => (
            <li>
              <code>{Object.entries(a.labels).map(([k, v]) => `${k}=${v}`).join(" ")}</code>
            </li>
          ))}
        </ul>
      </div>
      <div class="actions">
        <button class="primary" type="submit">
          Create silence
        </button>
        <button type="button" onClick={() => navigate("/alerting/silences")}>
          Cancel
        </button>
      </div>
    </form>
  );
}
