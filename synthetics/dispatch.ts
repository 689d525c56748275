/**
 * The cron's part of synthetic monitoring, and "run now": find the checks due at this
 * tick, fan each out to the runner object of every region it lists, record the latest
 * status per region, and open or resolve incidents. Heartbeat checks are judged here
 * too (a missing ping opens an incident). The I/O glue around the pure modules.
 */
import type { AppEnv } from "../workers/env";
import { limits } from "../workers/env";
import { bufferName, pickShard } from "../workers/ingest/shards";
import type { RunJob } from "../durable-objects/region-runner/region-runner-object";
import type { AlertSink } from "../alerting/sink";
import { incidentAlert } from "./alerts";
import { failingRegionsNeeded, type Region } from "./definition";
import { decideFailure, decideSslExpiry, heartbeatMissing } from "./incidents";
import type { CheckRunRow } from "./result-rows";
import { dueChecks, runId } from "./schedule";
import {
  claimSlot,
  listChecks,
  listIncidents,
  openIncident,
  openIncidentKinds,
  projectSecrets,
  resolveIncident,
  saveRegionStatus,
  setFailStreak,
  type CheckRecord,
} from "./store";

export function regionRunner(env: AppEnv, region: Region) {
  // One object per region; the hint places it (and so its outbound requests) there in production.
  return env.REGION_RUNNER.get(env.REGION_RUNNER.idFromName(`region:${region}`), { locationHint: region });
}

/**
 * The every-minute entry point: runs every due check of every project, then hands the
 * project's incidents to alerting (`sink`) so they are routed and notified like rule alerts.
 */
export async function runSynthetics(env: AppEnv, projectIds: readonly string[], nowMs: number, sink?: AlertSink): Promise<void> {
  await Promise.all(
    projectIds.map(async (projectId) => {
      const checks = await listChecks(env.DB, projectId);
      const scheduled = checks.filter((c) => c.definition.type !== "heartbeat");
      const due = dueChecks(scheduled.map((c) => ({ id: c.id, enabled: c.definition.enabled, intervalMinutes: c.definition.intervalMinutes, lastSlot: c.lastSlot })), nowMs);
      let secrets: Promise<Record<string, string>> | null = null;
      await Promise.all([
        ...due.map((d) =>
          isolated(d.id, async () => {
            // Claimed in D1 first: a second cron invocation for the same minute finds it taken.
            if (!(await claimSlot(env.DB, projectId, d.id, d.slot))) return;
            secrets ??= projectSecrets(env.DB, projectId);
            const check = scheduled.find((c) => c.id === d.id)!;
            const rows = await fanOut(env, check, d.slot, await secrets);
            await judgeRun(env, check, rows, nowMs);
          }),
        ),
        ...checks.filter((c) => c.definition.type === "heartbeat" && c.definition.enabled).map((c) => isolated(c.id, () => judgeHeartbeat(env, c, nowMs))),
      ]);
      if (sink && checks.length) await forwardIncidents(env, projectId, nowMs, sink);
    }),
  );
}

/** Incidents resolved this long ago are still handed over once more (the dispatcher ignores repeats). */
const RESOLVED_LOOKBACK_MS = 10 * 60_000;

/**
 * Open incidents go to the sink as firing alerts every tick (as Prometheus re-sends its
 * alerts: the dispatcher resolves an alert that stops arriving), and recently resolved
 * ones as resolved, so a recovery is notified too — including a heartbeat resolved by a
 * ping between ticks.
 */
async function forwardIncidents(env: AppEnv, projectId: string, nowMs: number, sink: AlertSink): Promise<void> {
  const [open, resolved] = await Promise.all([
    listIncidents(env.DB, projectId, { status: "open", limit: 500 }),
    listIncidents(env.DB, projectId, { status: "resolved", limit: 100 }),
  ]);
  const recent = resolved.filter((i) => i.resolvedAt !== null && i.resolvedAt >= nowMs - RESOLVED_LOOKBACK_MS);
  const alerts = [...open, ...recent].map(incidentAlert);
  if (alerts.length) await sink.receive(projectId, alerts, nowMs);
}

/** One check's failure (a D1 hiccup, a bug) must not stop the others or the rest of the cron. */
async function isolated(checkId: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (e) {
    console.error(`synthetics: check ${checkId} was not handled this tick: ${(e as Error).stack ?? e}`);
  }
}

async function fanOut(env: AppEnv, check: CheckRecord, slot: number, secrets: Record<string, string>, manualId?: string): Promise<(CheckRunRow | null)[]> {
  return Promise.all(
    check.definition.regions.map(async (region) => {
      const job: RunJob = { projectId: check.projectId, checkId: check.id, definition: check.definition, region, slot, secrets, manualId };
      try {
        return await regionRunner(env, region).run(job);
      } catch (e) {
        // A runner that cannot be reached is not the target's fault: no row, logged.
        console.error(`region ${region} could not run ${check.id}: ${(e as Error).message}`);
        return null;
      }
    }),
  );
}

async function saveStatuses(env: AppEnv, check: CheckRecord, rows: CheckRunRow[]): Promise<void> {
  await Promise.all(
    rows.map((r) =>
      saveRegionStatus(env.DB, check.projectId, {
        checkId: check.id,
        region: r.region as Region,
        runId: r.run_id,
        at: r.timestamp,
        status: r.status,
        durationMs: r.duration_ms,
        httpStatusCode: r.http_status_code,
        error: r.error,
        sslDaysRemaining: r.ssl_days_remaining,
      }),
    ),
  );
}

/** After a scheduled run: statuses, then the failure and certificate incidents. */
async function judgeRun(env: AppEnv, check: CheckRecord, results: (CheckRunRow | null)[], nowMs: number): Promise<void> {
  const rows = results.filter((r): r is CheckRunRow => r !== null);
  await saveStatuses(env, check, rows);
  // A slot some region already ran (a dispatch repeated after a crash) was judged, or
  // will be, by the dispatch that ran it: judging a partial run would skew the streak.
  if (rows.length !== results.length || rows.length === 0) return;
  const def = check.definition;
  const open = await openIncidentKinds(env.DB, check.projectId, check.id);
  const decision = decideFailure({ failStreak: check.failStreak, open: open.has("failure") }, rows.map((r) => ({ region: r.region, ok: r.ok, error: r.error })), failingRegionsNeeded(def), def.incident.consecutiveRuns);
  await setFailStreak(env.DB, check.projectId, check.id, decision.state.failStreak);
  const firstError = rows.find((r) => !r.ok)?.error ?? null;
  if (decision.action === "open") {
    await openIncident(
      env.DB,
      check.projectId,
      {
        checkId: check.id,
        kind: "failure",
        severity: "critical",
        regions: decision.failingRegions,
        summary: `${def.name} failing in ${decision.failingRegions.length} of ${rows.length} regions (${decision.failingRegions.join(", ")}) for ${decision.state.failStreak} consecutive runs`,
        lastError: firstError,
      },
      nowMs,
    );
  } else if (decision.action === "resolve") {
    await resolveIncident(env.DB, check.projectId, check.id, "failure", nowMs);
  }
  const ssl = decideSslExpiry(open.has("ssl_expiry"), rows.map((r) => r.ssl_days_remaining), def.sslExpiryDays);
  if (ssl === "open") {
    const days = Math.min(...rows.map((r) => r.ssl_days_remaining ?? Infinity));
    const subject = rows.find((r) => r.ssl_subject)?.ssl_subject;
    await openIncident(
      env.DB,
      check.projectId,
      { checkId: check.id, kind: "ssl_expiry", severity: "warning", regions: [], summary: `certificate${subject ? ` for ${subject}` : ""} expires in ${days.toFixed(1)} days (warning below ${def.sslExpiryDays})`, lastError: null },
      nowMs,
    );
  } else if (ssl === "resolve") {
    await resolveIncident(env.DB, check.projectId, check.id, "ssl_expiry", nowMs);
  }
}

/** "Run now": every region at once, outside the schedule; updates statuses but not streaks. */
export async function runNow(env: AppEnv, check: CheckRecord, nowMs: number): Promise<CheckRunRow[]> {
  const secrets = await projectSecrets(env.DB, check.projectId);
  const rows = (await fanOut(env, check, nowMs, secrets, `manual-${nowMs}-${crypto.randomUUID().slice(0, 8)}`)).filter((r): r is CheckRunRow => r !== null);
  await saveStatuses(env, check, rows);
  return rows;
}

async function judgeHeartbeat(env: AppEnv, check: CheckRecord, nowMs: number): Promise<void> {
  const def = check.definition;
  const missing = heartbeatMissing(check.lastPingAt, check.createdAt, def.intervalMinutes, def.graceMinutes, nowMs);
  if (!missing) return;
  const since = check.lastPingAt ?? check.createdAt;
  const opened = await openIncident(
    env.DB,
    check.projectId,
    {
      checkId: check.id,
      kind: "heartbeat_missing",
      severity: "critical",
      regions: [],
      summary: `${def.name}: no ping for ${Math.round((nowMs - since) / 60_000)} min (expected every ${def.intervalMinutes} min, grace ${def.graceMinutes} min)`,
      lastError: check.lastPingAt === null ? "never pinged" : null,
    },
    nowMs,
  );
  if (opened) await recordHeartbeatRow(env, check, nowMs, false, `no ping since ${new Date(since).toISOString()}`);
}

/** A ping: recorded as a run, and it resolves a missing-heartbeat incident. */
export async function heartbeatPing(env: AppEnv, check: CheckRecord, nowMs: number): Promise<void> {
  await resolveIncident(env.DB, check.projectId, check.id, "heartbeat_missing", nowMs);
  await recordHeartbeatRow(env, check, nowMs, true, null);
}

async function recordHeartbeatRow(env: AppEnv, check: CheckRecord, nowMs: number, ok: boolean, error: string | null): Promise<void> {
  const row: CheckRunRow = {
    timestamp: nowMs,
    scheduled_at: nowMs,
    run_id: runId(check.id, "global", nowMs),
    check_id: check.id,
    check_name: check.definition.name,
    check_type: "heartbeat",
    region: "global",
    colo: null,
    ok,
    status: ok ? "ok" : "failed",
    error,
    duration_ms: 0,
    ttfb_ms: null,
    http_status_code: null,
    http_request_method: null,
    url_full: null,
    redirects: 0,
    assertions_total: 0,
    assertions_failed: 0,
    assertions: "[]",
    steps: "[]",
    response_excerpt: null,
    ssl_days_remaining: null,
    ssl_not_after: null,
    ssl_subject: null,
    ssl_error: null,
    attributes: check.definition.tags,
  };
  const shard = pickShard(limits(env).bufferShards);
  await env.BUFFER.get(env.BUFFER.idFromName(bufferName(check.projectId, "checks", shard))).append({
    projectId: check.projectId,
    signal: "checks",
    shard,
    format: "json",
    payload: new TextEncoder().encode(JSON.stringify([row])),
    records: 1,
    receivedAtMs: nowMs,
  });
  await saveRegionStatus(env.DB, check.projectId, { checkId: check.id, region: "global", runId: row.run_id, at: nowMs, status: row.status, durationMs: null, httpStatusCode: null, error, sslDaysRemaining: null });
}
