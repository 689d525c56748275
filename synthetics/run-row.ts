/**
 * Turns one run's outcome (runner.ts) and certificate reading into the row stored in
 * the `checks` table. The certificate is a warning of its own: it never fails the run
 * (uptime measures whether the endpoint works), it opens an ssl_expiry incident.
 */
import type { CheckDefinition, Region } from "./definition";
import type { AssertionOutcome } from "./assertions";
import type { CheckRunRow } from "./result-rows";
import type { RunOutcome } from "./runner";
import { runId } from "./schedule";
import { daysRemaining, type CertificateInfo } from "./tls-certificate";

export type CertificateReading = { ok: true; cert: CertificateInfo } | { ok: false; error: string } | null;

export interface RunContext {
  checkId: string;
  definition: CheckDefinition;
  region: Region | "global";
  slot: number;
  /** Run ids of manual runs carry their own suffix so they never take a scheduled slot. */
  runIdSuffix?: string;
  startedAt: number;
  colo: string | null;
}

export function sslAssertion(reading: CertificateReading, thresholdDays: number, nowMs: number): AssertionOutcome | null {
  if (!reading || !reading.ok) return null;
  const days = daysRemaining(reading.cert.notAfter, nowMs);
  return { step: "certificate", type: "ssl_expiry", operator: "gte", expected: thresholdDays, actual: Math.floor(days * 10) / 10, pass: days >= thresholdDays, warning: true };
}

export function runRow(ctx: RunContext, outcome: RunOutcome, reading: CertificateReading): CheckRunRow {
  const last = outcome.steps[outcome.steps.length - 1];
  const ssl = sslAssertion(reading, ctx.definition.sslExpiryDays, ctx.startedAt);
  const assertions = ssl ? [...outcome.assertions, ssl] : outcome.assertions;
  return {
    timestamp: ctx.startedAt,
    scheduled_at: ctx.slot,
    run_id: runId(ctx.checkId, ctx.region, ctx.slot) + (ctx.runIdSuffix ?? ""),
    check_id: ctx.checkId,
    check_name: ctx.definition.name,
    check_type: ctx.definition.type,
    region: ctx.region,
    colo: ctx.colo,
    ok: outcome.ok,
    status: outcome.status,
    error: outcome.error,
    duration_ms: outcome.durationMs,
    ttfb_ms: last?.ttfb_ms ?? null,
    http_status_code: last?.status ?? null,
    http_request_method: last?.method ?? null,
    url_full: last?.url ?? null,
    redirects: outcome.steps.reduce((n, s) => n + s.redirects, 0),
    assertions_total: outcome.assertions.length,
    assertions_failed: outcome.assertions.filter((a) => !a.pass).length,
    assertions: JSON.stringify(assertions),
    steps: JSON.stringify(outcome.steps),
    response_excerpt: last?.response_excerpt ?? null,
    ssl_days_remaining: reading?.ok ? daysRemaining(reading.cert.notAfter, ctx.startedAt) : null,
    ssl_not_after: reading?.ok ? reading.cert.notAfter : null,
    ssl_subject: reading?.ok ? reading.cert.subject : null,
    ssl_error: reading && !reading.ok ? reading.error : null,
    attributes: ctx.definition.tags,
  };
}

/** The https origin whose certificate a check reads (its first step), or null. */
export function certificateTarget(url: string): { hostname: string; port: number } | null {
  if (!URL.canParse(url)) return null;
  const u = new URL(url);
  if (u.protocol !== "https:") return null;
  return { hostname: u.hostname.replace(/^\[|\]$/g, ""), port: u.port ? Number(u.port) : 443 };
}
