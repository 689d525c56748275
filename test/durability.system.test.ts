/**
 * No acknowledged record is lost: batches acknowledged by a running server survive a
 * SIGKILL of the whole process tree (start script, wrangler, workerd) before any flush;
 * after a restart the buffers' persisted alarms flush them, and each record is in the
 * bucket exactly once.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startServer, authHeaders, type RunningServer } from "./helpers/server";
import { duckdb, listFiles, mirrorBucket } from "./helpers/storage";

let server: RunningServer | undefined;
afterAll(async () => {
  await server?.stop();
});

function payload(batch: number, size: number): string {
  const now = BigInt(Date.now()) * 1_000_000n;
  return JSON.stringify({
    resourceLogs: [
      {
        resource: { attributes: [{ key: "service.name", value: { stringValue: "durability" } }] },
        scopeLogs: [
          {
            logRecords: Array.from({ length: size }, (_, i) => ({
              timeUnixNano: String(now + BigInt(i)),
              severityNumber: 9,
              body: { stringValue: `batch ${batch} record ${i}` },
              attributes: [{ key: "seq", value: { stringValue: `${batch}:${i}` } }],
            })),
          },
        ],
      },
    ],
  });
}

describe("durability across SIGKILL", () => {
  it("flushes every acknowledged record exactly once after a crash and restart", async () => {
    const stateDir = mkdtempSync(path.join(tmpdir(), "monoscope-kill-"));
    server = await startServer({ stateDir });
    const batches = 40;
    const size = 25;
    for (let b = 0; b < batches; b++) {
      const res = await fetch(`${server.url}/v1/logs`, {
        method: "POST",
        headers: { ...authHeaders(), "content-type": "application/json" },
        body: payload(b, size),
      });
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    }
    // Nothing has been flushed yet: the flush age is 30 s.
    expect(await listFiles(server.url, "logs")).toEqual([]);
    await server.kill();

    server = await startServer({ stateDir });
    // No request pokes the buffers: their alarms were persisted and fire on their own.
    const deadline = Date.now() + 90_000;
    let rows = 0;
    while (Date.now() < deadline) {
      rows = (await listFiles(server.url, "logs")).reduce((n, f) => n + f.rows, 0);
      if (rows >= batches * size) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(rows).toBe(batches * size);

    const dir = mkdtempSync(path.join(tmpdir(), "monoscope-kill-bucket-"));
    await mirrorBucket(server.url, dir, ["logs"]);
    const [counts] = await duckdb(
      `SELECT count(*) AS n, count(DISTINCT attributes['seq']) AS distinct_seq
       FROM read_parquet('${dir}/v1/default/logs/**/*.parquet', hive_partitioning = true)`,
    );
    expect(Number(counts.n)).toBe(batches * size);
    expect(Number(counts.distinct_seq)).toBe(batches * size);
  });
});
