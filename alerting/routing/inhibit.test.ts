import { describe, expect, it } from "vitest";
import { buildInhibitRules, inhibitedBy } from "./inhibit";

// Cases after prometheus/alertmanager inhibit/inhibit_test.go (TestInhibitRuleHasEqual,
// TestInhibitRuleMatches) and the inhibit_rules example of Alertmanager's configuration docs.
describe("inhibition", () => {
  const [rule] = buildInhibitRules([{ source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'], equal: ["alertname", "cluster"] }]);

  it("a firing critical mutes warnings with the same alertname and cluster only", () => {
    const crit = { fingerprint: "c", labels: { alertname: "Disk", cluster: "eu", severity: "critical" } };
    expect(inhibitedBy([rule], { fingerprint: "w1", labels: { alertname: "Disk", cluster: "eu", severity: "warning" } }, [crit])).toEqual({ rule: 0, source: "c" });
    expect(inhibitedBy([rule], { fingerprint: "w2", labels: { alertname: "Disk", cluster: "us", severity: "warning" } }, [crit])).toBeNull();
    expect(inhibitedBy([rule], { fingerprint: "i", labels: { alertname: "Disk", cluster: "eu", severity: "info" } }, [crit])).toBeNull();
  });

  it("with no source alerts nothing is inhibited; with no equal labels any source will do", () => {
    const [any] = buildInhibitRules([{ source_matchers: ['a="b"'], target_matchers: ['t="1"'] }]);
    expect(inhibitedBy([any], { fingerprint: "x", labels: { t: "1" } }, [])).toBeNull();
    expect(inhibitedBy([any], { fingerprint: "x", labels: { t: "1" } }, [{ fingerprint: "s", labels: { a: "b", z: "9" } }])).not.toBeNull();
  });

  it("labels missing on both sides count as equal", () => {
    expect(inhibitedBy([rule], { fingerprint: "w", labels: { alertname: "Disk", severity: "warning" } }, [{ fingerprint: "c", labels: { alertname: "Disk", severity: "critical" } }])).not.toBeNull();
  });

  it("alerts matching both source and target do not inhibit each other", () => {
    const [both] = buildInhibitRules([{ source_matchers: ['team="x"'], target_matchers: ['team="x"'], equal: [] }]);
    const a = { fingerprint: "a", labels: { team: "x" } };
    const b = { fingerprint: "b", labels: { team: "x" } };
    expect(inhibitedBy([both], a, [a, b])).toBeNull();
  });
});
