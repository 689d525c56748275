/**
 * The variables bar under the dashboard header: one control per visible variable — a select
 * (single value), a checklist with All (multi-select), a text box (applied on Enter or
 * leaving it). Constants and hidden variables are not shown.
 */
import { useEffect, useState } from "preact/hooks";
import { ALL_VALUE, type Variable } from "../../../core/dashboards/spec";
import { selectionLabel, type VariableState } from "./variables";

export function VariablesBar(props: { variables: Variable[]; states: Record<string, VariableState>; error: string | null; onChange(name: string, selected: string[]): void }) {
  const shown = props.variables.filter((v) => !v.hide && v.kind !== "constant");
  if (shown.length === 0 && !props.error) return null;
  return (
    <div class="varbar" role="toolbar" aria-label="Variables">
      {shown.map((v) => (
        <VariableControl variable={v} state={props.states[v.name]} onChange={(sel) => props.onChange(v.name, sel)} />
      ))}
      {props.error && <span class="error">{props.error}</span>}
    </div>
  );
}

function VariableControl(props: { variable: Variable; state: VariableState | undefined; onChange(selected: string[]): void }) {
  const v = props.variable;
  const label = v.label || v.name;
  const state = props.state ?? { options: [], selected: [] };
  const withAll = (v.kind === "query" || v.kind === "custom") && v.includeAll;
  const multi = (v.kind === "query" || v.kind === "custom") && v.multi;
  if (v.kind === "text") return <TextVariable label={label} name={v.name} value={state.selected[0] ?? ""} onChange={(t) => props.onChange([t])} />;
  return (
    <label class="var" title={state.error ? `Could not load values: ${state.error}` : undefined}>
      <span class="var-label">{label}</span>
      {multi ? (
        <details class="menu var-multi">
          <summary aria-label={v.name}>{selectionLabel(state.selected)} ▾</summary>
          <ul role="listbox" aria-multiselectable="true">
            {withAll && (
              <li>
                <label>
                  <input type="checkbox" checked={state.selected.includes(ALL_VALUE)} onChange={() => props.onChange(state.selected.includes(ALL_VALUE) ? [] : [ALL_VALUE])} /> All
                </label>
              </li>
            )}
            {state.options.map((o) => {
              const on = state.selected.includes(o) && !state.selected.includes(ALL_VALUE);
              return (
                <li>
                  <label>
                    <input
                      type="checkbox"
                      checked={on}
                      onChange={() => props.onChange(on ? state.selected.filter((x) => x !== o) : [...state.selected.filter((x) => x !== ALL_VALUE), o])}
                    />{" "}
                    {o}
                  </label>
                </li>
              );
            })}
          </ul>
        </details>
      ) : (
        <select aria-label={v.name} value={state.selected[0] ?? ""} onChange={(e) => props.onChange([(e.target as HTMLSelectElement).value])}>
          {withAll && <option value={ALL_VALUE}>All</option>}
          {state.options.map((o) => (
            <option value={o}>{o === "auto" && v.kind === "interval" ? "auto" : o}</option>
          ))}
          {state.options.length === 0 && <option value="">{state.error ? "error" : "no values"}</option>}
        </select>
      )}
      {state.error && <span class="badge error">!</span>}
    </label>
  );
}

function TextVariable(props: { label: string; name: string; value: string; onChange(text: string): void }) {
  const [text, setText] = useState(props.value);
  useEffect(() => setText(props.value), [props.value]);
  const commit = () => text !== props.value && props.onChange(text);
  return (
    <label class="var">
      <span class="var-label">{props.label}</span>
      <input aria-label={props.name} value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} onBlur={commit} onKeyDown={(e) => e.key === "Enter" && commit()} />
    </label>
  );
}
