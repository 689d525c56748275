/**
 * An alert rule as stored (D1 `alert_rules`) and sent over the API. Durations are kept in
 * milliseconds here; the API reads and writes them as text ("5m") — see validate.ts.
 */
import type { Severity } from "../../core/alerts/model";

/** Datadog's monitor threshold shape: levels plus their recovery points (hysteresis). */
export interface Thresholds {
  critical?: number;
  warning?: number;
  /** A firing critical series resolves only once the value is back past this (default: `critical`). */
  critical_recovery?: number;
  warning_recovery?: number;
}

export type Direction = "above" | "below";

export interface ThresholdCondition {
  kind: "threshold";
  op: Direction;
  thresholds: Thresholds;
}

/** The value compared is the change against the same query `offset` earlier. */
export interface ChangeCondition {
  kind: "change";
  op: Direction;
  /** "absolute": now − before; "percent": 100 × (now − before) / |before|. */
  mode: "absolute" | "percent";
  offsetMs: number;
  thresholds: Thresholds;
}

/** Fires for a group (or the whole rule) that returned no row. */
export interface NoDataCondition {
  kind: "nodata";
}

/**
 * Robust deviation: score = (value − median) / (1.4826 × MAD) over baseline windows, either
 * the same window on each of the past `days` days ("same_hour") or the `points` windows
 * just before ("rolling"). Fires when |score| ≥ sensitivity in the chosen direction.
 */
export interface AnomalyCondition {
  kind: "anomaly";
  baseline: "same_hour" | "rolling";
  /** same_hour: days back (1–14); rolling: windows back (3–30). */
  points: number;
  sensitivity: number;
  direction: Direction | "both";
}

export type Condition = ThresholdCondition | ChangeCondition | NoDataCondition | AnomalyCondition;

/** What an existing series that returned no row becomes (for conditions other than nodata). */
export type NoDataState = "nodata" | "ok" | "alerting";

export interface AlertRule {
  id: string;
  projectId: string;
  name: string;
  query: string;
  /** The result column holding the value; null = the last numeric column. */
  valueColumn: string | null;
  intervalMs: number;
  windowMs: number;
  forMs: number;
  condition: Condition;
  noDataState: NoDataState;
  /** Severity of conditions without levels (nodata, anomaly, no-data as alerting). */
  severity: Severity;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
}

/** The fields a client sets (everything but id, project and timestamps). */
export type RuleSpec = Omit<AlertRule, "id" | "projectId" | "createdAt" | "updatedAt">;
