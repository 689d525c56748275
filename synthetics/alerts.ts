/**
 * Check incidents in the shape alerting routes (core/alerts/model.ts AlertInstance, the
 * Alertmanager alert): one alert per incident, identified by check and kind, so the
 * routing tree can match `source="synthetics"`, `check`, `kind`, `severity` labels.
 */
import type { AlertInstance } from "../core/alerts/model";
import type { Incident } from "./store";

/** Stable across the incident's life: open and resolved notifications group together. */
export function incidentFingerprint(i: Pick<Incident, "checkId" | "kind">): string {
  return `synthetics:${i.checkId}:${i.kind}`;
}

export function incidentAlert(i: Incident): AlertInstance {
  return {
    projectId: i.projectId,
    ruleId: `check:${i.checkId}`,
    ruleName: i.checkName,
    fingerprint: incidentFingerprint(i),
    labels: { alertname: i.checkName, source: "synthetics", check: i.checkName, check_id: i.checkId, kind: i.kind, severity: i.severity, ...(i.regions.length ? { regions: i.regions.join(",") } : {}) },
    annotations: { summary: i.summary, ...(i.lastError ? { description: i.lastError } : {}) },
    status: i.status === "open" ? "firing" : "resolved",
    startsAt: i.openedAt,
    endsAt: i.resolvedAt,
    value: null,
    generatorURL: `/synthetics/${i.checkId}`,
  };
}
