/**
 * The dispatcher's own SQLite state: alerts it holds, aggregation groups with their next
 * flush time, group membership, the notification log (what each receiver integration was
 * last told, Alertmanager's nflog), escalations and acknowledgements. Everything that
 * decides whether to notify is here, so a restarted object neither forgets a pending
 * notification nor repeats one it logged.
 */
import type { AlertInstance } from "../../core/alerts/model";
import type { LogEntry } from "../../alerting/routing/dedup";
import type { RouteOpts } from "../../alerting/routing/route";
import type { EscalationState } from "../../alerting/oncall/escalation";

export interface Suppression {
  silencedBy: string[];
  inhibitedBy: string[];
}

export interface StoredAlert {
  alert: AlertInstance;
  updatedAt: number;
  manualResolvedStartsAt: number | null;
  suppression: Suppression;
}

export interface Group {
  key: string;
  routeId: string;
  opts: RouteOpts;
  labels: Record<string, string>;
  createdAt: number;
  nextFlushAt: number;
  flushed: boolean;
  mutedBy: string | null;
}

export interface Escalation extends EscalationState {
  groupKey: string;
  policy: string;
  status: "active" | "acked" | "exhausted";
  startedAt: number;
}

type Row = Record<string, SqlStorageValue>;

export class DispatchStore {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(`CREATE TABLE IF NOT EXISTS alerts (fingerprint TEXT PRIMARY KEY, alert TEXT NOT NULL, updated_at INTEGER NOT NULL,
      manual_resolved_starts INTEGER, suppressed TEXT NOT NULL DEFAULT '{"silencedBy":[],"inhibitedBy":[]}')`);
    sql.exec(`CREATE TABLE IF NOT EXISTS groups (key TEXT PRIMARY KEY, route_id TEXT NOT NULL, opts TEXT NOT NULL, labels TEXT NOT NULL,
      created_at INTEGER NOT NULL, next_flush_at INTEGER NOT NULL, flushed INTEGER NOT NULL DEFAULT 0, muted_by TEXT)`);
    sql.exec(`CREATE TABLE IF NOT EXISTS group_alerts (group_key TEXT NOT NULL, fingerprint TEXT NOT NULL, PRIMARY KEY (group_key, fingerprint))`);
    sql.exec(`CREATE INDEX IF NOT EXISTS group_alerts_fp ON group_alerts (fingerprint)`);
    sql.exec(`CREATE TABLE IF NOT EXISTS nflog (group_key TEXT NOT NULL, target TEXT NOT NULL, firing TEXT NOT NULL, resolved TEXT NOT NULL,
      sent_at INTEGER NOT NULL, PRIMARY KEY (group_key, target))`);
    sql.exec(`CREATE TABLE IF NOT EXISTS escalations (group_key TEXT PRIMARY KEY, policy TEXT NOT NULL, level INTEGER NOT NULL, cycle INTEGER NOT NULL,
      next_at INTEGER, status TEXT NOT NULL, started_at INTEGER NOT NULL)`);
    sql.exec(`CREATE TABLE IF NOT EXISTS acks (fingerprint TEXT PRIMARY KEY, starts_at INTEGER NOT NULL, by TEXT NOT NULL, at INTEGER NOT NULL)`);
  }

  alert(fp: string): StoredAlert | null {
    const r = this.sql.exec<Row>("SELECT * FROM alerts WHERE fingerprint = ?", fp).toArray()[0];
    return r ? toStored(r) : null;
  }

  allAlerts(): StoredAlert[] {
    return this.sql.exec<Row>("SELECT * FROM alerts").toArray().map(toStored);
  }

  putAlert(a: AlertInstance, updatedAt: number, manualResolvedStartsAt: number | null = null): void {
    this.sql.exec(
      `INSERT INTO alerts (fingerprint, alert, updated_at, manual_resolved_starts) VALUES (?, ?, ?, ?)
       ON CONFLICT (fingerprint) DO UPDATE SET alert = excluded.alert, updated_at = excluded.updated_at,
       manual_resolved_starts = COALESCE(excluded.manual_resolved_starts, CASE WHEN json_extract(alerts.alert, '$.startsAt') = json_extract(excluded.alert, '$.startsAt') THEN alerts.manual_resolved_starts END)`,
      a.fingerprint,
      JSON.stringify(a),
      updatedAt,
      manualResolvedStartsAt,
    );
  }

  setSuppression(fp: string, s: Suppression): void {
    this.sql.exec("UPDATE alerts SET suppressed = ? WHERE fingerprint = ?", JSON.stringify(s), fp);
  }

  /** Alerts that belong to no group any more are forgotten. */
  deleteOrphanAlerts(): void {
    this.sql.exec("DELETE FROM alerts WHERE fingerprint NOT IN (SELECT fingerprint FROM group_alerts)");
    this.sql.exec("DELETE FROM acks WHERE fingerprint NOT IN (SELECT fingerprint FROM alerts)");
  }

  group(key: string): Group | null {
    const r = this.sql.exec<Row>("SELECT * FROM groups WHERE key = ?", key).toArray()[0];
    return r ? toGroup(r) : null;
  }

  groups(): Group[] {
    return this.sql.exec<Row>("SELECT * FROM groups ORDER BY key").toArray().map(toGroup);
  }

  dueGroups(now: number): Group[] {
    return this.sql.exec<Row>("SELECT * FROM groups WHERE next_flush_at <= ? ORDER BY next_flush_at", now).toArray().map(toGroup);
  }

  createGroup(g: Omit<Group, "flushed" | "mutedBy">): void {
    this.sql.exec(
      "INSERT INTO groups (key, route_id, opts, labels, created_at, next_flush_at) VALUES (?, ?, ?, ?, ?, ?)",
      g.key,
      g.routeId,
      JSON.stringify(g.opts),
      JSON.stringify(g.labels),
      g.createdAt,
      g.nextFlushAt,
    );
  }

  setGroupOpts(key: string, opts: RouteOpts): void {
    this.sql.exec("UPDATE groups SET opts = ? WHERE key = ?", JSON.stringify(opts), key);
  }

  updateGroup(key: string, nextFlushAt: number, flushed: boolean, mutedBy: string | null): void {
    this.sql.exec("UPDATE groups SET next_flush_at = ?, flushed = ?, muted_by = ? WHERE key = ?", nextFlushAt, flushed ? 1 : 0, mutedBy, key);
  }

  deleteGroup(key: string): void {
    this.sql.exec("DELETE FROM groups WHERE key = ?", key);
    this.sql.exec("DELETE FROM group_alerts WHERE group_key = ?", key);
    this.sql.exec("DELETE FROM nflog WHERE group_key = ?", key);
    this.sql.exec("DELETE FROM escalations WHERE group_key = ?", key);
  }

  addToGroup(key: string, fp: string): void {
    this.sql.exec("INSERT OR IGNORE INTO group_alerts (group_key, fingerprint) VALUES (?, ?)", key, fp);
  }

  removeFromGroup(key: string, fps: string[]): void {
    for (const fp of fps) this.sql.exec("DELETE FROM group_alerts WHERE group_key = ? AND fingerprint = ?", key, fp);
  }

  groupAlerts(key: string): StoredAlert[] {
    return this.sql
      .exec<Row>("SELECT a.* FROM alerts a JOIN group_alerts g ON g.fingerprint = a.fingerprint WHERE g.group_key = ? ORDER BY a.fingerprint", key)
      .toArray()
      .map(toStored);
  }

  groupsOf(fp: string): string[] {
    return this.sql.exec<{ group_key: string }>("SELECT group_key FROM group_alerts WHERE fingerprint = ?", fp).toArray().map((r) => r.group_key);
  }

  logEntry(groupKey: string, target: string): LogEntry | null {
    const r = this.sql.exec<Row>("SELECT * FROM nflog WHERE group_key = ? AND target = ?", groupKey, target).toArray()[0];
    return r ? { firing: JSON.parse(r.firing as string), resolved: JSON.parse(r.resolved as string), sentAt: r.sent_at as number } : null;
  }

  log(groupKey: string, target: string, firing: string[], resolved: string[], sentAt: number): void {
    this.sql.exec(
      "INSERT INTO nflog (group_key, target, firing, resolved, sent_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (group_key, target) DO UPDATE SET firing = excluded.firing, resolved = excluded.resolved, sent_at = excluded.sent_at",
      groupKey,
      target,
      JSON.stringify(firing),
      JSON.stringify(resolved),
      sentAt,
    );
  }

  escalation(groupKey: string): Escalation | null {
    const r = this.sql.exec<Row>("SELECT * FROM escalations WHERE group_key = ?", groupKey).toArray()[0];
    return r ? toEscalation(r) : null;
  }

  dueEscalations(now: number): Escalation[] {
    return this.sql.exec<Row>("SELECT * FROM escalations WHERE status = 'active' AND next_at IS NOT NULL AND next_at <= ?", now).toArray().map(toEscalation);
  }

  putEscalation(e: Escalation): void {
    this.sql.exec(
      "INSERT INTO escalations (group_key, policy, level, cycle, next_at, status, started_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (group_key) DO UPDATE SET level = excluded.level, cycle = excluded.cycle, next_at = excluded.next_at, status = excluded.status",
      e.groupKey,
      e.policy,
      e.level,
      e.cycle,
      e.nextAt,
      e.status,
      e.startedAt,
    );
  }

  ack(fp: string): { startsAt: number; by: string; at: number } | null {
    const r = this.sql.exec<Row>("SELECT * FROM acks WHERE fingerprint = ?", fp).toArray()[0];
    return r ? { startsAt: r.starts_at as number, by: r.by as string, at: r.at as number } : null;
  }

  putAck(fp: string, startsAt: number, by: string, at: number): void {
    this.sql.exec("INSERT INTO acks (fingerprint, starts_at, by, at) VALUES (?, ?, ?, ?) ON CONFLICT (fingerprint) DO UPDATE SET starts_at = excluded.starts_at, by = excluded.by, at = excluded.at", fp, startsAt, by, at);
  }

  /** The earliest instant anything is due: a group flush or an escalation step. */
  nextDue(): number | null {
    const g = this.sql.exec<{ t: number | null }>("SELECT MIN(next_flush_at) AS t FROM groups").one().t;
    const e = this.sql.exec<{ t: number | null }>("SELECT MIN(next_at) AS t FROM escalations WHERE status = 'active'").one().t;
    const all = [g, e].filter((t): t is number => t !== null);
    return all.length ? Math.min(...all) : null;
  }

  dump(): Record<string, Record<string, string | number | null>[]> {
    const out: Record<string, Record<string, string | number | null>[]> = {};
    for (const t of ["alerts", "groups", "group_alerts", "nflog", "escalations", "acks"]) out[t] = this.sql.exec<Record<string, string | number | null>>(`SELECT * FROM ${t}`).toArray();
    return out;
  }
}

function toStored(r: Row): StoredAlert {
  return {
    alert: JSON.parse(r.alert as string) as AlertInstance,
    updatedAt: r.updated_at as number,
    manualResolvedStartsAt: (r.manual_resolved_starts as number | null) ?? null,
    suppression: JSON.parse(r.suppressed as string) as Suppression,
  };
}

function toGroup(r: Row): Group {
  return {
    key: r.key as string,
    routeId: r.route_id as string,
    opts: JSON.parse(r.opts as string) as RouteOpts,
    labels: JSON.parse(r.labels as string) as Record<string, string>,
    createdAt: r.created_at as number,
    nextFlushAt: r.next_flush_at as number,
    flushed: r.flushed === 1,
    mutedBy: (r.muted_by as string | null) ?? null,
  };
}

function toEscalation(r: Row): Escalation {
  return {
    groupKey: r.group_key as string,
    policy: r.policy as string,
    level: r.level as number,
    cycle: r.cycle as number,
    nextAt: (r.next_at as number | null) ?? null,
    status: r.status as Escalation["status"],
    startedAt: r.started_at as number,
  };
}
