/**
 * The alert state of one project: every rule's series (group × level) with its state, and
 * a ledger of evaluated (rule, minute) pairs. One object per project because the sink is
 * handed all of a project's firing alerts at once — one read here, not one per rule — and
 * because state changes are a few rows a minute per project, far below what one object
 * serves; the queries themselves run in the cron's worker, not here.
 *
 * Exactly once per minute: `claim` inserts (rule, minute) before the query runs, and a
 * second claim for the same pair — a repeated cron delivery, a retry — is refused, so a
 * minute is never evaluated twice (at most once: a claim whose evaluation crashed is not
 * retried; the next interval evaluates). `apply` writes the new states in one transaction
 * before it returns, so what the caller hears has been persisted.
 *
 * The transitions themselves are the pure alerting/rules/advance.ts.
 */
import { DurableObject } from "cloudflare:workers";
import type { AlertInstance, AlertSeriesState } from "../../core/alerts/model";
import { advanceRule, firingAlerts, toInstance, type Outcome, type RuleForAdvance, type SeriesRecord, type StateChange } from "../../alerting/rules/advance";
import type { AppEnv } from "../../workers/env";

/** Ledger rows older than this are pruned: no cron retries a minute that old. */
const LEDGER_KEEP_MS = 2 * 86_400_000;

export interface Applied {
  changes: StateChange[];
  resolved: AlertInstance[];
  /** False when this (rule, minute) had already been applied. */
  applied: boolean;
}

export interface RuleStateCount {
  ruleId: string;
  state: AlertSeriesState;
  count: number;
}

type RuleRef = Pick<RuleForAdvance, "id" | "projectId" | "name">;

export class AlertStateObject extends DurableObject<AppEnv> {
  #ready = false;

  #sql() {
    return this.ctx.storage.sql;
  }

  #init(): void {
    if (this.#ready) return;
    const sql = this.#sql();
    sql.exec(`CREATE TABLE IF NOT EXISTS series (
      rule_id TEXT NOT NULL, key TEXT NOT NULL, state TEXT NOT NULL,
      project_id TEXT NOT NULL, rule_name TEXT NOT NULL, record TEXT NOT NULL,
      PRIMARY KEY (rule_id, key))`);
    sql.exec(`CREATE TABLE IF NOT EXISTS evaluations (
      rule_id TEXT NOT NULL, minute INTEGER NOT NULL, claimed_at INTEGER NOT NULL, applied_at INTEGER,
      PRIMARY KEY (rule_id, minute))`);
    this.#ready = true;
  }

  /** True for the first claim of (rule, minute); false for every later one. */
  claim(ruleId: string, minuteMs: number, nowMs: number): boolean {
    this.#init();
    const sql = this.#sql();
    const inserted = sql.exec("INSERT OR IGNORE INTO evaluations (rule_id, minute, claimed_at) VALUES (?, ?, ?)", ruleId, minuteMs, nowMs).rowsWritten > 0;
    if (inserted && minuteMs % 3_600_000 === 0) sql.exec("DELETE FROM evaluations WHERE minute < ?", minuteMs - LEDGER_KEEP_MS);
    return inserted;
  }

  #series(ruleId: string): SeriesRecord[] {
    return this.#sql()
      .exec<{ record: string }>("SELECT record FROM series WHERE rule_id = ?", ruleId)
      .toArray()
      .map((r) => JSON.parse(r.record) as SeriesRecord);
  }

  /** Applies one evaluation's outcome to the rule's series; persisted before it returns. */
  apply(rule: RuleForAdvance, minuteMs: number, outcome: Outcome, nowMs: number): Applied {
    this.#init();
    const sql = this.#sql();
    const ledger = sql.exec<{ applied_at: number | null }>("SELECT applied_at FROM evaluations WHERE rule_id = ? AND minute = ?", rule.id, minuteMs).toArray()[0];
    if (ledger?.applied_at != null) return { changes: [], resolved: [], applied: false };
    const result = advanceRule(rule, this.#series(rule.id), outcome, minuteMs);
    this.ctx.storage.transactionSync(() => {
      for (const key of result.removed) sql.exec("DELETE FROM series WHERE rule_id = ? AND key = ?", rule.id, key);
      for (const s of result.series) {
        sql.exec(
          "INSERT OR REPLACE INTO series (rule_id, key, state, project_id, rule_name, record) VALUES (?, ?, ?, ?, ?, ?)",
          rule.id, s.key, s.state, rule.projectId, rule.name, JSON.stringify(s),
        );
      }
      sql.exec(
        "INSERT INTO evaluations (rule_id, minute, claimed_at, applied_at) VALUES (?, ?, ?, ?) ON CONFLICT (rule_id, minute) DO UPDATE SET applied_at = excluded.applied_at",
        rule.id, minuteMs, nowMs, nowMs,
      );
    });
    return { changes: result.changes, resolved: result.resolved, applied: true };
  }

  /** Every firing alert of the project (what the sink is re-sent each evaluation). */
  firing(): AlertInstance[] {
    this.#init();
    const rows = this.#sql().exec<{ project_id: string; rule_id: string; rule_name: string; record: string }>(
      "SELECT project_id, rule_id, rule_name, record FROM series WHERE state = 'firing' ORDER BY rule_id, key",
    );
    return rows.toArray().flatMap((r) => firingAlerts({ id: r.rule_id, projectId: r.project_id, name: r.rule_name }, [JSON.parse(r.record) as SeriesRecord]));
  }

  /** The current series of one rule. */
  seriesOf(ruleId: string): SeriesRecord[] {
    this.#init();
    return this.#series(ruleId);
  }

  /** Series per rule and state (the rule list's badges). */
  counts(): RuleStateCount[] {
    this.#init();
    return this.#sql()
      .exec<{ rule_id: string; state: string; n: number }>("SELECT rule_id, state, count(*) AS n FROM series GROUP BY rule_id, state ORDER BY rule_id, state")
      .toArray()
      .map((r) => ({ ruleId: r.rule_id, state: r.state as AlertSeriesState, count: r.n }));
  }

  /**
   * A rule deleted, paused or redefined: its series are dropped, and the firing ones come
   * back as resolved so the caller can tell the sink (and the history) they ended.
   */
  forgetRule(rule: RuleRef, nowMs: number): Applied {
    this.#init();
    const sql = this.#sql();
    const series = this.#series(rule.id);
    const resolved = series.filter((s) => s.state === "firing").map((s) => toInstance(rule, s, "resolved", nowMs));
    const changes: StateChange[] = series
      .filter((s) => s.state !== "ok")
      .map((s) => ({ ruleId: rule.id, key: s.key, fingerprint: s.fingerprint, from: s.state, to: "ok", at: nowMs, value: s.value, labels: s.labels, error: null }));
    this.ctx.storage.transactionSync(() => {
      sql.exec("DELETE FROM series WHERE rule_id = ?", rule.id);
    });
    return { changes, resolved, applied: true };
  }
}
