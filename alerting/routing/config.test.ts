import { describe, expect, it } from "vitest";
import { validateConfig } from "./config";
import { importAlertmanagerYaml, ImportError } from "./import-yaml";

describe("config validation", () => {
  it("accepts Alertmanager's shapes and names every bad field", () => {
    expect(validateConfig({ route: { receiver: "a", group_by: ["..."], routes: [{ matchers: ['x=~"a|b"'], continue: true }] } }, { receivers: new Set(["a"]) })).toEqual([]);
    const errors = validateConfig(
      { route: { matchers: ['a="b"'], continue: true, group_by: ["...", "x"], repeat_interval: "0s", routes: [{ receiver: "ghost", escalation_policy: "nope", colour: "red" }] } },
      { receivers: new Set(["a"]), policies: new Set() },
    );
    expect(errors.map((e) => e.path)).toEqual([
      "route.receiver",
      "route.matchers",
      "route.group_by",
      "route.continue",
      "route.repeat_interval",
      "route.routes[0].colour",
      "route.routes[0].receiver",
      "route.routes[0].escalation_policy",
    ]);
  });
});

describe("Alertmanager YAML import", () => {
  it("converts old-style match, source_match/target_match and mute_time_intervals", () => {
    const { config, receivers, warnings } = importAlertmanagerYaml(`
route:
  receiver: r
  routes:
    - match: { team: db }
      receiver: r
inhibit_rules:
  - source_match: { severity: critical }
    target_match_re: { severity: "warning|info" }
    equal: [alertname]
mute_time_intervals:
  - name: nights
    time_intervals: [{ times: [{ start_time: "22:00", end_time: "24:00" }] }]
receivers:
  - name: r
  - name: mail
    email_configs: [{ to: x@example.com }]
templates: ['*.tmpl']
`);
    expect(config.route.routes![0].matchers).toEqual(['team="db"']);
    expect(config.inhibit_rules[0]).toEqual({ source_matchers: ['severity="critical"'], target_matchers: ['severity=~"^(?:warning|info)$"'], equal: ["alertname"] });
    expect(config.time_intervals.map((t) => t.name)).toEqual(["nights"]);
    expect(receivers).toEqual([{ name: "r", integrations: [] }, { name: "mail", integrations: [] }]);
    expect(warnings).toEqual(["templates are not imported: notifications use the built-in payloads", "receivers[1].email_configs: this receiver kind is not supported and was not imported"]);
    expect(validateConfig(config)).toEqual([]);
  });
  it("reports where a file is wrong", () => {
    expect(() => importAlertmanagerYaml("receivers: []")).toThrow(ImportError);
    let error: unknown = null;
    try {
      importAlertmanagerYaml("route: { receiver: a }\nreceivers:\n  - name: a\n    webhook_configs: [{ send_resolved: true }]");
    } catch (e) {
      error = e;
    }
    expect((error as ImportError).path).toBe("receivers[0].webhook_configs[0].url");
  });
});
