/**
 * Synthetic monitoring end to end, on the platform started as `npm start` does: checks
 * applied as code with the CLI (plan, apply, idempotent re-apply, update), run by the
 * worker's every-minute cron (wrangler's scheduled endpoint) from three regions — once per
 * slot, also after a SIGKILL and restart — against
 * local servers started here, results queried with the query language, and the
 * Synthetics page in real Chromium (screenshots to test-artifacts/synthetics/).
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { authHeaders, startServer, triggerCron, type RunningServer } from "./helpers/server";
import { startTargetServer, type TargetServer } from "../synthetics/testing/target-server";
import { startHttpsServer, type HttpsTarget } from "../synthetics/testing/https-server";

const run = promisify(execFile);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const artifacts = path.resolve("test-artifacts", "synthetics");
let server: RunningServer;
let target: TargetServer;
let tls: HttpsTarget;
let browser: Browser;
let page: Page;
const dir = mkdtempSync(path.join(tmpdir(), "checks-as-code-"));
const file = path.join(dir, "checks.yaml");

function checksFile(interval: number) {
  return {
    checks: [
      {
        name: "shop health",
        intervalMinutes: interval,
        regions: ["weur", "enam", "apac"],
        request: { url: `${target.url}/ok` },
        assertions: [
          { type: "json", target: "$.status", operator: "eq", value: "ok" },
          { type: "response_time", operator: "lt", value: 10_000 },
        ],
        tags: { team: "shop" },
      },
      {
        name: "login flow",
        type: "multistep",
        intervalMinutes: 1,
        regions: ["weur", "enam"],
        steps: [
          {
            name: "login",
            request: { method: "POST", url: `${target.url}/login`, headers: { "content-type": "application/json" }, body: '{"user":"alice","password":"{{secrets.SHOP_PASSWORD}}"}' },
            extract: [{ name: "token", from: "json", path: "$.token", secret: true }],
          },
          { name: "profile", request: { url: `${target.url}/me`, headers: { authorization: "Bearer {{token}}" } }, assertions: [{ type: "json", target: "$.plan", operator: "eq", value: "pro" }] },
        ],
      },
      { name: "checkout api", intervalMinutes: 1, regions: ["weur", "enam"], request: { url: `${target.url}/fail` } },
      { name: "tls expiry", intervalMinutes: 1, regions: ["weur"], request: { url: tls.url } },
      { name: "nightly backup", type: "heartbeat", intervalMinutes: 60, graceMinutes: 30 },
    ],
  };
}

async function cli(...args: string[]) {
  const { stdout } = await run(process.execPath, ["scripts/checks.mjs", "apply", file, "--url", server.url, ...args], { env: { ...process.env, MONOSCOPE_API_KEY: authHeaders().authorization.slice(7) } });
  return stdout;
}

async function api(method: string, p: string, body?: unknown) {
  const res = await fetch(`${server.url}${p}`, { method, headers: { ...authHeaders(), "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}

const shot = (name: string) => page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  [server, target, tls] = await Promise.all([startServer(), startTargetServer(), startHttpsServer(5, "expiring.test")]);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await target?.close();
  await tls?.close();
});

describe("synthetic monitoring", () => {
  it("applies checks as code: a dry-run plan changes nothing, apply creates, re-apply is idempotent, an edit updates", async () => {
    expect((await api("PUT", "/api/v1/checks/secrets/SHOP_PASSWORD", { value: "s3cret-pass" })).status).toBe(200);
    writeFileSync(file, stringify(checksFile(1)));
    const plan = await cli("--dry-run");
    expect(plan.match(/\+ create/g)).toHaveLength(5);
    expect(plan).toContain("dry run: nothing changed");
    expect((await api("GET", "/api/v1/checks")).json.checks).toEqual([]);

    expect(await cli()).toContain("5 created, 0 updated, 0 deleted, 0 unchanged");
    expect(await cli()).toContain("0 created, 0 updated, 0 deleted, 5 unchanged");
    writeFileSync(file, stringify(checksFile(5)));
    const update = await cli();
    expect(update).toContain("~ update     shop health (intervalMinutes)");
    expect(update).toContain("0 created, 1 updated, 0 deleted, 4 unchanged");
  });

  it("runs due checks from every region at the cron tick, once per slot even across a restart, and the results are queryable", async () => {
    const now = Date.now();
    await triggerCron(server, now);
    await triggerCron(server, now); // the same minute again: nothing runs twice
    // A crash and restart (SIGKILL, same state), then the same minute once more: still once.
    const { stateDir, url } = server;
    await server.kill();
    server = await startServer({ stateDir, port: Number(new URL(url).port) });
    await triggerCron(server, now);
    const res = await api("POST", "/api/v1/query", {
      query: "checks | where check_type != \"heartbeat\" | summarize runs = count(), up = countif(ok), regions = dcount(region) by check_name | sort by check_name asc",
      from: "now-1h",
      to: "now+1h",
    });
    expect(res.status).toBe(200);
    expect(res.json.rows).toEqual([
      ["checkout api", 2, 0, 2],
      ["login flow", 2, 2, 2],
      ["shop health", 3, 3, 3],
      ["tls expiry", 1, 0, 1],
    ]);
    const secrets = await api("POST", "/api/v1/query", { query: 'checks | where check_name == "login flow" | project steps, response_excerpt, url_full', from: "now-1h", to: "now+1h" });
    const stored = JSON.stringify(secrets.json.rows);
    expect(stored).not.toContain("s3cret-pass");
    expect(stored).not.toContain("tok-7f3a9c");
    const tlsRun = await api("POST", "/api/v1/query", { query: 'checks | where check_name == "tls expiry" | project ssl_days_remaining, ssl_subject', from: "now-1h", to: "now+1h" });
    expect(tlsRun.json.rows[0][1]).toBe("expiring.test");
    expect(tlsRun.json.rows[0][0]).toBeLessThanOrEqual(5.01);
    expect(tlsRun.json.rows[0][0]).toBeGreaterThan(4.9);

    // One more failing run opens the checkout incident (2 regions × 2 consecutive runs).
    // The TLS check fails too: workerd's fetch refuses the self-signed certificate.
    await triggerCron(server, now + 60_000);
    const incidents = (await api("GET", "/api/v1/checks/incidents?status=open")).json.incidents as { checkName: string; kind: string }[];
    expect(incidents.map((i) => `${i.checkName}:${i.kind}`).sort()).toEqual(["checkout api:failure", "tls expiry:failure", "tls expiry:ssl_expiry"]);
  });

  it("shows checks, regions, uptime, incidents, latency and run details in the dashboard", async () => {
    await page.goto(server.url);
    await page.fill("input[name=email]", "admin@example.com");
    await page.fill("input[name=password]", "correct horse battery staple");
    await page.click("button[type=submit]");
    await page.waitForSelector(".topbar");
    await page.click(".topbar nav a:has-text('Synthetics')");
    await page.waitForSelector("tr[data-check='shop health'] .chip.ok");
    expect(await page.locator("tr[data-check='shop health'] .chip.ok").count()).toBe(3);
    expect(await page.locator("tr[data-check='checkout api'] .chip.failed").count()).toBe(2);
    await page.waitForSelector("tr[data-check='shop health'] .uptime-bars .bar.up");
    expect(await page.locator("tr[data-check='shop health'] .uptime-bars .bar").count()).toBe(90);
    expect(await page.textContent("tr[data-check='checkout api']")).toContain("failure");
    expect(await page.textContent(".incidents")).toContain("expires in");
    expect(await page.textContent("tr[data-check='nightly backup']")).toContain("/api/v1/heartbeat/");
    await shot("01-checks");

    await page.click("a.check-name:has-text('login flow')");
    await page.waitForSelector(".latency-chart canvas");
    await page.click(".runs tbody tr >> nth=0");
    await page.waitForSelector(".run-detail .assertions");
    const detail = await page.textContent(".run-detail");
    expect(detail).toContain("$.plan");
    expect(detail).toContain("[secret:token]");
    expect(detail).not.toContain("tok-7f3a9c");
    await shot("02-check-detail");

    await page.click("a:has-text('All checks')");
    await page.click("a.check-name:has-text('checkout api')");
    await page.click(".runs tbody tr >> nth=0");
    await page.waitForSelector(".run-detail .run-error");
    expect(await page.textContent(".run-detail")).toContain("database unavailable");
    expect(await page.textContent(".incidents")).toContain("failing in 2 of 2 regions");
    await shot("03-failing-check");
  });
});
