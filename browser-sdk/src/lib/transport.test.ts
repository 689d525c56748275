import { describe, expect, it } from "vitest";
import { createTransport, type SendResult } from "./transport";

/** A transport over a fake clock and a scripted server: every rule checked exactly. */
function harness(answers: SendResult[], opts: { maxEvents?: number; maxBytes?: number } = {}) {
  let now = 0;
  const timers: { at: number; fn: () => void }[] = [];
  const sent: { body: string; final: boolean; at: number }[] = [];
  const t = createTransport({
    head: () => '{"v":1,"events":[',
    send: (body, final) => {
      sent.push({ body, final, at: now });
      return Promise.resolve(answers.shift() ?? { status: 202 });
    },
    now: () => now,
    schedule: (fn, ms) => timers.push({ at: now + ms, fn }),
    flushMs: 5000,
    ...opts,
  });
  const advance = async (ms: number) => {
    now += ms;
    for (let i = 0; i < 10; i++) {
      await Promise.resolve();
      const due = timers.filter((x) => x.at <= now);
      for (const d of due) timers.splice(timers.indexOf(d), 1), d.fn();
    }
    await new Promise((r) => setImmediate(r));
  };
  return { t, sent, advance, events: (i: number) => JSON.parse(sent[i].body).events };
}

describe("transport", () => {
  it("sends a batch after flushMs, or at once when maxEvents are queued", async () => {
    const h = harness([], { maxEvents: 3 });
    h.t.push({ n: 1 });
    await h.advance(4999);
    expect(h.sent).toHaveLength(0);
    await h.advance(1);
    expect(h.events(0)).toEqual([{ n: 1 }]);
    h.t.push({ n: 2 });
    h.t.push({ n: 3 });
    h.t.push({ n: 4 });
    expect(h.sent).toHaveLength(2);
    expect(h.events(1)).toEqual([{ n: 2 }, { n: 3 }, { n: 4 }]);
  });
  it("splits a large final flush into bodies under the byte limit, marked final", async () => {
    const h = harness([], { maxEvents: 1000, maxBytes: 2000 });
    for (let i = 0; i < 20; i++) h.t.push({ i, pad: "z".repeat(300) });
    h.t.flush(true);
    expect(h.sent.length).toBeGreaterThan(3);
    for (const s of h.sent) expect(s.final).toBe(true), expect(s.body.length).toBeLessThanOrEqual(2000);
    expect(h.sent.flatMap((_, i) => h.events(i).map((e: { i: number }) => e.i))).toEqual([...Array(20).keys()]);
  });
  it("backs off on 429 for Retry-After, then retries the batch once", async () => {
    const h = harness([{ status: 429, retryAfterMs: 60_000 }, { status: 202 }]);
    h.t.push({ n: 1 });
    await h.advance(5000);
    expect(h.sent).toHaveLength(1);
    h.t.push({ n: 2 });
    await h.advance(30_000); // still paused: nothing goes out
    expect(h.sent).toHaveLength(1);
    await h.advance(30_000);
    expect(h.sent.map((s) => s.at)).toEqual([5000, 65_000, 65_000]);
    expect(h.events(1)).toEqual([{ n: 1 }]);
    expect(h.events(2)).toEqual([{ n: 2 }]);
    expect(h.t.stats).toMatchObject({ backoffs: 1, retried: 1, dropped: 0 });
  });
  it("retries a failed batch once and then drops it; drops 4xx at once", async () => {
    const h = harness([{ status: 0 }, { status: 503 }, { status: 400 }]);
    h.t.push({ n: 1 });
    await h.advance(5000);
    await h.advance(3000);
    expect(h.sent.map((s) => s.body)).toEqual([h.sent[0].body, h.sent[0].body]);
    h.t.push({ n: 2 });
    await h.advance(5000);
    await h.advance(10_000);
    expect(h.sent).toHaveLength(3);
    expect(h.t.stats).toMatchObject({ retried: 1, dropped: 2, sent: 0 });
  });
  it("never throws: a send that throws or an unserialisable event are absorbed", async () => {
    const t = createTransport({ head: () => "{\"events\":[", send: () => { throw new Error("boom"); }, now: () => 0, schedule: () => {} });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => t.push(cyclic)).not.toThrow();
    t.push({ ok: 1 });
    expect(() => t.flush(true)).not.toThrow();
    expect(t.stats.retried).toBe(1);
  });
});
