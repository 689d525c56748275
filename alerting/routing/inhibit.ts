/**
 * Inhibition (Alertmanager's inhibit/inhibit.go): a firing alert matching a rule's source
 * matchers mutes every alert matching its target matchers that has the same values for
 * the `equal` labels (a label missing on both sides counts as equal). An alert matching
 * both sides of a rule cannot be inhibited by another alert that also matches both, so
 * a set of equal alerts never mutes itself away.
 */
import { matchesAll, parseMatcher, type Labels, type Matcher } from "./matchers";
import type { InhibitRuleConfig } from "./config";

export interface InhibitRule {
  source: Matcher[];
  target: Matcher[];
  equal: string[];
}

export function buildInhibitRules(rules: InhibitRuleConfig[]): InhibitRule[] {
  return rules.map((r) => ({ source: r.source_matchers.map(parseMatcher), target: r.target_matchers.map(parseMatcher), equal: r.equal ?? [] }));
}

export interface SourceAlert {
  fingerprint: string;
  labels: Labels;
}

/** The index of the first rule that inhibits `target`, or -1. `firing` are the currently firing alerts. */
export function inhibitedBy(rules: InhibitRule[], target: SourceAlert, firing: SourceAlert[]): { rule: number; source: string } | null {
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (!matchesAll(rule.target, target.labels)) continue;
    const twoSided = matchesAll(rule.source, target.labels);
    for (const source of firing) {
      if (source.fingerprint === target.fingerprint) continue;
      if (!matchesAll(rule.source, source.labels)) continue;
      if (twoSided && matchesAll(rule.target, source.labels)) continue;
      if (rule.equal.every((name) => (source.labels[name] ?? "") === (target.labels[name] ?? ""))) return { rule: i, source: source.fingerprint };
    }
  }
  return null;
}
