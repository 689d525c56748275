/**
 * The every-minute cron. For now it re-arms buffer flushes: an alarm lost to an
 * incident must not leave acknowledged data sitting in a buffer. Then it evaluates the
 * alert rules that are due (alerting/rules/run-due.ts); synthetic checks come here later.
 */
import type { AppEnv } from "./env";
import { limits } from "./env";
import { SIGNALS } from "../core/schema";
import { ensureBootstrapped } from "./control/bootstrap";
import { listProjects } from "./control/store";
import { allBufferNames } from "./ingest/shards";
import { evaluateDueRules } from "../alerting/rules/run-due";
import { createAlertSink } from "../alerting/rules/sink-factory";

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
  await evaluateDueRules(env, now.getTime(), createAlertSink(env));
}
