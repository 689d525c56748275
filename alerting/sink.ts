/**
 * Where evaluated alerts go: rule evaluation (alerting/rules) hands every firing and newly
 * resolved alert of a project to a sink after each evaluation, as Prometheus re-sends its
 * alerts to Alertmanager; the routing half (alerting/routing) implements the sink that
 * groups, silences, inhibits and notifies. Kept as an interface so evaluation is testable
 * with a recording sink and knows nothing of receivers.
 */
import type { AlertInstance } from "../core/alerts/model";

export interface AlertSink {
  receive(projectId: string, alerts: AlertInstance[], nowMs: number): Promise<void>;
}
