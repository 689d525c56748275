/**
 * The sink the cron and the rule routes hand alerts to. Routing and notification
 * (alerting/routing) provide the real one; until they are wired in, alerts are only logged.
 *
 * Tests that drive the real scheduled handler install a recording sink with
 * `setAlertSinkOverride`: the handler is the code under test, and a sink that just
 * collects what it is given is the observation point (there is nothing to mock).
 */
import type { AlertInstance } from "../../core/alerts/model";
import type { AppEnv } from "../../workers/env";
import type { AlertSink } from "../sink";

let override: AlertSink | null = null;

export function setAlertSinkOverride(sink: AlertSink | null): void {
  override = sink;
}

const loggingSink: AlertSink = {
  async receive(projectId: string, alerts: AlertInstance[]) {
    const firing = alerts.filter((a) => a.status === "firing").length;
    if (alerts.length) console.log(`alerts for ${projectId}: ${firing} firing, ${alerts.length - firing} resolved (no dispatcher wired)`);
  },
};

export function createAlertSink(_env: AppEnv): AlertSink {
  return override ?? loggingSink;
}
