import { describe, expect, it } from "vitest";
import { needsUpdate } from "./dedup";

// Ported from prometheus/alertmanager notify/notify_test.go, TestDedupStageNeedsUpdate (same cases, same order).
const now = 1_000_000_000;
const min = 60_000;
const ids = (...n: number[]) => n.map(String);

describe("notification log dedup (Alertmanager TestDedupStageNeedsUpdate)", () => {
  const cases = [
    { name: "no entry, firing alerts: update", entry: null, firing: ids(2, 3, 4), resolved: [], repeat: 0, resolve: false, res: true },
    { name: "no entry, only resolved: no update", entry: null, firing: [], resolved: ids(2, 3, 4), repeat: 0, resolve: false, res: false },
    { name: "different firing sets: update", entry: { firing: ids(1, 2, 3), resolved: [], sentAt: now }, firing: ids(2, 3, 4), resolved: [], repeat: 0, resolve: false, res: true },
    { name: "zero timestamp: update", entry: { firing: ids(1, 2, 3), resolved: [], sentAt: 0 }, firing: ids(1, 2, 3), resolved: [], repeat: 0, resolve: false, res: true },
    { name: "identical before repeat_interval: no update", entry: { firing: ids(1, 2, 3), resolved: [], sentAt: now - 9 * min }, firing: ids(1, 2, 3), resolved: [], repeat: 10 * min, resolve: false, res: false },
    { name: "identical after repeat_interval: update", entry: { firing: ids(1, 2, 3), resolved: [], sentAt: now - 11 * min }, firing: ids(1, 2, 3), resolved: [], repeat: 10 * min, resolve: false, res: true },
    { name: "only resolved sets differ, no firing: no update", entry: { firing: [], resolved: ids(1, 2, 3), sentAt: now - 11 * min }, firing: [], resolved: ids(3, 4, 5), repeat: 10 * min, resolve: true, res: false },
    { name: "resolved differ, send_resolved false: no update", entry: { firing: ids(1, 2), resolved: ids(3), sentAt: now - 9 * min }, firing: ids(1), resolved: ids(2, 3), repeat: 10 * min, resolve: false, res: false },
    { name: "resolved differ, send_resolved true: update", entry: { firing: ids(1, 2), resolved: ids(3), sentAt: now - 9 * min }, firing: ids(1), resolved: ids(2, 3), repeat: 10 * min, resolve: true, res: true },
    { name: "all resolved, send_resolved false: update", entry: { firing: ids(1, 2), resolved: ids(3), sentAt: now - 9 * min }, firing: [], resolved: ids(1, 2, 3), repeat: 10 * min, resolve: false, res: true },
    { name: "all resolved, send_resolved true: update", entry: { firing: ids(1, 2), resolved: ids(3), sentAt: now - 9 * min }, firing: [], resolved: ids(1, 2, 3), repeat: 10 * min, resolve: true, res: true },
  ];
  for (const c of cases) it(c.name, () => expect(needsUpdate(c.entry, c.firing, c.resolved, c.resolve, c.repeat, now) !== null).toBe(c.res));
});
