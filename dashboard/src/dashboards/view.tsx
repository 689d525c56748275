/**
 * One dashboard: header (title, time range, auto-refresh, edit, save, versions, export,
 * settings), the variables bar, and the panel grid. View state lives in the model
 * (model.ts); this file lays it out and wires the dialogs.
 */
import { useEffect, useMemo, useState } from "preact/hooks";
import type { Panel, WidgetType } from "../../../core/dashboards/spec";
import { WIDGET_TYPES } from "../../../core/dashboards/spec";
import { TimePicker } from "../explore/timepicker";
import { linkClick } from "../router";
import { formatTime } from "../time";
import { AnnotateForm } from "./annotate-form";
import { exportDashboard, listFolders, type Folder } from "./client";
import { downloadJson } from "./download";
import { Grid } from "./grid";
import { parseSpan } from "./interval";
import { createDashboardModel, REFRESH_CHOICES } from "./model";
import { PanelEditor } from "./panel-editor";
import { PanelFrame } from "./panel";
import { SettingsDialog } from "./settings";
import { addPanel, duplicatePanel, removePanel, replacePanel, withLayout } from "./spec-edit";
import { VariablesBar } from "./varbar";
import { VersionsDrawer } from "./versions";
import { WIDGET_META } from "./widgets/meta";

type Dialog = { kind: "panel"; panel: Panel; original: Panel } | { kind: "settings" } | { kind: "versions" } | { kind: "annotate"; time: number } | null;

export function DashboardView(props: { id: string }) {
  const model = useMemo(() => createDashboardModel(props.id), [props.id]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [folders, setFolders] = useState<Folder[]>([]);
  const [utc, setUtc] = useState(localStorage.getItem("mse.utc") === "1");
  const [addType, setAddType] = useState<WidgetType>("timeseries");

  useEffect(() => {
    void model.load();
    listFolders().then(setFolders, () => setFolders([]));
    return () => model.dispose();
  }, [model]);

  // Closing or reloading the tab with unsaved edits asks first (the browser's own prompt).
  const dirty = model.dirty.value;
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    addEventListener("beforeunload", warn);
    return () => removeEventListener("beforeunload", warn);
  }, [dirty]);

  // Auto-refresh: re-run every panel on the interval (not while a dialog is open over them).
  const refreshMs = model.refresh.value ? parseSpan(model.refresh.value) : null;
  useEffect(() => {
    if (!refreshMs) return;
    const timer = setInterval(() => {
      if (!document.hidden) model.rerunAll();
    }, refreshMs);
    return () => clearInterval(timer);
  }, [model, refreshMs]);

  const spec = model.spec.value;
  const record = model.record.value;
  if (model.loadError.value) {
    return (
      <main class="dashboard">
        <div class="error-box" role="alert">
          {model.loadError.value}{" "}
          <a href="/dashboards" onClick={linkClick}>
            Back to dashboards
          </a>
        </div>
      </main>
    );
  }
  if (!spec || !record) return <div class="center muted">Loading dashboard…</div>;
  const editing = model.editing.value;
  const conflict = model.conflict.value;

  return (
    <main class="dashboard">
      <header class="dash-head">
        <a href="/dashboards" onClick={linkClick} class="muted">
          Dashboards
        </a>
        <span class="muted">/</span>
        <h1>{spec.title}</h1>
        {spec.tags.map((t) => (
          <span class="tag">{t}</span>
        ))}
        {model.dirty.value && <span class="badge">unsaved</span>}
        <span class="spacer" />
        <TimePicker range={model.range.value} utc={utc} onChange={(r) => model.setRange(r)} onZone={(u) => (setUtc(u), localStorage.setItem("mse.utc", u ? "1" : "0"))} />
        <button title="Run every panel again" onClick={() => model.rerunAll()}>
          ↻
        </button>
        <select aria-label="Auto-refresh" value={model.refresh.value ?? ""} onChange={(e) => model.setRefresh((e.target as HTMLSelectElement).value || null)}>
          {REFRESH_CHOICES.map((r) => (
            <option value={r ?? ""}>{r ? `every ${r}` : "auto-refresh off"}</option>
          ))}
        </select>
        <button class={editing ? "on" : ""} aria-pressed={editing} onClick={() => (model.editing.value = !editing)}>
          {editing ? "Done editing" : "Edit"}
        </button>
        <button class="primary" disabled={!model.dirty.value || model.saving.value} onClick={() => void model.save()}>
          {model.saving.value ? "Saving…" : "Save"}
        </button>
        <button onClick={() => setDialog({ kind: "versions" })}>Versions</button>
        <button onClick={async () => downloadJson(await exportDashboard(props.id), `${spec.title || "dashboard"}.json`)}>Export</button>
        <button onClick={() => setDialog({ kind: "settings" })}>Settings</button>
      </header>

      {conflict && (
        <div class="error-box conflict" role="alert">
          Someone else saved this dashboard first: version {conflict.version}
          {conflict.updatedBy ? ` by ${conflict.updatedBy}` : ""} at {formatTime(conflict.updatedAt, utc ? "utc" : "local")}.{" "}
          <button onClick={() => void model.reload()}>Reload theirs (drop my changes)</button>{" "}
          <button onClick={() => void model.save(undefined, conflict.version)}>Overwrite with mine</button>
        </div>
      )}
      {model.saveError.value && (
        <div class="error-box" role="alert">
          Could not save: {model.saveError.value}
        </div>
      )}
      {model.annotationError.value && <p class="error small">Annotations: {model.annotationError.value}</p>}

      <VariablesBar variables={spec.variables} states={model.vars.value} error={model.varError.value} onChange={(name, sel) => void model.setVariable(name, sel)} />

      {editing && (
        <div class="edit-bar">
          <select aria-label="New panel type" value={addType} onChange={(e) => setAddType((e.target as HTMLSelectElement).value as WidgetType)}>
            {WIDGET_TYPES.map((t) => (
              <option value={t}>{WIDGET_META[t].label}</option>
            ))}
          </select>
          <button
            onClick={() => {
              const { spec: next, id } = addPanel(spec, addType);
              model.edit(next);
              const panel = next.panels.find((p) => p.id === id)!;
              setDialog({ kind: "panel", panel, original: panel });
            }}
          >
            + Add panel
          </button>
          <span class="muted">Drag a panel by its title, resize it from its bottom-right corner.</span>
        </div>
      )}

      {spec.panels.length === 0 ? (
        <div class="empty">
          This dashboard has no panels yet.{" "}
          {!editing && <button onClick={() => (model.editing.value = true)}>Start editing</button>}
        </div>
      ) : (
        <Grid
          panels={spec.panels}
          editing={editing}
          onLayout={(layout) => model.edit(withLayout(spec, layout))}
          renderPanel={(panel, size, onDrag) => (
            <PanelFrame
              panel={panel}
              run={model.runs.value[panel.id]}
              annotations={model.annotations.value}
              size={size}
              editing={editing}
              onDrag={onDrag}
              onEdit={() => setDialog({ kind: "panel", panel, original: panel })}
              onDuplicate={() => {
                const { spec: next, id } = duplicatePanel(spec, panel.id);
                model.edit(next, { panels: [id] });
              }}
              onRemove={() => model.edit(removePanel(spec, panel.id))}
              onAnnotate={(time) => setDialog({ kind: "annotate", time })}
              onZoom={(from, to) => model.zoom(from, to)}
            />
          )}
        />
      )}

      {dialog?.kind === "panel" && (
        <PanelEditor
          panel={dialog.panel}
          onRun={(draft) => model.edit(replacePanel(model.spec.value!, draft), { panels: [draft.id] })}
          onApply={(draft) => {
            model.edit(replacePanel(model.spec.value!, draft), { panels: [draft.id] });
            setDialog(null);
          }}
          onCancel={() => {
            model.edit(replacePanel(model.spec.value!, dialog.original), { panels: [dialog.original.id] });
            setDialog(null);
          }}
        />
      )}
      {dialog?.kind === "settings" && (
        <SettingsDialog
          spec={spec}
          folders={folders}
          folderId={model.folderId.value}
          currentRange={model.range.value}
          onApply={(next, folderId) => {
            model.folderId.value = folderId;
            const changed = (k: "variables" | "annotations") => JSON.stringify(next[k]) !== JSON.stringify(spec[k]);
            model.edit(next, { variables: changed("variables"), annotations: changed("annotations") });
            setDialog(null);
          }}
          onCancel={() => setDialog(null)}
        />
      )}
      {dialog?.kind === "versions" && (
        <VersionsDrawer
          dashboardId={props.id}
          currentVersion={record.version}
          onRestore={async (v) => {
            await model.restore(v);
            setDialog(null);
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === "annotate" && (
        <AnnotateForm
          time={dialog.time}
          utc={utc}
          onSubmit={async (text, tags) => {
            await model.annotate(dialog.time, text, tags);
            setDialog(null);
          }}
          onCancel={() => setDialog(null)}
        />
      )}
    </main>
  );
}
