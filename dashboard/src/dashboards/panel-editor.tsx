/**
 * The panel editor: type, title, description, queries A/B/… (each in the query editor with
 * completion and diagnostics), legend, unit, decimals, min/max, thresholds, the options of
 * the chosen type and a relative time override. "Run" shows the draft on the dashboard
 * behind; "Apply" keeps it; "Cancel" puts the panel back as it was.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { WIDGET_TYPES, type Panel, type PanelOptions, type PanelQuery, type ThresholdStep } from "../../../core/dashboards/spec";
import type { EditorHandle } from "../explore/editor";
import { parseSpan } from "./interval";
import { nextRefId } from "./spec-edit";

const UNITS = ["none", "short", "percent", "percentunit", "ns", "us", "ms", "s", "bytes", "reqps"];
const TYPE_LABEL = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

export function PanelEditor(props: { panel: Panel; onRun(draft: Panel): void; onApply(draft: Panel): void; onCancel(): void }) {
  const [draft, setDraft] = useState<Panel>(() => structuredClone(props.panel));
  const set = (patch: Partial<Panel>) => setDraft((d) => ({ ...d, ...patch }));
  const setOpt = (patch: Partial<PanelOptions>) => setDraft((d) => ({ ...d, options: { ...d.options, ...patch } }));
  const setQuery = (refId: string, patch: Partial<PanelQuery>) => setDraft((d) => ({ ...d, queries: d.queries.map((q) => (q.refId === refId ? { ...q, ...patch } : q)) }));
  const overrideProblem = draft.timeOverride && parseSpan(draft.timeOverride) === null ? "Use a span like 15m, 1h or 7d" : null;
  const o = draft.options;
  const num = (v: string) => (v.trim() === "" ? undefined : Number(v));

  return (
    <div class="modal-backdrop">
      <div class="modal panel-editor" role="dialog" aria-label="Edit panel">
        <header>
          <h2>Edit panel</h2>
          <span class="spacer" />
          <button onClick={() => props.onRun(draft)} disabled={!!overrideProblem}>
            Run
          </button>
          <button class="primary" onClick={() => props.onApply(draft)} disabled={!!overrideProblem}>
            Apply
          </button>
          <button onClick={props.onCancel}>Cancel</button>
        </header>
        <div class="form-grid">
          <label>
            Type
            <select aria-label="Panel type" value={draft.type} onChange={(e) => set({ type: (e.target as HTMLSelectElement).value as Panel["type"] })}>
              {WIDGET_TYPES.map((t) => (
                <option value={t}>{TYPE_LABEL(t)}</option>
              ))}
            </select>
          </label>
          <label>
            Title
            <input aria-label="Panel title" value={draft.title} onInput={(e) => set({ title: (e.target as HTMLInputElement).value })} />
          </label>
          <label class="wide">
            Description
            <input value={draft.description ?? ""} onInput={(e) => set({ description: (e.target as HTMLInputElement).value || undefined })} />
          </label>
          <label>
            Time override
            <input aria-label="Time override" placeholder="e.g. 15m (dashboard range)" value={draft.timeOverride ?? ""} onInput={(e) => set({ timeOverride: (e.target as HTMLInputElement).value.trim() || undefined })} />
            {overrideProblem && <span class="error">{overrideProblem}</span>}
          </label>
        </div>

        {draft.type !== "text" && (
          <section class="queries">
            <h3>Queries</h3>
            {draft.queries.map((q) => (
              <div class="query-row" key={q.refId}>
                <span class="refid">{q.refId}</span>
                <QueryText text={q.query} label={`Query ${q.refId}`} onChange={(text) => setQuery(q.refId, { query: text })} />
                <input aria-label={`Legend ${q.refId}`} placeholder="Legend, e.g. {{service_name}}" value={q.legend ?? ""} onInput={(e) => setQuery(q.refId, { legend: (e.target as HTMLInputElement).value || undefined })} />
                <label class="check">
                  <input type="checkbox" checked={!!q.hidden} onChange={(e) => setQuery(q.refId, { hidden: (e.target as HTMLInputElement).checked || undefined })} /> hide
                </label>
                <button class="link danger" onClick={() => set({ queries: draft.queries.filter((x) => x.refId !== q.refId) })} aria-label={`Remove query ${q.refId}`}>
                  ✕
                </button>
              </div>
            ))}
            <button onClick={() => set({ queries: [...draft.queries, { refId: nextRefId(draft.queries), query: "" }] })}>+ Query</button>
          </section>
        )}

        <section class="form-grid">
          <h3 class="wide">Display</h3>
          <label>
            Unit
            <input list="units" aria-label="Unit" value={o.unit ?? ""} onInput={(e) => setOpt({ unit: (e.target as HTMLInputElement).value || undefined })} />
            <datalist id="units">
              {UNITS.map((u) => (
                <option value={u} />
              ))}
            </datalist>
          </label>
          <label>
            Decimals
            <input type="number" min={0} max={10} aria-label="Decimals" value={o.decimals ?? ""} onInput={(e) => setOpt({ decimals: num((e.target as HTMLInputElement).value) })} />
          </label>
          <label>
            Min
            <input type="number" value={o.min ?? ""} onInput={(e) => setOpt({ min: num((e.target as HTMLInputElement).value) })} />
          </label>
          <label>
            Max
            <input type="number" value={o.max ?? ""} onInput={(e) => setOpt({ max: num((e.target as HTMLInputElement).value) })} />
          </label>
          <Thresholds steps={o.thresholds ?? []} onChange={(thresholds) => setOpt({ thresholds: thresholds.length ? thresholds : undefined })} />
          <TypeOptions panel={draft} setOpt={setOpt} />
        </section>
      </div>
    </div>
  );
}

/** One query's text in the CodeMirror query editor (loaded lazily); a textarea until it loads. */
function QueryText(props: { text: string; label: string; onChange(text: string): void }) {
  const box = useRef<HTMLDivElement>(null);
  const editor = useRef<EditorHandle | null>(null);
  const [loaded, setLoaded] = useState(false);
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;
  useEffect(() => {
    let alive = true;
    import("../explore/editor").then(({ createEditor }) => {
      if (!alive || !box.current) return;
      editor.current = createEditor(box.current, { text: props.text, onChange: (t) => onChange.current(t), onRun: () => {} });
      setLoaded(true);
    });
    return () => {
      alive = false;
      editor.current?.view.destroy();
    };
  }, []);
  return (
    <div class="editor query-editor" ref={box} aria-label={props.label}>
      {!loaded && <textarea aria-label={props.label} value={props.text} onInput={(e) => props.onChange((e.target as HTMLTextAreaElement).value)} />}
    </div>
  );
}

function Thresholds(props: { steps: ThresholdStep[]; onChange(steps: ThresholdStep[]): void }) {
  const steps = props.steps.length ? props.steps : [];
  const update = (i: number, patch: Partial<ThresholdStep>) => props.onChange(steps.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  return (
    <fieldset class="wide thresholds">
      <legend>Thresholds</legend>
      {steps.map((s, i) => (
        <div class="threshold">
          <input type="color" aria-label={`Threshold ${i + 1} colour`} value={s.color} onInput={(e) => update(i, { color: (e.target as HTMLInputElement).value })} />
          {i === 0 ? (
            <span class="muted">Base</span>
          ) : (
            <input type="number" aria-label={`Threshold ${i + 1} value`} value={s.value ?? ""} onInput={(e) => update(i, { value: Number((e.target as HTMLInputElement).value) })} />
          )}
          {i > 0 && (
            <button class="link danger" onClick={() => props.onChange(steps.filter((_, j) => j !== i))}>
              ✕
            </button>
          )}
        </div>
      ))}
      <button
        onClick={() => {
          const last = steps[steps.length - 1]?.value ?? 0;
          props.onChange(steps.length === 0 ? [{ value: null, color: "#1a7f37" }, { value: 80, color: "#d1242f" }] : [...steps, { value: last + 10, color: "#9a6700" }]);
        }}
      >
        + Threshold
      </button>
    </fieldset>
  );
}

function TypeOptions(props: { panel: Panel; setOpt(patch: Partial<PanelOptions>): void }) {
  const o = props.panel.options;
  const check = (label: string, value: boolean | undefined, patch: (v: boolean) => Partial<PanelOptions>) => (
    <label class="check">
      <input type="checkbox" checked={!!value} onChange={(e) => props.setOpt(patch((e.target as HTMLInputElement).checked))} /> {label}
    </label>
  );
  const select = <T extends string>(label: string, value: T | undefined, choices: T[], patch: (v: T) => Partial<PanelOptions>) => (
    <label>
      {label}
      <select value={value ?? ""} onChange={(e) => props.setOpt(patch((e.target as HTMLSelectElement).value as T))}>
        <option value="">default</option>
        {choices.map((c) => (
          <option value={c}>{c}</option>
        ))}
      </select>
    </label>
  );
  const numberField = (label: string, value: number | undefined, patch: (v: number | undefined) => Partial<PanelOptions>) => (
    <label>
      {label}
      <input type="number" min={1} value={value ?? ""} onInput={(e) => {
          const t = (e.target as HTMLInputElement).value;
          props.setOpt(patch(t === "" ? undefined : Number(t)));
        }} />
    </label>
  );
  const legend = o.legend ?? { show: true, calcs: [] };
  switch (props.panel.type) {
    case "timeseries":
      return (
        <>
          {select("Style", o.style, ["line", "area", "bars"], (style) => ({ style }))}
          {check("Stacked", o.stacked, (stacked) => ({ stacked }))}
          {check("Legend", legend.show, (show) => ({ legend: { ...legend, show } }))}
          <span class="calcs">
            {(["min", "max", "avg", "last"] as const).map((c) =>
              check(c, legend.calcs.includes(c), (on) => ({ legend: { ...legend, calcs: on ? [...legend.calcs, c] : legend.calcs.filter((x) => x !== c) } })),
            )}
          </span>
        </>
      );
    case "bar":
      return (
        <>
          {select("Orientation", o.orientation, ["horizontal", "vertical"], (orientation) => ({ orientation }))}
          {select("Sort", o.sort, ["asc", "desc", "none"], (sort) => ({ sort }))}
        </>
      );
    case "stat":
      return (
        <>
          {check("Sparkline", o.sparkline, (sparkline) => ({ sparkline }))}
          {select("Reduce", o.reduce, ["last", "first", "min", "max", "avg", "sum"], (reduce) => ({ reduce }))}
        </>
      );
    case "gauge":
      return select("Reduce", o.reduce, ["last", "first", "min", "max", "avg", "sum"], (reduce) => ({ reduce }));
    case "table":
      return check("Colour cells by thresholds", o.columnColors, (columnColors) => ({ columnColors }));
    case "pie":
      return check("Donut", o.donut, (donut) => ({ donut }));
    case "histogram":
      return numberField("Buckets", o.buckets, (buckets) => ({ buckets }));
    case "toplist":
      return numberField("Limit", o.limit, (limit) => ({ limit }));
    case "text":
      return (
        <label class="wide">
          Markdown
          <textarea rows={8} aria-label="Markdown" value={o.markdown ?? ""} onInput={(e) => props.setOpt({ markdown: (e.target as HTMLTextAreaElement).value })} />
        </label>
      );
    default:
      return null;
  }
}
