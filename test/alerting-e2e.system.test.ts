/**
 * Alerting end to end on the running platform: error logs sent by the official
 * OpenTelemetry exporter cross a rule's threshold for two services; the every-minute cron
 * (fired through wrangler's scheduled endpoint, as `npm start` does) evaluates the rule,
 * the dispatcher groups both alerts, and a webhook receiver on loopback gets exactly one
 * grouped notification in Alertmanager's webhook format, then exactly one resolved one.
 *
 * The cron runs at minutes just past, so the dispatcher's alarms (on the wall clock) are
 * already due when the evaluator hands alerts over; the test waits for deliveries, it does
 * not time them.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SeverityNumber } from "@opentelemetry/api-logs";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchLogRecordProcessor, LoggerProvider } from "@opentelemetry/sdk-logs";
import { OTLPLogExporter } from "@opentelemetry/exporter-logs-otlp-proto";
import { authHeaders, startServer, TEST_API_KEY, triggerCron, type RunningServer } from "./helpers/server";

const MIN = 60_000;

interface WebhookBody {
  version: string;
  status: "firing" | "resolved";
  receiver: string;
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  alerts: { status: string; labels: Record<string, string>; annotations: Record<string, string>; startsAt: string; endsAt: string }[];
}

let server: RunningServer;
let receiver: Server;
let receiverUrl: string;
const received: WebhookBody[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      if (req.method === "POST" && req.url === "/hook") received.push(JSON.parse(body) as WebhookBody);
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  server = await startServer();
});

afterAll(async () => {
  await server?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
});

async function api(method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...authHeaders(), "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}

/** `perMinute` error logs for each service in each of the given minutes, through the OTel SDK and exporter. */
async function sendErrorLogs(minutes: number[], services: string[], perMinute: number): Promise<void> {
  for (const service of services) {
    const exporter = new OTLPLogExporter({ url: `${server.url}/v1/logs`, headers: { authorization: `Bearer ${TEST_API_KEY}` } });
    const provider = new LoggerProvider({
      resource: resourceFromAttributes({ "service.name": service }),
      processors: [new BatchLogRecordProcessor({ exporter, maxExportBatchSize: 1000 })],
    });
    const logger = provider.getLogger("checkout-errors");
    for (const minute of minutes) {
      for (let i = 0; i < perMinute; i++) {
        logger.emit({ timestamp: minute + 1000 + i * 200, severityNumber: SeverityNumber.ERROR, severityText: "ERROR", body: `payment failed ${i}` });
      }
    }
    await provider.forceFlush();
    await provider.shutdown();
  }
}

async function waitForNotifications(count: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (received.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
}

describe("alerting end to end", () => {
  it("fires one grouped notification for two services from OTel-exported logs, then one resolved", async () => {
    const contact = await api("POST", "/api/v1/contact-points", {
      name: "oncall-hook",
      integrations: [{ kind: "webhook", send_resolved: true, settings: { url: `${receiverUrl}/hook` } }],
    });
    expect(contact.status).toBe(201);
    const config = await api("PUT", "/api/v1/alerting/config", {
      route: { receiver: "oncall-hook", group_by: ["alertname"], group_wait: "0s", group_interval: "2s", repeat_interval: "4h" },
    });
    expect(config.status).toBe(200);

    // Minutes M, M+1, M+2 hold 10 errors per service; the cron then evaluates M+1 … M+4.
    const M = Math.floor(Date.now() / MIN) * MIN - 6 * MIN;
    await sendErrorLogs([M, M + MIN, M + 2 * MIN], ["checkout", "payments"], 10);

    const rule = await api("POST", "/api/v1/alert-rules", {
      name: "Service errors",
      query: 'logs | where severity_text == "ERROR" | summarize errors = count() by service.name',
      interval: "1m",
      window: "1m",
      for: "2m",
      condition: { kind: "threshold", op: "above", thresholds: { critical: 5, critical_recovery: 2 } },
      no_data_state: "ok",
      labels: { team: "payments" },
      annotations: { summary: "{{ $labels.service_name }} logged {{ $value }} errors" },
    });
    expect(rule.status).toBe(201);

    await triggerCron(server, M + 1 * MIN); // window [M, M+1): over the threshold → pending
    await triggerCron(server, M + 2 * MIN); // still pending (for: 2m not yet elapsed)
    await triggerCron(server, M + 3 * MIN); // firing for both services
    await waitForNotifications(1);
    expect(received).toHaveLength(1);
    const firing = received[0];
    expect(firing).toMatchObject({ version: "4", status: "firing", receiver: "oncall-hook", groupLabels: { alertname: "Service errors" } });
    expect(firing.commonLabels).toMatchObject({ alertname: "Service errors", team: "payments", severity: "critical" });
    expect(firing.alerts.map((a) => [a.status, a.labels.service_name, a.annotations.summary]).sort()).toEqual([
      ["firing", "checkout", "checkout logged 10 errors"],
      ["firing", "payments", "payments logged 10 errors"],
    ]);

    await triggerCron(server, M + 4 * MIN); // window [M+3, M+4) has no errors → resolved
    await waitForNotifications(2);
    expect(received).toHaveLength(2);
    expect(received[1]).toMatchObject({ version: "4", status: "resolved", receiver: "oncall-hook" });
    expect(received[1].alerts.map((a) => [a.status, a.labels.service_name]).sort()).toEqual([
      ["resolved", "checkout"],
      ["resolved", "payments"],
    ]);

    // The same minute again is not evaluated twice, and nothing more is sent.
    await triggerCron(server, M + 4 * MIN);
    const history = await api("GET", `/api/v1/alert-history?rule=${(rule.json as { id: string }).id}&kind=state`);
    expect(history.status).toBe(200);
    const states = history.json.events as { status: string }[];
    expect(states.filter((e) => e.status === "firing")).toHaveLength(2);
    expect(received).toHaveLength(2);
  });
});
