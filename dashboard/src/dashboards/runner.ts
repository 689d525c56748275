/**
 * Running panels' queries: what each visible query is sent (its range after the panel's time
 * override, the variables it uses), at most a few requests at a time across the dashboard
 * (a 30-panel dashboard must not open 60 requests at once against one worker), each run
 * cancellable when the range or a variable changes before it answers.
 */
import type { Panel, Variable } from "../../../core/dashboards/spec";
import type { QueryResult } from "../api";
import { panelRange } from "./interval";
import { varsFor, type SentValue, type VariableStates } from "./variables";
import type { QueryOutcome } from "./widgets/types";

export const MAX_CONCURRENT_QUERIES = 4;

export interface PlannedQuery {
  refId: string;
  legend?: string;
  query: string;
  range: { fromMs: number; toMs: number };
  vars: Record<string, SentValue>;
}

/** The requests for a panel's visible queries. Pure. */
export function planPanel(panel: Panel, variables: Variable[], states: VariableStates, range: { fromMs: number; toMs: number }): { range: { fromMs: number; toMs: number }; queries: PlannedQuery[] } {
  const r = panelRange(range, panel.timeOverride);
  const queries = panel.queries
    .filter((q) => !q.hidden && q.query.trim() !== "")
    .map((q) => ({ refId: q.refId, legend: q.legend, query: q.query, range: r, vars: varsFor(q.query, variables, states, r.toMs - r.fromMs) }));
  return { range: r, queries };
}

/**
 * A gate letting at most `max` tasks run at once, first come first served. A task whose
 * signal aborts while it waits never starts.
 */
export function createLimiter(max: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async function limit<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      signal?.throwIfAborted();
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

export const isAbort = (e: unknown) => e instanceof DOMException && e.name === "AbortError";

/** Runs planned queries through the limiter; each answer or error becomes an outcome. Throws only on abort. */
export async function runPlanned(
  planned: PlannedQuery[],
  run: (q: PlannedQuery, signal: AbortSignal) => Promise<QueryResult>,
  limit: ReturnType<typeof createLimiter>,
  signal: AbortSignal,
): Promise<QueryOutcome[]> {
  const outcomes = await Promise.all(
    planned.map(async (q): Promise<QueryOutcome> => {
      try {
        return { refId: q.refId, legend: q.legend, result: await limit(() => run(q, signal), signal), error: null };
      } catch (e) {
        if (signal.aborted || isAbort(e)) throw e;
        return { refId: q.refId, legend: q.legend, result: null, error: e instanceof Error ? e.message : String(e) };
      }
    }),
  );
  signal.throwIfAborted();
  return outcomes;
}
