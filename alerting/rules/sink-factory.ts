/**
 * The sink the cron and the rule routes hand alerts to: the project's notification
 * dispatcher (alerting/routing), which groups, silences, inhibits and notifies.
 *
 * Tests that drive the real scheduled handler install a recording sink with
 * `setAlertSinkOverride`: the handler is the code under test, and a sink that just
 * collects what it is given is the observation point (there is nothing to mock).
 */
import type { AppEnv } from "../../workers/env";
import type { AlertSink } from "../sink";
import { createDispatcherSink } from "../routing/sink";

let override: AlertSink | null = null;

export function setAlertSinkOverride(sink: AlertSink | null): void {
  override = sink;
}

export function createAlertSink(env: AppEnv): AlertSink {
  return override ?? createDispatcherSink(env);
}
