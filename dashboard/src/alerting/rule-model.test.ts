import { describe, expect, it } from "vitest";
import { EMPTY_FORM, errorsByControl, formToRule, parsePairs, ruleToForm } from "./rule-model";

describe("rule builder form", () => {
  it("turns the form into the API's rule and back", () => {
    const form = { ...EMPTY_FORM, name: " Errors ", warning: "5", criticalRecovery: "8", labels: "team=pay\n\nenv = prod", forText: "" };
    const rule = formToRule(form);
    expect(rule).toMatchObject({
      name: "Errors",
      for: "0",
      value_column: null,
      condition: { kind: "threshold", op: "above", thresholds: { critical: 10, warning: 5, critical_recovery: 8 } },
      labels: { team: "pay", env: "prod" },
      annotations: { summary: "{{ $labels.service_name }}: {{ $value }}" },
    });
    const back = ruleToForm({ ...rule, id: "x" });
    expect(formToRule(back)).toEqual(rule);
  });

  it("sends what was typed in a bad number so the server can name the field", () => {
    expect(formToRule({ ...EMPTY_FORM, critical: "ten" }).condition).toEqual({ kind: "threshold", op: "above", thresholds: { critical: "ten" } });
    expect(formToRule({ ...EMPTY_FORM, kind: "anomaly", points: "7", sensitivity: "2.5" }).condition).toEqual({ kind: "anomaly", baseline: "same_hour", points: 7, sensitivity: 2.5, direction: "both" });
    expect(formToRule({ ...EMPTY_FORM, kind: "change", offset: " 1h " }).condition).toMatchObject({ kind: "change", offset: "1h", mode: "percent" });
  });

  it("places field errors beside their controls", () => {
    expect(errorsByControl([
      { field: "condition.thresholds.warning", message: "a" },
      { field: "labels.alertname", message: "b" },
      { field: "labels.x-y", message: "c" },
      { field: "query", message: "d" },
    ])).toEqual({ warning: "a", labels: "b; c", query: "d" });
    expect(parsePairs("a=b=c\nflag")).toEqual({ a: "b=c", flag: "" });
  });
});
