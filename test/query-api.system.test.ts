/**
 * The query API on the platform started as `npm start` does: a log sent by the official
 * OpenTelemetry exporter is queryable as soon as the exporter's request is acknowledged
 * (hot tier, no flush), and exactly once after the flush moves it to Parquet in R2.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { LoggerProvider, SimpleLogRecordProcessor } from "@opentelemetry/sdk-logs";
import { SeverityNumber } from "@opentelemetry/api-logs";
import { OTLPLogExporter } from "@opentelemetry/exporter-logs-otlp-proto";
import { startServer, TEST_API_KEY, type RunningServer } from "./helpers/server";
import { flush } from "./helpers/storage";

let server: RunningServer;
const headers = { authorization: `Bearer ${TEST_API_KEY}` };

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

async function query(body: Record<string, unknown>) {
  const res = await fetch(`${server.url}/api/v1/query`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as { rows: unknown[][]; stats: Record<string, number> } };
}

describe("query API with real exporters", () => {
  it("finds a log right after its acknowledgement, and once after the flush", async () => {
    const marker = `checkout failed ${crypto.randomUUID()}`;
    const exporter = new OTLPLogExporter({ url: `${server.url}/v1/logs`, headers });
    const provider = new LoggerProvider({
      resource: resourceFromAttributes({ "service.name": "checkout" }),
      processors: [new SimpleLogRecordProcessor({ exporter })],
    });
    provider.getLogger("t").emit({ body: marker, severityNumber: SeverityNumber.ERROR, severityText: "ERROR", attributes: { "order.id": "o-42" } });
    // forceFlush resolves when the exporter's request has been acknowledged.
    await provider.forceFlush();
    await provider.shutdown();

    const q = { query: "logs | where body == $m | project service.name, severity_text, attributes.order.id", vars: { m: marker }, from: "now-10m" };
    const hot = await query(q);
    expect(hot.status).toBe(200);
    expect(hot.json.rows).toEqual([["checkout", "ERROR", "o-42"]]);
    expect(hot.json.stats.hot_rows).toBeGreaterThan(0);

    await flush(server.url);
    const cold = await query(q);
    expect(cold.json.rows).toEqual([["checkout", "ERROR", "o-42"]]);
    expect(cold.json.stats.files).toBeGreaterThan(0);
  });
});
