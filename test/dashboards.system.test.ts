/**
 * Dashboards in real Chromium against the platform started as `npm start` does, with spans
 * from two services sent by the official OpenTelemetry exporter: a dashboard with a `$service`
 * query variable, a variable-driven time series, a gauge, a table and a panel that does not
 * use the variable. Changing the variable re-runs only the panels that use it (the requests'
 * `vars` and the drawn values both change), the URL keeps the choice across a reload, an
 * annotation added from the chart shows as a marker, a saved edit becomes version 2 and
 * restoring version 1 from the versions drawer brings the old state back, and dragging and
 * resizing panels in edit mode changes the saved grid (after a save conflict, overwritten). Screenshots to test-artifacts/dashboards/.
 */
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type Page, type Request } from "playwright-core";
import { SpanKind } from "@opentelemetry/api";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import type { DashboardRecord, DashboardSpec } from "../core/dashboards/spec";
import { authHeaders, startServer, TEST_API_KEY, type RunningServer } from "./helpers/server";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const artifacts = path.resolve("test-artifacts", "dashboards");
let server: RunningServer;
let browser: Browser;
let page: Page;
let dashboardId = "";

/** Operations per service; each span is one call, spread over the last 20 minutes. */
const TRAFFIC: Record<string, { version: string; ops: Record<string, number> }> = {
  checkout: { version: "2.3.0", ops: { "POST /orders": 18, "GET /cart": 12 } },
  payment: { version: "0.9.1", ops: { charge: 7, refund: 5 } },
};
const total = (service: string) => Object.values(TRAFFIC[service].ops).reduce((a, b) => a + b, 0);

async function sendSpans(): Promise<void> {
  const now = Date.now();
  for (const [service, { version, ops }] of Object.entries(TRAFFIC)) {
    const exporter = new OTLPTraceExporter({ url: `${server.url}/v1/traces`, headers: { authorization: `Bearer ${TEST_API_KEY}` } });
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ "service.name": service, "service.version": version }),
      spanProcessors: [new BatchSpanProcessor(exporter, { maxExportBatchSize: 1000 })],
    });
    const tracer = provider.getTracer("dashboards-test");
    let i = 0;
    for (const [name, count] of Object.entries(ops)) {
      for (let k = 0; k < count; k++, i++) {
        const start = now - 60_000 - ((i * 37_000) % (20 * 60_000));
        tracer.startSpan(name, { kind: SpanKind.SERVER, startTime: new Date(start) }).end(new Date(start + 20 + k));
      }
    }
    await provider.forceFlush();
    await provider.shutdown();
  }
}

const spec: DashboardSpec = {
  schemaVersion: 1,
  title: "Service health",
  tags: ["test", "spans"],
  time: { from: "now-1h", to: "now" },
  refresh: null,
  variables: [
    { kind: "query", name: "service", label: "Service", query: "spans | distinct service.name | sort by service.name asc" },
    // Chained: its values depend on $service.
    { kind: "query", name: "operation", label: "Operation", query: "spans | where service.name == $service | distinct name | sort by name asc", multi: true, includeAll: true },
  ],
  panels: [
    {
      id: "rate",
      type: "timeseries",
      title: "Spans per minute",
      grid: { x: 0, y: 0, w: 12, h: 8 },
      queries: [{ refId: "A", query: "spans | where service.name == $service | summarize spans = count() by bin(timestamp, 1m)" }],
      options: {},
    },
    {
      id: "count",
      type: "gauge",
      title: "Spans",
      grid: { x: 12, y: 0, w: 6, h: 8 },
      queries: [{ refId: "A", query: "spans | where service.name == $service | summarize spans = count()" }],
      options: { min: 0, max: 100, thresholds: [{ value: null, color: "#1a7f37" }, { value: 80, color: "#d1242f" }] },
    },
    {
      id: "all",
      type: "stat",
      title: "All services",
      grid: { x: 18, y: 0, w: 6, h: 8 },
      queries: [{ refId: "A", query: "spans | summarize spans = count()" }],
      options: {},
    },
    {
      id: "ops",
      type: "table",
      title: "Operations",
      grid: { x: 0, y: 8, w: 24, h: 7 },
      queries: [{ refId: "A", query: "spans | where service.name == $service | summarize calls = count() by name | sort by name asc" }],
      options: {},
    },
  ],
  annotations: [],
};

async function apiJson<T>(method: string, route: string, body?: unknown): Promise<T> {
  const res = await fetch(`${server.url}${route}`, {
    method,
    headers: { ...authHeaders(), ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Query requests the page sends from now on: their body (query, from, to, vars). */
interface SentQuery {
  query: string;
  from: number;
  to: number;
  vars: Record<string, unknown>;
}

function recordQueries(): { list: SentQuery[]; stop(): void } {
  const list: SentQuery[] = [];
  const on = (r: Request) => {
    if (r.method() === "POST" && new URL(r.url()).pathname === "/api/v1/query") list.push(JSON.parse(r.postData() ?? "{}"));
  };
  page.on("request", on);
  return { list, stop: () => page.off("request", on) };
}

const panel = (id: string) => `[data-panel-id="${id}"]`;
const panelText = (id: string) => page.textContent(`${panel(id)} .panel-body`);
const panelIdle = (id: string) => page.waitForSelector(`${panel(id)} .panel[data-state=done]`);
const gridOf = (id: string) => page.getAttribute(panel(id), "data-grid");
const shot = (name: string) => page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });

async function allPanelsIdle() {
  for (const id of ["rate", "count", "all", "ops"]) await panelIdle(id);
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  server = await startServer();
  await sendSpans();
  dashboardId = (await apiJson<DashboardRecord>("POST", "/api/v1/dashboards", { spec })).id;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.url}/dashboards`);
  await page.fill("input[name=email]", "admin@example.com");
  await page.fill("input[name=password]", "correct horse battery staple");
  await page.click("button[type=submit]");
  await page.waitForSelector(".dash-list");
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("dashboards", () => {
  it("lists the dashboard and opens it with the first service chosen", async () => {
    await page.fill("input[aria-label='Search dashboards']", "health");
    await page.waitForSelector(`.dash-list a:has-text('Service health')`);
    await shot("01-list");
    const queries = recordQueries();
    await page.click(`.dash-list a:has-text('Service health')`);
    await page.waitForSelector(panel("rate"));
    await allPanelsIdle();
    await expect.poll(() => page.inputValue("select[aria-label=service]")).toBe("checkout");
    expect(await panelText("count")).toContain(String(total("checkout")));
    expect(await panelText("all")).toContain(String(total("checkout") + total("payment")));
    expect(await panelText("ops")).toContain("POST /orders");
    expect(await panelText("ops")).not.toContain("charge");
    // The variable's own query ran, then each panel's query with the value it uses.
    const byQuery = new Map(queries.list.map((q) => [q.query, q.vars]));
    expect(byQuery.get(spec.variables[0].kind === "query" ? spec.variables[0].query : "")).toEqual({});
    expect(byQuery.get(spec.panels[0].queries[0].query)).toEqual({ service: "checkout" });
    expect(byQuery.get(spec.panels[1].queries[0].query)).toEqual({ service: "checkout" });
    expect(byQuery.get(spec.panels[2].queries[0].query)).toEqual({});
    expect(byQuery.get(spec.variables[1].kind === "query" ? spec.variables[1].query : "")).toEqual({ service: "checkout" });
    queries.stop();
    await shot("02-checkout");
  });

  it("changing the variable re-runs only the panels that use it, with the new value", async () => {
    const queries = recordQueries();
    await page.selectOption("select[aria-label=service]", "payment");
    await expect.poll(() => panelText("count")).toContain(String(total("payment")));
    await allPanelsIdle();
    expect(await panelText("ops")).toContain("charge");
    expect(await panelText("ops")).not.toContain("POST /orders");
    const sent = queries.list.map((q) => q.query).sort();
    const operationQuery = spec.variables[1].kind === "query" ? spec.variables[1].query : "";
    // The chained variable re-resolved with the new service, and the three panels using $service re-ran.
    expect(sent).toEqual([operationQuery, spec.panels[0].queries[0].query, spec.panels[1].queries[0].query, spec.panels[3].queries[0].query].sort());
    expect(queries.list.every((q) => JSON.stringify(q.vars) === JSON.stringify({ service: "payment" }))).toBe(true);
    await page.click("summary[aria-label=operation]");
    expect(await page.$$eval(".var-multi li", (items) => items.map((i) => i.textContent?.trim()))).toEqual(["All", "charge", "refund"]);
    await page.click("summary[aria-label=operation]");
    // The panel that does not use $service kept its answer without asking again.
    expect(await panelText("all")).toContain(String(total("checkout") + total("payment")));
    queries.stop();
    expect(new URL(page.url()).searchParams.getAll("var-service")).toEqual(["payment"]);
    expect(new URL(page.url()).searchParams.getAll("var-operation")).toEqual(["$__all"]);
    await shot("03-payment");
  });

  it("the URL keeps the variable across a reload", async () => {
    await page.reload();
    await page.waitForSelector(panel("count"));
    await allPanelsIdle();
    expect(await page.inputValue("select[aria-label=service]")).toBe("payment");
    expect(await panelText("count")).toContain(String(total("payment")));
  });

  it("adds an annotation from the chart and shows its marker", async () => {
    // Ctrl/⌘-click a time on the chart asks for an annotation there.
    await page.click(`${panel("rate")} [aria-label='Time series chart']`, { modifiers: ["ControlOrMeta"] });
    await page.waitForSelector("[role=dialog][aria-label='Add annotation']");
    await page.fill("textarea[aria-label='Annotation text']", "rolled out payment 0.9.1");
    await page.fill("input[aria-label='Annotation tags']", "deploy, payment");
    const posted = page.waitForRequest((r) => r.method() === "POST" && new URL(r.url()).pathname === "/api/v1/annotations");
    await page.click("[role=dialog][aria-label='Add annotation'] button[type=submit]");
    const body = JSON.parse((await posted).postData() ?? "{}");
    expect(body).toMatchObject({ dashboardId, text: "rolled out payment 0.9.1", tags: ["deploy", "payment"] });
    await page.waitForSelector(`${panel("rate")} [data-annotation]`, { state: "attached" });
    expect(await page.$$eval(`${panel("rate")} [data-annotation]`, (m) => m.length)).toBe(1);
    const stored = await apiJson<{ annotations: { text: string }[] }>("GET", `/api/v1/annotations?dashboard=${dashboardId}&from=now-1h&to=now`);
    expect(stored.annotations.map((a) => a.text)).toContain("rolled out payment 0.9.1");
    await shot("04-annotation");
  });

  it("saves an edit as version 2, shows the diff, and restores version 1", async () => {
    await page.click(".dash-head button:has-text('Edit')");
    await page.click(`${panel("ops")} button:has-text('Edit')`);
    await page.fill("input[aria-label='Panel title']", "Calls by operation");
    // The query, in the query editor: keep only the first operation.
    await page.click("[role=dialog][aria-label='Edit panel'] .cm-content");
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.type(" | take 1");
    await expect.poll(() => page.textContent("[role=dialog][aria-label='Edit panel'] .cm-content")).toBe(`${spec.panels[3].queries[0].query} | take 1`);
    await shot("05-panel-editor");
    await page.click("[role=dialog][aria-label='Edit panel'] button:has-text('Apply')");
    await panelIdle("ops");
    await expect.poll(() => panelText("ops")).toContain("charge");
    expect(await panelText("ops")).not.toContain("refund");
    await page.click(".dash-head button:has-text('Save')");
    await expect.poll(async () => (await apiJson<DashboardRecord>("GET", `/api/v1/dashboards/${dashboardId}`)).version).toBe(2);
    expect((await apiJson<DashboardRecord>("GET", `/api/v1/dashboards/${dashboardId}`)).spec.panels.find((p) => p.id === "ops")!.title).toBe("Calls by operation");
    expect(await page.textContent(`${panel("ops")} .panel-head`)).toContain("Calls by operation");

    await page.click(".dash-head button:has-text('Versions')");
    await page.waitForSelector(".versions tr[data-version='1']");
    await page.check("input[aria-label='Pick version 1']");
    await page.check("input[aria-label='Pick version 2']");
    await page.click("button:has-text('Compare selected')");
    await page.waitForSelector(".diff .change");
    const diff = await page.textContent(".diff");
    expect(diff).toContain("Operations");
    expect(diff).toContain("Calls by operation");
    expect(diff).toContain("| take 1");
    await shot("06-versions-diff");

    await page.click(".versions tr[data-version='1'] button:has-text('Restore')");
    await page.click(".versions tr[data-version='1'] button:has-text('Restore as new version')");
    await expect.poll(() => page.textContent(`${panel("ops")} .panel-head`)).toContain("Operations");
    const restored = await apiJson<DashboardRecord>("GET", `/api/v1/dashboards/${dashboardId}`);
    expect(restored.version).toBe(3);
    expect(restored.spec.panels.find((p) => p.id === "ops")!.title).toBe("Operations");
    await panelIdle("ops");
    await expect.poll(() => panelText("ops")).toContain("refund");
    await shot("07-restored");
  });

  it("drags and resizes panels in edit mode, and the saved grid changes", async () => {
    if (!(await page.$(".dash-head button[aria-pressed=true]"))) await page.click(".dash-head button:has-text('Edit')");
    expect(await gridOf("rate")).toBe("0,0,12,8");
    const grid = (await page.$(".grid"))!;
    const gb = (await grid.boundingBox())!;
    const col = (gb.width + 8) / 24;
    const row = 30 + 8;

    // Resize the time series from its corner: 4 columns wider, 2 rows taller.
    const handle = (await (await page.$(`${panel("rate")} .resize-handle`))!.boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + handle.width / 2 + 4 * col, handle.y + handle.height / 2 + 2 * row, { steps: 8 });
    await page.mouse.up();
    expect(await gridOf("rate")).toBe("0,0,16,10");
    // It now covers the gauge's columns (12-15): the gauge went below it; the table below both.
    expect(await gridOf("count")).toBe("12,10,6,8");

    // Drag the table by its title to the top: what it lands on goes below it.
    const head = (await (await page.$(`${panel("ops")} .panel-head h3`))!.boundingBox())!;
    const [x0, y0] = [head.x + 5, head.y + head.height / 2];
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    const opsY = Number((await gridOf("ops"))!.split(",")[1]);
    await page.mouse.move(x0, y0 - opsY * row, { steps: 10 });
    await page.mouse.up();
    expect(await gridOf("ops")).toBe("0,0,24,7");
    expect(await gridOf("rate")).toBe("0,7,16,10");
    await shot("08-edited-layout");

    // Meanwhile someone else saves (version 4): our save is refused, says who, and we overwrite.
    const theirs = await apiJson<DashboardRecord>("GET", `/api/v1/dashboards/${dashboardId}`);
    await apiJson("PUT", `/api/v1/dashboards/${dashboardId}`, { version: theirs.version, spec: { ...theirs.spec, title: "Renamed elsewhere" } });
    await page.click(".dash-head button:has-text('Save')");
    await page.waitForSelector(".conflict");
    expect(await page.textContent(".conflict")).toContain("version 4");
    await shot("09-conflict");
    await page.click(".conflict button:has-text('Overwrite with mine')");
    await expect.poll(async () => (await apiJson<DashboardRecord>("GET", `/api/v1/dashboards/${dashboardId}`)).version).toBe(5);
    await page.waitForSelector(".conflict", { state: "detached" });
    const saved = await apiJson<DashboardRecord>("GET", `/api/v1/dashboards/${dashboardId}`);
    expect(saved.spec.title).toBe("Service health");
    const grids = Object.fromEntries(saved.spec.panels.map((p) => [p.id, p.grid]));
    expect(grids.ops).toEqual({ x: 0, y: 0, w: 24, h: 7 });
    expect(grids.rate).toEqual({ x: 0, y: 7, w: 16, h: 10 });
  });

  it("the deployments annotation query marks each service version's first appearance", async () => {
    await page.click(".dash-head button:has-text('Settings')");
    await page.click("[role=dialog][aria-label='Dashboard settings'] button:has-text('Deployments')");
    await shot("10-settings");
    await page.click("[role=dialog][aria-label='Dashboard settings'] button:has-text('Apply')");
    // One marker per (service, version) beside the manual annotation, each saying what it marks.
    const markers = () => page.$$eval(`${panel("rate")} [data-annotation]`, (m) => m.map((x) => x.textContent ?? "").sort());
    await expect.poll(async () => (await markers()).length, { timeout: 10_000 }).toBe(3);
    const texts = (await markers()).join("\n");
    expect(texts).toContain("checkout 2.3.0");
    expect(texts).toContain("payment 0.9.1");
    expect(texts).toContain("rolled out payment 0.9.1");
  });

  it("dragging across the time series zooms every panel to that span", async () => {
    const chart = (await (await page.$(`${panel("rate")} [aria-label='Time series chart']`))!.boundingBox())!;
    const y = chart.y + chart.height * 0.4;
    const queries = recordQueries();
    await page.mouse.move(chart.x + chart.width * 0.3, y);
    await page.mouse.down();
    await page.mouse.move(chart.x + chart.width * 0.7, y, { steps: 10 });
    await page.mouse.up();
    await expect.poll(() => new URL(page.url()).searchParams.get("from")).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const url = new URL(page.url());
    const from = Date.parse(url.searchParams.get("from")!);
    const to = Date.parse(url.searchParams.get("to")!);
    expect(to - from).toBeGreaterThan(0);
    expect(to - from).toBeLessThan(3_600_000);
    await allPanelsIdle();
    // Every panel ran again, once, over the zoomed span.
    const panelQueries = spec.panels.map((p) => p.queries[0].query).sort();
    const zoomed = queries.list.filter((q) => q.from === from && q.to === to && panelQueries.includes(q.query));
    expect(zoomed.map((q) => q.query).sort()).toEqual(panelQueries);
    queries.stop();
    await shot("11-zoomed");
  });

  it("auto-refresh re-runs every panel on its interval, and the URL keeps the choice", async () => {
    const queries = recordQueries();
    await page.selectOption("select[aria-label=Auto-refresh]", "10s");
    expect(new URL(page.url()).searchParams.get("refresh")).toBe("10s");
    const panelQueries = spec.panels.map((p) => p.queries[0].query).sort();
    // No timing asserted: only that a refresh comes and runs each panel.
    await expect.poll(() => [...new Set(queries.list.map((q) => q.query).filter((q) => panelQueries.includes(q)))].sort(), { timeout: 30_000, interval: 500 }).toEqual(panelQueries);
    await page.selectOption("select[aria-label=Auto-refresh]", "");
    expect(new URL(page.url()).searchParams.get("refresh")).toBe("off");
    queries.stop();
  });

  it("lists starred first, creates a folder, exports a row and imports it into the folder", async () => {
    await page.click("nav a:has-text('Dashboards')");
    await page.waitForSelector(".dash-list");
    await page.fill("input[aria-label='Search dashboards']", "");
    const general = "section.folder[aria-label=General] .dash-list tr";
    const firstTitle = () => page.textContent(`${general} >> nth=0 >> td:nth-child(2)`);
    await page.waitForSelector(`${general}:has-text('Service health')`);
    const rowsBefore = await page.$$eval(general, (r) => r.length);
    expect(rowsBefore).toBeGreaterThan(1);
    expect((await firstTitle())?.trim()).not.toBe("Service health");
    await page.click("button[aria-label='Star Service health']");
    await expect.poll(async () => (await firstTitle())?.trim()).toBe("Service health");
    expect(await page.getAttribute(`${general} >> nth=0 >> button.star`, "aria-pressed")).toBe("true");

    await page.click("button:has-text('New folder')");
    await page.fill("input[aria-label='Folder name']", "Team payments");
    await page.click("button:has-text('Create folder')");
    await page.waitForSelector("section.folder[aria-label='Team payments']");

    const download = page.waitForEvent("download");
    await page.click(`${general}:has-text('Service health') button:has-text('Export')`);
    const file = JSON.parse(readFileSync(await (await download).path(), "utf8"));
    expect(file).toMatchObject({ kind: "monoscope.dashboard", dashboard: { title: "Service health" } });
    await shot("13-list");

    await page.click(".dash-head button:has-text('Import')");
    await page.fill("textarea[aria-label='Dashboard JSON']", JSON.stringify({ ...file, dashboard: { ...file.dashboard, title: "Imported health" } }));
    await page.selectOption("select[aria-label='Import into folder']", { label: "Team payments" });
    await page.click(".import-box button:has-text('Import')");
    await page.waitForSelector(".dash-head h1:has-text('Imported health')");
    await page.waitForSelector(panel("ops"));
    await page.click(".dash-head a:has-text('Dashboards')");
    await page.waitForSelector("section.folder[aria-label='Team payments'] .dash-list a:has-text('Imported health')");
    // Everything but the title came through unchanged.
    const imported = await apiJson<{ dashboards: { id: string; title: string }[] }>("GET", "/api/v1/dashboards?q=Imported");
    const record = await apiJson<DashboardRecord>("GET", `/api/v1/dashboards/${imported.dashboards.find((d) => d.title === "Imported health")!.id}`);
    expect({ ...record.spec, title: "Service health" }).toEqual(file.dashboard);

    // Delete asks once more, then the dashboard is gone.
    await page.click("button[aria-label='Delete Imported health']");
    await page.click("section.folder[aria-label='Team payments'] button:has-text('Delete with its history')");
    await page.waitForSelector("section.folder[aria-label='Team payments'] .dash-list a:has-text('Imported health')", { state: "detached" });
    const res = await fetch(`${server.url}/api/v1/dashboards/${record.id}`, { headers: authHeaders() });
    expect(res.status).toBe(404);
  });

  it("the built-in service overview opens and every panel answers without an error", async () => {
    await page.click("nav a:has-text('Dashboards')");
    await page.click(".dash-list a:has-text('Service overview')");
    await page.waitForSelector(".grid-item");
    const ids = await page.$$eval(".grid-item", (items) => items.map((i) => i.getAttribute("data-panel-id") ?? ""));
    expect(ids.length).toBeGreaterThan(3);
    for (const id of ids) await panelIdle(id);
    expect(await page.$$eval("[data-panel-id] .panel-error", (e) => e.map((x) => x.textContent))).toEqual([]);
    // Its $service variable defaulted to All: the requests of both services are counted.
    expect(await page.textContent("[data-panel-id=requests] .panel-body")).toContain(String(total("checkout") + total("payment")));
    await shot("14-service-overview");
  });
});
