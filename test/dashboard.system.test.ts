/**
 * The dashboard in real Chromium against the platform started as `npm start` does, with
 * logs sent by the official OpenTelemetry exporter: sign in, run a query from the editor
 * and see the chart and the table, accept an autocomplete suggestion, see an error
 * underlined, read logs and filter by clicking a value. Screenshots of each view go to
 * test-artifacts/dashboard/.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { SeverityNumber } from "@opentelemetry/api-logs";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchLogRecordProcessor, LoggerProvider } from "@opentelemetry/sdk-logs";
import { OTLPLogExporter } from "@opentelemetry/exporter-logs-otlp-proto";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { BasicTracerProvider, BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { context, trace, SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { startServer, TEST_API_KEY, type RunningServer } from "./helpers/server";
import { flush } from "./helpers/storage";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const artifacts = path.resolve("test-artifacts", "dashboard");
let server: RunningServer;
let browser: Browser;
let page: Page;

async function sendLogs(service: string, count: number, errorsEvery: number) {
  const exporter = new OTLPLogExporter({ url: `${server.url}/v1/logs`, headers: { authorization: `Bearer ${TEST_API_KEY}` } });
  // One batch: a SimpleLogRecordProcessor would send a request per record, and the
  // exporter drops requests beyond its 30 concurrent exports.
  const provider = new LoggerProvider({ resource: resourceFromAttributes({ "service.name": service }), processors: [new BatchLogRecordProcessor({ exporter, maxExportBatchSize: 1000 })] });
  const logger = provider.getLogger("shop");
  const now = Date.now();
  for (let i = 0; i < count; i++) {
    const error = i % errorsEvery === 0;
    logger.emit({
      timestamp: now - i * 7_000,
      severityNumber: error ? SeverityNumber.ERROR : SeverityNumber.INFO,
      severityText: error ? "ERROR" : "INFO",
      body: error ? `payment failed for order ${i}` : `GET /cart/${i} 200`,
      attributes: { "http.route": "/cart/:id", "order.id": `o-${i}` },
    });
  }
  await provider.forceFlush();
  await provider.shutdown();
}

/** One checkout trace across three services: 6 spans, the payment call failing. */
async function sendTrace(): Promise<string> {
  const exporter = new OTLPTraceExporter({ url: `${server.url}/v1/traces`, headers: { authorization: `Bearer ${TEST_API_KEY}` } });
  const tracers = ["frontend", "checkout", "payment"].map((service) => {
    const provider = new BasicTracerProvider({ resource: resourceFromAttributes({ "service.name": service }), spanProcessors: [new BatchSpanProcessor(exporter)] });
    return { provider, tracer: provider.getTracer(service) };
  });
  const [front, checkout, payment] = tracers.map((t) => t.tracer);
  const t0 = Date.now() - 60_000;
  const at = (ms: number) => new Date(t0 + ms);
  const root = front.startSpan("GET /checkout", { kind: SpanKind.SERVER, startTime: at(0) });
  const inRoot = trace.setSpan(context.active(), root);
  const call = front.startSpan("POST checkout", { kind: SpanKind.CLIENT, startTime: at(5) }, inRoot);
  const orders = checkout.startSpan("POST /orders", { kind: SpanKind.SERVER, startTime: at(8) }, trace.setSpan(context.active(), call));
  const inServer = trace.setSpan(context.active(), orders);
  const db = checkout.startSpan("INSERT orders", { kind: SpanKind.CLIENT, startTime: at(10) }, inServer);
  db.end(at(50)); // overlaps the payment call: not what the order waited on
  const pay = payment.startSpan("charge", { kind: SpanKind.SERVER, startTime: at(35) }, inServer);
  const card = payment.startSpan("card network", { kind: SpanKind.CLIENT, startTime: at(40) }, trace.setSpan(context.active(), pay));
  card.setStatus({ code: SpanStatusCode.ERROR, message: "declined" });
  card.end(at(240));
  pay.setStatus({ code: SpanStatusCode.ERROR });
  pay.end(at(250));
  orders.end(at(260));
  call.end(at(262));
  root.end(at(270));
  for (const t of tracers) await t.provider.forceFlush();
  for (const t of tracers) await t.provider.shutdown();
  return root.spanContext().traceId;
}

let traceId = "";

async function typeQuery(text: string) {
  await page.click(".cm-content");
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Backspace");
  await page.keyboard.type(text);
}

const shot = (name: string) => page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  server = await startServer();
  await sendLogs("api", 40, 5);
  await sendLogs("web", 25, 100);
  traceId = await sendTrace();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("dashboard", () => {
  it("refuses a wrong password, then signs in", async () => {
    await page.goto(server.url);
    await page.fill("input[name=email]", "admin@example.com");
    await page.fill("input[name=password]", "wrong");
    await page.click("button[type=submit]");
    await expect.poll(() => page.textContent("[role=alert]")).toContain("wrong email or password");
    await shot("01-sign-in");
    await page.fill("input[name=password]", "correct horse battery staple");
    await page.click("button[type=submit]");
    await page.waitForSelector(".cm-content");
    expect(await page.textContent(".topbar")).toContain("admin@example.com");
  });

  it("runs a query from the editor and shows a chart and a table", async () => {
    await typeQuery("logs | summarize n = count() by bin(timestamp, 1m), service.name");
    await page.keyboard.press("ControlOrMeta+Enter");
    await page.waitForSelector(".chart canvas");
    await shot("02-chart");
    const legend = await page.textContent(".chart");
    expect(legend).toContain("api");
    expect(legend).toContain("web");
    expect(new URL(page.url()).searchParams.get("q")).toBe("logs | summarize n = count() by bin(timestamp, 1m), service.name");

    await page.click("[role=tab]:has-text('Table')");
    await page.waitForSelector("[role=table]");
    const counts = await page.$$eval("[role=row].tr", (rows) => rows.map((r) => Number(r.querySelectorAll("[role=cell]")[2].textContent)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(65);
    await shot("03-table");
  });

  it("accepts an autocomplete suggestion", async () => {
    await typeQuery("logs | wh");
    // Click the option: a keypress could land while a newer completion list replaces it.
    await page.click(".cm-tooltip-autocomplete li:has-text('where')");
    await expect.poll(() => page.textContent(".cm-content")).toContain("logs | where");
    await shot("04-autocomplete");
  });

  it("underlines an unknown field", async () => {
    await typeQuery("logs | where nosuchfield == 1");
    await page.waitForSelector(".cm-lintRange-error");
    expect(await page.textContent(".cm-lintRange-error")).toBe("nosuchfield");
    await shot("05-diagnostic");
  });

  it("lists logs by severity and adds a filter by clicking a value", async () => {
    await typeQuery('logs | where service.name == "api" | take 100');
    await page.keyboard.press("ControlOrMeta+Enter");
    await page.waitForSelector(".loglist");
    expect(await page.$$eval(".log.sev-error", (e) => e.length)).toBe(8);
    expect(await page.$$eval(".log", (e) => e.length)).toBe(40);
    await page.click(".log.sev-error .logline");
    await page.click(".fields button.value:has-text('ERROR')");
    await expect.poll(() => page.textContent(".cm-content")).toBe('logs | where service.name == "api" | where severity_text == "ERROR" | take 100');
    await expect.poll(() => page.$$eval(".log", (e) => e.length)).toBe(8);
    await shot("06-logs");
  });

  it("finds a trace and shows its waterfall, flame graph and logs link", async () => {
    await page.click("nav a:has-text('Traces')");
    await page.waitForSelector(".trace-search");
    await page.selectOption("select[aria-label=Service]", "frontend");
    await page.click("button:has-text('Find traces')");
    await page.waitForSelector(".trace-list a:has-text('GET /checkout')");
    await shot("07-trace-search");
    await page.click(".trace-list a:has-text('GET /checkout')");
    await page.waitForSelector("[role=tree]");
    expect(page.url()).toContain(`/traces/${traceId}`);
    expect(await page.textContent("[data-testid=span-count]")).toBe("6 spans");
    expect(await page.$$eval("[role=treeitem]", (e) => e.length)).toBe(6);
    expect(await page.$$eval(".wf-row.error", (e) => e.length)).toBe(2);
    // The root waited on the checkout call, which waited on the payment chain, not the
    // database insert that overlapped it.
    const critical = await page.$$eval(".wf-row.critical .wf-label", (e) => e.map((x) => x.textContent?.trim()));
    expect(critical).toEqual(["frontend GET /checkout", "frontend POST checkout", "checkout POST /orders", "payment charge", "payment card network"]);
    await page.click("[role=treeitem]:has-text('card network')");
    expect(await page.textContent(".span-details")).toContain("declined");
    await shot("08-waterfall");
    await page.click("[role=tab]:has-text('Flame graph')");
    expect(await page.$$eval(".flame-bar", (e) => e.length)).toBe(6);
    await shot("09-flame");
    await page.click("a:has-text('Logs for this trace')");
    await page.waitForSelector(".cm-content");
    expect(await page.textContent(".cm-content")).toContain(`trace_id == "${traceId}"`);
  });

  it("streams a log sent during the test into live tail", async () => {
    await page.click("nav a:has-text('Explore')");
    await page.waitForSelector(".cm-content");
    await typeQuery('logs | where service.name == "tail-test"');
    await page.click("button:has-text('Live tail')");
    await page.waitForSelector(".live-dot.live");
    await sendLogs("tail-test", 3, 1);
    await page.waitForSelector(".live .log:has-text('payment failed for order 0')");
    expect(await page.$$eval(".live .log", (e) => e.length)).toBe(3);
    await shot("10-live-tail");
    await page.click(".live button:has-text('Pause')");
    await page.waitForSelector(".live-dot.paused");
    await page.click("button:has-text('Stop live tail')");
  });

  it("runs the same queries in the browser with the same rows as at the edge", async () => {
    // Part of the data in R2 (read by range requests), part still buffered (sent inline).
    await flush(server.url);
    await sendLogs("late", 4, 2);
    const queries = [
      "logs | summarize n = count(), errors = countif(severity_text == \"ERROR\") by service.name | sort by service.name asc",
      'logs | where body contains "payment" | summarize count() by service.name | sort by service.name asc',
      "logs | top 5 by timestamp desc | project body, service.name",
      "logs | summarize first = min(timestamp), last = max(timestamp), users = dcount(attributes.order.id)",
    ];
    const tableRows = () => page.$$eval("[role=row].tr", (rows) => rows.map((r) => [...r.querySelectorAll("[role=cell]")].map((c) => c.textContent)));
    const runIn = async (engine: "edge" | "browser", q: string) => {
      await page.selectOption("select[aria-label='Run in']", engine);
      await typeQuery(q);
      await page.keyboard.press("ControlOrMeta+Enter");
      const ranAt = engine === "browser" ? "this browser" : "the edge";
      await expect.poll(() => page.textContent("[data-testid=ran-at]"), { timeout: 60_000 }).toContain(ranAt);
      await expect.poll(() => page.textContent(".results")).not.toContain("Running");
      if (await page.$("[role=tab]:has-text('Table')")) await page.click("[role=tab]:has-text('Table')");
      await page.waitForSelector("[role=row].tr");
      return tableRows();
    };
    for (const q of queries) {
      const edge = await runIn("edge", q);
      const browser = await runIn("browser", q);
      expect(browser.length).toBeGreaterThan(0);
      expect(browser).toEqual(edge);
    }
    await shot("11-browser-mode");
    await page.selectOption("select[aria-label='Run in']", "edge");
  }, 180_000);

  it("stays readable on a narrow window", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await typeQuery('logs | where service.name == "api" | take 20');
    await page.keyboard.press("ControlOrMeta+Enter");
    await page.waitForSelector(".loglist");
    // Nothing pushes the page wider than the screen (tables scroll inside their box).
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    await shot("12-narrow");
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
