/**
 * Preview: what a rule would have done over a past range. It evaluates the rule at every
 * interval step, exactly as the cron would have (same windows, same evaluator, same state
 * machine, in memory), and returns the value per group, each series' state per step and the
 * state changes — when it would have gone pending, fired and resolved.
 *
 * Why one query per step rather than one bucketed query: a rule's query is arbitrary
 * (percentiles, dcount, ratios, `where` after `summarize`), and with a window longer than the
 * interval the windows overlap; only count/sum/min/max could be rebuilt from buckets. Running
 * the rule's own query per window is equivalent by construction. Windows are memoised, so
 * a change rule whose offset is a multiple of the interval, or a rolling baseline, reuses
 * answers, and the number of distinct windows is bounded up front.
 */
import type { AlertSeriesState, Severity } from "../../core/alerts/model";
import { advanceRule, type SeriesRecord, type StateChange } from "./advance";
import { evaluateAt, windowsAt, type RunWindow, type Window } from "./evaluate";
import type { AlertRule, Thresholds } from "./model";
import { groupKey } from "./series";

/**
 * Windows run one at a time: concurrent queries in one isolate fail in the edge engine
 * today ("File 'f0.parquet' too small to be a Parquet file" — reproduced with four
 * concurrent /api/v1/query calls), and one at a time is what the cron does anyway.
 */
export const PREVIEW_LIMITS = { maxSteps: 240, maxQueries: 480, concurrency: 1 } as const;

export class PreviewError extends Error {}

export type RuleForPreview = Omit<AlertRule, "createdAt" | "updatedAt" | "enabled">;

export interface PreviewResult {
  steps: number[];
  groups: { labels: Record<string, string>; values: (number | null)[]; band?: { lower: (number | null)[]; upper: (number | null)[] } }[];
  series: { fingerprint: string; labels: Record<string, string>; severity: Severity; states: (AlertSeriesState | null)[] }[];
  changes: StateChange[];
  /** Times a series went to firing. */
  fired_at: number[];
  errors: { at: number; message: string }[];
  thresholds: Thresholds | null;
  queries: number;
}

/** Evaluation instants: multiples of the interval in (from, to]. */
export function previewSteps(intervalMs: number, fromMs: number, toMs: number): number[] {
  const first = Math.floor(fromMs / intervalMs) * intervalMs + intervalMs;
  const out: number[] = [];
  for (let t = first; t <= toMs; t += intervalMs) out.push(t);
  return out;
}

const windowId = (w: Window) => `${w.fromMs}:${w.toMs}`;

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

export async function previewRule(rule: RuleForPreview, fromMs: number, toMs: number, run: RunWindow): Promise<PreviewResult> {
  const steps = previewSteps(rule.intervalMs, fromMs, toMs);
  if (steps.length === 0) throw new PreviewError("the range is shorter than one interval: nothing to evaluate");
  if (steps.length > PREVIEW_LIMITS.maxSteps) {
    throw new PreviewError(`${steps.length} evaluations in this range; at most ${PREVIEW_LIMITS.maxSteps} (shorten the range or lengthen the interval)`);
  }
  const distinct = new Map<string, Window>();
  for (const t of steps) {
    const w = windowsAt(rule, t);
    for (const x of [w.current, ...(w.before ? [w.before] : []), ...(w.baseline ?? [])]) distinct.set(windowId(x), x);
  }
  if (distinct.size > PREVIEW_LIMITS.maxQueries) {
    throw new PreviewError(`this preview needs ${distinct.size} queries; at most ${PREVIEW_LIMITS.maxQueries} (shorten the range, or fewer baseline points)`);
  }
  // Run every distinct window once, a few at a time, then evaluate from the answers.
  const answers = new Map<string, Awaited<ReturnType<RunWindow>>>();
  const failures = new Map<string, unknown>();
  await inBatches([...distinct.entries()], PREVIEW_LIMITS.concurrency, async ([id, w]) => {
    try {
      answers.set(id, await run(w));
    } catch (err) {
      failures.set(id, err);
    }
  });
  const cached: RunWindow = async (w) => {
    const id = windowId(w);
    if (failures.has(id)) throw failures.get(id);
    return answers.get(id) ?? run(w);
  };

  const groups = new Map<string, PreviewResult["groups"][number]>();
  const series = new Map<string, PreviewResult["series"][number]>();
  const changes: StateChange[] = [];
  const errors: PreviewResult["errors"] = [];
  let state: SeriesRecord[] = [];
  for (let i = 0; i < steps.length; i++) {
    const at = steps[i];
    const outcome = await evaluateAt(rule, at, cached);
    if (outcome.kind === "error") errors.push({ at, message: outcome.message });
    else {
      for (const g of outcome.groups) {
        const key = groupKey(g.group);
        let entry = groups.get(key);
        if (!entry) groups.set(key, (entry = { labels: g.group, values: steps.map(() => null) }));
        entry.values[i] = g.value !== null && Number.isFinite(g.value) ? g.value : null;
        if (g.band) {
          entry.band ??= { lower: steps.map(() => null), upper: steps.map(() => null) };
          entry.band.lower[i] = Number.isFinite(g.band.lower) ? g.band.lower : null;
          entry.band.upper[i] = Number.isFinite(g.band.upper) ? g.band.upper : null;
        }
      }
    }
    const advanced = advanceRule(rule, state, outcome, at);
    state = advanced.series;
    changes.push(...advanced.changes);
    for (const s of state) {
      let entry = series.get(s.key);
      if (!entry) series.set(s.key, (entry = { fingerprint: s.fingerprint, labels: s.labels, severity: s.severity, states: steps.map(() => null) }));
      entry.states[i] = s.state;
    }
  }
  const cond = rule.condition;
  return {
    steps,
    groups: [...groups.values()],
    series: [...series.values()],
    changes,
    fired_at: changes.filter((c) => c.to === "firing").map((c) => c.at),
    errors,
    thresholds: cond.kind === "threshold" || cond.kind === "change" ? cond.thresholds : null,
    queries: distinct.size,
  };
}
