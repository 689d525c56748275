/**
 * One evaluation of one rule applied to its series: the groups the query returned (each
 * judged per level) or the error it failed with → every series' next state, the state
 * changes (for the history) and the alerts to hand to the sink. Pure; the AlertState
 * object loads and saves around it, and the preview runs it in memory.
 *
 * Series identity is group × level. A known group missing from a non-empty answer has
 * gone back to normal (as in Prometheus: a count by route has no row for a route without
 * errors) — except for a nodata condition, where missing is the alert. An empty answer is
 * no data for every known series, handled as the rule's `no_data_state` says.
 */
import type { AlertInstance, AlertSeriesState, Severity } from "../../core/alerts/model";
import type { Judgement, Verdict } from "./conditions";
import { ruleLevels } from "./conditions";
import { fingerprint } from "./fingerprint";
import type { AlertRule } from "./model";
import { groupKey } from "./series";
import { INITIAL, step, stoppedFiring, type Input, type SeriesCore } from "./state-machine";
import { renderAll } from "./template";

export interface SeriesRecord extends SeriesCore {
  ruleId: string;
  /** groupKey + severity */
  key: string;
  group: Record<string, string>;
  severity: Severity;
  fingerprint: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  value: number | null;
  lastEvalAt: number;
  error: string | null;
}

export interface GroupJudgement extends Judgement {
  group: Record<string, string>;
}

export type Outcome = { kind: "groups"; groups: GroupJudgement[] } | { kind: "error"; message: string };

export interface StateChange {
  ruleId: string;
  key: string;
  fingerprint: string;
  from: AlertSeriesState;
  to: AlertSeriesState;
  at: number;
  value: number | null;
  labels: Record<string, string>;
  error: string | null;
}

export interface Advanced {
  /** Every series kept after this evaluation. */
  series: SeriesRecord[];
  /** Keys of series forgotten (back to normal and no longer returned). */
  removed: string[];
  changes: StateChange[];
  /** Series that stopped firing in this evaluation, as resolved alerts. */
  resolved: AlertInstance[];
}

export type RuleForAdvance = Pick<AlertRule, "id" | "projectId" | "name" | "forMs" | "condition" | "noDataState" | "severity" | "labels" | "annotations">;

export function seriesKey(group: Record<string, string>, severity: Severity): string {
  return `${groupKey(group)}|${severity}`;
}

export function alertLabels(rule: RuleForAdvance, group: Record<string, string>, severity: Severity): Record<string, string> {
  return { ...group, ...rule.labels, alertname: rule.name, severity };
}

function absentVerdict(rule: RuleForAdvance, answerEmpty: boolean): Verdict {
  if (rule.condition.kind === "nodata") return "breach";
  if (!answerEmpty) return "clear";
  return rule.noDataState === "alerting" ? "breach" : rule.noDataState === "ok" ? "clear" : "nodata";
}

export function toInstance(rule: Pick<AlertRule, "id" | "projectId" | "name">, s: SeriesRecord, status: "firing" | "resolved", endsAt: number | null): AlertInstance {
  return {
    projectId: rule.projectId,
    ruleId: rule.id,
    ruleName: rule.name,
    fingerprint: s.fingerprint,
    labels: s.labels,
    annotations: s.annotations,
    status,
    startsAt: s.activeAt ?? s.firedAt ?? s.since,
    endsAt,
    value: s.value,
    generatorURL: `/alerting/rules/${encodeURIComponent(rule.id)}`,
  };
}

export function advanceRule(rule: RuleForAdvance, prev: SeriesRecord[], outcome: Outcome, now: number): Advanced {
  const byKey = new Map(prev.map((s) => [s.key, s]));
  const next: SeriesRecord[] = [];
  const removed: string[] = [];
  const changes: StateChange[] = [];
  const resolved: AlertInstance[] = [];
  const touched = new Set<string>();

  const apply = (key: string, group: Record<string, string>, severity: Severity, input: Input, value: number | null, error: string | null, keepIfOk: boolean) => {
    touched.add(key);
    const old = byKey.get(key);
    const core = step(old ?? INITIAL, input, now, rule.forMs);
    const labels = alertLabels(rule, group, severity);
    const record: SeriesRecord = {
      ...core,
      ruleId: rule.id,
      key,
      group,
      severity,
      fingerprint: fingerprint(labels),
      labels,
      // Rendered with the latest value, as Prometheus re-renders on every evaluation.
      annotations: input === "error" && old ? old.annotations : renderAll(rule.annotations, { labels: { ...labels }, value }),
      value: input === "error" && old ? old.value : value,
      lastEvalAt: now,
      error,
    };
    const from = old?.state ?? "ok";
    if (from !== core.state || (!old && core.state !== "ok")) {
      changes.push({ ruleId: rule.id, key, fingerprint: record.fingerprint, from, to: core.state, at: now, value: record.value, labels, error });
    }
    if (old && stoppedFiring(old, core)) resolved.push(toInstance(rule, { ...record, activeAt: old.activeAt }, "resolved", now));
    if (core.state === "ok" && !keepIfOk) {
      if (old) removed.push(key);
    } else next.push(record);
  };

  if (outcome.kind === "error") {
    const targets = prev.length > 0 ? prev : ruleLevels(rule.condition, rule.severity).map((severity) => ({ key: seriesKey({}, severity), group: {}, severity }));
    for (const s of targets) apply(s.key, s.group, s.severity, "error", null, outcome.message, true);
    return { series: next, removed, changes, resolved };
  }

  for (const g of outcome.groups) {
    for (const { severity, verdict } of g.verdicts) apply(seriesKey(g.group, severity), g.group, severity, verdict, g.value, null, true);
  }
  const empty = outcome.groups.length === 0;
  const absent = absentVerdict(rule, empty);
  for (const s of prev) {
    if (touched.has(s.key)) continue;
    // A group that went away and is calm is forgotten; a nodata rule keeps watching it.
    apply(s.key, s.group, s.severity, absent, null, null, rule.condition.kind === "nodata");
  }
  if (empty && prev.length === 0 && absent !== "clear") {
    for (const severity of ruleLevels(rule.condition, rule.severity)) apply(seriesKey({}, severity), {}, severity, absent, null, null, true);
  }
  return { series: next, removed, changes, resolved };
}

/** The alerts of these series that are firing now. */
export function firingAlerts(rule: Pick<AlertRule, "id" | "projectId" | "name">, series: SeriesRecord[]): AlertInstance[] {
  return series.filter((s) => s.state === "firing").map((s) => toInstance(rule, s, "firing", null));
}
