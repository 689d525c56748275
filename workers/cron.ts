/**
 * The every-minute cron. For now it re-arms buffer flushes: an alarm lost to an
 * incident must not leave acknowledged data sitting in a buffer. Later issues add
 * alert evaluation and synthetic checks here.
 */
import type { AppEnv } from "./env";
import { limits } from "./env";
import { SIGNALS } from "../core/schema";
import { ensureBootstrapped } from "./control/bootstrap";
import { listProjects } from "./control/store";
import { allBufferNames } from "./ingest/shards";
import { runSynthetics } from "../synthetics/dispatch";

export async function runCron(env: AppEnv, now: Date): Promise<void> {
  await ensureBootstrapped(env);
  const shards = limits(env).bufferShards;
  for (const project of await listProjects(env.DB)) {
    for (const signal of SIGNALS) {
      await Promise.all(
        allBufferNames(project.id, signal, shards).map(({ name }) => env.BUFFER.get(env.BUFFER.idFromName(name)).ensureAlarm()),
      );
    }
  }
  await runSynthetics(env, (await listProjects(env.DB)).map((p) => p.id), now.getTime());
}
