/**
 * The every-minute cron, three independent jobs:
 * - re-arm buffer flushes: an alarm lost to an incident must not leave acknowledged data
 *   sitting in a buffer;
 * - dispatch the synthetic checks that are due to their region runners (synthetics/dispatch.ts)
 *   and hand their incidents to alerting;
 * - evaluate the alert rules that are due (alerting/rules/run-due.ts) and hand their alerts on.
 * One job failing does not stop the others; the failures are reported together afterwards.
 */
import type { AppEnv } from "./env";
import { limits } from "./env";
import { SIGNALS } from "../core/schema";
import { ensureBootstrapped } from "./control/bootstrap";
import { listProjects } from "./control/store";
import { allBufferNames } from "./ingest/shards";
import { evaluateDueRules } from "../alerting/rules/run-due";
import { createAlertSink } from "../alerting/rules/sink-factory";
import { runSynthetics } from "../synthetics/dispatch";

export async function runCron(env: AppEnv, now: Date): Promise<void> {
  await ensureBootstrapped(env);
  const projectIds = (await listProjects(env.DB)).map((p) => p.id);
  const jobs: [string, () => Promise<unknown>][] = [
    ["flush re-arm", () => rearmFlushes(env, projectIds)],
    ["synthetic checks", () => runSynthetics(env, projectIds, now.getTime(), createAlertSink(env))],
    ["alert rules", () => evaluateDueRules(env, now.getTime(), createAlertSink(env))],
  ];
  const outcomes = await Promise.allSettled(jobs.map(([, job]) => job()));
  const failures = outcomes.flatMap((o, i) => (o.status === "rejected" ? [`${jobs[i][0]}: ${(o.reason as Error)?.message ?? o.reason}`] : []));
  if (failures.length) throw new Error(`cron at ${now.toISOString()} failed in ${failures.join("; ")}`);
}

async function rearmFlushes(env: AppEnv, projectIds: string[]): Promise<void> {
  const shards = limits(env).bufferShards;
  for (const projectId of projectIds) {
    for (const signal of SIGNALS) {
      await Promise.all(
        allBufferNames(projectId, signal, shards).map(({ name }) => env.BUFFER.get(env.BUFFER.idFromName(name)).ensureAlarm()),
      );
    }
  }
}
