/**
 * Real-user monitoring end to end, in real Chromium against the platform started as
 * `npm start` does. A shop page on another loopback port loads the SDK by script tag
 * from the server; the test navigates, clicks, triggers an error and an unhandled
 * rejection, calls a traced backend route with fetch and XHR, changes route in the SPA,
 * hides the page and leaves it. Then it finds every event through the query API with the
 * right fields, the backend span linked by the traceparent, a beacon over 64 KB split,
 * a disallowed origin refused, and a session replay with the typed card number masked.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { authHeaders, startServer, TEST_API_KEY, type RunningServer } from "./helpers/server";
import { flush } from "./helpers/storage";
import { startRumSite, type RumSite } from "./helpers/rum-site";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const artifacts = path.resolve("test-artifacts", "rum");
const CARD = "4111 1111 1111 1111";

let server: RunningServer;
let site: RumSite;
let browser: Browser;
let page: Page;
let browserKey = "";
const refused: number[] = [];

/**
 * Records every body the page sends to /rum (sendBeacon or fetch) before passing it on
 * unchanged: DevTools does not expose sendBeacon bodies, and the split is what we check.
 */
const RECORD_SENT = `
  window.__sent = [];
  const note = (via, ok, text) => {
    const events = JSON.parse(text).events;
    const entry = { via, ok, done: via === "beacon", bytes: new TextEncoder().encode(text).length, bulk: events.filter((e) => e.target === "bulk").length };
    window.__sent.push(entry);
    return entry;
  };
  const beacon = navigator.sendBeacon.bind(navigator);
  navigator.sendBeacon = (url, data) => {
    const ok = beacon(url, data);
    if (String(url).includes("/rum?")) data.text().then((t) => note("beacon", ok, t));
    return ok;
  };
  const f = window.fetch;
  window.fetch = function (url, init) {
    const p = f.apply(this, arguments);
    if (String(url).includes("/rum?")) {
      const entry = note("fetch", true, init.body);
      p.then((r) => { entry.status = r.status; entry.done = true; }, () => { entry.done = true; entry.failed = true; });
    }
    return p;
  };
`;
type Sent = { via: string; ok: boolean; bytes: number; bulk: number; status?: number; failed?: boolean };

async function api(method: string, p: string, body?: unknown) {
  const res = await fetch(`${server.url}${p}`, { method, headers: { ...authHeaders(), "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function rows(query: string): Promise<Record<string, unknown>[]> {
  const r = (await api("POST", "/api/v1/query", { query, from: "now-1h", to: "now+5m" })) as { columns: { name: string }[]; rows: unknown[][] };
  return r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c.name, row[i]])));
}

function watchRefusals(p: Page) {
  p.on("response", (res) => {
    if (new URL(res.url()).pathname === "/rum" && res.status() >= 400) refused.push(res.status());
  });
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  server = await startServer();
  browserKey = ((await api("POST", "/api/v1/rum/keys", { name: "shop" })) as { key: string }).key;
  site = await startRumSite({ monoscope: server.url, key: browserKey, ingestKey: TEST_API_KEY });
  await api("PUT", "/api/v1/rum/origins", { origins: [site.origin] });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript(RECORD_SENT);
  watchRefusals(page);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await server?.stop();
});

describe("browser SDK → /rum → rum table", () => {
  it("records a visit: views, SPA route, clicks, errors, requests, vitals; split and refused beacons", async () => {
    await page.goto(`${site.origin}/`);
    await page.waitForFunction("typeof window.Monoscope === 'object'");
    await page.waitForFunction("typeof window.__mseReplay === 'object'");
    await page.fill("#card", CARD);
    await page.click("#buy"); // a click action, then a TypeError thrown from a timer
    await page.evaluate("setTimeout(() => Promise.reject(new RangeError('payment rejected')), 0)");
    await page.evaluate("fetch('/api/checkout?token=s3cret', { method: 'POST', body: '{}' }).then((r) => r.json())");
    await page.evaluate(`new Promise((resolve) => { const x = new XMLHttpRequest(); x.open('GET', '/api/checkout'); x.onloadend = resolve; x.send(); })`);
    await page.evaluate("history.pushState({}, '', '/cart/1234')");
    // More than one beacon's worth of events (10 × ~9 KB, under the 30-event batch size):
    // the final flush must split them into bodies under 64 KB.
    await page.evaluate("for (let i = 0; i < 10; i++) Monoscope.addAction('bulk', { i: String(i), ...Object.fromEntries(Array.from({ length: 10 }, (_, k) => ['pad' + k, String(i).repeat(900)])) })");
    await page.screenshot({ path: path.join(artifacts, "01-shop.png") });
    // Hide the page (what a tab switch does): vitals report and the queue goes out by sendBeacon.
    await page.evaluate("Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true }); document.dispatchEvent(new Event('visibilitychange', { bubbles: true }))");
    await expect.poll(() => page.evaluate("window.__sent.filter((s) => s.bulk > 0).length")).toBeGreaterThanOrEqual(2);
    await expect.poll(() => page.evaluate("window.__sent.every((s) => s.done)")).toBe(true);
    const sent = (await page.evaluate("window.__sent")) as Sent[];
    await page.goto("about:blank"); // pagehide: the rest goes out

    // The same site under another name is another origin, which the project does not allow.
    const evil = await browser.newPage();
    watchRefusals(evil);
    await evil.goto(`http://localhost:${site.port}/?service=evil-web`);
    await evil.waitForFunction("typeof window.Monoscope === 'object'");
    await evil.evaluate("Monoscope.addAction('from-evil'); Monoscope.flush()");
    await expect.poll(() => refused.length, { timeout: 15_000 }).toBeGreaterThan(0);
    await evil.close();

    await site.flushSpans();
    await expect.poll(async () => (await rows('rum | where type == "action" and target == "bulk" | summarize n = count()'))[0].n, { timeout: 30_000 }).toBe(10);
    await flush(server.url);

    for (const b of sent) expect(b.bytes).toBeLessThanOrEqual(64 * 1024);
    // The bulk actions went out in at least two bodies, each holding only whole events.
    const bulkBodies = sent.filter((b) => b.bulk > 0);
    expect(bulkBodies.length).toBeGreaterThanOrEqual(2);
    expect(bulkBodies.some((b) => b.via === "beacon")).toBe(true);
    // Each bulk event exactly once: no body is sent twice.
    const perEvent = await rows('rum | where target == "bulk" | summarize n = count() by i = tostring(attributes.i) | sort by i asc');
    expect(perEvent).toEqual(Array.from({ length: 10 }, (_, i) => ({ i: String(i), n: 1 })));
    expect(bulkBodies.reduce((n, b) => n + b.bulk, 0)).toBe(10);
    expect(bulkBodies.reduce((n, b) => n + b.bytes, 0)).toBeGreaterThan(64 * 1024);
    expect(refused.every((s) => s === 403)).toBe(true);
    expect(await rows('rum | where service.name == "evil-web" | summarize n = count()')).toEqual([{ n: 0 }]);
  });

  it("stores page views, including the SPA route change, with page grouping", async () => {
    const views = await rows('rum | where type == "view" | sort by timestamp asc | project name, page, url');
    expect(views.map((v) => [v.name, v.page])).toEqual([["load", "/"], ["pushState", "/cart/:id"]]);
    expect(views[1].url).toBe(`${site.origin}/cart/1234`);
  });

  it("stores Web Vitals with ratings and attribution targets", async () => {
    const vitals = await rows('rum | where type == "vital" | project name, value, rating, target, page');
    const names = new Set(vitals.map((v) => v.name));
    for (const n of ["LCP", "FCP", "TTFB", "CLS"]) expect(names, `missing ${n}`).toContain(n);
    for (const v of vitals) {
      expect(typeof v.value).toBe("number");
      expect(["good", "needs-improvement", "poor"]).toContain(v.rating);
    }
    expect(vitals.find((v) => v.name === "LCP")!.target).toBe("hero banner");
    const p75 = await rows('rum | where type == "vital" and name == "LCP" | summarize p75(value) by page');
    expect(p75).toHaveLength(1);
    expect(p75[0].page).toBe("/");
  });

  it("stores errors and unhandled rejections with parsed stack frames", async () => {
    const errors = await rows('rum | where type == "error" | project name, error_type, error_message, error_frames, error_top_frame, attributes');
    const thrown = errors.find((e) => e.error_type === "TypeError")!;
    expect(thrown).toMatchObject({ name: "error", error_message: "checkout exploded" });
    const frames = JSON.parse(thrown.error_frames as string) as { fn: string; file: string; line: number; col: number }[];
    expect(frames[0]).toMatchObject({ fn: "checkout", file: `${site.origin}/` });
    expect(frames[0].line).toBeGreaterThan(0);
    expect(thrown.error_top_frame).toBe(`checkout (${site.origin}/:${frames[0].line}:${frames[0].col})`);
    expect(errors.find((e) => e.name === "unhandledrejection")).toMatchObject({ error_type: "RangeError", error_message: "payment rejected" });
  });

  it("stores fetch and XHR with a traceparent that links to the backend's span", async () => {
    const reqs = await rows('rum | where type == "request" | project http_request_method, http_response_status_code, url_full, value, trace_id, span_id | sort by http_request_method asc');
    expect(reqs.map((r) => [r.http_request_method, r.http_response_status_code])).toEqual([["GET", 200], ["POST", 200]]);
    expect(reqs[1].url_full).toBe(`${site.origin}/api/checkout?token=REDACTED`);
    expect(site.traceparents).toHaveLength(2);
    for (const r of reqs) {
      expect(site.traceparents).toContain(`00-${r.trace_id}-${r.span_id}-01`);
      const spans = await rows(`spans | where trace_id == "${r.trace_id}" | project name, parent_span_id, service.name`);
      expect(spans).toEqual([{ name: `${r.http_request_method} /api/checkout`, parent_span_id: r.span_id, service_name: "shop-api" }]);
    }
  });

  it("stores clicks with a readable target, and the visitor's browser", async () => {
    const clicks = await rows('rum | where type == "action" and name == "click" | project target, browser_name, device_type, os_name');
    expect(clicks).toContainEqual({ target: "Buy now", browser_name: "Chrome", device_type: "desktop", os_name: "Linux" });
    const sessions = await rows('rum | where service.name == "shop-web" | summarize n = dcount(session_id)');
    expect(sessions).toEqual([{ n: 1 }]);
  });

  it("records a session replay with typed input masked", async () => {
    const [{ session_id }] = await rows('rum | where service.name == "shop-web" | summarize by session_id');
    await expect
      .poll(async () => (await fetch(`${server.url}/api/v1/rum/replays/${session_id}`, { headers: authHeaders() })).status, { timeout: 20_000 })
      .toBe(200);
    const replay = (await api("GET", `/api/v1/rum/replays/${session_id}`)) as { events: { type: number }[] };
    const text = JSON.stringify(replay.events);
    expect(replay.events.some((e) => e.type === 2)).toBe(true); // a full snapshot
    expect(text).not.toContain("4111");
    expect(text).not.toContain("Jane Doe");
    expect(text).toContain("*".repeat(CARD.length));
  });
});

describe("RUM in the dashboard", () => {
  let dash: Page;
  const shot = (name: string) => dash.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    dash = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await dash.goto(server.url);
    await dash.fill("input[name=email]", "admin@example.com");
    await dash.fill("input[name=password]", "correct horse battery staple");
    await dash.click("button[type=submit]");
    await dash.waitForSelector(".cm-content");
  });

  it("shows the overview: views, sessions, bounce rate, vitals p75 per page in bands, breakdowns", async () => {
    await dash.goto(`${server.url}/rum?from=now-1h&to=now`); // redirected to /rum/overview
    expect(new URL(dash.url()).pathname).toBe("/rum/overview");
    await expect.poll(() => dash.textContent('[data-stat="Page views"]')).toBe("2");
    expect(await dash.textContent('[data-stat="Sessions"]')).toBe("1");
    expect(await dash.textContent('[data-stat="Bounce rate"]')).toBe("0.0 %");
    // The visit lasted about a second (well under a minute): the duration is read in the right unit.
    expect(await dash.textContent('[data-stat="Avg session"]')).toMatch(/^\d+\.\d s$/);
    const lcp = await dash.waitForSelector("td[data-vital=LCP]");
    expect(await lcp.getAttribute("class")).toMatch(/vital (good|needs-improvement|poor)/);
    expect(await dash.textContent(".rum-grid")).toContain("Chrome");
    expect(await dash.textContent(".rum-grid")).toContain("desktop");
    await shot("02-overview");
  });

  it("groups errors by message and top frame", async () => {
    await dash.click(".tabs a:has-text('Errors')");
    const group = await dash.waitForSelector(".rum-error-group:has-text('checkout exploded')");
    expect(await group.textContent()).toContain(`checkout (${site.origin}/:`);
    expect(await dash.textContent(".rum-errors")).toContain("payment rejected");
    await shot("03-errors");
    // The group links to a session where it happened: its timeline shows the error.
    await (await group.$(".rum-error-session"))!.click();
    await dash.waitForSelector(".rum-event[data-type=error]:has-text('checkout exploded')");
    await dash.goBack();
  });

  it("opens a session: timeline with a request linking to its backend trace, and the replay with input masked", async () => {
    await dash.click(".tabs a:has-text('Sessions')");
    await dash.click(".rum-sessions tbody tr a");
    await dash.waitForSelector(".rum-event[data-type=action]:has-text('Buy now')");
    const link = await dash.waitForSelector(".rum-trace-link");
    const [request] = await rows('rum | where type == "request" and http_request_method == "GET" | project trace_id');
    const hrefs = await dash.$$eval(".rum-trace-link", (as) => as.map((a) => a.getAttribute("href")));
    expect(hrefs).toContain(`/traces/${request.trace_id}`);

    await dash.waitForSelector(".rum-replay-stage[data-state=ready] iframe");
    const frame = dash.frames().find((f) => f !== dash.mainFrame())!;
    await expect.poll(async () => (await frame.$("#card")) !== null, { timeout: 15_000 }).toBe(true);
    await expect.poll(() => frame.$eval("#card", (el) => (el as unknown as { value: string }).value), { timeout: 15_000 }).toBe("*".repeat(CARD.length));
    expect(await frame.textContent("body")).not.toContain("Jane Doe");
    await shot("04-session-replay");

    await link.click();
    await dash.waitForURL(/\/traces\/[0-9a-f]{32}/);
    await expect.poll(() => dash.textContent("main")).toContain("shop-api");
    await shot("05-backend-trace");
  });
});
