import { describe, expect, it } from "vitest";
import { importAlertmanagerYaml } from "./import-yaml";
import { buildRoute, groupKey, matchRoutes, DEFAULT_GROUP_INTERVAL_MS, DEFAULT_GROUP_WAIT_MS, DEFAULT_REPEAT_INTERVAL_MS } from "./route";

// Ported from prometheus/alertmanager dispatch/route_test.go, TestRouteMatch (the same tree
// and the same cases: expected receivers, options and route keys).
const TREE = `
route:
  receiver: 'notify-def'
  routes:
  - match:
      owner: 'team-A'
    receiver: 'notify-A'
    routes:
    - match:
        env: 'testing'
      receiver: 'notify-testing'
      group_by: [...]
    - match:
        env: "production"
      receiver: 'notify-productionA'
      group_wait: 1m
      continue: true
    - match_re:
        env: "produ.*"
        job: ".*"
      receiver: 'notify-productionB'
      group_wait: 30s
      group_interval: 5m
      repeat_interval: 1h
      group_by: ['job']
  - match_re:
      owner: 'team-(B|C)'
    group_by: ['foo', 'bar']
    group_wait: 2m
    receiver: 'notify-BC'
  - match:
      group_by: 'role'
    group_by: ['role']
    routes:
    - match:
        env: 'testing'
      receiver: 'notify-testing'
      routes:
      - match:
          wait: 'long'
        group_wait: 2m
`;

const tree = buildRoute(importAlertmanagerYaml(TREE).config.route);
const def = { groupBy: [] as string[], groupByAll: false, groupWaitMs: DEFAULT_GROUP_WAIT_MS, groupIntervalMs: DEFAULT_GROUP_INTERVAL_MS, repeatIntervalMs: DEFAULT_REPEAT_INTERVAL_MS };

const cases: { input: Record<string, string>; result: Partial<typeof def & { receiver: string }>[]; keys: string[] }[] = [
  { input: { owner: "team-A" }, result: [{ ...def, receiver: "notify-A" }], keys: ['{}/{owner="team-A"}'] },
  { input: { owner: "team-A", env: "unset" }, result: [{ ...def, receiver: "notify-A" }], keys: ['{}/{owner="team-A"}'] },
  { input: { owner: "team-C" }, result: [{ ...def, receiver: "notify-BC", groupBy: ["foo", "bar"], groupWaitMs: 120_000 }], keys: ['{}/{owner=~"^(?:team-(B|C))$"}'] },
  { input: { owner: "team-A", env: "testing" }, result: [{ ...def, receiver: "notify-testing", groupByAll: true }], keys: ['{}/{owner="team-A"}/{env="testing"}'] },
  {
    input: { owner: "team-A", env: "production" },
    result: [
      { ...def, receiver: "notify-productionA", groupWaitMs: 60_000 },
      { ...def, receiver: "notify-productionB", groupBy: ["job"], groupWaitMs: 30_000, groupIntervalMs: 300_000, repeatIntervalMs: 3_600_000 },
    ],
    keys: ['{}/{owner="team-A"}/{env="production"}', '{}/{owner="team-A"}/{env=~"^(?:produ.*)$",job=~"^(?:.*)$"}'],
  },
  { input: { group_by: "role" }, result: [{ ...def, receiver: "notify-def", groupBy: ["role"] }], keys: ['{}/{group_by="role"}'] },
  { input: { env: "testing", group_by: "role" }, result: [{ ...def, receiver: "notify-testing", groupBy: ["role"] }], keys: ['{}/{group_by="role"}/{env="testing"}'] },
  {
    input: { env: "testing", group_by: "role", wait: "long" },
    result: [{ ...def, receiver: "notify-testing", groupBy: ["role"], groupWaitMs: 120_000 }],
    keys: ['{}/{group_by="role"}/{env="testing"}/{wait="long"}'],
  },
];

describe("route tree (Alertmanager dispatch/route_test.go TestRouteMatch)", () => {
  for (const c of cases) {
    it(`routes ${JSON.stringify(c.input)}`, () => {
      const matched = matchRoutes(tree, c.input);
      expect(matched.map((r) => r.key)).toEqual(c.keys);
      matched.forEach((r, i) => expect(r.opts).toMatchObject(c.result[i]));
    });
  }
});

describe("grouping", () => {
  it("groups by the listed labels, by all labels with '...', and by nothing", () => {
    const root = buildRoute({
      receiver: "r",
      group_by: ["alertname"],
      routes: [
        { matchers: ['team="db"'], group_by: ["..."] },
        { matchers: ['team="none"'], group_by: [] },
      ],
    });
    const [web] = matchRoutes(root, { alertname: "High", team: "web", instance: "a" });
    expect(groupKey(web, { alertname: "High", team: "web", instance: "a" })).toBe('{}:{alertname="High"}');
    expect(groupKey(web, { alertname: "High", team: "web", instance: "b" })).toBe('{}:{alertname="High"}');
    const [db] = matchRoutes(root, { alertname: "High", team: "db" });
    expect(groupKey(db, { alertname: "High", team: "db" })).toBe('{}/{team="db"}:{alertname="High", team="db"}');
    const [none] = matchRoutes(root, { alertname: "X", team: "none" });
    expect(groupKey(none, { alertname: "X", team: "none" })).toBe('{}/{team="none"}:{}');
  });

  it("inherits receiver, timers and time intervals; a child setting escalation_policy drops the inherited receiver", () => {
    const root = buildRoute({
      receiver: "ops",
      group_wait: "10s",
      mute_time_intervals: ["nights"],
      routes: [{ matchers: ['severity="critical"'], escalation_policy: "primary", routes: [{ matchers: ['team="db"'], repeat_interval: "1h" }] }],
    });
    const [r] = matchRoutes(root, { severity: "critical", team: "db" });
    expect(r.opts).toMatchObject({ receiver: null, escalationPolicy: "primary", groupWaitMs: 10_000, repeatIntervalMs: 3_600_000, muteTimeIntervals: ["nights"] });
  });

  it("treats a missing label as empty, as Alertmanager does", () => {
    const root = buildRoute({ receiver: "r", routes: [{ matchers: ['team=""'], receiver: "orphans" }, { matchers: ['team!~"web|db"'], receiver: "others" }] });
    expect(matchRoutes(root, { alertname: "x" })[0].opts.receiver).toBe("orphans");
    expect(matchRoutes(root, { team: "mobile" })[0].opts.receiver).toBe("others");
    expect(matchRoutes(root, { team: "web" })[0].opts.receiver).toBe("r");
    // Anchored: "web" alone, not "webapp".
    expect(matchRoutes(root, { team: "webapp" })[0].opts.receiver).toBe("others");
  });
});
