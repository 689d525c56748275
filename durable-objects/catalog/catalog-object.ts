/**
 * The per-project catalog: every Parquet file in R2 with its partition, time range,
 * rows, bytes, schema version and column statistics, so queries read only the files
 * they need. It also runs compaction from its alarm.
 *
 * Compaction is crash-safe: the plan (inputs and output key) is recorded first; the
 * swap (inputs retired, output active) is one SQLite transaction; input objects are
 * deleted from R2 only after the swap. Retired keys stay as tombstones so a buffer
 * retrying an old flush cannot bring a compacted file back.
 */
import { DurableObject } from "cloudflare:workers";
import { limits } from "../../workers/env";
import { initParquetWasm } from "../../core/parquet/wasm-worker";
import type { Signal } from "../../core/schema";
import type { FileRecord } from "../buffer/types";
import { DEFAULT_COMPACTION, planCompaction, type CompactionPlan, type PlanFile } from "./compaction-plan";
import { compactionOutputKey, runCompaction } from "./compact";

export interface ListFilesQuery {
  signal: Signal;
  /** Inclusive time range in µs; omitted means unbounded. */
  fromUs?: number;
  toUs?: number;
}

export interface CatalogFile extends FileRecord {
  createdAtMs: number;
}

type FileRow = {
  key: string;
  signal: string;
  date: string;
  hour: string;
  min_ts: number;
  max_ts: number;
  rows: number;
  bytes: number;
  schema_version: number;
  stats: string;
  created_at: number;
};

function toFile(r: FileRow): CatalogFile {
  return {
    key: r.key,
    signal: r.signal as Signal,
    date: r.date,
    hour: r.hour,
    minTimestampUs: r.min_ts,
    maxTimestampUs: r.max_ts,
    rows: r.rows,
    bytes: r.bytes,
    schemaVersion: r.schema_version,
    stats: JSON.parse(r.stats),
    createdAtMs: r.created_at,
  };
}

export class CatalogObject extends DurableObject<Env> {
  #ready = false;
  #projectId: string | null = null;
  /** Test hook, as in BufferObject. */
  bucketOverride: R2Bucket | null = null;

  #sql() {
    return this.ctx.storage.sql;
  }

  #init(): void {
    if (this.#ready) return;
    const sql = this.#sql();
    sql.exec(`CREATE TABLE IF NOT EXISTS files (
      key TEXT PRIMARY KEY, signal TEXT NOT NULL, date TEXT NOT NULL, hour TEXT NOT NULL,
      min_ts INTEGER NOT NULL, max_ts INTEGER NOT NULL, rows INTEGER NOT NULL, bytes INTEGER NOT NULL,
      schema_version INTEGER NOT NULL, stats TEXT NOT NULL, created_at INTEGER NOT NULL,
      retired_into TEXT, retired_at INTEGER)`);
    sql.exec(`CREATE INDEX IF NOT EXISTS files_time ON files (signal, min_ts, max_ts) WHERE retired_into IS NULL`);
    sql.exec(`CREATE TABLE IF NOT EXISTS compaction_intent (id INTEGER PRIMARY KEY CHECK (id = 1), plan TEXT NOT NULL, project TEXT NOT NULL)`);
    sql.exec(`CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL)`);
    this.#projectId = sql.exec<{ v: string }>(`SELECT v FROM meta WHERE k = 'project'`).toArray()[0]?.v ?? null;
    this.#ready = true;
  }

  /** The subset of `keys` this catalog has ever recorded (active or retired). */
  async knownKeys(keys: string[]): Promise<string[]> {
    this.#init();
    const known: string[] = [];
    for (const key of keys) {
      if (this.#sql().exec(`SELECT 1 FROM files WHERE key = ?`, key).toArray().length) known.push(key);
    }
    return known;
  }

  /** Records newly written files; keys already known are left as they are. */
  async register(files: FileRecord[]): Promise<void> {
    this.#init();
    if (files.length === 0) return;
    const projectId = files[0].key.split("/")[1];
    const sql = this.#sql();
    const now = Date.now();
    this.ctx.storage.transactionSync(() => {
      if (!this.#projectId) {
        sql.exec(`INSERT OR REPLACE INTO meta (k, v) VALUES ('project', ?)`, projectId);
        this.#projectId = projectId;
      }
      for (const f of files) {
        sql.exec(
          `INSERT OR IGNORE INTO files (key, signal, date, hour, min_ts, max_ts, rows, bytes, schema_version, stats, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          f.key, f.signal, f.date, f.hour, f.minTimestampUs, f.maxTimestampUs, f.rows, f.bytes, f.schemaVersion, JSON.stringify(f.stats), now,
        );
      }
    });
    await this.#scheduleCompaction();
  }

  /** Active files of a signal overlapping the time range, oldest first. */
  async list(query: ListFilesQuery): Promise<CatalogFile[]> {
    this.#init();
    const from = query.fromUs ?? Number.MIN_SAFE_INTEGER;
    const to = query.toUs ?? Number.MAX_SAFE_INTEGER;
    return this.#sql()
      .exec<FileRow>(
        `SELECT * FROM files WHERE retired_into IS NULL AND signal = ? AND max_ts >= ? AND min_ts <= ? ORDER BY min_ts, key`,
        query.signal, from, to,
      )
      .toArray()
      .map(toFile);
  }

  async totals(): Promise<{ signal: string; files: number; rows: number; bytes: number }[]> {
    this.#init();
    return this.#sql()
      .exec<{ signal: string; files: number; rows: number; bytes: number }>(
        `SELECT signal, COUNT(*) AS files, SUM(rows) AS rows, SUM(bytes) AS bytes FROM files WHERE retired_into IS NULL GROUP BY signal ORDER BY signal`,
      )
      .toArray();
  }

  #activeSmallFiles(): PlanFile[] {
    return this.#sql()
      .exec<FileRow>(`SELECT key, signal, date, hour, rows, bytes FROM files WHERE retired_into IS NULL`)
      .toArray()
      .map((r) => ({ key: r.key, signal: r.signal as Signal, date: r.date, hour: r.hour, rows: r.rows, bytes: r.bytes }));
  }

  #options() {
    return { ...DEFAULT_COMPACTION, minFiles: limits(this.env).compactMinFiles };
  }

  async #scheduleCompaction(): Promise<void> {
    const pending = this.#sql().exec(`SELECT 1 FROM compaction_intent`).toArray().length > 0;
    if (!pending && !planCompaction(this.#activeSmallFiles(), this.#options())) return;
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + 1000);
  }

  override async alarm(): Promise<void> {
    this.#init();
    try {
      // Several merges per alarm, each a bounded amount of work.
      for (let i = 0; i < 4 && (await this.compactOnce()); i++);
    } catch (err) {
      console.error(`compaction failed: ${err instanceof Error ? err.message : String(err)}`);
      await this.ctx.storage.setAlarm(Date.now() + 30_000);
      return;
    }
    await this.#scheduleCompaction();
  }

  /**
   * Runs (or resumes) one compaction; false when there is nothing to do. Calls are
   * serialised: the alarm and the admin endpoint may ask at the same time, and the
   * object's input gate does not stop two merges interleaving at their awaits.
   */
  compactOnce(): Promise<boolean> {
    const run = this.#compaction.then(() => this.#compactOnce());
    this.#compaction = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  #compaction: Promise<void> = Promise.resolve();

  async #compactOnce(): Promise<boolean> {
    this.#init();
    const sql = this.#sql();
    const bucket = this.bucketOverride ?? this.env.BUCKET;
    const saved = sql.exec<{ plan: string; project: string }>(`SELECT plan, project FROM compaction_intent`).toArray()[0];
    let plan: CompactionPlan | null = saved ? JSON.parse(saved.plan) : null;
    const projectId = saved?.project ?? this.#projectId;
    if (!plan) {
      plan = planCompaction(this.#activeSmallFiles(), this.#options());
      if (!plan || !projectId) return false;
      sql.exec(`INSERT INTO compaction_intent (id, plan, project) VALUES (1, ?, ?)`, JSON.stringify(plan), projectId);
    }
    if (!projectId) return false;
    const outputKey = await compactionOutputKey(projectId, plan);
    const alreadySwapped = sql.exec(`SELECT 1 FROM files WHERE key = ?`, outputKey).toArray().length > 0;
    if (!alreadySwapped) {
      initParquetWasm();
      const output = await runCompaction(projectId, plan, bucket);
      const now = Date.now();
      this.ctx.storage.transactionSync(() => {
        sql.exec(
          `INSERT INTO files (key, signal, date, hour, min_ts, max_ts, rows, bytes, schema_version, stats, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          output.key, output.signal, output.date, output.hour, output.minTimestampUs, output.maxTimestampUs, output.rows, output.bytes, output.schemaVersion, JSON.stringify(output.stats), now,
        );
        for (const key of plan!.inputs) sql.exec(`UPDATE files SET retired_into = ?, retired_at = ? WHERE key = ?`, output.key, now, key);
      });
    }
    // Only after the swap: readers of the catalog no longer need the inputs.
    await bucket.delete(plan.inputs);
    sql.exec(`DELETE FROM compaction_intent`);
    return true;
  }
}
