/**
 * Operator endpoints for a project's pipeline: buffer statistics, flush now, compact
 * now. Useful on call ("is data stuck in a buffer?") and in tests, which would
 * otherwise wait for the flush age.
 */
import { Hono } from "hono";
import type { AppEnv, Vars } from "../../env";
import { limits } from "../../env";
import { SIGNALS } from "../../../core/schema";
import { requireScope } from "../../middleware/auth";
import { allBufferNames } from "../../ingest/shards";

export const adminRoutes = new Hono<{ Bindings: AppEnv; Variables: Vars }>();

function buffers(env: AppEnv, projectId: string) {
  const shards = limits(env).bufferShards;
  return SIGNALS.flatMap((signal) =>
    allBufferNames(projectId, signal, shards).map(({ name, shard }) => ({ signal, shard, stub: env.BUFFER.get(env.BUFFER.idFromName(name)) })),
  );
}

adminRoutes.get("/api/v1/admin/buffers", requireScope("admin"), async (c) => {
  const all = buffers(c.env, c.get("projectId"));
  const stats = await Promise.all(all.map(async (b) => ({ signal: b.signal, shard: b.shard, ...(await b.stub.stats()) })));
  return c.json({ buffers: stats });
});

adminRoutes.post("/api/v1/admin/flush", requireScope("admin"), async (c) => {
  const all = buffers(c.env, c.get("projectId"));
  const files = await Promise.all(all.map((b) => b.stub.flushNow()));
  return c.json({ files: files.reduce((a, b) => a + b, 0) });
});

adminRoutes.post("/api/v1/admin/compact", requireScope("admin"), async (c) => {
  const catalog = c.env.CATALOG.get(c.env.CATALOG.idFromName(c.get("projectId")));
  let merges = 0;
  while (await catalog.compactOnce()) merges++;
  return c.json({ merges, totals: await catalog.totals() });
});
