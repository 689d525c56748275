/**
 * Alert routing end to end, with Prometheus Alertmanager as the reference: the same
 * alertmanager.yml is loaded by Debian's `prometheus-alertmanager` and imported into
 * Monoscope (only the receivers' URLs differ: one real local HTTP receiver records both),
 * the same alerts are posted to both, and each receiver must get the same grouped
 * notifications (receiver, group key, group labels, alerts, status) from both, firing
 * and then resolved. In between, the Alerting tabs are driven in real Chromium:
 * acknowledge, silence from an alert, routes, contact points, on-call timeline.
 * Screenshots go to test-artifacts/alerting/.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { freePort, startServer, TEST_API_KEY, type RunningServer } from "./helpers/server";
import { startReceiver, type Receiver } from "./helpers/receiver";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ALERTMANAGER = process.env.ALERTMANAGER_PATH ?? "/usr/bin/prometheus-alertmanager";
const artifacts = path.resolve("test-artifacts", "alerting");

const config = (hook: (receiver: string) => string) => `
route:
  receiver: default
  group_by: [alertname]
  group_wait: 1s
  group_interval: 2s
  repeat_interval: 1h
  routes:
    - matchers: ['severity="critical"']
      receiver: pager
      continue: true
    - matchers: ['team=~"db|cache"']
      receiver: db-team
      group_by: [alertname, cluster]
    - matchers: ['team="web"']
      receiver: web-team
      group_by: ['...']
inhibit_rules:
  - source_matchers: ['severity="critical"']
    target_matchers: ['severity="warning"']
    equal: [cluster]
receivers:
${["default", "pager", "db-team", "web-team"].map((r) => `  - name: ${r}\n    webhook_configs: [{ url: "${hook(r)}", send_resolved: true }]`).join("\n")}
`;

const ALERTS = [
  { alertname: "DiskFull", severity: "critical", team: "db", cluster: "eu", instance: "db1" },
  { alertname: "DiskFull", severity: "warning", team: "db", cluster: "eu", instance: "db2" }, // inhibited by db1
  { alertname: "DiskFull", severity: "warning", team: "db", cluster: "us", instance: "db3" },
  { alertname: "HighLatency", severity: "warning", team: "web", instance: "web1" },
  { alertname: "HighLatency", severity: "warning", team: "web", instance: "web2" },
  { alertname: "QueueBacklog", severity: "info", team: "mobile", instance: "q1" },
];

let server: RunningServer;
let receiver: Receiver;
let alertmanager: ChildProcess;
let amUrl = "";
let browser: Browser;
let page: Page;

async function startAlertmanager(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "alertmanager-"));
  writeFileSync(path.join(dir, "alertmanager.yml"), config((r) => `${receiver.url}/hook/am/${r}`));
  const port = await freePort();
  amUrl = `http://127.0.0.1:${port}`;
  let log = "";
  alertmanager = spawn(ALERTMANAGER, [`--config.file=${dir}/alertmanager.yml`, `--storage.path=${dir}/data`, `--web.listen-address=127.0.0.1:${port}`, "--cluster.listen-address="], { stdio: ["ignore", "pipe", "pipe"] });
  alertmanager.stdout!.on("data", (d) => (log += d));
  alertmanager.stderr!.on("data", (d) => (log += d));
  for (let i = 0; i < 200; i++) {
    if (alertmanager.exitCode !== null) throw new Error(`alertmanager exited:\n${log}`);
    const ok = await fetch(`${amUrl}/-/ready`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`alertmanager did not start:\n${log}`);
}

const api = (p: string, init: RequestInit = {}) =>
  fetch(`${server.url}${p}`, { ...init, headers: { authorization: `Bearer ${TEST_API_KEY}`, "content-type": "application/json", ...(init.headers as Record<string, string>) } });

/** What a receiver was told, independent of who told it. */
function normalize(bucket: "am" | "ms") {
  return receiver
    .received(bucket)
    .map((r) => {
      const b = r.body as { receiver: string; status: string; groupKey: string; groupLabels: Record<string, string>; alerts: { status: string; labels: Record<string, string> }[]; version: string };
      return JSON.stringify({
        path: r.path.split("/").pop(),
        version: b.version,
        receiver: b.receiver,
        status: b.status,
        groupKey: b.groupKey,
        groupLabels: b.groupLabels,
        alerts: b.alerts.map((a) => `${a.status}:${a.labels.instance}`).sort(),
      });
    })
    .sort();
}

/** Waits until Alertmanager's notifications stop changing, then until ours equal them. */
async function sameAsAlertmanager(minimum: number): Promise<string[]> {
  let last = "";
  let stableSince = Date.now();
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 250))) {
    const now = JSON.stringify(normalize("am"));
    if (now !== last) (last = now), (stableSince = Date.now());
    if (normalize("am").length >= minimum && Date.now() - stableSince > 3000) break;
  }
  const reference = normalize("am");
  await expect.poll(() => normalize("ms"), { timeout: 60_000, interval: 250 }).toEqual(reference);
  return reference;
}

const shot = (name: string) => page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  receiver = await startReceiver();
  server = await startServer();
  await startAlertmanager();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  alertmanager?.kill("SIGTERM");
  await server?.stop();
  await receiver?.close();
});

describe("routing compared with Prometheus Alertmanager", () => {
  it("imports the same alertmanager.yml", async () => {
    const res = await fetch(`${server.url}/api/v1/alerting/config/import`, {
      method: "POST",
      headers: { authorization: `Bearer ${TEST_API_KEY}`, "content-type": "application/yaml" },
      body: config((r) => `${receiver.url}/hook/ms/${r}`),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { warnings: string[] }).warnings).toEqual([]);
  });

  it("firing: every receiver gets the same grouped notifications from both", async () => {
    const body = JSON.stringify(ALERTS.map((labels) => ({ labels, annotations: { summary: `${labels.alertname} on ${labels.instance}` }, generatorURL: "http://example/rule" })));
    expect((await fetch(`${amUrl}/api/v2/alerts`, { method: "POST", headers: { "content-type": "application/json" }, body })).status).toBe(200);
    expect((await api("/api/v1/alerts", { method: "POST", body })).status).toBe(200);
    const reference = await sameAsAlertmanager(6);
    // The reference itself routed as the config says (so the comparison is not vacuous).
    const byReceiver = (r: string) => reference.map((x) => JSON.parse(x)).filter((x) => x.receiver === r).map((x) => x.alerts);
    expect(byReceiver("pager")).toEqual([["firing:db1"]]);
    expect(byReceiver("db-team").sort()).toEqual([["firing:db1"], ["firing:db3"]]);
    expect(byReceiver("web-team").sort()).toEqual([["firing:web1"], ["firing:web2"]]);
    expect(byReceiver("default")).toEqual([["firing:q1"]]);
  });
});

describe("the Alerting tabs in Chromium", () => {
  it("signs in and shows the grouped alerts; acknowledges one", async () => {
    await page.goto(server.url);
    await page.fill("input[name=email]", "admin@example.com");
    await page.fill("input[name=password]", "correct horse battery staple");
    await page.click("button[type=submit]");
    await page.waitForSelector(".topbar");
    await page.goto(`${server.url}/alerting/alerts`);
    await page.waitForSelector(".alert-group");
    expect(await page.locator(".alert-group").count()).toBeGreaterThanOrEqual(5);
    await shot("01-alerts");
    const row = page.locator(".alert-row", { hasText: "QueueBacklog on q1" });
    await row.getByRole("button", { name: "Acknowledge" }).click();
    await row.getByText("acknowledged by admin@example.com").waitFor();
    const groups = (await (await api("/api/v1/alerts")).json()) as { groups: { alerts: { labels: Record<string, string>; acknowledged: unknown }[] }[] };
    const q1 = groups.groups.flatMap((g) => g.alerts).find((a) => a.labels.instance === "q1")!;
    expect(q1.acknowledged).toMatchObject({ by: "admin@example.com" });
  });

  it("silences an alert from its row: matchers prefilled, preview, created", async () => {
    const row = page.locator(".alert-row", { hasText: "HighLatency on web2" });
    await row.getByRole("link", { name: "Silence" }).click();
    await page.waitForSelector(".silence-form");
    expect(await page.inputValue("input[aria-label='Value 1']")).toBe("HighLatency");
    await page.locator(".preview strong", { hasText: "1 firing alert(s) match" }).waitFor();
    await page.fill("textarea[aria-label=Comment]", "investigating latency");
    await shot("02-silence-form");
    await page.getByRole("button", { name: "Create silence" }).click();
    await page.locator("table.plain", { hasText: "investigating latency" }).waitFor();
    await shot("03-silences");
    const silences = (await (await api("/api/v1/silences")).json()) as { silences: { comment: string; createdBy: string; status: { state: string } }[] };
    expect(silences.silences[0]).toMatchObject({ comment: "investigating latency", createdBy: "admin@example.com", status: { state: "active" } });
  });

  it("shows the routing tree and the contact points", async () => {
    await page.goto(`${server.url}/alerting/routes`);
    await page.locator(".route-node", { hasText: "db-team" }).waitFor();
    expect(await page.locator(".route-node").count()).toBe(4);
    await shot("04-routes");
    await page.goto(`${server.url}/alerting/contact-points`);
    await page.locator("table.plain", { hasText: "web-team" }).waitFor();
    expect(await page.locator("table.plain tr").count()).toBe(4);
    await shot("05-contact-points");
  });

  it("shows who is on call over two weeks", async () => {
    const members = (await (await api("/api/v1/oncall/members")).json()) as { members: { id: string }[] };
    const today = new Date().toISOString().slice(0, 10);
    const res = await api("/api/v1/schedules", {
      method: "POST",
      body: JSON.stringify({ name: "Primary", time_zone: "Europe/Berlin", layers: [{ users: [members.members[0].id], rotation_days: 7, start_date: today, handoff_time: "00:00" }], overrides: [] }),
    });
    expect(res.status).toBe(201);
    await page.goto(`${server.url}/alerting/on-call`);
    await page.locator(".timeline-bars .bar").first().waitFor();
    expect(await page.locator(".schedule").textContent()).toContain("admin@example.com");
    await shot("06-on-call");
  });
});

describe("resolved, compared with Alertmanager", () => {
  it("every receiver gets the same resolved notifications from both", async () => {
    const before = normalize("am").length;
    const endsAt = new Date().toISOString();
    const body = JSON.stringify(ALERTS.map((labels) => ({ labels, annotations: { summary: `${labels.alertname} on ${labels.instance}` }, generatorURL: "http://example/rule", endsAt })));
    await fetch(`${amUrl}/api/v2/alerts`, { method: "POST", headers: { "content-type": "application/json" }, body });
    await api("/api/v1/alerts", { method: "POST", body });
    const reference = await sameAsAlertmanager(before + 1);
    expect(reference.filter((x) => JSON.parse(x).status === "resolved").length).toBeGreaterThan(0);
  });
});
