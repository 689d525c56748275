/**
 * Resolving variables in dependency order: static options straight away, a query variable's
 * options from its query run with the values already resolved before it (so a chained
 * variable sees its parent's new value), then each selection chosen from the wanted values.
 * The query runner is passed in, so the orchestration is unit-tested with plain rows.
 */
import type { Variable } from "../../../core/dashboards/spec";
import { chooseSelection, optionsFromRows, resolutionOrder, staticOptions, varsFor, type SentValue, type VariableStates } from "./variables";

export interface ResolveRequest {
  variables: Variable[];
  /** The states so far (kept for variables not resolved now). */
  current: VariableStates;
  /** Only these (null: all). */
  names: Set<string> | null;
  /** Values asked for (the URL), by name; otherwise a variable keeps its current selection. */
  wanted: Record<string, string[]>;
  rangeMs: number;
  /** Runs a variable's query with the variables it uses; rows of its answer. Aborts reject. */
  run(query: string, vars: Record<string, SentValue>): Promise<unknown[][]>;
  isAbort(e: unknown): boolean;
}

/** New states, plus the dependency problem (a cycle) if any; an aborted run rejects. */
export async function resolveVariableStates(req: ResolveRequest): Promise<{ states: VariableStates; problem: string | null }> {
  const next: VariableStates = { ...req.current };
  let order: Variable[];
  let problem: string | null = null;
  try {
    order = resolutionOrder(req.variables);
  } catch (e) {
    problem = (e as Error).message;
    order = req.variables;
  }
  for (const v of order) {
    if (req.names && !req.names.has(v.name)) continue;
    let options = staticOptions(v);
    let error: string | undefined;
    if (options === null && v.kind === "query") {
      try {
        options = optionsFromRows(await req.run(v.query, varsFor(v.query, req.variables, next, req.rangeMs)));
      } catch (e) {
        if (req.isAbort(e)) throw e;
        options = [];
        error = e instanceof Error ? e.message : String(e);
      }
    }
    next[v.name] = { options: options ?? [], selected: chooseSelection(v, options ?? [], req.wanted[v.name] ?? req.current[v.name]?.selected), error };
  }
  return { states: next, problem };
}
