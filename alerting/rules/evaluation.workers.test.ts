/**
 * Rule evaluation through the real scheduled handler, inside workerd with real D1, R2 and
 * Durable Objects: logs sent over OTLP cross a threshold, the rule goes pending, fires
 * after its `for`, the sink hears it (and hears it again each evaluation), then resolves;
 * the same minute delivered twice is evaluated once; the state survives the
 * AlertStateObject being thrown away and re-created.
 */
import { createExecutionContext, createScheduledController, env, runInDurableObject, SELF, waitOnExecutionContext } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AlertInstance } from "../../core/alerts/model";
import worker from "../../workers/index";
import { createApiKey, createProject } from "../../workers/control/store";
import { logsPayload } from "../../test/workers/otlp-json";
import { AlertStateObject } from "../../durable-objects/alert-state/alert-state-object";
import { listHistory } from "../history";
import { setAlertSinkOverride } from "./sink-factory";

const MIN = 60_000;

/** Collects what the evaluator hands over; the observation point of these tests. */
class RecordingSink {
  calls: { projectId: string; alerts: AlertInstance[]; nowMs: number }[] = [];
  async receive(projectId: string, alerts: AlertInstance[], nowMs: number) {
    this.calls.push({ projectId, alerts: structuredClone(alerts), nowMs });
  }
  for(projectId: string) {
    return this.calls.filter((c) => c.projectId === projectId);
  }
}

let sink: RecordingSink;
beforeEach(() => {
  sink = new RecordingSink();
  setAlertSinkOverride(sink);
});
afterEach(() => setAlertSinkOverride(null));

let n = 0;
async function project() {
  const id = `ev${Date.now().toString(36)}${n++}`;
  await createProject(env.DB, id, id);
  const { key } = await createApiKey(env.DB, id, "t", ["ingest", "read", "admin"]);
  return { id, key };
}

async function ingestErrors(key: string, service: string, minuteMs: number, count: number) {
  const records = Array.from({ length: count }, (_, i) => ({ seq: i, timeMs: minuteMs + 1000 + i * 100, severity: "ERROR", body: `failure ${i}` }));
  const res = await SELF.fetch("http://x/v1/logs", {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: logsPayload(service, records),
  });
  expect(res.status).toBe(200);
}

async function createRule(key: string, body: Record<string, unknown>) {
  const res = await SELF.fetch("http://x/api/v1/alert-rules", {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { id: string };
  expect(res.status).toBe(201);
  return json.id;
}

/** One cron delivery at `scheduledTime`, through the worker's own scheduled export. */
async function tick(scheduledTime: number) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime, cron: "* * * * *" }), env, ctx);
  await waitOnExecutionContext(ctx);
}

const errorRule = {
  name: "Checkout errors",
  query: 'logs | where severity_text == "ERROR" | summarize errors = count() by service.name',
  interval: "1m",
  window: "1m",
  for: "2m",
  condition: { kind: "threshold", op: "above", thresholds: { critical: 5, critical_recovery: 2 } },
  no_data_state: "ok",
  labels: { team: "payments" },
  annotations: { summary: "{{ $labels.service_name }} logged {{ $value }} errors" },
};

/** A minute an hour ago: the windows are in the past, the data is sent now. */
const baseMinute = () => Math.floor(Date.now() / MIN) * MIN - 60 * MIN;

describe("rule evaluation from the cron", () => {
  it("goes pending, fires after `for`, re-sends while firing, and resolves", async () => {
    const p = await project();
    const M = baseMinute();
    for (let k = 0; k < 4; k++) await ingestErrors(p.key, "checkout", M + k * MIN, 10);
    await ingestErrors(p.key, "search", M, 1);
    const ruleId = await createRule(p.key, errorRule);

    await tick(M + 1 * MIN); // window [M, M+1): 10 errors → pending
    await tick(M + 2 * MIN + 15_000); // a late delivery still evaluates minute M+2: pending
    expect(sink.for(p.id).flatMap((c) => c.alerts)).toEqual([]);

    await tick(M + 3 * MIN); // breach held 2m → firing
    const fired = sink.for(p.id).at(-1)!;
    expect(fired.nowMs).toBe(M + 3 * MIN);
    expect(fired.alerts).toHaveLength(1);
    expect(fired.alerts[0]).toMatchObject({
      projectId: p.id,
      ruleId,
      ruleName: "Checkout errors",
      status: "firing",
      startsAt: M + 1 * MIN,
      endsAt: null,
      value: 10,
      labels: { alertname: "Checkout errors", severity: "critical", team: "payments", service_name: "checkout" },
      annotations: { summary: "checkout logged 10 errors" },
    });

    await tick(M + 4 * MIN); // still 10: re-sent as firing
    expect(sink.for(p.id).at(-1)!.alerts.map((a) => a.status)).toEqual(["firing"]);

    await tick(M + 5 * MIN); // window [M+4, M+5) is empty → resolved
    const resolved = sink.for(p.id).at(-1)!;
    expect(resolved.alerts).toEqual([expect.objectContaining({ status: "resolved", endsAt: M + 5 * MIN, startsAt: M + 1 * MIN, fingerprint: fired.alerts[0].fingerprint })]);

    const history = await listHistory(env.DB, p.id, { ruleId, kind: "state" });
    expect(history.map((h) => [h.at - M, h.detail, h.status]).reverse()).toEqual([
      [1 * MIN, "ok", "pending"],
      [3 * MIN, "pending", "firing"],
      [5 * MIN, "firing", "resolved"],
    ]);
    expect(history.every((h) => h.fingerprint === fired.alerts[0].fingerprint)).toBe(true);

    const state = await SELF.fetch(`http://x/api/v1/alert-rules/${ruleId}/state`, { headers: { authorization: `Bearer ${p.key}` } });
    const body = (await state.json()) as { series: { state: string; labels: Record<string, string> }[] };
    expect(body.series.map((s) => [s.labels.service_name, s.state])).toEqual([["checkout", "resolved"]]);
  }, 30_000);

  it("evaluates a minute once however often the cron is delivered", async () => {
    const p = await project();
    const M = baseMinute();
    await ingestErrors(p.key, "checkout", M, 10);
    const ruleId = await createRule(p.key, { ...errorRule, for: "0" });
    await tick(M + MIN);
    await tick(M + MIN);
    await tick(M + MIN + 30_000);
    expect(sink.for(p.id)).toHaveLength(1);
    const history = await listHistory(env.DB, p.id, { ruleId });
    expect(history.map((h) => h.status)).toEqual(["firing"]);
  }, 30_000);

  it("keeps the state in storage: a new object instance over the same storage carries on", async () => {
    const p = await project();
    const M = baseMinute();
    for (let k = 0; k < 3; k++) await ingestErrors(p.key, "checkout", M + k * MIN, 10);
    const ruleId = await createRule(p.key, errorRule);
    await tick(M + MIN); // pending since M+1
    const stub = env.ALERT_STATE.get(env.ALERT_STATE.idFromName(p.id));
    // What a restart leaves: the storage, and an object constructed afresh over it.
    const seen = await runInDurableObject(stub, (live: AlertStateObject, state) => {
      const fresh = new AlertStateObject(state, env);
      expect(fresh).not.toBe(live);
      return { series: fresh.seriesOf(ruleId), claimedAgain: fresh.claim(ruleId, M + MIN, Date.now()) };
    });
    expect(seen.series.map((s) => [s.state, s.activeAt])).toEqual([["pending", M + MIN]]);
    expect(seen.claimedAgain).toBe(false);
    await tick(M + 2 * MIN); // still pending: the `for` counts from M+1
    expect(sink.for(p.id).flatMap((c) => c.alerts)).toEqual([]);
    await tick(M + 3 * MIN);
    expect(sink.for(p.id).at(-1)!.alerts.map((a) => [a.status, a.startsAt])).toEqual([["firing", M + MIN]]);
  }, 30_000);

  it("puts a rule whose query fails into the error state, without stopping other rules", async () => {
    const p = await project();
    const M = baseMinute();
    await ingestErrors(p.key, "checkout", M, 10);
    const bad = await createRule(p.key, { ...errorRule, name: "Wrong column", value_column: "nope" });
    const good = await createRule(p.key, { ...errorRule, name: "Fine", for: "0" });
    await tick(M + MIN);
    const state = async (id: string) =>
      ((await (await SELF.fetch(`http://x/api/v1/alert-rules/${id}/state`, { headers: { authorization: `Bearer ${p.key}` } })).json()) as { series: { state: string; error: string | null }[] }).series;
    expect(await state(bad)).toEqual([expect.objectContaining({ state: "error", error: expect.stringMatching(/value column 'nope' is not in the result/) })]);
    expect((await state(good)).map((s) => s.state)).toEqual(["firing"]);
  }, 30_000);

  it("runs a rule only at the minutes its interval is due", async () => {
    const p = await project();
    const M5 = Math.floor(baseMinute() / (5 * MIN)) * 5 * MIN + 5 * MIN;
    for (let k = -5; k < 5; k++) await ingestErrors(p.key, "checkout", M5 + k * MIN, 10);
    const ruleId = await createRule(p.key, { ...errorRule, interval: "5m", for: "0" });
    await tick(M5 + MIN);
    await tick(M5 + 2 * MIN);
    expect(await listHistory(env.DB, p.id, { ruleId })).toEqual([]);
    expect(sink.for(p.id)).toEqual([]);
    await tick(M5);
    expect((await listHistory(env.DB, p.id, { ruleId })).map((h) => [h.at, h.status])).toEqual([[M5, "firing"]]);
  }, 30_000);

  it("resolves a firing rule's alerts towards the sink when the rule is deleted", async () => {
    const p = await project();
    const M = baseMinute();
    await ingestErrors(p.key, "checkout", M, 10);
    const ruleId = await createRule(p.key, { ...errorRule, for: "0" });
    await tick(M + MIN);
    const fingerprint = sink.for(p.id).at(-1)!.alerts[0].fingerprint;
    const res = await SELF.fetch(`http://x/api/v1/alert-rules/${ruleId}`, { method: "DELETE", headers: { authorization: `Bearer ${p.key}` } });
    expect(res.status).toBe(204);
    await expect.poll(() => sink.for(p.id).length).toBe(2);
    expect(sink.for(p.id)[1].alerts).toEqual([expect.objectContaining({ fingerprint, status: "resolved", ruleId })]);
    const history = await listHistory(env.DB, p.id, { ruleId });
    expect(history.map((h) => [h.detail, h.status, h.data.reason])).toEqual([["firing", "ok", "rule deleted"], ["ok", "firing", undefined]]);
    const state = await env.ALERT_STATE.get(env.ALERT_STATE.idFromName(p.id)).seriesOf(ruleId);
    expect(state).toEqual([]);
  }, 30_000);
});
