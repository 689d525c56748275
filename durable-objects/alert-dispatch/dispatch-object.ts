/**
 * The per-project notification dispatcher (Alertmanager's dispatcher, aggregation groups,
 * notification pipeline and nflog, in one Durable Object). Rule evaluation hands it alerts
 * (`receive`); it routes each into aggregation groups and flushes groups from its alarm:
 * first after group_wait, then every group_interval, notifying only when something changed
 * or repeat_interval passed; silenced, inhibited and muted alerts are held back; routes
 * with an escalation policy page level after level until someone acknowledges.
 *
 * Time is a parameter of every entry point (`receive(…, now)`, `tick(now)`), the alarm
 * passes the wall clock, tests pass their own. Flushes run one at a time (a chain), because
 * a notification is an outbound request and other calls may interleave while it is in flight.
 * Delivery is at-least-once: the log is written after a receiver accepted, so a crash in
 * between re-sends that one notification rather than losing it.
 */
import { DurableObject } from "cloudflare:workers";
import type { AlertHistoryEvent, AlertInstance } from "../../core/alerts/model";
import type { AppEnv } from "../../workers/env";
import { recordHistory } from "../../alerting/history";
import { needsUpdate } from "../../alerting/routing/dedup";
import { inhibitedBy } from "../../alerting/routing/inhibit";
import { loadRoutingContext, mutedBy, type RoutingContext } from "../../alerting/routing/load";
import { groupKey, groupLabels, matchRoutes, walkRoutes, type RouteOpts } from "../../alerting/routing/route";
import { silencedBy } from "../../alerting/routing/silences";
import { expireFingerprintSilences } from "../../alerting/store/routing-store";
import { linkSecret } from "../../alerting/store/oncall-store";
import { buildRequest } from "../../alerting/notify/build";
import { dedupKey, pagerDutyEvent, PAGERDUTY_EVENTS_URL } from "../../alerting/notify/pagerduty";
import { deliver } from "../../alerting/notify/deliver";
import { statusOf, type NotificationMessage } from "../../alerting/notify/message";
import { advanceEscalation, startEscalation } from "../../alerting/oncall/escalation";
import { levelTargets, type ResolvedTarget } from "../../alerting/oncall/targets";
import { actionLinks } from "../../alerting/oncall/action-links";
import { DispatchStore, type Group, type StoredAlert, type Suppression } from "./dispatch-store";

/** Alertmanager's resolve_timeout: a firing alert not re-sent for this long is taken as resolved. */
export const RESOLVE_TIMEOUT_MS = 5 * 60_000;

export interface AlertGroupView {
  labels: Record<string, string>;
  receiver: { name: string };
  groupKey: string;
  mutedBy: string | null;
  escalation: { policy: string; level: number; cycle: number; status: string; nextAt: number | null } | null;
  alerts: (AlertInstance & {
    status_detail: { state: "active" | "suppressed"; silencedBy: string[]; inhibitedBy: string[]; mutedBy: string[] };
    acknowledged: { by: string; at: number } | null;
    receivers: { name: string }[];
  })[];
}

export interface TickResult {
  flushed: number;
  notifications: number;
}

export class AlertDispatchObject extends DurableObject<AppEnv> {
  #store: DispatchStore | null = null;
  #chain: Promise<unknown> = Promise.resolve();
  #history: AlertHistoryEvent[] = [];
  #projectId = "";

  get #db(): DispatchStore {
    return (this.#store ??= new DispatchStore(this.ctx.storage.sql));
  }

  /** Runs flush-like work one at a time. */
  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#chain.then(fn, fn);
    this.#chain = run.catch(() => undefined);
    return run;
  }

  async #project(projectId: string): Promise<void> {
    if (!projectId) throw new Error("project id required");
    this.#projectId = projectId;
    const stored = await this.ctx.storage.get<string>("project");
    if (stored && stored !== projectId) throw new Error(`dispatcher of project '${stored}' called for '${projectId}'`);
    if (!stored) await this.ctx.storage.put("project", projectId);
  }

  async receive(projectId: string, alerts: AlertInstance[], now: number): Promise<void> {
    await this.#project(projectId);
    const ctx = await loadRoutingContext(this.env.DB, projectId, now);
    for (const a of alerts) {
      if (a.projectId !== projectId) continue;
      const prev = this.#db.alert(a.fingerprint);
      // Resolved by hand: the evaluator keeps sending this episode as firing; it stays resolved.
      if (a.status === "firing" && prev?.manualResolvedStartsAt === a.startsAt) continue;
      if (a.status === "resolved" && prev?.alert.status === "resolved") continue;
      const routes = matchRoutes(ctx.tree, a.labels);
      let member = prev !== null && this.#db.groupsOf(a.fingerprint).length > 0;
      for (const route of routes) {
        const key = groupKey(route, a.labels);
        if (!this.#db.group(key)) {
          if (a.status === "resolved") continue;
          this.#db.createGroup({ key, routeId: route.id, opts: route.opts, labels: groupLabels(route, a.labels), createdAt: now, nextFlushAt: now + route.opts.groupWaitMs });
        }
        member = true;
        this.#db.putAlert(a, now);
        this.#db.addToGroup(key, a.fingerprint);
      }
      if (member) this.#db.putAlert(a, now);
      if (a.status === "resolved") await expireFingerprintSilences(this.env.DB, projectId, a.fingerprint, now);
    }
    this.#refreshSuppression(ctx, now);
    await this.#flushHistory();
    await this.#arm();
  }

  override async alarm(): Promise<void> {
    const project = await this.ctx.storage.get<string>("project");
    if (project) await this.tick(project, Date.now());
  }

  /** Flushes every due group and steps every due escalation at `now`. */
  tick(projectId: string, now: number): Promise<TickResult> {
    return this.#serial(async () => {
      await this.#project(projectId);
      const ctx = await loadRoutingContext(this.env.DB, projectId, now);
      this.#applyResolveTimeout(now);
      this.#refreshSuppression(ctx, now);
      this.#refreshGroupOptions(ctx);
      const result: TickResult = { flushed: 0, notifications: 0 };
      for (const g of this.#db.dueGroups(now)) {
        result.notifications += await this.#flush(ctx, g, now, false);
        result.flushed++;
      }
      for (const e of this.#db.dueEscalations(now)) result.notifications += await this.#escalate(ctx, e.groupKey, now);
      await this.#flushHistory();
      await this.#arm();
      return result;
    });
  }

  async ack(projectId: string, fingerprint: string, by: string, now: number): Promise<{ ok: boolean; message: string }> {
    await this.#project(projectId);
    return this.#serial(async () => {
      const stored = this.#db.alert(fingerprint);
      if (!stored || stored.alert.status !== "firing") return { ok: false, message: "no firing alert with this fingerprint" };
      this.#db.putAck(fingerprint, stored.alert.startsAt, by, now);
      this.#event(now, "ack", stored.alert, "acknowledged", by, {});
      const ctx = await loadRoutingContext(this.env.DB, projectId, now);
      for (const key of this.#db.groupsOf(fingerprint)) {
        if (!this.#allAcked(key)) continue;
        const e = this.#db.escalation(key);
        if (e?.status === "active") {
          this.#db.putEscalation({ ...e, status: "acked", nextAt: null });
          this.#event(now, "escalation", stored.alert, "stopped", `acknowledged by ${by}`, { groupKey: key, level: e.level + 1 });
        }
        await this.#acknowledgeInPagerDuty(ctx, key, stored.alert, now);
      }
      await this.#flushHistory();
      await this.#arm();
      return { ok: true, message: "acknowledged" };
    });
  }

  async resolve(projectId: string, fingerprint: string, by: string, now: number): Promise<{ ok: boolean; message: string }> {
    await this.#project(projectId);
    return this.#serial(async () => {
      const stored = this.#db.alert(fingerprint);
      if (!stored || stored.alert.status !== "firing") return { ok: false, message: "no firing alert with this fingerprint" };
      const resolved: AlertInstance = { ...stored.alert, status: "resolved", endsAt: now };
      this.#db.putAlert(resolved, now, stored.alert.startsAt);
      this.#event(now, "state", resolved, "resolved", "firing", { by, manual: true });
      await expireFingerprintSilences(this.env.DB, projectId, fingerprint, now);
      await this.#flushHistory();
      return { ok: true, message: "resolved" };
    });
  }

  /** Alertmanager's /api/v2/alerts/groups: firing alerts by aggregation group, with why they are held back. */
  async alertGroups(projectId: string, now: number): Promise<AlertGroupView[]> {
    await this.#project(projectId);
    // Silences and inhibition as of now (a silence created a second ago shows at once).
    const ctx = await loadRoutingContext(this.env.DB, projectId, now);
    const firingAll = this.#db.allAlerts().filter((s) => s.alert.status === "firing").map((s) => s.alert);
    const live = (a: AlertInstance): Suppression => {
      const hit = inhibitedBy(ctx.inhibitRules, a, firingAll);
      return { silencedBy: silencedBy(ctx.silences, a, now), inhibitedBy: hit ? [hit.source] : [] };
    };
    const out: AlertGroupView[] = [];
    for (const g of this.#db.groups()) {
      const e = this.#db.escalation(g.key);
      const alerts = this.#db
        .groupAlerts(g.key)
        .filter((s) => s.alert.status === "firing")
        .map((s) => {
          const ack = this.#db.ack(s.alert.fingerprint);
          const muted = g.mutedBy ? [g.mutedBy] : [];
          const suppression = live(s.alert);
          const suppressed = suppression.silencedBy.length + suppression.inhibitedBy.length + muted.length > 0;
          return {
            ...s.alert,
            status_detail: { state: suppressed ? ("suppressed" as const) : ("active" as const), ...suppression, mutedBy: muted },
            acknowledged: ack && ack.startsAt === s.alert.startsAt ? { by: ack.by, at: ack.at } : null,
            receivers: [{ name: receiverName(g) }],
          };
        });
      if (alerts.length === 0) continue;
      out.push({
        labels: g.labels,
        receiver: { name: receiverName(g) },
        groupKey: g.key,
        mutedBy: g.mutedBy,
        escalation: e ? { policy: e.policy, level: e.level, cycle: e.cycle, status: e.status, nextAt: e.nextAt } : null,
        alerts,
      });
    }
    return out;
  }

  /** The raw state, for tests and the operator. */
  async debugState(): Promise<Record<string, Record<string, string | number | null>[]>> {
    return this.#db.dump();
  }

  // ————— internals —————

  #applyResolveTimeout(now: number): void {
    for (const s of this.#db.allAlerts()) {
      if (s.alert.status === "firing" && s.updatedAt + RESOLVE_TIMEOUT_MS <= now) {
        const endsAt = s.updatedAt + RESOLVE_TIMEOUT_MS;
        this.#db.putAlert({ ...s.alert, status: "resolved", endsAt }, s.updatedAt);
      }
    }
  }

  /** Recomputes silences and inhibition for every firing alert; a change is written to the history. */
  #refreshSuppression(ctx: RoutingContext, now: number): void {
    const all = this.#db.allAlerts();
    const firing = all.filter((s) => s.alert.status === "firing").map((s) => s.alert);
    for (const s of all) {
      const a = s.alert;
      const next: Suppression =
        a.status === "firing"
          ? { silencedBy: silencedBy(ctx.silences, a, now), inhibitedBy: (() => {
              const hit = inhibitedBy(ctx.inhibitRules, a, firing);
              return hit ? [hit.source] : [];
            })() }
          : { silencedBy: [], inhibitedBy: [] };
      if (JSON.stringify(next) === JSON.stringify(s.suppression)) continue;
      this.#db.setSuppression(a.fingerprint, next);
      if (next.silencedBy.length && !s.suppression.silencedBy.length) this.#event(now, "silenced", a, "silenced", next.silencedBy.join(","), { silences: next.silencedBy });
      if (next.inhibitedBy.length && !s.suppression.inhibitedBy.length) this.#event(now, "silenced", a, "inhibited", next.inhibitedBy.join(","), { inhibitedBy: next.inhibitedBy });
      if (!next.silencedBy.length && !next.inhibitedBy.length) this.#event(now, "silenced", a, "unsuppressed", null, {});
    }
  }

  /** The group's PagerDuty incidents learn of the acknowledgement too (event_action "acknowledge"). */
  async #acknowledgeInPagerDuty(ctx: RoutingContext, key: string, alert: AlertInstance, now: number): Promise<void> {
    const g = this.#db.group(key);
    // Not yet notified: there is no incident to acknowledge (and no escalation to start here).
    if (!g || !g.flushed) return;
    const firing = this.#db.groupAlerts(key).filter((s) => s.alert.status === "firing").map((s) => s.alert);
    for (const { contactPoint } of await this.#targets(ctx, g, firing, now)) {
      for (const [i, integration] of contactPoint.integrations.entries()) {
        if (integration.kind !== "pagerduty" || !this.#db.logEntry(key, `${contactPoint.id}#${i}`)) continue;
        const s = integration.settings as Record<string, string>;
        const event = pagerDutyEvent({ receiver: contactPoint.name, groupKey: key, status: "firing", alerts: firing, groupLabels: g.labels, truncatedAlerts: 0, externalURL: "", actions: {} }, { routing_key: s.routing_key }, await dedupKey(key), "acknowledge");
        await deliver(
          { url: s.url || PAGERDUTY_EVENTS_URL, body: event },
          {
            fetch: (input, init) => fetch(input, init),
            sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
            baseDelayMs: Number(this.env.NOTIFY_RETRY_BASE_MS) || 1000,
            onAttempt: (a) => this.#event(now, "notification", alert, a.outcome, contactPoint.name, { groupKey: key, receiverKind: "pagerduty", reason: "acknowledged", attempt: a.attempt, httpStatus: a.status, error: a.error }),
          },
        );
      }
    }
  }

  /**
   * A config change applies to existing groups: a group takes the current options of the
   * route it was made by (same position and matchers). Groups of routes that no longer
   * exist keep their options until they end.
   */
  #refreshGroupOptions(ctx: RoutingContext): void {
    const byId = new Map<string, RouteOpts>();
    walkRoutes(ctx.tree, (r) => byId.set(r.id, r.opts));
    for (const g of this.#db.groups()) {
      const opts = byId.get(g.routeId);
      if (opts && JSON.stringify(opts) !== JSON.stringify(g.opts)) this.#db.setGroupOpts(g.key, opts);
    }
  }

  #allAcked(key: string): boolean {
    const firing = this.#db.groupAlerts(key).filter((s) => s.alert.status === "firing");
    return firing.length > 0 && firing.every((s) => this.#db.ack(s.alert.fingerprint)?.startsAt === s.alert.startsAt);
  }

  async #targets(ctx: RoutingContext, g: Group, firing: AlertInstance[], now: number): Promise<ResolvedTarget[]> {
    const out: ResolvedTarget[] = [];
    if (g.opts.receiver) {
      const cp = ctx.contactPointsByName.get(g.opts.receiver);
      if (cp) out.push({ contactPoint: cp, via: cp.name });
      else this.#event(now, "notification", firing[0] ?? null, "failed", g.opts.receiver, { groupKey: g.key, error: `no contact point named '${g.opts.receiver}'` });
    }
    if (g.opts.escalationPolicy) {
      const policy = ctx.policiesByName.get(g.opts.escalationPolicy);
      if (!policy) {
        this.#event(now, "escalation", firing[0] ?? null, "failed", g.opts.escalationPolicy, { groupKey: g.key, error: `no escalation policy named '${g.opts.escalationPolicy}'` });
        return out;
      }
      let e = this.#db.escalation(g.key);
      if (!e && firing.length > 0) {
        e = { groupKey: g.key, policy: policy.name, status: "active", startedAt: now, ...startEscalation(policy, now) };
        this.#db.putEscalation(e);
        this.#event(now, "escalation", firing[0], "level 1", policy.name, { groupKey: g.key, level: 1, cycle: 0 });
      }
      if (e) {
        const reached = e.cycle > 0 ? policy.levels.length - 1 : e.level;
        for (let level = 0; level <= reached; level++) {
          const { targets, problems } = levelTargets(ctx, policy, level, now);
          out.push(...targets);
          for (const p of problems) this.#event(now, "escalation", firing[0] ?? null, "unreachable", policy.name, { groupKey: g.key, error: p });
        }
      }
    }
    const seen = new Set<string>();
    return out.filter((t) => !seen.has(t.contactPoint.id) && (seen.add(t.contactPoint.id), true));
  }

  /** Alertmanager's flush of one aggregation group; returns how many notifications were sent. */
  async #flush(ctx: RoutingContext, g: Group, now: number, escalationOnly: boolean): Promise<number> {
    const nextFlushAt = escalationOnly ? g.nextFlushAt : now + g.opts.groupIntervalMs;
    const members = this.#db.groupAlerts(g.key);
    const muted = mutedBy(ctx, g.opts.muteTimeIntervals, g.opts.activeTimeIntervals, now);
    if (muted) {
      if (!g.mutedBy) this.#event(now, "silenced", members[0]?.alert ?? null, "muted", muted, { groupKey: g.key });
      this.#db.updateGroup(g.key, nextFlushAt, g.flushed, muted);
      return 0;
    }
    const active = (s: StoredAlert) => s.suppression.silencedBy.length === 0 && s.suppression.inhibitedBy.length === 0;
    const firing = members.filter((s) => s.alert.status === "firing" && active(s)).map((s) => s.alert);
    const resolved = members.filter((s) => s.alert.status === "resolved").map((s) => s.alert);
    const firingFps = firing.map((a) => a.fingerprint);
    const resolvedFps = resolved.map((a) => a.fingerprint);
    const targets = await this.#targets(ctx, g, firing, now);
    let sent = 0;
    let allDelivered = true;
    const alerts = [...firing, ...resolved];
    const baseUrl = (this.env.PUBLIC_URL || "http://localhost:8787").replace(/\/$/, "");
    const actions = firing.length ? await actionLinks(await linkSecret(this.env), baseUrl, this.#projectId, firing, now) : {};
    for (const { contactPoint, via } of targets) {
      for (const [i, integration] of contactPoint.integrations.entries()) {
        const target = `${contactPoint.id}#${i}`;
        const reason = needsUpdate(this.#db.logEntry(g.key, target), firingFps, resolvedFps, integration.send_resolved, g.opts.repeatIntervalMs, now);
        if (!reason) continue;
        if (alerts.length === 0) continue;
        const message: NotificationMessage = {
          receiver: contactPoint.name,
          groupKey: g.key,
          status: statusOf(alerts),
          alerts,
          groupLabels: g.labels,
          truncatedAlerts: 0,
          externalURL: `${baseUrl}/alerting/alerts`,
          actions,
        };
        const request = await buildRequest(message, integration);
        if (!request) {
          this.#db.log(g.key, target, firingFps, resolvedFps, now);
          continue;
        }
        const subject = alerts.length === 1 ? alerts[0] : null;
        const base = { groupKey: g.key, receiverKind: integration.kind, reason, via, fingerprints: alerts.map((a) => a.fingerprint), firing: firing.length, resolved: resolved.length };
        const outcome = await deliver(request, {
          fetch: (input, init) => fetch(input, init),
          sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
          baseDelayMs: Number(this.env.NOTIFY_RETRY_BASE_MS) || 1000,
          onAttempt: (a) =>
            this.#event(now, "notification", subject ?? alerts[0], a.outcome, contactPoint.name, { ...base, attempt: a.attempt, httpStatus: a.status, error: a.error, delayMs: a.delayMs }, subject === null),
        });
        if (outcome.outcome === "sent") {
          this.#db.log(g.key, target, firingFps, resolvedFps, now);
          sent++;
        } else allDelivered = false;
      }
    }
    this.#db.updateGroup(g.key, nextFlushAt, true, null);
    if (allDelivered && !escalationOnly) {
      // Resolved alerts that were delivered leave the group; a group with nothing left is done.
      this.#db.removeFromGroup(g.key, resolvedFps);
      if (members.every((s) => s.alert.status === "resolved")) {
        const e = this.#db.escalation(g.key);
        if (e?.status === "active") this.#event(now, "escalation", resolved[0] ?? null, "stopped", "resolved", { groupKey: g.key, level: e.level + 1 });
        this.#db.deleteGroup(g.key);
      }
      this.#db.deleteOrphanAlerts();
    }
    return sent;
  }

  async #escalate(ctx: RoutingContext, key: string, now: number): Promise<number> {
    const e = this.#db.escalation(key);
    const g = this.#db.group(key);
    if (!e || !g) return 0;
    const policy = ctx.policiesByName.get(e.policy);
    const firing = this.#db.groupAlerts(key).filter((s) => s.alert.status === "firing");
    if (!policy || firing.length === 0) {
      this.#db.putEscalation({ ...e, nextAt: null, status: "exhausted" });
      return 0;
    }
    if (this.#allAcked(key)) {
      this.#db.putEscalation({ ...e, nextAt: null, status: "acked" });
      return 0;
    }
    const next = advanceEscalation(policy, e, now);
    if (!next) {
      this.#db.putEscalation({ ...e, nextAt: null, status: "exhausted" });
      this.#event(now, "escalation", firing[0].alert, "exhausted", policy.name, { groupKey: key, level: e.level + 1, cycle: e.cycle });
      return 0;
    }
    this.#db.putEscalation({ ...e, ...next });
    this.#event(now, "escalation", firing[0].alert, `level ${next.level + 1}`, policy.name, { groupKey: key, level: next.level + 1, cycle: next.cycle });
    // The newly reached level has no log entry yet, so only it is notified now.
    return this.#flush(ctx, g, now, true);
  }

  #event(now: number, kind: AlertHistoryEvent["kind"], alert: AlertInstance | null, status: string, detail: string | null, data: Record<string, unknown>, group = false): void {
    this.#history.push({
      projectId: this.#projectId,
      at: now,
      kind,
      ruleId: alert?.ruleId ?? null,
      fingerprint: group ? null : (alert?.fingerprint ?? null),
      status,
      detail,
      data: { ...(alert ? { labels: alert.labels } : {}), ...data },
    });
  }

  async #flushHistory(): Promise<void> {
    const events = this.#history.splice(0);
    if (events.length) await recordHistory(this.env.DB, events);
  }

  async #arm(): Promise<void> {
    const due = this.#db.nextDue();
    if (due === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(due);
  }
}

function receiverName(g: Group): string {
  return g.opts.receiver ?? (g.opts.escalationPolicy ? `policy:${g.opts.escalationPolicy}` : "");
}
