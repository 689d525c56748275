/**
 * Condition evaluators: a group's current value (and, for change and anomaly, its values
 * in earlier windows) → the compared value and a verdict per severity level. Pure.
 *
 * Verdicts: `breach` (past the level: pending/firing), `hold` (between the level and its
 * recovery point: a firing alert stays firing, a pending one resets — the hysteresis that
 * stops flapping), `clear` (past the recovery point), `nodata` (nothing to compare).
 */
import type { Severity } from "../../core/alerts/model";
import type { AnomalyCondition, Condition, Direction, Thresholds } from "./model";

export type Verdict = "breach" | "hold" | "clear" | "nodata";

export interface LevelVerdict {
  severity: Severity;
  verdict: Verdict;
}

export interface Judgement {
  /** The compared value: the value (threshold), the change (change), the value (anomaly). */
  value: number | null;
  verdicts: LevelVerdict[];
  /** Anomaly only: the robust score and the band of normal values, for charts and history. */
  score?: number;
  band?: { median: number; lower: number; upper: number };
}

export interface GroupInput {
  current: number | null;
  /** change: the value `offset` earlier. */
  before?: number | null;
  /** anomaly: the values in the baseline windows (nulls are skipped). */
  baseline?: (number | null)[];
}

const LEVELS: ("critical" | "warning")[] = ["critical", "warning"];

/** One level of a threshold: breach past `level`, clear at or past `recovery`, hold between. */
export function thresholdVerdict(op: Direction, value: number | null, level: number, recovery = level): Verdict {
  if (value === null || Number.isNaN(value)) return "nodata";
  if (op === "above") return value > level ? "breach" : value <= recovery ? "clear" : "hold";
  return value < level ? "breach" : value >= recovery ? "clear" : "hold";
}

function levels(op: Direction, value: number | null, t: Thresholds): LevelVerdict[] {
  const out: LevelVerdict[] = [];
  for (const severity of LEVELS) {
    const level = t[severity];
    if (level !== undefined) out.push({ severity, verdict: thresholdVerdict(op, value, level, t[`${severity}_recovery`] ?? level) });
  }
  return out;
}

/** now − before, or the percentage change; from 0 to anything else is ±Infinity. */
export function change(mode: "absolute" | "percent", now: number | null, before: number | null | undefined): number | null {
  if (now === null || before === null || before === undefined) return null;
  if (mode === "absolute") return now - before;
  if (before === 0) return now === 0 ? 0 : now > 0 ? Infinity : -Infinity;
  return (100 * (now - before)) / Math.abs(before);
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Minimum baseline points before anything is called an anomaly. */
export const MIN_BASELINE = 3;

/**
 * Modified z-score (Iglewicz & Hoaglin): (x − median) / (1.4826 × MAD). When more than half
 * the baseline is identical the MAD is 0; then 1.2533 × mean absolute deviation stands in,
 * and when that is 0 too any departure from the constant is infinitely anomalous.
 */
export function robustScore(value: number, baseline: number[]): { score: number; median: number; scale: number } {
  const med = median(baseline);
  const deviations = baseline.map((x) => Math.abs(x - med));
  let scale = 1.4826 * median(deviations);
  if (scale === 0) scale = 1.2533 * (deviations.reduce((a, b) => a + b, 0) / deviations.length);
  const diff = value - med;
  const score = scale === 0 ? (diff === 0 ? 0 : diff > 0 ? Infinity : -Infinity) : diff / scale;
  return { score, median: med, scale };
}

function anomaly(cond: AnomalyCondition, severity: Severity, input: GroupInput): Judgement {
  const base = (input.baseline ?? []).filter((x): x is number => x !== null && Number.isFinite(x));
  if (input.current === null) return { value: null, verdicts: [{ severity, verdict: "nodata" }] };
  // Too little history to know what normal is: nothing is anomalous yet.
  if (base.length < MIN_BASELINE) return { value: input.current, verdicts: [{ severity, verdict: "clear" }] };
  const { score, median: med, scale } = robustScore(input.current, base);
  const s = cond.sensitivity;
  const breach = cond.direction === "above" ? score >= s : cond.direction === "below" ? score <= -s : Math.abs(score) >= s;
  return {
    value: input.current,
    score,
    band: { median: med, lower: med - s * scale, upper: med + s * scale },
    verdicts: [{ severity, verdict: breach ? "breach" : "clear" }],
  };
}

export function judge(cond: Condition, severity: Severity, input: GroupInput): Judgement {
  switch (cond.kind) {
    case "threshold":
      return { value: input.current, verdicts: levels(cond.op, input.current, cond.thresholds) };
    case "change": {
      const value = change(cond.mode, input.current, input.before);
      return { value, verdicts: levels(cond.op, value, cond.thresholds) };
    }
    case "nodata":
      // A row came back for this group: data is present.
      return { value: input.current, verdicts: [{ severity, verdict: "clear" }] };
    case "anomaly":
      return anomaly(cond, severity, input);
  }
}

/** Severities a rule's series can have (one series per group and level). */
export function ruleLevels(cond: Condition, severity: Severity): Severity[] {
  if (cond.kind === "threshold" || cond.kind === "change") return LEVELS.filter((l) => cond.thresholds[l] !== undefined);
  return [severity];
}
