/**
 * One panel on the grid: a header (title, description, loading and error marks, and in edit
 * mode the drag handle and edit / duplicate / remove) and the widget for its type, given the
 * panel's query outcomes, range and the dashboard's annotations.
 */
import type { Annotation, Panel } from "../../../core/dashboards/spec";
import type { PanelRun } from "./model";
import { WIDGETS } from "./widgets/index";

export const PANEL_HEADER = 30;

export function PanelFrame(props: {
  panel: Panel;
  run: PanelRun | undefined;
  annotations: Annotation[];
  size: { width: number; height: number };
  editing: boolean;
  onDrag(e: PointerEvent): void;
  onEdit(): void;
  onDuplicate(): void;
  onRemove(): void;
  onAnnotate(timeMs: number): void;
  onZoom(fromMs: number, toMs: number): void;
}) {
  const { panel, run } = props;
  const Widget = WIDGETS[panel.type];
  const errors = (run?.data ?? []).filter((d) => d.error);
  /** waiting: not run yet (variables still resolving); loading: queries out; done: drawn. */
  const state = !run ? (panel.queries.length ? "waiting" : "done") : run.loading ? "loading" : "done";
  const bodyHeight = Math.max(20, props.size.height - PANEL_HEADER - 8);
  return (
    <div class="panel" aria-busy={state !== "done"} data-state={state}>
      <header class="panel-head" onPointerDown={props.editing ? (e) => props.onDrag(e as PointerEvent) : undefined}>
        <h3 title={panel.description}>{panel.title || "\u00a0"}</h3>
        {panel.timeOverride && <span class="badge" title="This panel shows its own time range">last {panel.timeOverride}</span>}
        {run?.loading && <span class="spinner" role="status" aria-label="Loading" />}
        {errors.length > 0 && (
          <span class="badge error" title={errors.map((e) => `${e.refId}: ${e.error}`).join("\n")}>
            error
          </span>
        )}
        <span class="spacer" />
        {props.editing && (
          <span class="panel-actions" onPointerDown={(e) => e.stopPropagation()}>
            <button class="link" onClick={props.onEdit}>
              Edit
            </button>
            <button class="link" onClick={props.onDuplicate}>
              Duplicate
            </button>
            <button class="link danger" onClick={props.onRemove}>
              Remove
            </button>
          </span>
        )}
      </header>
      <div class="panel-body" style={{ height: `${bodyHeight}px` }}>
        {errors.length > 0 && errors.length === (run?.data.length ?? 0) ? (
          <div class="panel-error" role="alert">
            {errors.map((e) => (
              <p>
                <strong>{e.refId}</strong>: {e.error}
              </p>
            ))}
          </div>
        ) : !run && panel.queries.length > 0 ? (
          <div class="muted">Waiting…</div>
        ) : Widget ? (
          <Widget
            panel={panel}
            data={run?.data ?? []}
            range={run?.range ?? { fromMs: 0, toMs: 1 }}
            annotations={props.annotations}
            width={Math.max(20, props.size.width - 16)}
            height={bodyHeight}
            onAnnotate={props.onAnnotate}
            onZoom={props.onZoom}
          />
        ) : (
          <div class="muted">No widget for type {panel.type}</div>
        )}
        {errors.length > 0 && errors.length < (run?.data.length ?? 0) && (
          <p class="panel-error small" role="alert">
            {errors.map((e) => `${e.refId}: ${e.error}`).join(" · ")}
          </p>
        )}
      </div>
    </div>
  );
}
