import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backoffMs, deliver, type Attempt } from "./deliver";

// A real local HTTP receiver that fails a configured number of times first.
let server: Server;
let url = "";
const plan = new Map<string, number[]>();
const received: { path: string; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      received.push({ path: req.url!, body });
      const statuses = plan.get(req.url!) ?? [];
      const status = statuses.shift() ?? 200;
      res.writeHead(status, status === 429 ? { "retry-after": "2" } : {}).end(status === 200 ? "ok" : "nope");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("deliver", () => {
  it("retries 500s with growing delays, then succeeds, reporting every attempt", async () => {
    plan.set("/flaky", [500, 503]);
    const attempts: Attempt[] = [];
    const slept: number[] = [];
    const last = await deliver({ url: `${url}/flaky`, body: { a: 1 } }, { fetch, sleep: async (ms) => void slept.push(ms), random: () => 1, baseDelayMs: 1000, onAttempt: (a) => void attempts.push(a) });
    expect(last).toMatchObject({ outcome: "sent", attempt: 3, status: 200 });
    expect(attempts.map((a) => a.outcome)).toEqual(["retrying", "retrying", "sent"]);
    expect(slept).toEqual([1000, 2000]);
    expect(received.filter((r) => r.path === "/flaky").map((r) => JSON.parse(r.body))).toEqual([{ a: 1 }, { a: 1 }, { a: 1 }]);
  });
  it("gives up after the bounded number of attempts", async () => {
    plan.set("/down", [500, 500, 500, 500, 500]);
    const last = await deliver({ url: `${url}/down`, body: {} }, { fetch, sleep: async () => {}, maxAttempts: 3 });
    expect(last).toMatchObject({ outcome: "failed", attempt: 3, status: 500 });
  });
  it("does not retry a 400 (the receiver refuses the payload), honours Retry-After on 429", async () => {
    plan.set("/bad", [400]);
    expect(await deliver({ url: `${url}/bad`, body: {} }, { fetch, sleep: async () => {} })).toMatchObject({ outcome: "failed", attempt: 1, status: 400 });
    plan.set("/busy", [429]);
    const slept: number[] = [];
    expect(await deliver({ url: `${url}/busy`, body: {} }, { fetch, sleep: async (ms) => void slept.push(ms) })).toMatchObject({ outcome: "sent", attempt: 2 });
    expect(slept).toEqual([2000]);
  });
  it("backoff is capped", () => {
    expect(backoffMs(10, 1000, 15_000, () => 1)).toBe(15_000);
    expect(backoffMs(1, 1000, 15_000, () => 0)).toBe(500);
  });
});
