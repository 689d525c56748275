/**
 * Alert rules in real Chromium against the platform started as `npm start` does, with
 * error logs sent by the official OpenTelemetry exporter: build a rule in the rule
 * builder, watch the live preview say it would have fired (chart with threshold lines),
 * get field errors in place, create it, see it in the list, pause it, open the history.
 * Screenshots go to test-artifacts/alerting/.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { SeverityNumber } from "@opentelemetry/api-logs";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchLogRecordProcessor, LoggerProvider } from "@opentelemetry/sdk-logs";
import { OTLPLogExporter } from "@opentelemetry/exporter-logs-otlp-proto";
import { startServer, TEST_API_KEY, type RunningServer } from "./helpers/server";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const artifacts = path.resolve("test-artifacts", "alerting");
let server: RunningServer;
let browser: Browser;
let page: Page;

/** 30 error logs a minute for checkout during minutes 20–11 ago, 1 a minute otherwise. */
async function sendErrors() {
  const exporter = new OTLPLogExporter({ url: `${server.url}/v1/logs`, headers: { authorization: `Bearer ${TEST_API_KEY}` } });
  const provider = new LoggerProvider({ resource: resourceFromAttributes({ "service.name": "checkout" }), processors: [new BatchLogRecordProcessor({ exporter, maxExportBatchSize: 2000 })] });
  const logger = provider.getLogger("shop");
  const minute = Math.floor(Date.now() / 60_000) * 60_000;
  for (let m = 1; m <= 40; m++) {
    const burst = m >= 11 && m <= 20;
    for (let i = 0; i < (burst ? 30 : 1); i++) {
      logger.emit({ timestamp: minute - m * 60_000 + 1000 + i * 100, severityNumber: SeverityNumber.ERROR, severityText: "ERROR", body: `payment failed ${m}/${i}` });
    }
  }
  await provider.forceFlush();
  await provider.shutdown();
}

const shot = (name: string) => page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });

async function typeQuery(text: string) {
  await page.click(".rule-form .cm-content");
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Backspace");
  await page.keyboard.type(text);
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  server = await startServer();
  await sendErrors();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(server.url);
  await page.fill("input[name=email]", "admin@example.com");
  await page.fill("input[name=password]", "correct horse battery staple");
  await page.click("button[type=submit]");
  await page.waitForSelector(".topbar");
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("alert rules in the dashboard", () => {
  it("previews a rule live, with its thresholds, and says when it would have fired", async () => {
    await page.goto(`${server.url}/alerting/rules/new`);
    await page.waitForSelector(".rule-form .cm-content");
    await page.fill("input[aria-label='Rule name']", "Checkout errors");
    await typeQuery('logs | where severity_text == "ERROR" | summarize errors = count() by service.name');
    await page.fill(".field:has-text('Over the last') input", "1m");
    await page.fill("input[aria-label='Critical threshold']", "10");
    await page.fill(".field:has-text('Critical recovery') input", "5");
    await page.selectOption("select[aria-label='Preview range']", "now-1h");
    await expect.poll(() => page.textContent("[data-testid=preview-summary]"), { timeout: 60_000 }).toMatch(/Would have fired 1 time in \d+ evaluations/);
    await page.waitForSelector(".rule-preview canvas");
    const legend = await page.textContent(".rule-preview .chart");
    expect(legend).toContain("service_name=checkout");
    expect(legend).toContain("critical");
    expect(legend).toContain("critical recovery");
    await shot("01-rule-builder-preview");
  });

  it("shows field errors beside their inputs and saves nothing", async () => {
    await page.fill(".field:has-text('For') input", "soon");
    await page.click("button:has-text('Create rule')");
    await page.waitForSelector(".field.invalid");
    expect(await page.textContent(".field.invalid")).toContain("'for' is not a duration");
    await shot("02-field-error");
    expect(new URL(page.url()).pathname).toBe("/alerting/rules/new");
    await page.fill(".field.invalid input", "2m");
  });

  it("creates the rule, lists it, pauses it, and opens the history", async () => {
    await page.click("button:has-text('Create rule')");
    await page.waitForURL(/\/alerting\/rules\/rule_/);
    await page.click(".tabs a:has-text('Rules')");
    await page.waitForSelector("tr[data-rule='Checkout errors']");
    const row = await page.textContent("tr[data-rule='Checkout errors']");
    expect(row).toContain("critical > 10");
    expect(row).toContain("every 1m, last 1m, for 2m");
    await shot("03-rule-list");
    await page.click("tr[data-rule='Checkout errors'] button:has-text('Pause')");
    await expect.poll(() => page.textContent("tr[data-rule='Checkout errors']")).toContain("paused");
    await page.click(".tabs a:has-text('History')");
    await page.waitForSelector(".history .filters");
    await expect.poll(() => page.$$eval(".history select[aria-label=Rule] option", (os) => os.map((o) => o.textContent))).toContain("Checkout errors");
    await shot("04-history");
  });
});
