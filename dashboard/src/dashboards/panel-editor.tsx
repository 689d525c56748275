/**
 * The panel editor: type, title, description, queries A/B/… (each in the query editor with
 * completion and diagnostics), legend, unit, decimals, min/max, thresholds, the options of
 * the chosen type and a relative time override. "Run" shows the draft on the dashboard
 * behind; "Apply" keeps it; "Cancel" puts the panel back as it was.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { WIDGET_TYPES, type Panel, type PanelOptions, type PanelQuery, type ThresholdStep } from "../../../core/dashboards/spec";
import { WIDGET_META, type OptionKey } from "./widgets/meta";
import type { EditorHandle } from "../explore/editor";
import { parseSpan } from "./interval";
import { nextRefId } from "./spec-edit";

const UNITS = ["none", "short", "percent", "percentunit", "ns", "us", "ms", "s", "bytes", "reqps"];

export function PanelEditor(props: { panel: Panel; onRun(draft: Panel): void; onApply(draft: Panel): void; onCancel(): void }) {
  const [draft, setDraft] = useState<Panel>(() => structuredClone(props.panel));
  const set = (patch: Partial<Panel>) => setDraft((d) => ({ ...d, ...patch }));
  const setOpt = (patch: Partial<PanelOptions>) => setDraft((d) => ({ ...d, options: { ...d.options, ...patch } }));
  const setQuery = (refId: string, patch: Partial<PanelQuery>) => setDraft((d) => ({ ...d, queries: d.queries.map((q) => (q.refId === refId ? { ...q, ...patch } : q)) }));
  const overrideProblem = draft.timeOverride && parseSpan(draft.timeOverride) === null ? "Use a span like 15m, 1h or 7d" : null;
  const meta = WIDGET_META[draft.type];

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
            <select aria-label="Panel type" value={draft.type} onChange={(e) => {
                const type = (e.target as HTMLSelectElement).value as Panel["type"];
                // The new type's defaults fill in what the panel does not set yet.
                setDraft((d) => ({ ...d, type, options: { ...structuredClone(WIDGET_META[type].defaults), ...d.options } }));
              }}>
              {WIDGET_TYPES.map((t) => (
                <option value={t}>{WIDGET_META[t].label}</option>
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

        {meta.queries !== "none" && (
          <section class="queries">
            <h3>Queries</h3>
            {draft.queries.map((q) => (
              <div class="query-row" key={q.refId}>
                <span class="refid">{q.refId}</span>
                <QueryText text={q.query} placeholder={meta.example} label={`Query ${q.refId}`} onChange={(text) => setQuery(q.refId, { query: text })} />
                <input aria-label={`Legend ${q.refId}`} placeholder="Legend, e.g. {{service_name}}" value={q.legend ?? ""} onInput={(e) => setQuery(q.refId, { legend: (e.target as HTMLInputElement).value || undefined })} />
                <label class="check">
                  <input type="checkbox" checked={!!q.hidden} onChange={(e) => setQuery(q.refId, { hidden: (e.target as HTMLInputElement).checked || undefined })} /> hide
                </label>
                <button class="link danger" onClick={() => set({ queries: draft.queries.filter((x) => x.refId !== q.refId) })} aria-label={`Remove query ${q.refId}`}>
                  ✕
                </button>
              </div>
            ))}
            {(meta.queries === "many" || draft.queries.length === 0) && (
              <button onClick={() => set({ queries: [...draft.queries, { refId: nextRefId(draft.queries), query: "" }] })}>+ Query</button>
            )}
            {meta.queries === "one" && draft.queries.length > 1 && <p class="muted">This widget draws only the first query.</p>}
          </section>
        )}

        <section class="form-grid">
          <h3 class="wide">Display</h3>
          {meta.options.map((key) => (
            <OptionField key={key} name={key} options={draft.options} setOpt={setOpt} />
          ))}
          {meta.options.length === 0 && <p class="muted wide">This widget has no display options.</p>}
        </section>
      </div>
    </div>
  );
}

/** One query's text in the CodeMirror query editor (loaded lazily); a textarea until it loads. */
function QueryText(props: { text: string; label: string; placeholder: string; onChange(text: string): void }) {
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
      {!loaded && <textarea aria-label={props.label} placeholder={props.placeholder} value={props.text} onInput={(e) => props.onChange((e.target as HTMLTextAreaElement).value)} />}
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

const CALCS = ["min", "max", "avg", "last"] as const;

/** One display option, as its widget reads it (the widget's metadata says which apply). */
function OptionField(props: { name: OptionKey; options: PanelOptions; setOpt(patch: Partial<PanelOptions>): void }) {
  const o = props.options;
  const set = props.setOpt;
  const number = (label: string, value: number | undefined, patch: (v: number | undefined) => Partial<PanelOptions>) => (
    <label>
      {label}
      <input type="number" aria-label={label} value={value ?? ""} onInput={(e) => {
          const t = (e.target as HTMLInputElement).value;
          set(patch(t === "" ? undefined : Number(t)));
        }} />
    </label>
  );
  const select = <T extends string>(label: string, value: T | undefined, choices: readonly T[], patch: (v: T | undefined) => Partial<PanelOptions>) => (
    <label>
      {label}
      <select aria-label={label} value={value ?? ""} onChange={(e) => set(patch(((e.target as HTMLSelectElement).value || undefined) as T | undefined))}>
        <option value="">default</option>
        {choices.map((c) => (
          <option value={c}>{c}</option>
        ))}
      </select>
    </label>
  );
  const check = (label: string, value: boolean | undefined, patch: (v: boolean) => Partial<PanelOptions>) => (
    <label class="check">
      <input type="checkbox" checked={!!value} onChange={(e) => set(patch((e.target as HTMLInputElement).checked))} /> {label}
    </label>
  );
  switch (props.name) {
    case "unit":
      return (
        <label>
          Unit
          <input list="units" aria-label="Unit" value={o.unit ?? ""} onInput={(e) => set({ unit: (e.target as HTMLInputElement).value || undefined })} />
          <datalist id="units">
            {UNITS.map((u) => (
              <option value={u} />
            ))}
          </datalist>
        </label>
      );
    case "decimals":
      return number("Decimals", o.decimals, (decimals) => ({ decimals }));
    case "min":
      return number("Min", o.min, (min) => ({ min }));
    case "max":
      return number("Max", o.max, (max) => ({ max }));
    case "buckets":
      return number("Buckets", o.buckets, (buckets) => ({ buckets }));
    case "limit":
      return number("Limit", o.limit, (limit) => ({ limit }));
    case "thresholds":
      return <Thresholds steps={o.thresholds ?? []} onChange={(thresholds) => set({ thresholds: thresholds.length ? thresholds : undefined })} />;
    case "style":
      return select("Style", o.style, ["line", "area", "bars"] as const, (style) => ({ style }));
    case "orientation":
      return select("Orientation", o.orientation, ["horizontal", "vertical"] as const, (orientation) => ({ orientation }));
    case "sort":
      return select("Sort", o.sort, ["desc", "asc", "none"] as const, (sort) => ({ sort }));
    case "reduce":
      return select("Reduce", o.reduce, ["last", "first", "min", "max", "avg", "sum"] as const, (reduce) => ({ reduce }));
    case "stacked":
      return check("Stacked", o.stacked, (stacked) => ({ stacked }));
    case "sparkline":
      return check("Sparkline", o.sparkline, (sparkline) => ({ sparkline }));
    case "columnColors":
      return check("Colour cells by thresholds", o.columnColors, (columnColors) => ({ columnColors }));
    case "donut":
      return check("Donut", o.donut, (donut) => ({ donut }));
    case "legend": {
      const legend = o.legend ?? { show: true, calcs: [] };
      return (
        <span class="row">
          {check("Legend", legend.show, (show) => ({ legend: { ...legend, show } }))}
          {CALCS.map((c) => check(c, legend.calcs.includes(c), (on) => ({ legend: { ...legend, calcs: on ? [...legend.calcs.filter((x) => x !== c), c] : legend.calcs.filter((x) => x !== c) } })))}
        </span>
      );
    }
    case "colors":
      return <SeriesColors colors={o.colors ?? {}} onChange={(colors) => set({ colors: Object.keys(colors).length ? colors : undefined })} />;
    case "markdown":
      return (
        <label class="wide">
          Markdown
          <textarea rows={8} aria-label="Markdown" value={o.markdown ?? ""} onInput={(e) => set({ markdown: (e.target as HTMLTextAreaElement).value })} />
        </label>
      );
    default:
      return null;
  }
}

/** Fixed colours by series name. */
function SeriesColors(props: { colors: Record<string, string>; onChange(colors: Record<string, string>): void }) {
  const [name, setName] = useState("");
  return (
    <fieldset class="wide thresholds">
      <legend>Series colours</legend>
      {Object.entries(props.colors).map(([series, color]) => (
        <span class="threshold">
          <input type="color" aria-label={`Colour of ${series}`} value={color} onInput={(e) => props.onChange({ ...props.colors, [series]: (e.target as HTMLInputElement).value })} />
          <code>{series}</code>
          <button class="link danger" onClick={() => props.onChange(Object.fromEntries(Object.entries(props.colors).filter(([k]) => k !== series)))}>
            ✕
          </button>
        </span>
      ))}
      <input placeholder="series name" value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
      <button disabled={!name.trim()} onClick={() => (props.onChange({ ...props.colors, [name.trim()]: "#1f6feb" }), setName(""))}>
        + Colour
      </button>
    </fieldset>
  );
}
