/**
 * The AlertSink rule evaluation hands its alerts to: forwards them to the project's
 * dispatcher Durable Object, which groups, silences, inhibits and notifies.
 */
import type { AlertInstance } from "../../core/alerts/model";
import type { AppEnv } from "../../workers/env";
import type { AlertSink } from "../sink";

export function dispatcherFor(env: AppEnv, projectId: string) {
  return env.ALERT_DISPATCH.get(env.ALERT_DISPATCH.idFromName(projectId));
}

export function createDispatcherSink(env: AppEnv): AlertSink {
  return {
    async receive(projectId: string, alerts: AlertInstance[], nowMs: number): Promise<void> {
      if (alerts.length === 0) return;
      await dispatcherFor(env, projectId).receive(projectId, alerts, nowMs);
    },
  };
}
