/**
 * Evaluate a rule at one instant: run its query over the window ending then (and over the
 * earlier windows change and anomaly compare with), join the answers by group, judge each
 * group. The query runner is injected (`run`), so the cron, the preview and the tests share
 * this code; the preview passes a memoising runner so overlapping windows run once.
 */
import type { GroupInput } from "./conditions";
import { judge } from "./conditions";
import type { AlertRule } from "./model";
import { groupColumns } from "./query-shape";
import { samplesFromAnswer, SeriesError, type AnswerLike, type Sample } from "./series";
import type { GroupJudgement, Outcome } from "./advance";

/** A half-open time window [fromMs, toMs). */
export interface Window {
  fromMs: number;
  toMs: number;
}

/**
 * Thrown by a runner for a failure that is the rule's problem (a query error, a timeout, a
 * result too large): it becomes the rule's error state instead of failing the cron.
 */
export class RuleQueryError extends Error {}

export type RunWindow = (w: Window) => Promise<AnswerLike>;

export type RuleForEvaluate = Pick<AlertRule, "query" | "valueColumn" | "windowMs" | "condition" | "severity">;

const DAY_MS = 86_400_000;

export interface RuleWindows {
  current: Window;
  before?: Window;
  baseline?: Window[];
}

export function windowsAt(rule: RuleForEvaluate, atMs: number): RuleWindows {
  const w = rule.windowMs;
  const shifted = (back: number): Window => ({ fromMs: atMs - back - w, toMs: atMs - back });
  const cond = rule.condition;
  const out: RuleWindows = { current: shifted(0) };
  if (cond.kind === "change") out.before = shifted(cond.offsetMs);
  if (cond.kind === "anomaly") {
    out.baseline = Array.from({ length: cond.points }, (_, i) => shifted(cond.baseline === "same_hour" ? (i + 1) * DAY_MS : (i + 1) * w));
  }
  return out;
}

/** How many queries one evaluation runs (shown in the docs and used to bound the preview). */
export function queriesPerEvaluation(rule: RuleForEvaluate): number {
  const w = windowsAt(rule, 0);
  return 1 + (w.before ? 1 : 0) + (w.baseline?.length ?? 0);
}

export async function evaluateAt(rule: RuleForEvaluate, atMs: number, run: RunWindow): Promise<Outcome> {
  const wins = windowsAt(rule, atMs);
  try {
    const groups = groupColumns(rule.query);
    const samples = async (w: Window) => samplesFromAnswer(await run(w), rule.valueColumn, groups);
    const [current, before, ...baseline] = await Promise.all([
      samples(wins.current),
      wins.before ? samples(wins.before) : Promise.resolve(undefined),
      ...(wins.baseline ?? []).map(samples),
    ]);
    return { kind: "groups", groups: judgeGroups(rule, current, before, baseline) };
  } catch (err) {
    if (err instanceof SeriesError || err instanceof RuleQueryError) return { kind: "error", message: err.message };
    throw err;
  }
}

function judgeGroups(rule: RuleForEvaluate, current: Map<string, Sample>, before: Map<string, Sample> | undefined, baseline: Map<string, Sample>[]): GroupJudgement[] {
  const out: GroupJudgement[] = [];
  for (const [key, s] of current) {
    const input: GroupInput = { current: s.value };
    if (before) input.before = before.get(key)?.value ?? null;
    if (baseline.length) input.baseline = baseline.map((b) => b.get(key)?.value ?? null);
    out.push({ group: s.group, ...judge(rule.condition, rule.severity, input) });
  }
  return out;
}
