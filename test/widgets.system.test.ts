/**
 * Every dashboard widget drawn in real Chromium from real query results: spans and logs sent
 * by the official OpenTelemetry exporters to the platform started as `npm start` does, each
 * panel's queries run through `POST /api/v1/query` from the browser with the signed-in session.
 *
 * The widgets are mounted by a small harness entry (dashboard/src/dashboards/widgets/harness.ts)
 * that this test bundles with esbuild, as the dashboard build does, and serves on the server's
 * origin through Playwright routing; the app itself is untouched. One screenshot per widget
 * goes to test-artifacts/widgets/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as esbuild from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { SeverityNumber } from "@opentelemetry/api-logs";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchLogRecordProcessor, LoggerProvider } from "@opentelemetry/sdk-logs";
import { OTLPLogExporter } from "@opentelemetry/exporter-logs-otlp-proto";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { BasicTracerProvider, BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import type { Annotation, Panel, PanelOptions, PanelQuery, WidgetType } from "../core/dashboards/spec";
import { startServer, TEST_API_KEY, type RunningServer } from "./helpers/server";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const artifacts = path.resolve("test-artifacts", "widgets");
const SPANS_PER_SERVICE = 30;
const ROUTES = ["/cart", "/cart", "/cart", "/checkout", "/checkout", "/pay"];
const COUNTRIES = ["US", "US", "DE", "FR", "US", "JP"];
const LOGS = 20;

let server: RunningServer;
let browser: Browser;
let page: Page;
let bundleDir = "";
let metafile: esbuild.Metafile;
let range = { fromMs: 0, toMs: 0 };

/**
 * Two services, one span a minute for 30 minutes: routes 3:2:1, every 6th span an error,
 * frontend 10–50 ms, checkout 100–300 ms, a country per span.
 */
async function sendSpans(now: number) {
  const exporter = new OTLPTraceExporter({ url: `${server.url}/v1/traces`, headers: { authorization: `Bearer ${TEST_API_KEY}` } });
  for (const [service, durationOf] of [
    ["frontend", (i: number) => ((i % 5) + 1) * 10],
    ["checkout", (i: number) => ((i % 3) + 1) * 100],
  ] as const) {
    const provider = new BasicTracerProvider({ resource: resourceFromAttributes({ "service.name": service }), spanProcessors: [new BatchSpanProcessor(exporter, { maxExportBatchSize: 1000 })] });
    const tracer = provider.getTracer("shop");
    for (let i = 0; i < SPANS_PER_SERVICE; i++) {
      const start = now - 30_000 - i * 60_000;
      const route = ROUTES[i % ROUTES.length];
      const span = tracer.startSpan(`GET ${route}`, { kind: SpanKind.SERVER, startTime: new Date(start), attributes: { "http.route": route, "geo.country.iso_code": COUNTRIES[i % COUNTRIES.length] } });
      if (i % 6 === 0) span.setStatus({ code: SpanStatusCode.ERROR, message: "boom" });
      span.end(new Date(start + durationOf(i)));
    }
    await provider.forceFlush();
    await provider.shutdown();
  }
}

async function sendLogs(now: number) {
  const exporter = new OTLPLogExporter({ url: `${server.url}/v1/logs`, headers: { authorization: `Bearer ${TEST_API_KEY}` } });
  const provider = new LoggerProvider({ resource: resourceFromAttributes({ "service.name": "api" }), processors: [new BatchLogRecordProcessor({ exporter, maxExportBatchSize: 1000 })] });
  const logger = provider.getLogger("shop");
  for (let i = 0; i < LOGS; i++) {
    const error = i % 4 === 0;
    logger.emit({ timestamp: now - 10_000 - i * 45_000, severityNumber: error ? SeverityNumber.ERROR : SeverityNumber.INFO, severityText: error ? "ERROR" : "INFO", body: error ? `payment failed ${i}` : `GET /cart ${i}` });
  }
  await provider.forceFlush();
  await provider.shutdown();
}

/** Bundles the harness like scripts/build-dashboard.mjs bundles the app (lazy chunks included). */
async function buildHarness(): Promise<void> {
  bundleDir = mkdtempSync(path.join(tmpdir(), "widget-harness-"));
  const result = await esbuild.build({
    entryPoints: { harness: path.resolve("dashboard/src/dashboards/widgets/harness.ts") },
    outdir: bundleDir,
    bundle: true,
    splitting: true,
    format: "esm",
    target: "es2022",
    jsx: "automatic",
    jsxImportSource: "preact",
    loader: { ".css": "css" },
    metafile: true,
    logLevel: "warning",
    define: { "process.env.NODE_ENV": '"production"' },
  });
  metafile = result.metafile;
}

const HARNESS_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Widgets</title>
<link rel="stylesheet" href="/__widgets/harness.css">
<style>#gallery{display:flex;flex-wrap:wrap;gap:16px;padding:16px}.harness-panel{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:8px}.harness-panel h3{margin:0 0 6px;font-size:14px}</style>
</head><body><main id="gallery"></main><script type="module" src="/__widgets/harness.js"></script></body></html>`;

let panelSeq = 0;
function panel(type: WidgetType, title: string, queries: (string | Omit<PanelQuery, "refId">)[], options: PanelOptions = {}): Panel {
  return {
    id: `p${++panelSeq}-${type}`,
    type,
    title,
    grid: { x: 0, y: 0, w: 12, h: 8 },
    queries: queries.map((q, i) => ({ refId: String.fromCharCode(65 + i), ...(typeof q === "string" ? { query: q } : q) })),
    options,
  };
}

interface Outcome {
  refId: string;
  result: { columns: { name: string; type: string }[]; rows: unknown[][] } | null;
  error: string | null;
}

/** Mounts a panel in the harness from real query results; returns the outcomes it drew. */
async function show(p: Panel, size = { width: 560, height: 300 }, annotations: Annotation[] = []): Promise<{ sel: string; data: Outcome[] }> {
  const data = await page.evaluate(
    ([p, opts]) => (globalThis as unknown as { widgetHarness: { show(p: unknown, o: unknown): Promise<Outcome[]> } }).widgetHarness.show(p, opts),
    [p, { ...range, ...size, annotations }] as const,
  );
  return { sel: `#panel-${p.id}`, data };
}

const shot = (sel: string, name: string) => page.locator(sel).screenshot({ path: path.join(artifacts, `${name}.png`) });
const texts = (sel: string) => page.$$eval(sel, (els) => els.map((e) => (e.textContent ?? "").trim()));
const attrs = (sel: string, name: string) => page.$$eval(sel, (els, n) => els.map((e) => e.getAttribute(n)), name);
const events = () => page.evaluate("widgetHarness.events.map((e) => ({ ...e }))") as Promise<{ panel: string; kind: string; timeMs?: number; fromMs?: number; toMs?: number }[]>;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  await buildHarness();
  server = await startServer();
  const now = Date.now();
  await sendSpans(now);
  await sendLogs(now);
  range = { fromMs: now - 60 * 60_000, toMs: now + 60_000 };
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  // Sign in through the app, so the harness runs queries with a real session and project.
  await page.goto(server.url);
  await page.fill("input[name=email]", "admin@example.com");
  await page.fill("input[name=password]", "correct horse battery staple");
  await page.click("button[type=submit]");
  await page.waitForSelector(".topbar");
  await page.route("**/__widgets/**", (route) => {
    const name = new URL(route.request().url()).pathname.replace("/__widgets/", "");
    if (name === "" || name === "index.html") return route.fulfill({ contentType: "text/html", body: HARNESS_HTML });
    const file = path.join(bundleDir, path.basename(name));
    return route.fulfill({ contentType: name.endsWith(".css") ? "text/css" : "text/javascript", body: readFileSync(file) });
  });
  await page.goto(`${server.url}/__widgets/index.html`);
  await page.waitForFunction("typeof widgetHarness === 'object'");
});

afterAll(async () => {
  await page?.screenshot({ path: path.join(artifacts, "gallery.png"), fullPage: true }).catch(() => {});
  await browser?.close();
  await server?.stop();
  if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
});

describe("widgets from real query results", () => {
  it("keeps uPlot and markdown-it out of the widgets' own chunk (loaded lazily)", () => {
    const entry = Object.entries(metafile.outputs).find(([, o]) => o.entryPoint?.endsWith("harness.ts"))!;
    // Scripts only: the entry imports uPlot's stylesheet, which lands in the CSS bundle.
    const inputs = Object.keys(entry[1].inputs).filter((i) => !i.endsWith(".css"));
    expect(inputs.some((i) => i.includes("widgets/index.ts"))).toBe(true);
    expect(inputs.some((i) => i.includes("node_modules/uplot/"))).toBe(false);
    expect(inputs.some((i) => i.includes("node_modules/markdown-it/"))).toBe(false);
  });

  it("time series: a series per group and per query, legend calcs, annotations, annotate and zoom", async () => {
    const annotations: Annotation[] = [
      { id: "deploy-1", dashboardId: null, panelId: null, time: range.toMs - 20 * 60_000, timeEnd: null, text: "Deployed checkout v2", tags: ["deploy", "checkout"], createdBy: null, createdAt: 0 },
      { id: "incident", dashboardId: null, panelId: null, time: range.toMs - 12 * 60_000, timeEnd: range.toMs - 8 * 60_000, text: "Payment provider degraded", tags: ["incident"], createdBy: null, createdAt: 0 },
    ];
    const p = panel(
      "timeseries",
      "Requests and errors",
      [
        { query: "spans | summarize n = count() by bin(timestamp, 5m), service.name", legend: "{{service.name}} requests" },
        { query: 'spans | summarize errors = countif(status_code == "ERROR") by bin(timestamp, 5m)', legend: "errors" },
      ],
      { style: "line", unit: "none", thresholds: [{ value: null, color: "#1a7f37" }, { value: 4, color: "#d1242f" }], legend: { show: true, calcs: ["min", "max", "avg", "last"] } },
    );
    const { sel, data } = await show(p, { width: 900, height: 380 }, annotations);
    await page.waitForSelector(`${sel} .ts canvas`);
    // Series in label order within a query, so colours do not swap between refreshes.
    expect(await texts(`${sel} .ts-legend td.name`)).toEqual(["checkout requests", "frontend requests", "errors"]);

    // The legend's last and sum-free calcs match the rows the API returned.
    const a = data[0].result!;
    const frontend = a.rows.filter((r) => r[1] === "frontend").sort((x, y) => Date.parse(String(x[0])) - Date.parse(String(y[0])));
    const counts = frontend.map((r) => Number(r[2]));
    expect(counts.reduce((s, v) => s + v, 0)).toBe(SPANS_PER_SERVICE);
    const row = `${sel} .ts-legend tbody tr:nth-child(2)`;
    expect(await page.textContent(`${row} [data-calc=last]`)).toBe(String(counts[counts.length - 1]));
    expect(await page.textContent(`${row} [data-calc=max]`)).toBe(String(Math.max(...counts)));
    expect(await page.textContent(`${row} [data-calc=min]`)).toBe(String(Math.min(...counts)));
    // Every 6th span of each service failed: 10 errors in all.
    expect(data[1].result!.rows.reduce((sum, r) => sum + Number(r[1]), 0)).toBe(10);

    // Annotation markers, with details on hover.
    expect(await attrs(`${sel} .ann-marker`, "data-annotation")).toEqual(["deploy-1", "incident"]);
    expect(await page.isVisible(`${sel} [data-annotation=deploy-1] .ann-tip`)).toBe(false);
    await page.hover(`${sel} [data-annotation=deploy-1] .ann-handle`);
    const tip = `${sel} [data-annotation=deploy-1] .ann-tip`;
    await page.waitForSelector(tip, { state: "visible" });
    expect(await page.textContent(tip)).toContain("Deployed checkout v2");
    expect(await texts(`${tip} .tags li`)).toEqual(["deploy", "checkout"]);
    await shot(sel, "timeseries");

    // Hovering the plot shows every series' value at that time.
    const over = await page.locator(`${sel} .u-over`).boundingBox();
    await page.mouse.move(over!.x + over!.width * 0.85, over!.y + 10);
    await page.waitForSelector(`${sel} .ts-tip`, { state: "visible" });
    expect(await page.textContent(`${sel} .ts-tip`)).toContain("checkout requests");

    // "+" then a click asks for an annotation at that time; so does Ctrl-click.
    const midX = over!.x + over!.width / 2;
    const midY = over!.y + over!.height / 2;
    await page.click(`${sel} .ts-annotate`);
    expect(await page.getAttribute(`${sel} .ts-annotate`, "aria-pressed")).toBe("true");
    await page.mouse.click(midX, midY);
    await page.keyboard.down("Control");
    await page.mouse.click(over!.x + over!.width * 0.25, midY);
    await page.keyboard.up("Control");
    // A plain click without "+" is not a request.
    await page.mouse.click(over!.x + over!.width * 0.75, midY);
    const asked = (await events()).filter((e) => e.panel === p.id && e.kind === "annotate");
    expect(asked).toHaveLength(2);
    const mid = (range.fromMs + range.toMs) / 2;
    const quarter = range.fromMs + (range.toMs - range.fromMs) / 4;
    const tolerance = (range.toMs - range.fromMs) / over!.width * 2; // two pixels
    expect(Math.abs(asked[0].timeMs! - mid)).toBeLessThan(tolerance);
    expect(Math.abs(asked[1].timeMs! - quarter)).toBeLessThan(tolerance);
    expect(await page.getAttribute(`${sel} .ts-annotate`, "aria-pressed")).toBe("false");

    // Drag across the plot: a zoom to the dragged span.
    await page.mouse.move(over!.x + over!.width * 0.2, midY);
    await page.mouse.down();
    await page.mouse.move(over!.x + over!.width * 0.6, midY, { steps: 5 });
    await page.mouse.up();
    const zoom = (await events()).find((e) => e.panel === p.id && e.kind === "zoom")!;
    const span = range.toMs - range.fromMs;
    expect(Math.abs(zoom.fromMs! - (range.fromMs + span * 0.2))).toBeLessThan(tolerance);
    expect(Math.abs(zoom.toMs! - (range.fromMs + span * 0.6))).toBeLessThan(tolerance);

    // A resize (same results) resizes the plot in place rather than rebuilding it.
    await page.evaluate(`document.querySelector(${JSON.stringify(`${sel} .ts canvas`)}).dataset.mark = "kept"`);
    await page.evaluate(([id]) => (globalThis as unknown as { widgetHarness: { resize(id: string, w: number, h: number): void } }).widgetHarness.resize(id, 700, 380), [p.id] as const);
    await expect.poll(async () => (await page.locator(`${sel} .u-over`).boundingBox())!.width).toBeLessThan(over!.width - 150);
    expect(await page.getAttribute(`${sel} .ts canvas`, "data-mark")).toBe("kept");

    // Clicking a legend row hides its series.
    await page.click(`${sel} .ts-legend tbody tr:nth-child(2)`);
    expect(await page.getAttribute(`${sel} .ts-legend tbody tr:nth-child(2)`, "class")).toContain("off");
  });

  it("time series: stacked bars and areas draw too", async () => {
    for (const style of ["bars", "area"] as const) {
      const p = panel("timeseries", `Stacked ${style}`, [{ query: "spans | summarize n = count() by bin(timestamp, 5m), service.name", legend: "{{service.name}}" }], { style, stacked: true, legend: { show: true, calcs: ["last"] } });
      const { sel } = await show(p, { width: 560, height: 260 });
      await page.waitForSelector(`${sel} .ts canvas`);
      expect(await texts(`${sel} .ts-legend td.name`)).toEqual(["checkout", "frontend"]);
      await shot(sel, `timeseries-stacked-${style}`);
    }
  });

  it("bar: horizontal, sorted by value", async () => {
    const { sel } = await show(panel("bar", "Requests by route", ["spans | summarize n = count() by http.route"]));
    expect(await attrs(`${sel} .hbar`, "data-label")).toEqual(["/cart", "/checkout", "/pay"]);
    expect(await texts(`${sel} .hbar-value`)).toEqual(["30", "20", "10"]);
    await shot(sel, "bar");
  });

  it("stat: reduced value, threshold colour, sparkline", async () => {
    const { sel } = await show(panel("stat", "Spans", ["spans | summarize n = count() by bin(timestamp, 5m)"], { reduce: "sum", thresholds: [{ value: null, color: "#1a7f37" }, { value: 50, color: "#d1242f" }] }));
    expect(await page.textContent(`${sel} .stat-value`)).toBe("60");
    expect(await page.evaluate(`getComputedStyle(document.querySelector(${JSON.stringify(`${sel} .stat-value`)})).color`)).toBe("rgb(209, 36, 47)");
    expect(await page.$$eval(`${sel} .sparkline path`, (e) => e.length)).toBe(1);
    await shot(sel, "stat");
  });

  it("gauge: value text, threshold colour and bands", async () => {
    const { sel } = await show(
      panel("gauge", "Error rate", ['spans | summarize errors = 100.0 * countif(status_code == "ERROR") / count()'], {
        unit: "percent",
        decimals: 1,
        min: 0,
        max: 100,
        thresholds: [{ value: null, color: "#1a7f37" }, { value: 10, color: "#9a6700" }, { value: 50, color: "#d1242f" }],
      }),
    );
    // Every 6th span failed: 10 of 60.
    expect(await page.textContent(`${sel} .gauge-text`)).toBe("16.7%");
    expect(await page.getAttribute(`${sel} .gauge`, "data-color")).toBe("#9a6700");
    expect(await page.getAttribute(`${sel} .gauge-value`, "stroke")).toBe("#9a6700");
    expect(await attrs(`${sel} .gauge-band`, "stroke")).toEqual(["#1a7f37", "#9a6700", "#d1242f"]);
    await shot(sel, "gauge");
  });

  it("table: sorts by a header click, filters, colours cells by thresholds", async () => {
    const { sel } = await show(
      panel("table", "Routes", ["spans | summarize calls = count(), slowest = max(duration) by http.route"], { columnColors: true, thresholds: [{ value: null, color: "#1a7f37" }, { value: 25, color: "#d1242f" }] }),
    );
    expect(await page.$$eval(`${sel} tbody tr`, (e) => e.length)).toBe(3);
    const callsHeader = `${sel} th:has-text('calls')`;
    await page.click(callsHeader);
    expect(await texts(`${sel} tbody td:first-child`)).toEqual(["/cart", "/checkout", "/pay"]);
    expect(await page.getAttribute(callsHeader, "aria-sort")).toBe("descending");
    await page.click(callsHeader);
    expect(await texts(`${sel} tbody td:first-child`)).toEqual(["/pay", "/checkout", "/cart"]);
    expect(await attrs(`${sel} tbody td:nth-child(2)`, "data-color")).toEqual(["#1a7f37", "#1a7f37", "#d1242f"]);
    await shot(sel, "table");
    await page.fill(`${sel} input[type=search]`, "check");
    expect(await texts(`${sel} tbody td:first-child`)).toEqual(["/checkout"]);
    expect(await page.textContent(`${sel} .wtable-bar`)).toContain("1 of 3 rows");
  });

  it("table: colorColumns limits the threshold colours to the columns named", async () => {
    const { sel } = await show(
      panel("table", "Routes (slowest coloured)", ["spans | summarize calls = count(), slowest = max(duration) by http.route"], {
        columnColors: true,
        colorColumns: ["slowest"],
        thresholds: [{ value: null, color: "#1a7f37" }, { value: 25, color: "#d1242f" }],
      }),
    );
    expect(await page.$$eval(`${sel} tbody tr`, (e) => e.length)).toBe(3);
    expect(await attrs(`${sel} tbody td:nth-child(2)`, "data-color")).toEqual([null, null, null]);
    expect((await attrs(`${sel} tbody td:nth-child(3)`, "data-color")).every((c) => c === "#d1242f")).toBe(true);
  });

  it("heatmap: raw (timestamp, value) rows binned, and pre-bucketed rows", async () => {
    const raw = await show(panel("heatmap", "Latency (raw)", ["spans | project timestamp, duration"], { unit: "ns", buckets: 12 }));
    const rawCounts = (await attrs(`${raw.sel} .cell`, "data-count")).map(Number);
    expect(rawCounts.reduce((a, b) => a + b, 0)).toBe(2 * SPANS_PER_SERVICE);
    // 10–50 ms and 100–300 ms span more than an order of magnitude but not two: linear rows.
    expect(await page.getAttribute(`${raw.sel} .heatmap`, "data-log")).toBe("false");
    await shot(raw.sel, "heatmap-raw");
    const bucketed = await show(panel("heatmap", "Latency (bucketed)", ["spans | summarize n = count() by bin(timestamp, 5m), bin(duration, 50000000)"], { unit: "ns" }));
    const counts = (await attrs(`${bucketed.sel} .cell`, "data-count")).map(Number);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(2 * SPANS_PER_SERVICE);
    expect(counts.length).toBe(bucketed.data[0].result!.rows.length);
    await shot(bucketed.sel, "heatmap");
  });

  it("pie: one slice per group with its share", async () => {
    const { sel } = await show(panel("pie", "Status", ["spans | summarize count() by status_code"], { donut: true }));
    expect(await attrs(`${sel} .slice`, "data-label")).toEqual(["UNSET", "ERROR"]);
    expect(await texts(`${sel} .pie-legend .num.muted`)).toEqual(["83.3%", "16.7%"]);
    expect(await page.textContent(`${sel} svg text`)).toBe("60");
    await shot(sel, "pie");
  });

  it("histogram: buckets of a numeric column", async () => {
    const { sel } = await show(panel("histogram", "Durations", ["spans | project duration"], { unit: "ns", buckets: 10 }));
    const counts = (await attrs(`${sel} .bucket`, "data-count")).map(Number);
    expect(counts).toHaveLength(10);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(2 * SPANS_PER_SERVICE);
    // 10..300 ms in 29 ms buckets: the frontend's 10, 20 and 30 ms spans fall in the first.
    expect(counts[0]).toBe(18);
    await shot(sel, "histogram");
  });

  it("logs: Explore's log list with severities", async () => {
    const { sel } = await show(panel("logs", "Logs", ['logs | where service.name == "api" | take 100']));
    expect(await page.$$eval(`${sel} .log`, (e) => e.length)).toBe(LOGS);
    expect(await page.$$eval(`${sel} .log.sev-error`, (e) => e.length)).toBe(LOGS / 4);
    await shot(sel, "logs");
  });

  it("traces: spans linking to their trace", async () => {
    const { sel, data } = await show(panel("traces", "Failed requests", ['spans | where status_code == "ERROR" | project timestamp, trace_id, name, duration, status_code, service.name | take 50']));
    const ids = data[0].result!.rows.map((r) => String(r[1]));
    expect(ids).toHaveLength(10);
    expect(await attrs(`${sel} tbody a`, "href")).toEqual(ids.map((id) => `/traces/${id}`));
    expect(await page.$$eval(`${sel} tr.error-row`, (e) => e.length)).toBe(10);
    expect(await texts(`${sel} tbody td.num`)).toContain("100 ms");
    await shot(sel, "traces");
  });

  it("text: Markdown rendered, HTML and script links made harmless", async () => {
    const markdown = [
      "## Checkout runbook",
      "",
      "1. Check **payment** errors",
      "2. Roll back with `deploy rollback`",
      "",
      '<script>window.pwned = "script"</script>',
      '<img src="x" onerror="window.pwned = \'img\'">',
      "[dangerous](javascript:window.pwned='link') and [docs](https://example.com/runbook)",
    ].join("\n");
    const { sel } = await show(panel("text", "Runbook", [], { markdown }));
    await page.waitForSelector(`${sel} .markdown h2`);
    expect(await page.textContent(`${sel} .markdown h2`)).toBe("Checkout runbook");
    expect(await page.$$eval(`${sel} .markdown li`, (e) => e.length)).toBe(2);
    expect(await page.$$eval(`${sel} .markdown script, ${sel} .markdown img, ${sel} [onerror]`, (e) => e.length)).toBe(0);
    expect(await attrs(`${sel} .markdown a`, "href")).toEqual(["https://example.com/runbook"]);
    expect(await page.textContent(`${sel} .markdown`)).toContain("<script>");
    expect(await page.evaluate("window.pwned === undefined")).toBe(true);
    await shot(sel, "text");
  });

  it("top list: ranked, limited", async () => {
    const { sel } = await show(panel("toplist", "Slow routes", ["spans | where duration > 50000000 | summarize slow = count() by http.route"], { limit: 2 }));
    expect(await attrs(`${sel} .toplist li`, "data-label")).toEqual(["/cart", "/checkout"]);
    expect(await texts(`${sel} .toplist-value`)).toEqual(["15", "10"]);
    await shot(sel, "toplist");
  });

  it("geomap: a country table with names and shares", async () => {
    const { sel } = await show(panel("geomap", "Countries", ["spans | summarize n = count() by attributes.geo.country.iso_code"]));
    expect(await page.getAttribute(`${sel} tbody tr:first-child`, "data-country")).toBe("US");
    expect(await page.textContent(`${sel} tbody tr:first-child`)).toContain("United States");
    expect(await page.textContent(`${sel} tbody tr:first-child .share-text`)).toBe("50.0%");
    expect((await attrs(`${sel} tbody tr:not(:first-child)`, "data-country")).sort()).toEqual(["DE", "FR", "JP"]);
    await shot(sel, "geomap");
  });

  it("shows a clear message for a failed query, no data, or a result of the wrong shape", async () => {
    const failed = await show(panel("timeseries", "Broken", ["spans | summarize nosuchfield"]));
    expect(await page.getAttribute(`${failed.sel} .widget-message`, "role")).toBe("alert");
    expect(await page.textContent(`${failed.sel} .widget-message`)).toContain("Query A:");
    const empty = await show(panel("stat", "Nothing", ['spans | where service.name == "nobody" | summarize count() by bin(timestamp, 1m)']));
    expect(await page.textContent(`${empty.sel} .widget-message`)).toBe("No data in this time range.");
    const wrong = await show(panel("gauge", "Wrong shape", ["spans | summarize count() by service.name | project service.name"]));
    expect(await page.textContent(`${wrong.sel} .widget-message`)).toContain("No numeric column");
    const noTime = await show(panel("timeseries", "No time", ["spans | summarize count() by service.name"]));
    expect(await page.textContent(`${noTime.sel} .widget-message`)).toContain("has no time column");
    await shot(failed.sel, "message-error");
    await shot(wrong.sel, "message-shape");
  });
});
