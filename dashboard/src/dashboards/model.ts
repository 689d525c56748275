/**
 * The state of one open dashboard, as signals, and what changes it: load, time range,
 * variables (resolved in dependency order; a change re-resolves the variables that use it and
 * re-runs only the panels that use what changed), panel runs (limited concurrency, stale runs
 * aborted), annotations, edits and save with optimistic concurrency. The components only read
 * these signals and call these methods.
 */
import { batch, computed, signal } from "@preact/signals";
import type { Annotation, DashboardRecord, DashboardSpec, Variable } from "../../../core/dashboards/spec";
import { ApiError } from "../api";
import { absoluteRange, resolveBound, type RangeText } from "../time";
import { annotationsFromResult, mergeAnnotations } from "./annotations";
import { readConflict, type ConflictInfo } from "./api-shapes";
import * as client from "./client";
import { createLimiter, isAbort, MAX_CONCURRENT_QUERIES, planPanel, runPlanned } from "./runner";
import { readUrlState, writeUrlState } from "./url-state";
import { resolveVariableStates } from "./resolve";
import { changedVariables, dependentsOf, panelsUsing, referencedVars, varsFor, type VariableStates } from "./variables";
import type { QueryOutcome } from "./widgets/types";

export interface PanelRun {
  loading: boolean;
  data: QueryOutcome[];
  range: { fromMs: number; toMs: number };
}

export type Ms = { fromMs: number; toMs: number };

export const REFRESH_CHOICES = [null, "10s", "30s", "1m", "5m", "15m"] as const;

export function createDashboardModel(id: string, now: () => number = Date.now) {
  const record = signal<DashboardRecord | null>(null);
  const spec = signal<DashboardSpec | null>(null);
  const savedJson = signal("");
  const loadError = signal<string | null>(null);
  const range = signal<RangeText>({ from: "now-6h", to: "now" });
  /** The range resolved at the last run, so every panel answers for the same instants. */
  const resolved = signal<Ms>({ fromMs: 0, toMs: 1 });
  const refresh = signal<string | null>(null);
  const vars = signal<VariableStates>({});
  const varError = signal<string | null>(null);
  const runs = signal<Record<string, PanelRun>>({});
  const annotations = signal<Annotation[]>([]);
  const annotationError = signal<string | null>(null);
  const editing = signal(false);
  const conflict = signal<ConflictInfo | null>(null);
  const saving = signal(false);
  const saveError = signal<string | null>(null);
  /** The folder, as edited in settings (saved with the spec). */
  const folderId = signal<string | null>(null);
  const dirty = computed(() => spec.value !== null && (JSON.stringify(spec.value) !== savedJson.value || folderId.value !== (record.value?.folderId ?? null)));

  const limit = createLimiter(MAX_CONCURRENT_QUERIES);
  const controllers = new Map<string, AbortController>();
  let annotationRun: AbortController | null = null;
  let varRun: AbortController | null = null;

  const variables = (): Variable[] => spec.value?.variables ?? [];

  function resolveRange(): Ms {
    const t = now();
    const fromMs = resolveBound(range.value.from, t) ?? t - 6 * 3_600_000;
    const toMs = resolveBound(range.value.to, t) ?? t;
    return (resolved.value = { fromMs, toMs: Math.max(toMs, fromMs + 1) });
  }

  function writeUrl(): void {
    const values: Record<string, string[]> = {};
    for (const v of variables()) if (v.kind !== "constant" && vars.value[v.name]) values[v.name] = vars.value[v.name].selected;
    history.replaceState(history.state, "", `/dashboards/${encodeURIComponent(id)}${writeUrlState({ from: range.value.from, to: range.value.to, refresh: refresh.value, vars: values })}`);
  }

  /** Resolves the named variables (all when omitted) in dependency order; returns the new states. */
  async function resolveVariables(names: Set<string> | null, wanted: Record<string, string[]>): Promise<VariableStates> {
    varRun?.abort();
    const ac = (varRun = new AbortController());
    const r = resolved.value;
    const { states, problem } = await resolveVariableStates({
      variables: variables(),
      current: vars.value,
      names,
      wanted,
      rangeMs: r.toMs - r.fromMs,
      run: (query, sent) => limit(() => client.runQuery(query, r, sent, ac.signal), ac.signal).then((res) => res.rows),
      isAbort: (e) => ac.signal.aborted || isAbort(e),
    });
    varError.value = problem;
    return states;
  }

  async function runPanel(panelId: string): Promise<void> {
    const panel = spec.value?.panels.find((p) => p.id === panelId);
    controllers.get(panelId)?.abort();
    if (!panel) return;
    const ac = new AbortController();
    controllers.set(panelId, ac);
    const plan = planPanel(panel, variables(), vars.value, resolved.value);
    const prev = runs.value[panelId];
    runs.value = { ...runs.value, [panelId]: { loading: plan.queries.length > 0, data: prev?.data ?? [], range: plan.range } };
    try {
      const data = await runPlanned(plan.queries, (q, signal) => client.runQuery(q.query, q.range, q.vars, signal), limit, ac.signal);
      runs.value = { ...runs.value, [panelId]: { loading: false, data, range: plan.range } };
    } catch (e) {
      if (!isAbort(e) && !ac.signal.aborted) throw e;
    } finally {
      if (controllers.get(panelId) === ac) controllers.delete(panelId);
    }
  }

  function runPanels(ids: Iterable<string> | null): void {
    const all = spec.value?.panels.map((p) => p.id) ?? [];
    for (const pid of ids ?? all) void runPanel(pid);
  }

  async function loadAnnotations(changed: Set<string> | null = null): Promise<void> {
    const s = spec.value;
    if (!s) return;
    if (changed && !s.annotations.some((a) => a.enabled && [...referencedVars(a.query)].some((n) => changed.has(n)))) return;
    annotationRun?.abort();
    const ac = (annotationRun = new AbortController());
    const r = resolved.value;
    const errors: string[] = [];
    const manual = client.listAnnotations(id, r).catch((e: unknown) => (errors.push(`annotations: ${(e as Error).message}`), [] as Annotation[]));
    const fromQueries = s.annotations
      .filter((a) => a.enabled && a.query.trim())
      .map((a) =>
        limit(() => client.runQuery(a.query, r, varsFor(a.query, s.variables, vars.value, r.toMs - r.fromMs), ac.signal), ac.signal)
          .then((res) => annotationsFromResult(a, res, id))
          .catch((e: unknown) => (isAbort(e) ? [] : (errors.push(`${a.name}: ${(e as Error).message}`), []))),
      );
    const lists = await Promise.all([manual, ...fromQueries]);
    if (ac.signal.aborted) return;
    batch(() => {
      annotations.value = mergeAnnotations(lists, r);
      annotationError.value = errors.length ? errors.join("; ") : null;
    });
  }

  /** Re-runs everything for the current range: the auto-refresh tick, a new range, a reload. */
  function rerunAll(): void {
    resolveRange();
    runPanels(null);
    void loadAnnotations();
  }

  /**
   * Shows a record: the range, refresh and variable values from the URL on first load, else
   * the ones on screen (a reload or restore keeps what the user is looking at).
   */
  async function start(rec: DashboardRecord, fromUrl: boolean): Promise<void> {
    const current = Object.fromEntries(Object.entries(vars.value).map(([k, v]) => [k, v.selected]));
    const url = fromUrl ? readUrlState(location.search) : { from: range.value.from, to: range.value.to, refresh: refresh.value, vars: current };
    batch(() => {
      record.value = rec;
      spec.value = rec.spec;
      savedJson.value = JSON.stringify(rec.spec);
      folderId.value = rec.folderId;
      range.value = { from: url.from ?? rec.spec.time.from, to: url.to ?? rec.spec.time.to };
      refresh.value = url.refresh === undefined ? rec.spec.refresh : url.refresh;
      conflict.value = null;
    });
    resolveRange();
    try {
      vars.value = await resolveVariables(null, url.vars);
    } catch (e) {
      if (!isAbort(e)) throw e;
      return;
    }
    writeUrl();
    rerunAll();
  }

  return {
    id,
    record,
    spec,
    loadError,
    range,
    resolved,
    refresh,
    vars,
    varError,
    runs,
    annotations,
    annotationError,
    editing,
    conflict,
    saving,
    saveError,
    dirty,
    folderId,

    async load(): Promise<void> {
      try {
        await start(await client.getDashboard(id), true);
        loadError.value = null;
      } catch (e) {
        loadError.value = e instanceof ApiError && e.status === 404 ? "This dashboard does not exist (or not in this project)." : (e as Error).message;
      }
    },

    setRange(r: RangeText): void {
      range.value = r;
      writeUrl();
      rerunAll();
    },

    zoom(fromMs: number, toMs: number): void {
      this.setRange(absoluteRange(fromMs, toMs));
    },

    setRefresh(every: string | null): void {
      refresh.value = every;
      writeUrl();
    },

    rerunAll,

    /** A new selection for a variable: chained variables re-resolve; panels using any changed variable re-run. */
    async setVariable(name: string, selected: string[]): Promise<void> {
      const before = vars.value;
      const picked: VariableStates = { ...before, [name]: { ...before[name], selected } };
      vars.value = picked;
      let after: VariableStates;
      try {
        const downstream = dependentsOf(variables(), [name]);
        after = downstream.size ? await resolveVariables(downstream, {}) : picked;
      } catch (e) {
        if (isAbort(e)) return;
        throw e;
      }
      const changed = changedVariables(before, after);
      vars.value = after;
      writeUrl();
      runPanels(panelsUsing(spec.value?.panels ?? [], changed));
      void loadAnnotations(changed);
    },

    runPanel,

    loadAnnotations,

    async annotate(time: number, text: string, tags: string[]): Promise<void> {
      await client.createAnnotation({ dashboardId: id, time, text, tags });
      await loadAnnotations();
    },

    /**
     * Applies an edit to the working spec and re-runs what it affects: the given panels; after
     * a variables edit, the variables (then only the panels using one whose value or
     * definition changed); after an annotation-queries edit, the annotations.
     */
    edit(next: DashboardSpec, rerun: { panels?: string[]; variables?: boolean; annotations?: boolean } = {}): void {
      const prev = spec.value;
      spec.value = next;
      if (rerun.variables) {
        const before = vars.value;
        const defined = new Map((prev?.variables ?? []).map((v) => [v.name, JSON.stringify(v)]));
        const redefined = next.variables.filter((v) => defined.get(v.name) !== JSON.stringify(v)).map((v) => v.name);
        void resolveVariables(null, {})
          .then((states) => {
            vars.value = states;
            writeUrl();
            const changed = new Set([...changedVariables(before, states), ...redefined]);
            runPanels(panelsUsing(next.panels, changed));
            if (!rerun.annotations) void loadAnnotations(changed);
          })
          .catch((e) => {
            if (!isAbort(e)) throw e;
          });
      }
      if (rerun.panels) runPanels(rerun.panels);
      if (rerun.annotations) void loadAnnotations();
    },

    /** Saves on top of `version` (the loaded one unless overwriting after a conflict). */
    async save(message?: string, overVersion?: number): Promise<boolean> {
      const rec = record.value;
      const s = spec.value;
      if (!rec || !s) return false;
      saving.value = true;
      saveError.value = null;
      try {
        const moved = folderId.value !== rec.folderId;
        const saved = await client.saveDashboard(id, overVersion ?? rec.version, s, moved ? { message, folderId: folderId.value } : { message });
        batch(() => {
          record.value = saved;
          savedJson.value = JSON.stringify(s);
          conflict.value = null;
        });
        return true;
      } catch (e) {
        if (e instanceof ApiError && e.status === 409) conflict.value = readConflict(e.body) ?? { version: rec.version + 1, updatedBy: null, updatedAt: 0 };
        else saveError.value = (e as Error).message;
        return false;
      } finally {
        saving.value = false;
      }
    },

    /** Drops local changes and loads what is saved now. */
    async reload(): Promise<void> {
      await start(await client.getDashboard(id), false);
    },

    async restore(version: number): Promise<void> {
      await client.restoreVersion(id, version);
      await start(await client.getDashboard(id), false);
    },

    discard(): void {
      if (record.value) spec.value = JSON.parse(savedJson.value) as DashboardSpec;
      runPanels(null);
    },

    dispose(): void {
      for (const ac of controllers.values()) ac.abort();
      annotationRun?.abort();
      varRun?.abort();
    },
  };
}

export type DashboardModel = ReturnType<typeof createDashboardModel>;
