/**
 * Catalog and compaction inside workerd: small files of an hour merge into one without
 * losing or duplicating a row, inputs leave R2 only after the swap, a failed merge is
 * resumed from its recorded plan, and retired keys stay known so an old flush cannot
 * bring them back.
 */
import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { TableBuilder, type MapColumn } from "../../core/columns";
import { readParquetInto } from "../../core/parquet/read";
import { bufferName } from "../../workers/ingest/shards";
import { logsPayload } from "../../test/workers/otlp-json";
import type { CatalogObject } from "./catalog-object";

let n = 0;
const project = () => `c${Date.now().toString(36)}${n++}`;

async function flushFiles(projectId: string, files: number, perFile: number): Promise<number> {
  const stub = env.BUFFER.get(env.BUFFER.idFromName(bufferName(projectId, "logs", 0)));
  const t = Date.now() - 2 * 3_600_000;
  let seq = 0;
  for (let f = 0; f < files; f++) {
    const records = Array.from({ length: perFile }, () => ({ seq: seq++, timeMs: t }));
    const payload = new TextEncoder().encode(logsPayload("svc", records));
    await stub.append({ projectId, signal: "logs", shard: 0, format: "json", payload, records: perFile, receivedAtMs: Date.now() });
    await runDurableObjectAlarm(stub);
  }
  return seq;
}

async function seqs(keys: string[]): Promise<number[]> {
  const table = new TableBuilder("logs");
  for (const key of keys) readParquetInto(new Uint8Array(await (await env.BUCKET.get(key))!.arrayBuffer()), table);
  const attrs = table.column<MapColumn>("attributes");
  return Array.from({ length: table.rows }, (_, i) => Number(attrs.get(i).seq)).sort((a, b) => a - b);
}

describe("compaction", () => {
  it("merges an hour's small files into one, then deletes the inputs", async () => {
    const p = project();
    const total = await flushFiles(p, 5, 40);
    const catalog = env.CATALOG.get(env.CATALOG.idFromName(p));
    const before = await catalog.list({ signal: "logs" });
    expect(before).toHaveLength(5);

    expect(await catalog.compactOnce()).toBe(true);
    const after = await catalog.list({ signal: "logs" });
    expect(after).toHaveLength(1);
    expect(after[0].key).toMatch(/\/c-[0-9a-f]{20}\.parquet$/);
    expect(after[0].rows).toBe(total);
    expect(await seqs([after[0].key])).toEqual(Array.from({ length: total }, (_, i) => i));

    const inBucket = (await env.BUCKET.list({ prefix: `v1/${p}/logs/` })).objects.map((o) => o.key);
    expect(inBucket).toEqual([after[0].key]);
    // Retired keys stay known: a retried flush of those batches must not rewrite them.
    expect(await catalog.knownKeys(before.map((f) => f.key))).toHaveLength(5);
  });

  it("resumes a merge that failed after writing nothing, with the same plan", async () => {
    const p = project();
    const total = await flushFiles(p, 4, 25);
    const catalog = env.CATALOG.get(env.CATALOG.idFromName(p));
    await runInDurableObject(catalog, (instance: CatalogObject) => {
      instance.bucketOverride = new Proxy(env.BUCKET, {
        get(target, prop) {
          if (prop === "put") return async () => { throw new Error("injected R2 failure"); };
          const value = Reflect.get(target, prop);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
    });
    const failure = await catalog.compactOnce().then(
      () => null,
      (err: unknown) => err,
    );
    expect(String(failure)).toContain("injected R2 failure");
    expect(await catalog.list({ signal: "logs" })).toHaveLength(4);

    await runInDurableObject(catalog, (instance: CatalogObject) => {
      instance.bucketOverride = null;
    });
    expect(await catalog.compactOnce()).toBe(true);
    const after = await catalog.list({ signal: "logs" });
    expect(after).toHaveLength(1);
    expect(await seqs([after[0].key])).toEqual(Array.from({ length: total }, (_, i) => i));
    expect(await catalog.compactOnce()).toBe(false);
  });
});
