/**
 * Live tail over a WebSocket: rows that arrive after the tail opened and match its query
 * stream in (whatever their timestamps), others do not; pause stops them; the project is
 * the caller's.
 */
import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createApiKey, createProject } from "../../control/store";
import { logsPayload } from "../../../test/workers/otlp-json";

let n = 0;
async function project() {
  const id = `t${Date.now().toString(36)}${n++}`;
  await createProject(env.DB, id, id);
  const { key } = await createApiKey(env.DB, id, "t", ["ingest", "read"]);
  return { id, key };
}

const auth = (key: string) => ({ authorization: `Bearer ${key}` });

async function ingest(key: string, service: string, records: { seq: number; timeMs: number; body?: string; severity?: string }[]) {
  const res = await SELF.fetch("http://x/v1/logs", { method: "POST", headers: { ...auth(key), "content-type": "application/json" }, body: logsPayload(service, records) });
  expect(res.status).toBe(200);
}

async function openTail(key: string, query: string) {
  const res = await SELF.fetch(`http://x/api/v1/tail?query=${encodeURIComponent(query)}`, { headers: { ...auth(key), upgrade: "websocket" } });
  expect(res.status).toBe(101);
  const ws = res.webSocket!;
  const messages: { type: string; rows?: unknown[][]; columns?: { name: string }[] }[] = [];
  ws.addEventListener("message", (e) => messages.push(JSON.parse(e.data as string)));
  ws.accept();
  return { ws, messages };
}

/** Waits (without asserting on time) until `check` holds, or gives up after ~20 s. */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 100));
}

describe("live tail", () => {
  it("streams new matching rows, including late timestamps, and pauses", async () => {
    const p = await project();
    await ingest(p.key, "api", [{ seq: 1, timeMs: Date.now(), body: "before the tail", severity: "ERROR" }]);
    const { ws, messages } = await openTail(p.key, 'logs | where severity_text == "ERROR" | project body, service.name');
    await until(() => messages.some((m) => m.type === "ready"));
    await ingest(p.key, "api", [
      { seq: 2, timeMs: Date.now(), body: "payment failed", severity: "ERROR" },
      { seq: 3, timeMs: Date.now(), body: "all good", severity: "INFO" },
      { seq: 4, timeMs: Date.now() - 2 * 86_400_000, body: "late arrival", severity: "ERROR" },
    ]);
    const rows = () => messages.filter((m) => m.type === "rows").flatMap((m) => m.rows!);
    await until(() => rows().length >= 2);
    expect(rows().map((r) => r[0]).sort()).toEqual(["late arrival", "payment failed"]);
    expect(messages.find((m) => m.type === "rows")!.columns!.map((c) => c.name)).toEqual(["body", "service_name"]);

    ws.send(JSON.stringify({ type: "pause" }));
    await new Promise((r) => setTimeout(r, 200));
    const before = rows().length;
    await ingest(p.key, "api", [{ seq: 5, timeMs: Date.now(), body: "while paused", severity: "ERROR" }]);
    ws.send(JSON.stringify({ type: "resume" }));
    await ingest(p.key, "api", [{ seq: 6, timeMs: Date.now(), body: "after resume", severity: "ERROR" }]);
    await until(() => rows().some((r) => r[0] === "after resume"));
    expect(rows().slice(before).map((r) => r[0])).toContain("after resume");
    ws.close();
  }, 60_000);

  it("refuses a bad query before upgrading, and another site's page", async () => {
    const p = await project();
    const bad = await SELF.fetch(`http://x/api/v1/tail?query=${encodeURIComponent("logs | where nosuch == 1")}`, { headers: { ...auth(p.key), upgrade: "websocket" } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/unknown field 'nosuch'/);
    const foreign = await SELF.fetch(`http://x/api/v1/tail?query=logs`, { headers: { ...auth(p.key), upgrade: "websocket", origin: "https://evil.example" } });
    expect(foreign.status).toBe(403);
    const noKey = await SELF.fetch(`http://x/api/v1/tail?query=logs`, { headers: { upgrade: "websocket" } });
    expect(noKey.status).toBe(401);
  });
});
