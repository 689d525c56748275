/**
 * A buffer for one (project, signal, shard). Each accepted OTLP request is appended to
 * this object's SQLite storage as one row (large ones as a few chunk rows) before the
 * ingest worker answers 200: the Durable Object's output gate holds the RPC reply
 * until the write is durable. An alarm flushes by size or age to Parquet in R2.
 *
 * Exactly-once flushing: a flush first records an intent (the batch id range it
 * covers); file names derive from that range, so a retried flush after a crash or an
 * R2 error rewrites the same objects, and the catalog refuses keys it already knows.
 * Batches are deleted only after the catalog has recorded their files.
 */
import { DurableObject } from "cloudflare:workers";
import { limits } from "../../workers/env";
import { initParquetWasm } from "../../core/parquet/wasm-worker";
import type { Signal } from "../../core/schema";
import { flushDueAt, retryDelayMs } from "./flush-policy";
import { buildTable, writeFlushFiles } from "./flush";
import { encodeParquetChunked } from "../../core/parquet/write";
import type { AppendRequest, AppendResult, BufferStats, HotSnapshot, PayloadFormat, StoredBatch } from "./types";

/** Payload the hot tier decodes per snapshot at most (newest batches first). */
const HOT_MAX_BYTES = 32 * 1024 * 1024;
/** Cached hot segments before they are re-encoded as one. */
const HOT_MAX_SEGMENTS = 8;

interface HotSegment {
  minId: number;
  maxId: number;
  rows: number;
  /** Null when none of the batches decoded (they are quarantined at the next flush). */
  parquet: Uint8Array | null;
}

/** SQLite values are capped at 2 MB in Durable Objects; larger payloads are chunked. */
const CHUNK_BYTES = 1_500_000;

interface Meta {
  projectId: string;
  signal: Signal;
  shard: number;
  epoch: string;
}

export class BufferObject extends DurableObject<Env> {
  #ready: Promise<void> | null = null;
  #meta: Meta | null = null;
  #bytes = 0;
  #records = 0;
  #batches = 0;
  #oldestMs: number | null = null;
  #flushedFiles = 0;
  #attempts = 0;
  #lastError: string | null = null;
  /** Parquet of buffered batches, by contiguous id range, so a query re-encodes only new batches. */
  #hot: HotSegment[] = [];
  /** Test hook: fault injection wraps the bucket here (see buffer tests). */
  bucketOverride: R2Bucket | null = null;

  #sql() {
    return this.ctx.storage.sql;
  }

  /** Lazy start inside blockConcurrencyWhile; a failed start is retried by the next call. */
  #ensureReady(): Promise<void> {
    this.#ready ??= this.ctx
      .blockConcurrencyWhile(async () => this.#init())
      .catch((err) => {
        this.#ready = null;
        throw err;
      });
    return this.#ready;
  }

  #init(): void {
    const sql = this.#sql();
    sql.exec(`CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL)`);
    sql.exec(`CREATE TABLE IF NOT EXISTS batches (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      received_at INTEGER NOT NULL,
      format TEXT NOT NULL,
      records INTEGER NOT NULL,
      bytes INTEGER NOT NULL,
      chunks INTEGER NOT NULL,
      payload BLOB)`);
    sql.exec(`CREATE TABLE IF NOT EXISTS quarantine AS SELECT * FROM batches WHERE 0`);
    sql.exec(`CREATE TABLE IF NOT EXISTS batch_chunks (batch_id INTEGER NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (batch_id, seq))`);
    sql.exec(`CREATE TABLE IF NOT EXISTS flush_intent (id INTEGER PRIMARY KEY CHECK (id = 1), min_id INTEGER NOT NULL, max_id INTEGER NOT NULL, started_at INTEGER NOT NULL)`);
    const meta = Object.fromEntries(sql.exec<{ k: string; v: string }>(`SELECT k, v FROM meta`).toArray().map((r) => [r.k, r.v]));
    if (meta.projectId) {
      this.#meta = { projectId: meta.projectId, signal: meta.signal as Signal, shard: Number(meta.shard), epoch: meta.epoch };
    }
    this.#recount();
  }

  #recount(): void {
    const row = this.#sql()
      .exec<{ n: number; bytes: number | null; records: number | null; oldest: number | null }>(
        `SELECT COUNT(*) AS n, SUM(bytes) AS bytes, SUM(records) AS records, MIN(received_at) AS oldest FROM batches`,
      )
      .one();
    this.#batches = row.n;
    this.#bytes = row.bytes ?? 0;
    this.#records = row.records ?? 0;
    this.#oldestMs = row.oldest ?? null;
  }

  #limits() {
    return limits(this.env);
  }

  async append(req: AppendRequest): Promise<AppendResult> {
    await this.#ensureReady();
    const lim = this.#limits();
    if (this.#bytes > 0 && this.#bytes + req.payload.byteLength > lim.bufferMaxBytes) {
      // Flushing is behind: push back instead of growing without bound.
      this.ctx.waitUntil(this.#schedule(Date.now()));
      return { ok: false, reason: "buffer_full", retryAfterSeconds: 5 };
    }
    const sql = this.#sql();
    const payload = req.payload;
    const chunked = payload.byteLength > CHUNK_BYTES;
    const batchId = this.ctx.storage.transactionSync(() => {
      if (!this.#meta) {
        this.#meta = { projectId: req.projectId, signal: req.signal, shard: req.shard, epoch: crypto.randomUUID().slice(0, 8) };
        for (const [k, v] of Object.entries(this.#meta)) sql.exec(`INSERT OR REPLACE INTO meta (k, v) VALUES (?, ?)`, k, String(v));
      }
      const chunks = chunked ? Math.ceil(payload.byteLength / CHUNK_BYTES) : 0;
      const id = sql
        .exec<{ id: number }>(
          `INSERT INTO batches (received_at, format, records, bytes, chunks, payload) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
          req.receivedAtMs,
          req.format,
          req.records,
          payload.byteLength,
          chunks,
          chunked ? null : payload,
        )
        .one().id;
      for (let seq = 0; seq < chunks; seq++) {
        sql.exec(`INSERT INTO batch_chunks (batch_id, seq, data) VALUES (?, ?, ?)`, id, seq, payload.subarray(seq * CHUNK_BYTES, (seq + 1) * CHUNK_BYTES));
      }
      return id;
    });
    this.#batches++;
    this.#bytes += payload.byteLength;
    this.#records += req.records;
    this.#oldestMs ??= req.receivedAtMs;
    await this.#schedule(Date.now());
    return { ok: true, batchId };
  }

  /** Sets the alarm to the flush due time unless an earlier one is already set. */
  async #schedule(now: number): Promise<void> {
    const lim = this.#limits();
    const due = flushDueAt({ bytes: this.#bytes, oldestMs: this.#oldestMs }, { maxBytes: lim.flushMaxBytes, maxAgeMs: lim.flushMaxAgeMs }, now);
    if (due === null) return;
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > due) await this.ctx.storage.setAlarm(due);
  }

  override async alarm(): Promise<void> {
    await this.#ensureReady();
    try {
      while (this.#batches > 0) {
        await this.#flushOnce();
        // Keep flushing while a size-triggered backlog remains; age-only leftovers wait.
        if (this.#bytes < this.#limits().flushMaxBytes) break;
      }
      this.#attempts = 0;
      this.#lastError = null;
    } catch (err) {
      // Never throw from the alarm: the runtime gives up after a few retries, and
      // acknowledged data must keep being retried. Back off and try again.
      this.#attempts++;
      this.#lastError = err instanceof Error ? err.message : String(err);
      console.error(`buffer flush failed (attempt ${this.#attempts}): ${this.#lastError}`);
      await this.ctx.storage.setAlarm(Date.now() + retryDelayMs(this.#attempts));
      return;
    }
    if (this.#batches > 0) await this.#schedule(Date.now());
  }

  /** Flushes everything buffered now (admin endpoint, tests). Returns files written. */
  async flushNow(): Promise<number> {
    await this.#ensureReady();
    const before = this.#flushedFiles;
    while (this.#batches > 0) await this.#flushOnce();
    return this.#flushedFiles - before;
  }

  /** Re-arms the flush alarm if data is waiting (the cron calls this as a safety net). */
  async ensureAlarm(): Promise<void> {
    await this.#ensureReady();
    if (this.#batches > 0) await this.#schedule(Date.now());
  }

  async stats(): Promise<BufferStats> {
    await this.#ensureReady();
    return {
      batches: this.#batches,
      bytes: this.#bytes,
      records: this.#records,
      oldestMs: this.#oldestMs,
      flushedFiles: this.#flushedFiles,
      lastFlushError: this.#lastError,
      quarantined: this.#sql().exec<{ n: number }>(`SELECT COUNT(*) AS n FROM quarantine`).one().n,
    };
  }

  /** Buffered batches not yet flushed, oldest first (the hot tier reads these). */
  async buffered(): Promise<StoredBatch[]> {
    await this.#ensureReady();
    const ids = this.#sql().exec<{ id: number }>(`SELECT id FROM batches ORDER BY id`).toArray();
    return ids.map((r) => this.#loadBatch(r.id));
  }

  /**
   * The hot tier: the rows still buffered, as Parquet, so a record is queryable as soon
   * as it is acknowledged. Segments are cached by batch-id range; a snapshot encodes only
   * batches that arrived since the last one. The id range lets the query service drop
   * catalog files written from these same batches by a flush that is in flight (their
   * rows would otherwise count twice).
   */
  async hotSnapshot(): Promise<HotSnapshot> {
    await this.#ensureReady();
    const meta = this.#meta;
    const rows = this.#sql().exec<{ id: number; bytes: number }>(`SELECT id, bytes FROM batches ORDER BY id`).toArray();
    if (!meta || rows.length === 0) {
      this.#hot = [];
      return { files: [], rows: 0, shard: meta?.shard ?? -1, epoch: meta?.epoch ?? "", minBatch: 0, maxBatch: -1, truncated: false };
    }
    // Newest batches up to the cap: a lagging flush must not make queries decode gigabytes.
    let from = rows.length - 1;
    let bytes = rows[from].bytes;
    while (from > 0 && bytes + rows[from - 1].bytes <= HOT_MAX_BYTES) bytes += rows[--from].bytes;
    const ids = rows.slice(from).map((r) => r.id);
    const min = ids[0];
    // Cached segments are kept only while they cover a contiguous run from `min`.
    // Another snapshot may run while this one awaits the encoder: work on a copy and
    // publish it only if the cache did not change meanwhile.
    const base = this.#hot;
    let segments = base.length && base[0].minId === min ? base : [];
    const covered = segments.length ? segments[segments.length - 1].maxId : min - 1;
    const fresh = ids.filter((id) => id > covered);
    if (fresh.length) segments = [...segments, await this.#encodeHot(meta.signal, fresh)];
    if (segments.length > HOT_MAX_SEGMENTS) segments = [await this.#encodeHot(meta.signal, ids)];
    if (this.#hot === base) this.#hot = segments;
    return {
      files: segments.flatMap((h) => (h.parquet ? [h.parquet] : [])),
      rows: segments.reduce((n, h) => n + h.rows, 0),
      shard: meta.shard,
      epoch: meta.epoch,
      minBatch: min,
      maxBatch: ids[ids.length - 1],
      truncated: from > 0,
    };
  }

  /**
   * Batches that arrived after `afterId`, as Parquet, and the newest id (live tail reads
   * by arrival, so late timestamps are not missed). `afterId < 0` only returns the cursor.
   */
  async hotSince(afterId: number): Promise<{ files: Uint8Array[]; lastId: number }> {
    await this.#ensureReady();
    const last = this.#sql().exec<{ id: number | null }>(`SELECT MAX(id) AS id FROM batches`).one().id ?? afterId;
    const newest = Math.max(afterId, last, this.#lastAssignedId());
    if (afterId < 0 || !this.#meta) return { files: [], lastId: newest };
    const ids = this.#sql().exec<{ id: number }>(`SELECT id FROM batches WHERE id > ? ORDER BY id`, afterId).toArray().map((r) => r.id);
    if (ids.length === 0) return { files: [], lastId: newest };
    const segment = await this.#encodeHot(this.#meta.signal, ids);
    return { files: segment.parquet ? [segment.parquet] : [], lastId: Math.max(newest, ids[ids.length - 1]) };
  }

  /** The last batch id handed out, even if its batch was flushed since (AUTOINCREMENT keeps it). */
  #lastAssignedId(): number {
    const row = this.#sql().exec<{ seq: number }>(`SELECT seq FROM sqlite_sequence WHERE name = 'batches'`).toArray()[0];
    return row?.seq ?? 0;
  }

  async #encodeHot(signal: Signal, ids: number[]): Promise<HotSegment> {
    initParquetWasm();
    // Batches are read synchronously, before any await: a consistent view of storage.
    const { table } = buildTable(signal, ids.map((id) => this.#loadBatch(id)));
    return { minId: ids[0], maxId: ids[ids.length - 1], rows: table.rows, parquet: table.rows ? await encodeParquetChunked(table) : null };
  }

  #loadBatch(id: number): StoredBatch {
    const sql = this.#sql();
    const row = sql
      .exec<{ id: number; received_at: number; format: string; chunks: number; payload: ArrayBuffer | null }>(
        `SELECT id, received_at, format, chunks, payload FROM batches WHERE id = ?`,
        id,
      )
      .one();
    let payload: Uint8Array;
    if (row.chunks === 0) payload = new Uint8Array(row.payload!);
    else {
      const parts = sql.exec<{ data: ArrayBuffer }>(`SELECT data FROM batch_chunks WHERE batch_id = ? ORDER BY seq`, id).toArray();
      const total = parts.reduce((n, p) => n + p.data.byteLength, 0);
      payload = new Uint8Array(total);
      let offset = 0;
      for (const p of parts) {
        payload.set(new Uint8Array(p.data), offset);
        offset += p.data.byteLength;
      }
    }
    return { id: row.id, receivedAtMs: row.received_at, format: row.format as PayloadFormat, payload };
  }

  /** Picks (or resumes) a flush intent, writes its files, records them, then deletes the batches. */
  async #flushOnce(): Promise<void> {
    const meta = this.#meta;
    if (!meta) return;
    initParquetWasm();
    const sql = this.#sql();
    let intent = sql.exec<{ min_id: number; max_id: number }>(`SELECT min_id, max_id FROM flush_intent WHERE id = 1`).toArray()[0];
    if (!intent) {
      // Take batches oldest first up to the size limit (at least one), so one flush
      // never holds more than ~flushMaxBytes of payload in memory.
      const rows = sql.exec<{ id: number; bytes: number }>(`SELECT id, bytes FROM batches ORDER BY id`).toArray();
      if (rows.length === 0) return;
      let total = 0;
      let last = rows[0].id;
      for (const r of rows) {
        if (total > 0 && total + r.bytes > this.#limits().flushMaxBytes) break;
        total += r.bytes;
        last = r.id;
      }
      intent = { min_id: rows[0].id, max_id: last };
      sql.exec(`INSERT INTO flush_intent (id, min_id, max_id, started_at) VALUES (1, ?, ?, ?)`, intent.min_id, intent.max_id, Date.now());
    }
    const ids = sql
      .exec<{ id: number }>(`SELECT id FROM batches WHERE id BETWEEN ? AND ? ORDER BY id`, intent.min_id, intent.max_id)
      .toArray();
    const batches = ids.map((r) => this.#loadBatch(r.id));
    const catalog = this.env.CATALOG.get(this.env.CATALOG.idFromName(meta.projectId));
    const { files, undecodable } = await writeFlushFiles({
      projectId: meta.projectId,
      signal: meta.signal,
      fileStem: `s${meta.shard}-${meta.epoch}-${intent.min_id}-${intent.max_id}`,
      batches,
      bucket: this.bucketOverride ?? this.env.BUCKET,
      knownKeys: (keys) => catalog.knownKeys(keys),
    });
    await catalog.register(files);
    this.ctx.storage.transactionSync(() => {
      // A batch that no longer decodes is kept aside, never dropped: it can be
      // replayed once the decoder is fixed, and it must not block everything behind it.
      for (const id of undecodable) sql.exec(`INSERT OR IGNORE INTO quarantine SELECT * FROM batches WHERE id = ?`, id);
      sql.exec(`DELETE FROM batch_chunks WHERE batch_id BETWEEN ? AND ? AND batch_id NOT IN (SELECT id FROM quarantine)`, intent.min_id, intent.max_id);
      sql.exec(`DELETE FROM batches WHERE id BETWEEN ? AND ?`, intent.min_id, intent.max_id);
      sql.exec(`DELETE FROM flush_intent`);
    });
    this.#flushedFiles += files.length;
    this.#recount();
  }
}
