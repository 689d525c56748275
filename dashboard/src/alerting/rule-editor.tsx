/**
 * The rule builder: the query (Explore's editor: highlighting, completion, diagnostics),
 * the condition, timing, labels and annotations, and a live preview — the rule evaluated
 * over the past range as the cron would have, drawn with its thresholds and the steps it
 * would have been pending or firing. For a saved rule, its current series below.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError } from "../api";
import type { EditorHandle } from "../explore/editor";
import { navigate } from "../router";
import { EMPTY_FORM, errorsByControl, formToRule, ruleToForm, type FieldError, type PreviewJson, type RuleForm, type RuleJson, type SeriesJson } from "./rule-model";
import { StateBadge } from "./states";

const PREVIEW_RANGES = [
  { label: "1 hour", from: "now-1h" },
  { label: "3 hours", from: "now-3h" },
  { label: "12 hours", from: "now-12h" },
  { label: "1 day", from: "now-1d" },
];

function Field(props: { label: string; error?: string; children: preact.ComponentChildren; hint?: string }) {
  return (
    <label class={props.error ? "field invalid" : "field"}>
      <span>{props.label}</span>
      {props.children}
      {props.hint && !props.error && <small class="muted">{props.hint}</small>}
      {props.error && <small class="error">{props.error}</small>}
    </label>
  );
}

export function RuleEditor({ ruleId }: { ruleId: string | null }) {
  const [form, setForm] = useState<RuleForm | null>(ruleId ? null : EMPTY_FORM);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [preview, setPreview] = useState<PreviewJson | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [range, setRange] = useState("now-3h");
  const [series, setSeries] = useState<SeriesJson[] | null>(null);
  const editorBox = useRef<HTMLDivElement>(null);
  const editor = useRef<EditorHandle | null>(null);
  const latest = useRef(form);
  latest.current = form;
  const latestRange = useRef(range);
  latestRange.current = range;

  useEffect(() => {
    if (!ruleId) return;
    api<RuleJson>(`/api/v1/alert-rules/${ruleId}`)
      .then((r) => setForm(ruleToForm(r)))
      .catch((e) => setMessage(e instanceof ApiError ? e.message : String(e)));
    api<{ series: SeriesJson[] }>(`/api/v1/alert-rules/${ruleId}/state`)
      .then((s) => setSeries(s.series))
      .catch(() => setSeries([]));
  }, [ruleId]);

  // The editor mounts once the form exists (a saved rule loads first).
  const loaded = form !== null;
  useEffect(() => {
    if (!loaded) return;
    let alive = true;
    import("../explore/editor").then(({ createEditor }) => {
      if (!alive || !editorBox.current) return;
      editor.current = createEditor(editorBox.current, {
        text: latest.current!.query,
        onChange: (query) => setForm((f) => (f ? { ...f, query } : f)),
        onRun: () => void runPreview(),
      });
    });
    return () => {
      alive = false;
      editor.current?.view.destroy();
    };
  }, [loaded]);

  const set = <K extends keyof RuleForm>(key: K, value: RuleForm[K]) => setForm((f) => (f ? { ...f, [key]: value } : f));
  const input = (key: keyof RuleForm) => (e: Event) => set(key, (e.target as HTMLInputElement).value as never);

  // One preview at a time (each runs many queries): a change during one runs after it.
  const inFlight = useRef(false);
  const again = useRef(false);
  const runPreview = async (): Promise<void> => {
    const f = latest.current;
    if (!f) return;
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    setPreviewing(true);
    setPreviewError(null);
    try {
      const p = await api<PreviewJson>("/api/v1/alert-rules/preview", { rule: { ...formToRule(f), name: f.name.trim() || "preview" }, from: latestRange.current, to: "now" });
      setPreview(p);
      setErrors({});
    } catch (e) {
      if (e instanceof ApiError && Array.isArray(e.body.errors)) setErrors(errorsByControl(e.body.errors as FieldError[]));
      setPreviewError(e instanceof ApiError ? e.message : String(e));
    } finally {
      inFlight.current = false;
      setPreviewing(false);
    }
    if (again.current) {
      again.current = false;
      return runPreview();
    }
  };

  // Live preview: re-run a moment after the rule stops changing.
  useEffect(() => {
    if (!form) return;
    const timer = setTimeout(() => void runPreview(), 800);
    return () => clearTimeout(timer);
  }, [form && JSON.stringify(formToRule(form)), range]);

  const save = async () => {
    if (!form) return;
    setMessage(null);
    try {
      const body = formToRule(form);
      const saved = ruleId ? await api<RuleJson>(`/api/v1/alert-rules/${ruleId}`, body, { method: "PUT" }) : await api<RuleJson>("/api/v1/alert-rules", body);
      setErrors({});
      if (!ruleId) navigate(`/alerting/rules/${saved.id}`);
      else setMessage("Saved.");
    } catch (e) {
      if (e instanceof ApiError && Array.isArray(e.body.errors)) setErrors(errorsByControl(e.body.errors as FieldError[]));
      setMessage(e instanceof ApiError ? e.message : String(e));
    }
  };

  if (!form) return <p class="muted">{message ?? "Loading…"}</p>;
  const k = form.kind;
  return (
    <section class="rule-editor">
      <div class="rule-form">
        <Field label="Name" error={errors.name}>
          <input value={form.name} onInput={input("name")} aria-label="Rule name" placeholder="Checkout error rate" />
        </Field>
        <Field label="Query" error={errors.query} hint="The last numeric column is the value; the other columns are the groups (one alert each).">
          <div class="editor" ref={editorBox} aria-label="Rule query" />
        </Field>
        <div class="row">
          <Field label="Value column" error={errors.valueColumn} hint="optional">
            <input value={form.valueColumn} onInput={input("valueColumn")} placeholder="last numeric" />
          </Field>
          <Field label="Every" error={errors.interval}>
            <input value={form.interval} onInput={input("interval")} size={5} />
          </Field>
          <Field label="Over the last" error={errors.window}>
            <input value={form.window} onInput={input("window")} size={5} />
          </Field>
          <Field label="For" error={errors.forText} hint="pending before firing">
            <input value={form.forText} onInput={input("forText")} size={5} />
          </Field>
        </div>
        <div class="row">
          <Field label="Condition" error={errors.kind}>
            <select value={k} onChange={input("kind")} aria-label="Condition">
              <option value="threshold">Threshold</option>
              <option value="change">Change vs earlier</option>
              <option value="nodata">No data</option>
              <option value="anomaly">Anomaly</option>
            </select>
          </Field>
          {(k === "threshold" || k === "change") && (
            <>
              {k === "change" && (
                <>
                  <Field label="Change" error={errors.mode}>
                    <select value={form.mode} onChange={input("mode")}>
                      <option value="percent">in %</option>
                      <option value="absolute">absolute</option>
                    </select>
                  </Field>
                  <Field label="Compared with" error={errors.offset} hint="this long ago">
                    <input value={form.offset} onInput={input("offset")} size={5} />
                  </Field>
                </>
              )}
              <Field label="Is" error={errors.op}>
                <select value={form.op} onChange={input("op")}>
                  <option value="above">above</option>
                  <option value="below">below</option>
                </select>
              </Field>
              <Field label="Critical" error={errors.critical}>
                <input value={form.critical} onInput={input("critical")} size={7} aria-label="Critical threshold" />
              </Field>
              <Field label="Critical recovery" error={errors.criticalRecovery} hint="resolves past this">
                <input value={form.criticalRecovery} onInput={input("criticalRecovery")} size={7} />
              </Field>
              <Field label="Warning" error={errors.warning}>
                <input value={form.warning} onInput={input("warning")} size={7} />
              </Field>
              <Field label="Warning recovery" error={errors.warningRecovery}>
                <input value={form.warningRecovery} onInput={input("warningRecovery")} size={7} />
              </Field>
            </>
          )}
          {k === "anomaly" && (
            <>
              <Field label="Baseline" error={errors.baseline}>
                <select value={form.baseline} onChange={input("baseline")}>
                  <option value="same_hour">same time on past days</option>
                  <option value="rolling">the windows just before</option>
                </select>
              </Field>
              <Field label={form.baseline === "rolling" ? "Windows" : "Days"} error={errors.points}>
                <input value={form.points} onInput={input("points")} size={4} />
              </Field>
              <Field label="Sensitivity" error={errors.sensitivity} hint="robust z-score">
                <input value={form.sensitivity} onInput={input("sensitivity")} size={4} />
              </Field>
              <Field label="Direction" error={errors.direction}>
                <select value={form.direction} onChange={input("direction")}>
                  <option value="both">either way</option>
                  <option value="above">above normal</option>
                  <option value="below">below normal</option>
                </select>
              </Field>
            </>
          )}
          {(k === "nodata" || k === "anomaly") && (
            <Field label="Severity" error={errors.severity}>
              <select value={form.severity} onChange={input("severity")}>
                <option value="critical">critical</option>
                <option value="warning">warning</option>
                <option value="info">info</option>
              </select>
            </Field>
          )}
          {k !== "nodata" && (
            <Field label="When the query returns nothing" error={errors.noDataState}>
              <select value={form.noDataState} onChange={input("noDataState")}>
                <option value="nodata">show "no data"</option>
                <option value="ok">treat as OK</option>
                <option value="alerting">alert</option>
              </select>
            </Field>
          )}
        </div>
        <div class="row">
          <Field label="Labels" error={errors.labels} hint="key=value per line">
            <textarea value={form.labels} onInput={input("labels")} rows={3} />
          </Field>
          <Field label="Annotations" error={errors.annotations} hint="key=template per line: {{ $labels.service_name }}, {{ $value | humanize }}">
            <textarea value={form.annotations} onInput={input("annotations")} rows={3} />
          </Field>
        </div>
        <div class="actions">
          <button class="primary" onClick={() => void save()}>
            {ruleId ? "Save rule" : "Create rule"}
          </button>
          <label class="check">
            <input type="checkbox" checked={form.enabled} onChange={(e) => set("enabled", (e.target as HTMLInputElement).checked)} /> enabled
          </label>
          {message && <span class={message === "Saved." ? "muted" : "error"}>{message}</span>}
        </div>
      </div>

      <div class="rule-preview">
        <div class="actions">
          <strong>Preview</strong>
          <select value={range} onChange={(e) => setRange((e.target as HTMLSelectElement).value)} aria-label="Preview range">
            {PREVIEW_RANGES.map((r) => (
              <option value={r.from}>last {r.label}</option>
            ))}
          </select>
          <button onClick={() => void runPreview()} disabled={previewing}>
            {previewing ? "Evaluating…" : "Preview"}
          </button>
        </div>
        {previewError && <div class="error-box">{previewError}</div>}
        {preview && <PreviewView preview={preview} />}
      </div>

      {ruleId && series && (
        <div class="rule-series">
          <strong>Current series</strong>
          {series.length === 0 ? (
            <p class="muted">Not evaluated yet, or every series is back to normal.</p>
          ) : (
            <table class="rule-table">
              <thead>
                <tr>
                  <th>State</th>
                  <th>Labels</th>
                  <th>Value</th>
                  <th>Since</th>
                </tr>
              </thead>
              <tbody>
                {series.map((s) => (
                  <tr>
                    <td>
                      <StateBadge state={s.state} />
                    </td>
                    <td class="mono">{Object.entries(s.labels).map(([k2, v]) => `${k2}=${v}`).join(" ")}</td>
                    <td>{s.value ?? "—"}</td>
                    <td>{new Date(s.since).toLocaleString()}{s.error ? <span class="error"> {s.error}</span> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}

function PreviewView({ preview }: { preview: PreviewJson }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let dispose: (() => void) | undefined;
    let alive = true;
    import("./preview-chart").then(({ drawPreview }) => {
      if (alive && box.current) dispose = drawPreview(box.current, preview, { utc: localStorage.getItem("mse.utc") === "1" });
    });
    return () => {
      alive = false;
      dispose?.();
    };
  }, [preview]);
  const fired = preview.fired_at.length;
  return (
    <div class="preview">
      <p data-testid="preview-summary">
        {fired === 0 ? "Would not have fired" : `Would have fired ${fired} time${fired === 1 ? "" : "s"}`} in {preview.steps.length} evaluations
        {preview.errors.length > 0 && <span class="error"> · {preview.errors.length} failed: {preview.errors[0].message}</span>}
      </p>
      <div class="chart" ref={box} aria-label="Rule preview chart" />
      {preview.changes.length > 0 && (
        <details>
          <summary>{preview.changes.length} state changes</summary>
          <ul class="changes">
            {preview.changes.map((c) => (
              <li>
                {new Date(c.at).toLocaleString()} <span class="mono">{Object.entries(c.labels).filter(([k2]) => k2 !== "alertname").map(([k2, v]) => `${k2}=${v}`).join(" ")}</span>: {c.from} → <StateBadge state={c.to} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
