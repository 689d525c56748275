/**
 * Buffering and flushing inside workerd with the real local R2, D1 and Durable Object
 * bindings: batches are durable before the 200, flush writes Parquet that reads back
 * row for row, and a flush that fails midway (R2 error injected) loses and duplicates
 * nothing when retried.
 */
import { env, runDurableObjectAlarm, runInDurableObject, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { TableBuilder, type MapColumn } from "../../core/columns";
import { readParquetInto } from "../../core/parquet/read";
import { createApiKey, createProject } from "../../workers/control/store";
import { allBufferNames, bufferName } from "../../workers/ingest/shards";
import { logsPayload } from "../../test/workers/otlp-json";
import type { BufferObject } from "./buffer-object";

let projectCounter = 0;
async function newProject(): Promise<{ id: string; key: string }> {
  const id = `p${Date.now().toString(36)}${projectCounter++}`;
  await createProject(env.DB, id, id);
  const { key } = await createApiKey(env.DB, id, "test", ["ingest", "read", "admin"]);
  return { id, key };
}

function bufferStub(projectId: string, shard: number) {
  return env.BUFFER.get(env.BUFFER.idFromName(bufferName(projectId, "logs", shard)));
}

async function seqsInBucket(projectId: string): Promise<number[]> {
  const listed = await env.BUCKET.list({ prefix: `v1/${projectId}/logs/` });
  const table = new TableBuilder("logs");
  for (const obj of listed.objects) {
    const body = await env.BUCKET.get(obj.key);
    readParquetInto(new Uint8Array(await body!.arrayBuffer()), table);
  }
  const attrs = table.column<MapColumn>("attributes");
  return Array.from({ length: table.rows }, (_, i) => Number(attrs.get(i).seq)).sort((a, b) => a - b);
}

async function flushAll(projectId: string): Promise<void> {
  for (const { name } of allBufferNames(projectId, "logs", Number(env.BUFFER_SHARDS))) {
    await runDurableObjectAlarm(env.BUFFER.get(env.BUFFER.idFromName(name)));
  }
}

describe("buffer durability", () => {
  it("holds every acknowledged batch before flushing, then writes it all to Parquet once", async () => {
    const p = await newProject();
    const now = Date.now();
    let seq = 0;
    for (let req = 0; req < 6; req++) {
      const records = Array.from({ length: 50 }, () => ({ seq: seq++, timeMs: now }));
      const res = await SELF.fetch("http://x/v1/logs", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${p.key}` },
        body: logsPayload("checkout", records),
      });
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    }
    let buffered = 0;
    for (let shard = 0; shard < Number(env.BUFFER_SHARDS); shard++) buffered += (await bufferStub(p.id, shard).stats()).records;
    expect(buffered).toBe(300);
    expect(await seqsInBucket(p.id)).toEqual([]);

    await flushAll(p.id);
    expect(await seqsInBucket(p.id)).toEqual(Array.from({ length: 300 }, (_, i) => i));
    for (let shard = 0; shard < Number(env.BUFFER_SHARDS); shard++) expect((await bufferStub(p.id, shard).stats()).batches).toBe(0);

    const catalog = env.CATALOG.get(env.CATALOG.idFromName(p.id));
    const files = await catalog.list({ signal: "logs" });
    expect(files.reduce((n, f) => n + f.rows, 0)).toBe(300);
    for (const f of files) expect(f.key).toMatch(new RegExp(`^v1/${p.id}/logs/date=\\d{4}-\\d{2}-\\d{2}/hour=\\d{2}/s\\d-[0-9a-f]{8}-\\d+-\\d+\\.parquet$`));
  });

  it("stores nothing for a rejected request", async () => {
    const p = await newProject();
    const res = await SELF.fetch("http://x/v1/logs", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${p.key}` },
      body: '{"resourceLogs": [',
    });
    expect(res.status).toBe(400);
    await res.arrayBuffer();
    for (let shard = 0; shard < Number(env.BUFFER_SHARDS); shard++) expect((await bufferStub(p.id, shard).stats()).batches).toBe(0);
  });

  it("retries a flush that failed midway without losing or duplicating a row", async () => {
    const p = await newProject();
    const stub = bufferStub(p.id, 0);
    const hour = 3_600_000;
    const base = Math.floor(Date.now() / hour) * hour - 5 * hour;
    // Records in three different hours, so the flush writes three files and the
    // injected failure hits after the first one is already in R2.
    const payload = new TextEncoder().encode(
      logsPayload("api", [0, 1, 2, 3, 4, 5].map((seq) => ({ seq, timeMs: base + (seq % 3) * hour + seq }))),
    );
    const ack = await stub.append({ projectId: p.id, signal: "logs", shard: 0, format: "json", payload, records: 6, receivedAtMs: Date.now() });
    expect(ack.ok).toBe(true);

    let puts = 0;
    await runInDurableObject(stub, (instance: BufferObject) => {
      const real = env.BUCKET;
      instance.bucketOverride = new Proxy(real, {
        get(target, prop) {
          if (prop === "put")
            return async (...args: Parameters<R2Bucket["put"]>) => {
              if (++puts === 2) throw new Error("injected R2 failure");
              return target.put(...args);
            };
          const value = Reflect.get(target, prop);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
    });
    await runDurableObjectAlarm(stub);
    const failed = await stub.stats();
    expect(failed.lastFlushError).toContain("injected R2 failure");
    expect(failed.records).toBe(6); // still buffered
    expect((await env.BUCKET.list({ prefix: `v1/${p.id}/logs/` })).objects.length).toBe(1); // the half-done flush

    await runInDurableObject(stub, (instance: BufferObject) => {
      instance.bucketOverride = null;
    });
    await runDurableObjectAlarm(stub);
    expect((await stub.stats()).batches).toBe(0);
    expect(await seqsInBucket(p.id)).toEqual([0, 1, 2, 3, 4, 5]);
    const files = await env.CATALOG.get(env.CATALOG.idFromName(p.id)).list({ signal: "logs" });
    expect(files.map((f) => f.hour).length).toBe(3);
  });
});
