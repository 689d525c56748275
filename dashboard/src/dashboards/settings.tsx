/**
 * Dashboard settings: title, description, tags, folder, default time range and refresh, the
 * variables (any kind, with their options) and the annotation queries (with the built-in
 * deployments query one click away). Edits a draft; Apply hands it back.
 */
import { useState } from "preact/hooks";
import type { AnnotationQuery, DashboardSpec, Variable, VariableKind } from "../../../core/dashboards/spec";
import { DEPLOYMENTS_ANNOTATION, parseTags } from "./annotations";
import type { Folder } from "./client";
import { variablesProblem } from "./variables";

const list = (text: string) => text.split(",").map((s) => s.trim()).filter(Boolean);

function blank(kind: VariableKind, name: string): Variable {
  switch (kind) {
    case "query":
      return { kind, name, query: "spans | distinct service.name", includeAll: true, multi: false };
    case "custom":
      return { kind, name, values: [] };
    case "constant":
      return { kind, name, value: "", hide: true };
    case "interval":
      return { kind, name, values: ["1m", "5m", "15m", "1h"], auto: true, default: "auto" };
    case "text":
      return { kind, name };
  }
}

export function SettingsDialog(props: { spec: DashboardSpec; folders: Folder[]; folderId: string | null; currentRange: { from: string; to: string }; onApply(spec: DashboardSpec, folderId: string | null): void; onCancel(): void }) {
  const [d, setD] = useState<DashboardSpec>(() => structuredClone(props.spec));
  const [folderId, setFolderId] = useState(props.folderId);
  const [tags, setTags] = useState(props.spec.tags.join(", "));
  const problem = !d.title.trim() ? "The dashboard needs a title" : variablesProblem(d.variables);
  const setVar = (i: number, v: Variable) => setD({ ...d, variables: d.variables.map((x, j) => (j === i ? v : x)) });
  const setAnn = (i: number, a: AnnotationQuery) => setD({ ...d, annotations: d.annotations.map((x, j) => (j === i ? a : x)) });
  const move = (i: number, by: number) => {
    const vs = [...d.variables];
    const [v] = vs.splice(i, 1);
    vs.splice(Math.max(0, Math.min(vs.length, i + by)), 0, v);
    setD({ ...d, variables: vs });
  };

  return (
    <div class="modal-backdrop">
      <div class="modal settings" role="dialog" aria-label="Dashboard settings">
        <header>
          <h2>Settings</h2>
          <span class="spacer" />
          {problem && <span class="error" role="alert">{problem}</span>}
          <button class="primary" disabled={!!problem} onClick={() => props.onApply({ ...d, tags: parseTags(tags) }, folderId)}>
            Apply
          </button>
          <button onClick={props.onCancel}>Cancel</button>
        </header>
        <section class="form-grid">
          <label>
            Title
            <input aria-label="Dashboard title" value={d.title} onInput={(e) => setD({ ...d, title: (e.target as HTMLInputElement).value })} />
          </label>
          <label>
            Tags
            <input aria-label="Tags" placeholder="comma, separated" value={tags} onInput={(e) => setTags((e.target as HTMLInputElement).value)} />
          </label>
          <label class="wide">
            Description
            <input value={d.description ?? ""} onInput={(e) => setD({ ...d, description: (e.target as HTMLInputElement).value || undefined })} />
          </label>
          <label>
            Folder
            <select aria-label="Folder" value={folderId ?? ""} onChange={(e) => setFolderId((e.target as HTMLSelectElement).value || null)}>
              <option value="">General</option>
              {props.folders.map((f) => (
                <option value={f.id}>{f.title}</option>
              ))}
            </select>
          </label>
          <label>
            Default range
            <span class="row">
              <code>
                {d.time.from} → {d.time.to}
              </code>
              <button class="link" onClick={() => setD({ ...d, time: { ...props.currentRange } })}>
                use current
              </button>
            </span>
          </label>
        </section>

        <section>
          <h3>Variables</h3>
          {d.variables.length === 0 && <p class="muted">None yet. Variables appear in the header and are used in queries as $name.</p>}
          {d.variables.map((v, i) => (
            <fieldset class="variable-editor" key={i}>
              <legend>${v.name}</legend>
              <div class="form-grid">
                <label>
                  Name
                  <input aria-label={`Variable ${i + 1} name`} value={v.name} onInput={(e) => setVar(i, { ...v, name: (e.target as HTMLInputElement).value })} />
                </label>
                <label>
                  Kind
                  <select aria-label={`Variable ${i + 1} kind`} value={v.kind} onChange={(e) => setVar(i, { ...blank((e.target as HTMLSelectElement).value as VariableKind, v.name), label: v.label })}>
                    {(["query", "custom", "constant", "interval", "text"] as const).map((k) => (
                      <option value={k}>{k}</option>
                    ))}
                  </select>
                </label>
                <label>
                  Label
                  <input value={v.label ?? ""} onInput={(e) => setVar(i, { ...v, label: (e.target as HTMLInputElement).value || undefined })} />
                </label>
                <label class="check">
                  <input type="checkbox" checked={!!v.hide} onChange={(e) => setVar(i, { ...v, hide: (e.target as HTMLInputElement).checked || undefined })} /> hidden
                </label>
                {v.kind === "query" && (
                  <label class="wide">
                    Query (values: its first column)
                    <textarea aria-label={`Variable ${i + 1} query`} rows={2} value={v.query} onInput={(e) => setVar(i, { ...v, query: (e.target as HTMLTextAreaElement).value })} />
                  </label>
                )}
                {v.kind === "custom" && (
                  <label class="wide">
                    Values
                    <input aria-label={`Variable ${i + 1} values`} placeholder="a, b, c" value={v.values.join(", ")} onInput={(e) => setVar(i, { ...v, values: list((e.target as HTMLInputElement).value) })} />
                  </label>
                )}
                {v.kind === "interval" && (
                  <>
                    <label class="wide">
                      Intervals
                      <input value={v.values.join(", ")} onInput={(e) => setVar(i, { ...v, values: list((e.target as HTMLInputElement).value) })} />
                    </label>
                    <label class="check">
                      <input type="checkbox" checked={!!v.auto} onChange={(e) => setVar(i, { ...v, auto: (e.target as HTMLInputElement).checked })} /> auto (≈100 points over the range)
                    </label>
                  </>
                )}
                {v.kind === "constant" && (
                  <label class="wide">
                    Value
                    <input value={v.value} onInput={(e) => setVar(i, { ...v, value: (e.target as HTMLInputElement).value })} />
                  </label>
                )}
                {(v.kind === "query" || v.kind === "custom") && (
                  <>
                    <label class="check">
                      <input type="checkbox" checked={!!v.multi} onChange={(e) => setVar(i, { ...v, multi: (e.target as HTMLInputElement).checked })} /> multi-select
                    </label>
                    <label class="check">
                      <input type="checkbox" checked={!!v.includeAll} onChange={(e) => setVar(i, { ...v, includeAll: (e.target as HTMLInputElement).checked })} /> include All
                    </label>
                  </>
                )}
                {(v.kind === "query" || v.kind === "custom" || v.kind === "text" || v.kind === "interval") && (
                  <label>
                    Default
                    <input
                      value={Array.isArray(v.default) ? v.default.join(", ") : (v.default ?? "")}
                      onInput={(e) => {
                        const t = (e.target as HTMLInputElement).value;
                        setVar(i, { ...v, default: t === "" ? undefined : v.kind === "text" || v.kind === "interval" ? t : list(t) } as Variable);
                      }}
                    />
                  </label>
                )}
              </div>
              <div class="row">
                <button class="link" disabled={i === 0} onClick={() => move(i, -1)}>
                  ↑
                </button>
                <button class="link" disabled={i === d.variables.length - 1} onClick={() => move(i, 1)}>
                  ↓
                </button>
                <button class="link danger" onClick={() => setD({ ...d, variables: d.variables.filter((_, j) => j !== i) })}>
                  Remove variable
                </button>
              </div>
            </fieldset>
          ))}
          <button onClick={() => setD({ ...d, variables: [...d.variables, blank("query", `var${d.variables.length + 1}`)] })}>+ Variable</button>
        </section>

        <section>
          <h3>Annotation queries</h3>
          <p class="muted">Rows with a timestamp column become markers on every time-series panel; text, title and tags columns describe them.</p>
          {d.annotations.map((a, i) => (
            <fieldset class="annotation-editor">
              <div class="form-grid">
                <label>
                  Name
                  <input value={a.name} onInput={(e) => setAnn(i, { ...a, name: (e.target as HTMLInputElement).value })} />
                </label>
                <label>
                  Colour
                  <input type="color" value={a.color} onInput={(e) => setAnn(i, { ...a, color: (e.target as HTMLInputElement).value })} />
                </label>
                <label class="check">
                  <input type="checkbox" checked={a.enabled} onChange={(e) => setAnn(i, { ...a, enabled: (e.target as HTMLInputElement).checked })} /> enabled
                </label>
                <label class="wide">
                  Query
                  <textarea rows={2} value={a.query} onInput={(e) => setAnn(i, { ...a, query: (e.target as HTMLTextAreaElement).value })} />
                </label>
              </div>
              <button class="link danger" onClick={() => setD({ ...d, annotations: d.annotations.filter((_, j) => j !== i) })}>
                Remove
              </button>
            </fieldset>
          ))}
          <div class="row">
            <button onClick={() => setD({ ...d, annotations: [...d.annotations, { name: `Annotations ${d.annotations.length + 1}`, query: "", color: "#1f6feb", enabled: true }] })}>+ Annotation query</button>
            {!d.annotations.some((a) => a.query === DEPLOYMENTS_ANNOTATION.query) && <button onClick={() => setD({ ...d, annotations: [...d.annotations, { ...DEPLOYMENTS_ANNOTATION }] })}>+ Deployments (service.version changes)</button>}
          </div>
        </section>
      </div>
    </div>
  );
}
