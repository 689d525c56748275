import { describe, expect, it } from "vitest";
import { parseDuration, formatDuration } from "./duration";
import { parseRuleSpec, ruleToJson } from "./validate";

const valid = {
  name: "High errors",
  query: 'logs | where severity >= "ERROR" | summarize errors = count() by service.name',
  interval: "1m",
  window: "5m",
  for: "2m",
  condition: { kind: "threshold", op: "above", thresholds: { critical: 10, warning: 5, warning_recovery: 3 } },
  labels: { team: "payments" },
  annotations: { summary: "{{ $labels.service_name }}: {{ $value }} errors" },
};

describe("rule validation", () => {
  it("accepts a full rule and round-trips it to JSON", () => {
    const r = parseRuleSpec(valid);
    expect(r.errors).toEqual([]);
    expect(r.spec).toMatchObject({ name: "High errors", intervalMs: 60_000, windowMs: 300_000, forMs: 120_000, noDataState: "nodata", severity: "warning", enabled: true });
    const json = ruleToJson({ ...r.spec!, id: "x", projectId: "p", createdAt: 1, updatedAt: 2 });
    expect(parseRuleSpec(json).spec).toEqual(r.spec);
  });

  it("names every bad field at once", () => {
    const r = parseRuleSpec({
      name: "",
      query: "logs | where servce.name == 1",
      interval: "90s",
      window: "soon",
      condition: { kind: "threshold", op: "above", thresholds: { critical: 5, warning: 10, critical_recovery: 7 } },
      labels: { alertname: "x", "bad-name": "y" },
      annotations: { summary: "{{ $value | humanise }}" },
      enabled: "yes",
      colour: "red",
    });
    const fields = r.errors.map((e) => e.field).sort();
    expect(fields).toEqual([
      "annotations.summary",
      "colour",
      "condition.thresholds.critical_recovery",
      "condition.thresholds.warning",
      "enabled",
      "interval",
      "labels.alertname",
      "labels.bad-name",
      "name",
      "query",
      "window",
    ]);
    const q = r.errors.find((e) => e.field === "query")!;
    expect(q.message).toMatch(/servce\.name/);
    expect(q.from).toBe(13);
  });

  it("checks each condition kind's own fields", () => {
    const errs = (condition: unknown) => parseRuleSpec({ ...valid, condition }).errors.map((e) => e.field);
    expect(errs({ kind: "change", op: "above", mode: "ratio", offset: "1d", thresholds: { critical: 50 } })).toEqual(["condition.mode"]);
    expect(errs({ kind: "change", op: "above", mode: "percent", thresholds: { critical: 50 } })).toEqual(["condition.offset"]);
    expect(errs({ kind: "anomaly", baseline: "rolling", points: 2 })).toEqual(["condition.points"]);
    expect(errs({ kind: "anomaly", baseline: "same_hour", sensitivity: 0 })).toEqual(["condition.sensitivity"]);
    expect(errs({ kind: "threshold", op: "above", thresholds: {} })).toEqual(["condition.thresholds"]);
    expect(errs({ kind: "nodata" })).toEqual([]);
    expect(errs({ kind: "sometimes" })).toEqual(["condition.kind"]);
    expect(errs(undefined)).toEqual(["condition"]);
  });
});

describe("durations", () => {
  it("reads and prints Prometheus-style durations", () => {
    expect(parseDuration("1h30m")).toBe(5_400_000);
    expect(parseDuration("0")).toBe(0);
    expect(parseDuration("5 minutes")).toBeUndefined();
    expect(formatDuration(5_400_000)).toBe("1h30m");
    expect(formatDuration(86_400_000)).toBe("1d");
  });
});
