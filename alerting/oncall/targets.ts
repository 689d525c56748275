/**
 * Who an escalation level reaches: a contact point directly, a person through their
 * contact points, or a schedule through whoever is on call at that moment. Pure over the
 * loaded routing context; unknown ids are reported so the history can say why nobody was paged.
 */
import type { ContactPoint } from "../notify/contact-points";
import type { RoutingContext } from "../routing/load";
import type { EscalationPolicy } from "./escalation";
import { whoIsOnCall } from "./schedule";

export interface ResolvedTarget {
  contactPoint: ContactPoint;
  /** How it was reached: `level 1: schedule Primary → ann@example.com`. */
  via: string;
}

export function levelTargets(ctx: RoutingContext, policy: EscalationPolicy, level: number, now: number): { targets: ResolvedTarget[]; problems: string[] } {
  const targets: ResolvedTarget[] = [];
  const problems: string[] = [];
  const userCps = (userId: string, via: string) => {
    const member = ctx.membersById.get(userId);
    if (!member) return problems.push(`${via}: user ${userId} is not a member of this project`);
    const cps = member.contactPointIds.map((id) => ctx.contactPointsById.get(id)).filter((c): c is ContactPoint => !!c);
    if (cps.length === 0) problems.push(`${via}: ${member.email} has no contact points`);
    for (const cp of cps) targets.push({ contactPoint: cp, via: `${via} → ${member.email}` });
  };
  for (const t of policy.levels[level]?.targets ?? []) {
    const via = `level ${level + 1}`;
    if (t.type === "contact_point") {
      const cp = ctx.contactPointsById.get(t.id);
      if (cp) targets.push({ contactPoint: cp, via: `${via}: ${cp.name}` });
      else problems.push(`${via}: contact point ${t.id} does not exist`);
    } else if (t.type === "user") {
      userCps(t.id, `${via}: user`);
    } else {
      const schedule = ctx.schedulesById.get(t.id);
      if (!schedule) problems.push(`${via}: schedule ${t.id} does not exist`);
      else {
        const who = whoIsOnCall(schedule, now);
        if (!who) problems.push(`${via}: nobody is on call in ${schedule.name}`);
        else userCps(who.userId, `${via}: schedule ${schedule.name}`);
      }
    }
  }
  return { targets, problems };
}
