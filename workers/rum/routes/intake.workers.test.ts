/**
 * RUM intake inside workerd with real local D1, R2 and Durable Objects: browser keys
 * and allowed origins, CORS preflights, beacons into the `rum` table (queryable hot and
 * after a flush), refusals with clear statuses, and replay chunks stored per session.
 */
import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createApiKey, createProject } from "../../control/store";

const SHOP = "https://shop.example";
let n = 0;

async function project(origins = [SHOP]) {
  const id = `rum${Date.now().toString(36)}${n++}`;
  await createProject(env.DB, id, id);
  const { key: admin } = await createApiKey(env.DB, id, "admin", ["ingest", "read", "admin"]);
  const put = await api(admin, "PUT", "/api/v1/rum/origins", { origins });
  expect(put.status).toBe(200);
  const created = await api(admin, "POST", "/api/v1/rum/keys", { name: "web" });
  expect(created.status).toBe(201);
  return { id, admin, browser: (created.json as { key: string }).key };
}

async function api(key: string, method: string, path: string, body?: unknown) {
  const res = await SELF.fetch(`http://x${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

function beacon(key: string, body: string, opts: { origin?: string | null; type?: string; path?: string } = {}) {
  const headers: Record<string, string> = { "content-type": opts.type ?? "text/plain;charset=UTF-8", "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1" };
  if (opts.origin !== null) headers.origin = opts.origin ?? SHOP;
  return SELF.fetch(`http://x${opts.path ?? "/rum"}?key=${encodeURIComponent(key)}`, { method: "POST", headers, body });
}

const SESSION = "0123456789abcdef0123456789abcdef";
function vitals(page: string, values: number[], now = Date.now()) {
  return JSON.stringify({
    v: 1, sent: now, service: "shop-web", session: SESSION,
    events: values.map((value, i) => ({ t: now - i, type: "vital", name: "LCP", value, rating: value <= 2500 ? "good" : "poor", page, view: "00000000000000aa" })),
  });
}

async function query(key: string, q: string) {
  const r = await api(key, "POST", "/api/v1/query", { query: q, from: "now-1h", to: "now+5m" });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return r.json.rows as unknown[][];
}

describe("POST /rum", () => {
  it("accepts beacons from an allowed origin into the rum table, queryable hot and after a flush", async () => {
    const p = await project();
    const res = await beacon(p.browser, vitals("/cart", [1000, 2000, 3000, 4000]));
    expect(res.status).toBe(202);
    expect(res.headers.get("access-control-allow-origin")).toBe(SHOP);
    expect(res.headers.get("access-control-expose-headers")).toBe("Retry-After");
    expect(await res.json()).toEqual({ accepted: 4 });
    expect((await beacon(p.browser, vitals("/", [500]))).status).toBe(202);
    const q = 'rum | where type == "vital" and name == "LCP" | summarize p75(value) by page | sort by page asc';
    expect(await query(p.admin, q)).toEqual([["/", 500], ["/cart", 3250]]);
    expect((await api(p.admin, "POST", "/api/v1/admin/flush")).status).toBe(200);
    expect(await query(p.admin, q)).toEqual([["/", 500], ["/cart", 3250]]);
    const [row] = await query(p.admin, 'rum | where page == "/" | project browser_name, os_name, device_type, session_id');
    expect(row).toEqual(["Safari", "iOS", "mobile", SESSION]);
  });

  it("answers the CORS preflight for allowed origins only", async () => {
    const p = await project();
    const ok = await SELF.fetch(`http://x/rum?key=${p.browser}`, { method: "OPTIONS", headers: { origin: SHOP, "access-control-request-method": "POST", "access-control-request-headers": "content-type" } });
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-origin")).toBe(SHOP);
    expect(ok.headers.get("access-control-allow-headers")).toContain("content-type");
    const refused = await SELF.fetch(`http://x/rum?key=${p.browser}`, { method: "OPTIONS", headers: { origin: "https://evil.example", "access-control-request-method": "POST" } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("refuses other origins, other projects' origins, server keys and missing keys, storing nothing", async () => {
    const a = await project([SHOP]);
    const b = await project(["https://other.example"]);
    const evil = await beacon(a.browser, vitals("/", [1]), { origin: "https://evil.example" });
    expect(evil.status).toBe(403);
    expect(evil.headers.get("access-control-allow-origin")).toBeNull();
    expect(((await evil.json()) as { error: string }).error).toMatch(/origin 'https:\/\/evil.example' is not allowed/);
    // b's origin with a's key: the key decides the project, and a does not allow it.
    expect((await beacon(a.browser, vitals("/", [1]), { origin: "https://other.example" })).status).toBe(403);
    expect((await beacon(a.browser, vitals("/", [1]), { origin: null })).status).toBe(403);
    const server = await beacon(a.admin, vitals("/", [1]));
    expect(server.status).toBe(401);
    expect(((await server.json()) as { error: string }).error).toMatch(/create a browser key/);
    expect((await SELF.fetch("http://x/rum", { method: "POST", headers: { origin: SHOP, "content-type": "text/plain" }, body: "{}" })).status).toBe(401);
    expect(await query(a.admin, "rum | count")).toEqual([[0]]);
    expect(await query(b.admin, "rum | count")).toEqual([[0]]);
  });

  it("refuses bad and oversized beacons with a clear status and message", async () => {
    const p = await project();
    const bad = await beacon(p.browser, JSON.stringify({ v: 1, service: "s", session: SESSION, events: [{ t: Date.now(), type: "pageview" }] }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toBe("invalid beacon: events[0].type: expected one of view, vital, error, request, action, long_task, resource, got \"pageview\"");
    expect((await beacon(p.browser, "{not json")).status).toBe(400);
    const big = await beacon(p.browser, vitals("/" + "x".repeat(70_000), [1]));
    expect(big.status).toBe(413);
    expect((await beacon(p.browser, vitals("/", [1]), { type: "application/x-www-form-urlencoded" })).status).toBe(415);
    expect(await query(p.admin, "rum | count")).toEqual([[0]]);
  });

  it("sends a person who opens /rum to the dashboard's RUM page", async () => {
    const res = await SELF.fetch("http://x/rum?from=now-1h", { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/rum/overview?from=now-1h");
  });

  it("a browser key reads nothing", async () => {
    const p = await project();
    expect((await api(p.browser, "POST", "/api/v1/query", { query: "rum | count" })).status).toBe(401);
    expect((await api(p.browser, "GET", "/api/v1/rum/settings")).status).toBe(401);
    expect((await api(p.browser, "PUT", "/api/v1/rum/origins", { origins: ["https://evil.example"] })).status).toBe(401);
  });

  it("validates origins on update", async () => {
    const p = await project();
    const r = await api(p.admin, "PUT", "/api/v1/rum/origins", { origins: ["https://ok.example", "not an origin"] });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatch(/'not an origin' is not an origin/);
    const s = await api(p.admin, "GET", "/api/v1/rum/settings");
    expect(s.json.origins).toEqual([SHOP]);
    expect((s.json.keys as { name: string }[]).map((k) => k.name)).toEqual(["web"]);
  });
});

describe("POST /rum/replay", () => {
  it("stores chunks per session and serves them in order to the project only", async () => {
    const a = await project();
    const b = await project();
    const chunk = (seq: number) => JSON.stringify({ events: [{ type: 3, timestamp: 1000 + seq, data: { seq } }] });
    for (const seq of [1, 0, 2]) {
      const r = await beacon(a.browser, chunk(seq), { path: `/rum/replay`, type: "text/plain" }).then((x) => x);
      expect(r.status).toBe(400); // no session/seq in the URL
    }
    for (const seq of [1, 0, 2]) {
      const r = await SELF.fetch(`http://x/rum/replay?key=${a.browser}&session=${SESSION}&seq=${seq}`, { method: "POST", headers: { origin: SHOP, "content-type": "text/plain" }, body: chunk(seq) });
      expect(r.status).toBe(202);
    }
    const got = await api(a.admin, "GET", `/api/v1/rum/replays/${SESSION}`);
    expect(got.status).toBe(200);
    expect((got.json.events as { data: { seq: number } }[]).map((e) => e.data.seq)).toEqual([0, 1, 2]);
    expect((await api(b.admin, "GET", `/api/v1/rum/replays/${SESSION}`)).status).toBe(404);
    const huge = await SELF.fetch(`http://x/rum/replay?key=${a.browser}&session=${SESSION}&seq=3`, { method: "POST", headers: { origin: SHOP, "content-type": "text/plain" }, body: "x".repeat(1024 * 1024 + 1) });
    expect(huge.status).toBe(413);
  });
});
