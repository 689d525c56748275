/**
 * Runs checks from one region. There is one object per region (named by the region),
 * created by the cron with that region as its `locationHint`, so in production its
 * requests leave from a Cloudflare data centre in that region; locally all regions run
 * on this machine, each labelled with its name.
 *
 * A run is identified by check × region × slot. The object records each run id before
 * running it, so a repeated dispatch (a restarted cron, a retried tick) of the same slot
 * is refused instead of running twice. The result goes to the project's `checks`
 * buffer, the same durable path OTLP data takes to Parquet.
 */
import { DurableObject } from "cloudflare:workers";
import { connect } from "cloudflare:sockets";
import { limits } from "../../workers/env";
import { bufferName, pickShard } from "../../workers/ingest/shards";
import type { CheckDefinition, Region } from "../../synthetics/definition";
import type { CheckRunRow } from "../../synthetics/result-rows";
import { runCheck } from "../../synthetics/runner";
import { certificateTarget, runRow, type CertificateReading } from "../../synthetics/run-row";
import { render } from "../../synthetics/template";
import { readServerCertificate, TlsProbeError } from "../../synthetics/tls-certificate";

export interface RunJob {
  projectId: string;
  checkId: string;
  definition: CheckDefinition;
  region: Region;
  slot: number;
  secrets: Record<string, string>;
  /** Manual runs ("run now") carry a unique suffix and never take a scheduled slot. */
  manualId?: string;
}

/** Run ids remembered for refusing duplicates; a slot is never re-dispatched after that. */
const REMEMBER_MS = 2 * 86_400_000;
const CERT_TIMEOUT_MS = 5_000;

export class RegionRunnerObject extends DurableObject<Env> {
  #ready = false;

  #init(): void {
    if (this.#ready) return;
    this.ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS runs (run_id TEXT PRIMARY KEY, started_at INTEGER NOT NULL)`);
    this.#ready = true;
  }

  /** Runs the job unless this run id ran already; returns the stored row, or null for a duplicate. */
  async run(job: RunJob): Promise<CheckRunRow | null> {
    this.#init();
    const startedAt = Date.now();
    const id = `${job.projectId}/${job.checkId}.${job.region}.${job.manualId ?? job.slot}`;
    const sql = this.ctx.storage.sql;
    const claimed = sql.exec(`INSERT INTO runs (run_id, started_at) VALUES (?, ?) ON CONFLICT DO NOTHING`, id, startedAt).rowsWritten > 0;
    if (!claimed) return null;
    sql.exec(`DELETE FROM runs WHERE started_at < ?`, startedAt - REMEMBER_MS);

    const [outcome, reading] = await Promise.all([
      runCheck(job.definition, { fetch: (u, init) => fetch(u, init), now: () => Date.now(), secrets: job.secrets }),
      this.#readCertificate(job),
    ]);
    const row = runRow(
      { checkId: job.checkId, definition: job.definition, region: job.region, slot: job.slot, runIdSuffix: job.manualId ? `.${job.manualId}` : undefined, startedAt, colo: null },
      outcome,
      reading,
    );
    await this.#store(job.projectId, row);
    return row;
  }

  /** Runs this object has recorded (tests and operators: proves one run per slot). */
  async runIds(): Promise<string[]> {
    this.#init();
    return this.ctx.storage.sql.exec<{ run_id: string }>(`SELECT run_id FROM runs ORDER BY run_id`).toArray().map((r) => r.run_id);
  }

  async #readCertificate(job: RunJob): Promise<CertificateReading> {
    const first = job.definition.steps[0];
    if (!first) return null;
    let url: string;
    try {
      url = render(first.request.url, { vars: {}, secrets: job.secrets });
    } catch {
      return null; // built from an earlier step's variables: no fixed origin to read
    }
    const target = certificateTarget(url);
    if (!target) return null;
    try {
      const cert = await readServerCertificate((hostname, port) => connect({ hostname, port }, { secureTransport: "off", allowHalfOpen: false }), target.hostname, target.port, CERT_TIMEOUT_MS);
      return { ok: true, cert };
    } catch (e) {
      return { ok: false, error: e instanceof TlsProbeError ? e.message : `could not read the certificate: ${(e as Error).message}` };
    }
  }

  async #store(projectId: string, row: CheckRunRow): Promise<void> {
    const shards = limits(this.env).bufferShards;
    const shard = pickShard(shards);
    const buffer = this.env.BUFFER.get(this.env.BUFFER.idFromName(bufferName(projectId, "checks", shard)));
    const payload = new TextEncoder().encode(JSON.stringify([row]));
    const res = await buffer.append({ projectId, signal: "checks", shard, format: "json", payload, records: 1, receivedAtMs: Date.now() });
    if (!res.ok) console.error(`check result ${row.run_id} not stored: checks buffer is full`);
  }
}
