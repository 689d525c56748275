/**
 * Everything routing needs to decide for one project, read from D1 in one go and compiled:
 * the route tree, inhibit rules, named time intervals, contact points, silences, and the
 * on-call data escalation targets resolve through. The dispatcher loads it per run, so a
 * config change applies to the next evaluation without a restart.
 */
import type { EscalationPolicy } from "../oncall/escalation";
import type { Schedule } from "../oncall/schedule";
import type { ContactPoint } from "../notify/contact-points";
import { listContactPoints, listSilences, loadConfig } from "../store/routing-store";
import { listMembers, listPolicies, listSchedules, type Member } from "../store/oncall-store";
import type { AlertingConfig } from "./config";
import { buildInhibitRules, type InhibitRule } from "./inhibit";
import { buildRoute, type Route } from "./route";
import type { Silence } from "./silences";
import { compileTimeInterval, intervalContains, type CompiledInterval } from "./time-intervals";

export interface RoutingContext {
  config: AlertingConfig;
  tree: Route;
  inhibitRules: InhibitRule[];
  intervals: Map<string, CompiledInterval[]>;
  contactPointsByName: Map<string, ContactPoint>;
  contactPointsById: Map<string, ContactPoint>;
  silences: Silence[];
  policiesByName: Map<string, EscalationPolicy>;
  schedulesById: Map<string, Schedule>;
  membersById: Map<string, Member>;
}

export function compileContext(
  config: AlertingConfig,
  data: { contactPoints: ContactPoint[]; silences: Silence[]; policies: EscalationPolicy[]; schedules: Schedule[]; members: Member[] },
): RoutingContext {
  return {
    config,
    tree: buildRoute(config.route),
    inhibitRules: buildInhibitRules(config.inhibit_rules),
    intervals: new Map(config.time_intervals.map((ti) => [ti.name, ti.time_intervals.map(compileTimeInterval)])),
    contactPointsByName: new Map(data.contactPoints.map((c) => [c.name, c])),
    contactPointsById: new Map(data.contactPoints.map((c) => [c.id, c])),
    silences: data.silences,
    policiesByName: new Map(data.policies.map((p) => [p.name, p])),
    schedulesById: new Map(data.schedules.map((s) => [s.id, s])),
    membersById: new Map(data.members.map((m) => [m.id, m])),
  };
}

export async function loadRoutingContext(db: D1Database, projectId: string, now: number): Promise<RoutingContext> {
  const [{ config }, contactPoints, silences, policies, schedules, members] = await Promise.all([
    loadConfig(db, projectId),
    listContactPoints(db, projectId),
    listSilences(db, projectId, now),
    listPolicies(db, projectId),
    listSchedules(db, projectId),
    listMembers(db, projectId),
  ]);
  return compileContext(config, { contactPoints, silences, policies, schedules, members });
}

/** A route's group is muted now by its mute_time_intervals, or by being outside its active_time_intervals. */
export function mutedBy(ctx: RoutingContext, mute: string[], active: string[], now: number): string | null {
  for (const name of mute) if (ctx.intervals.get(name)?.some((ti) => intervalContains(ti, now))) return name;
  if (active.length > 0 && !active.some((name) => ctx.intervals.get(name)?.some((ti) => intervalContains(ti, now)))) return `outside ${active.join(", ")}`;
  return null;
}
