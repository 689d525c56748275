/**
 * The cron's half of alerting: every minute, the enabled rules that are due run their
 * queries (in this worker, through the query service), the project's AlertStateObject
 * applies the outcomes, the state changes go to the history, and the sink gets every
 * firing alert of the project plus the ones that just resolved.
 *
 * Queries run one at a time: the edge engine is one DuckDB instance per isolate with a
 * memory budget, and a minute is long for a few rules. A project whose evaluation fails
 * is logged and does not stop the others.
 */
import type { AlertInstance } from "../../core/alerts/model";
import type { AppEnv } from "../../workers/env";
import { limits } from "../../workers/env";
import { runQuery } from "../../workers/query/service";
import { recordHistory } from "../history";
import type { AlertSink } from "../sink";
import type { StateChange } from "./advance";
import { evaluateAt, RuleQueryError, type RunWindow } from "./evaluate";
import type { AlertRule } from "./model";
import { isDue, scheduledMinute } from "./schedule";
import { enabledRulesByProject } from "./store";

export function alertState(env: AppEnv, projectId: string) {
  return env.ALERT_STATE.get(env.ALERT_STATE.idFromName(projectId));
}

/** The rule's query over one window, through the same service the query API uses. */
export function windowRunner(env: AppEnv, projectId: string, query: string): RunWindow {
  return async (w) => {
    let answer;
    try {
      answer = await runQuery(env, projectId, { query, from: w.fromMs, to: w.toMs });
    } catch (err) {
      // Query, engine and storage failures are the rule's error state, shown with it.
      throw new RuleQueryError(err instanceof Error ? err.message : String(err));
    }
    if (answer.truncated) throw new RuleQueryError(`the query returned more than ${limits(env).queryMaxRows} rows: group by fewer columns`);
    return answer;
  };
}

export function historyOf(projectId: string, changes: StateChange[]) {
  return changes.map((c) => ({
    projectId,
    at: c.at,
    kind: "state" as const,
    ruleId: c.ruleId,
    fingerprint: c.fingerprint,
    status: c.to,
    detail: c.from,
    data: { labels: c.labels, value: c.value !== null && Number.isFinite(c.value) ? c.value : null, ...(c.error ? { error: c.error } : {}) },
  }));
}

export async function evaluateProject(env: AppEnv, projectId: string, rules: AlertRule[], minuteMs: number, sink: AlertSink): Promise<{ evaluated: number }> {
  const state = alertState(env, projectId);
  const changes: StateChange[] = [];
  const resolved: AlertInstance[] = [];
  let evaluated = 0;
  for (const rule of rules) {
    if (!(await state.claim(rule.id, minuteMs, Date.now()))) continue;
    const outcome = await evaluateAt(rule, minuteMs, windowRunner(env, projectId, rule.query));
    const applied = await state.apply(rule, minuteMs, outcome, Date.now());
    if (!applied.applied) continue;
    evaluated++;
    changes.push(...applied.changes);
    resolved.push(...applied.resolved);
  }
  if (evaluated === 0) return { evaluated };
  // The state is already persisted; the history and the sink follow it.
  await recordHistory(env.DB, historyOf(projectId, changes));
  await sink.receive(projectId, [...(await state.firing()), ...resolved], minuteMs);
  return { evaluated };
}

export async function evaluateDueRules(env: AppEnv, scheduledTimeMs: number, sink: AlertSink): Promise<void> {
  const minute = scheduledMinute(scheduledTimeMs);
  for (const [projectId, rules] of await enabledRulesByProject(env.DB)) {
    const due = rules.filter((r) => isDue(r.intervalMs, minute));
    if (due.length === 0) continue;
    try {
      await evaluateProject(env, projectId, due, minute, sink);
    } catch (err) {
      console.error(`alert evaluation failed for project ${projectId}`, err);
    }
  }
}
