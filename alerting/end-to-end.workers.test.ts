/**
 * Rules to people, inside workerd: logs sent over OTLP cross a rule's threshold for two
 * services, the real scheduled handler evaluates the rule minute by minute and hands the
 * alerts to the dispatcher, and a real HTTP receiver on loopback gets exactly one grouped
 * notification (both services), then one resolved notification.
 *
 * The minutes are the three just past, so the dispatcher's own alarm (which runs on the
 * wall clock) agrees with the evaluator's clock; the test also drives the dispatcher at the
 * evaluator's minutes, and the notification log keeps either path from sending twice.
 */
import { createExecutionContext, createScheduledController, env, SELF, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, inject, it } from "vitest";
import worker from "../workers/index";
import { createApiKey, createProject } from "../workers/control/store";
import { logsPayload } from "../test/workers/otlp-json";
import { dispatcherFor } from "./routing/sink";
import type { WebhookPayload } from "./notify/webhook";

const MIN = 60_000;
const receiver = inject("receiverUrl");

async function call(key: string, method: string, path: string, body: unknown) {
  const res = await SELF.fetch(`http://x${path}`, { method, headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function ingestErrors(key: string, service: string, minuteMs: number, count: number) {
  const records = Array.from({ length: count }, (_, i) => ({ seq: i, timeMs: minuteMs + 1000 + i * 100, severity: "ERROR", body: `failure ${i}` }));
  const res = await SELF.fetch("http://x/v1/logs", { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: logsPayload(service, records) });
  expect(res.status).toBe(200);
}

async function cron(scheduledTime: number) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime, cron: "* * * * *" }), env, ctx);
  await waitOnExecutionContext(ctx);
}

const received = async (bucket: string) => ((await (await fetch(`${receiver}/log/${bucket}`)).json()) as { body: WebhookPayload }[]).map((r) => r.body);

describe("rule → dispatcher → receiver", () => {
  it("one grouped notification when the rule fires for two services, then one resolved", async () => {
    const projectId = `e2e${Date.now().toString(36)}`;
    await createProject(env.DB, projectId, projectId);
    const { key } = await createApiKey(env.DB, projectId, "t", ["ingest", "read", "admin"]);
    const bucket = `e2e-${projectId}`;
    expect((await call(key, "POST", "/api/v1/contact-points", { name: "oncall-hook", integrations: [{ kind: "webhook", send_resolved: true, settings: { url: `${receiver}/hook/${bucket}` } }] })).status).toBe(201);
    expect((await call(key, "PUT", "/api/v1/alerting/config", { route: { receiver: "oncall-hook", group_by: ["alertname"], group_wait: "0s", group_interval: "1m" } })).status).toBe(200);

    const M = Math.floor(Date.now() / MIN) * MIN - 3 * MIN;
    for (let k = 0; k < 3; k++) for (const service of ["checkout", "payments"]) await ingestErrors(key, service, M + k * MIN, 10);
    const rule = await call(key, "POST", "/api/v1/alert-rules", {
      name: "Service errors",
      query: 'logs | where severity_text == "ERROR" | summarize errors = count() by service.name',
      interval: "1m",
      window: "1m",
      for: "2m",
      condition: { kind: "threshold", op: "above", thresholds: { critical: 5, critical_recovery: 2 } },
      no_data_state: "ok",
      labels: {},
      annotations: { summary: "{{ $labels.service_name }} logged {{ $value }} errors" },
    });
    expect(rule.status).toBe(201);

    await cron(M + 1 * MIN); // pending
    await cron(M + 2 * MIN); // pending
    expect(await received(bucket)).toHaveLength(0);
    await cron(M + 3 * MIN); // firing for both services
    const dispatcher = dispatcherFor(env, projectId);
    await dispatcher.tick(projectId, M + 3 * MIN);
    let got = await received(bucket);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ version: "4", status: "firing", receiver: "oncall-hook", groupLabels: { alertname: "Service errors" } });
    expect(got[0].alerts.map((a) => [a.labels.service_name, a.annotations.summary]).sort()).toEqual([
      ["checkout", "checkout logged 10 errors"],
      ["payments", "payments logged 10 errors"],
    ]);

    await cron(M + 4 * MIN); // window [M+3, M+4) has no errors: resolved
    await dispatcher.tick(projectId, M + 5 * MIN);
    got = await received(bucket);
    expect(got).toHaveLength(2);
    expect(got[1].status).toBe("resolved");
    expect(got[1].alerts.map((a) => a.status)).toEqual(["resolved", "resolved"]);
  }, 60_000);
});
