/** runCheck against real local HTTP servers (Node's fetch), one behaviour per target path. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCheck } from "./definition";
import { runCheck, type RunDeps } from "./runner";
import { startTargetServer, type TargetServer } from "./testing/target-server";

let target: TargetServer;
beforeAll(async () => {
  target = await startTargetServer();
});
afterAll(() => target.close());

const deps = (secrets: Record<string, string> = {}): RunDeps => ({ fetch: (u, i) => fetch(u, i), now: () => performance.now(), secrets });

const http = (path: string, extra: Record<string, unknown> = {}) =>
  parseCheck({ name: path, type: "http", regions: ["weur"], request: { url: `${target.url}${path}`, ...((extra.request as object) ?? {}) }, ...extra, ...(extra.request ? { request: { url: `${target.url}${path}`, ...(extra.request as object) } } : {}) });

describe("runCheck against local servers", () => {
  it("passes a healthy endpoint with status, header, body, JSON path and response-time assertions", async () => {
    const def = http("/ok", {
      assertions: [
        { type: "header", target: "x-service", operator: "eq", value: "demo" },
        { type: "body", operator: "contains", value: "1.2.3" },
        { type: "json", target: "$.items[1].id", operator: "eq", value: 2 },
        { type: "json", target: "$.items.length", operator: "gte", value: 2 },
        { type: "response_time", operator: "lt", value: 20_000 },
      ],
    });
    const out = await runCheck(def, deps());
    expect(out.status).toBe("ok");
    expect(out.assertions).toHaveLength(6);
    expect(out.assertions.every((a) => a.pass)).toBe(true);
    expect(out.steps[0].status).toBe(200);
    expect(out.steps[0].response_excerpt).toContain('"version":"1.2.3"');
  });

  it("fails a 500 with the status assertion naming the actual status", async () => {
    const out = await runCheck(http("/fail"), deps());
    expect(out.status).toBe("failed");
    expect(out.assertions[0]).toMatchObject({ type: "status", pass: false, actual: 500 });
    expect(out.error).toContain("actual 500");
    expect(out.steps[0].response_excerpt).toContain("database unavailable");
  });

  it("fails a wrong body on its JSON path assertion", async () => {
    const out = await runCheck(http("/wrong-body", { assertions: [{ type: "json", target: "$.status", operator: "eq", value: "ok" }] }), deps());
    expect(out.status).toBe("failed");
    expect(out.assertions[1]).toMatchObject({ type: "json", target: "$.status", pass: false, actual: "degraded" });
  });

  it("fails a slow answer on its response-time assertion (the server's delay exceeds the limit)", async () => {
    // The server waits 400 ms; the assertion allows 100 ms. Measured by the injected clock.
    const out = await runCheck(http("/slow?ms=400", { assertions: [{ type: "response_time", operator: "lt", value: 100 }] }), deps());
    expect(out.status).toBe("failed");
    const rt = out.assertions.find((a) => a.type === "response_time")!;
    expect(rt.pass).toBe(false);
    expect(rt.actual as number).toBeGreaterThanOrEqual(100);
  });

  it("reports a redirect loop as an error with the loop", async () => {
    const out = await runCheck(http("/loop-a"), deps());
    expect(out.status).toBe("error");
    expect(out.error).toMatch(/^redirect loop: .*\/loop-a → .*\/loop-b → .*\/loop-a$/);
  });

  it("follows a redirect within the limit, and refuses past it", async () => {
    const ok = await runCheck(http("/redirect"), deps());
    expect(ok.status).toBe("ok");
    expect(ok.steps[0]).toMatchObject({ redirects: 1, url: `${target.url}/ok` });
    const limited = await runCheck(http("/redirect", { request: { maxRedirects: 0 } }), deps());
    expect(limited.status).toBe("error");
    expect(limited.error).toContain("more than 0 redirects");
    const notFollowed = await runCheck(http("/redirect", { request: { followRedirects: false }, expectedStatus: [301] }), deps());
    expect(notFollowed.status).toBe("ok");
  });

  it("times out a server that never answers", async () => {
    const out = await runCheck(http("/hang", { request: { timeoutMs: 300 } }), deps());
    expect(out.status).toBe("error");
    expect(out.error).toBe("timed out after 300 ms");
  });

  it("reports a refused connection as an error", async () => {
    const def = parseCheck({ name: "x", request: { url: "http://127.0.0.1:1/" } });
    const out = await runCheck(def, deps());
    expect(out.status).toBe("error");
    expect(out.error).toMatch(/^request failed/);
  });

  it("logs in, extracts the token and uses it; secrets and secret extractions never appear in the result", async () => {
    const def = parseCheck({
      name: "login flow",
      type: "multistep",
      regions: ["weur"],
      steps: [
        {
          name: "login",
          request: { method: "POST", url: `${target.url}/login`, headers: { "content-type": "application/json" }, body: '{"user":"alice","password":"{{secrets.PASSWORD}}"}' },
          assertions: [{ type: "json", target: "$.token", operator: "exists" }],
          extract: [{ name: "token", from: "json", path: "$.token", secret: true }],
        },
        {
          name: "profile",
          request: { url: `${target.url}/me`, headers: { authorization: "Bearer {{token}}" } },
          assertions: [{ type: "json", target: "$.plan", operator: "eq", value: "pro" }],
        },
      ],
    });
    const out = await runCheck(def, deps({ PASSWORD: "s3cret-pass" }));
    expect(out.status).toBe("ok");
    expect(out.steps.map((s) => [s.name, s.status])).toEqual([["login", 200], ["profile", 200]]);
    const recorded = JSON.stringify(out);
    expect(recorded).not.toContain("s3cret-pass");
    expect(recorded).not.toContain("tok-7f3a9c");
    expect(out.steps[0].response_excerpt).toContain("[secret:token]");

    const wrong = await runCheck(def, deps({ PASSWORD: "nope" }));
    expect(wrong.status).toBe("failed");
    expect(wrong.error).toContain("step 'login'");
    expect(wrong.steps).toHaveLength(1);
  });

  it("stops with a clear error when a referenced secret is not defined", async () => {
    const def = parseCheck({ name: "x", request: { url: `${target.url}/me`, headers: { authorization: "Bearer {{secrets.API_TOKEN}}" } } });
    const out = await runCheck(def, deps());
    expect(out.status).toBe("error");
    expect(out.error).toBe("secret 'API_TOKEN' is not defined in this project");
  });
});
