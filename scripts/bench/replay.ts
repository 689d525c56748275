/**
 * An endless stream of distinct OTLP log requests without the cost of generating each:
 * a pool of generated, encoded requests, replayed with every time shifted past the
 * pool's whole window and trace/span ids XORed with a per-cycle key, so no two stored
 * rows are identical. Generating costs ~13 ms per 1000 logs; a replay is a copy.
 */
import type { Payload } from "./e2e.ts";
import { countRecords, genLogsRequest, newGen, Rng } from "./gen.ts";
import { encodeLogsProtobuf, logsPatchPoints, patchLogs, type ExportRequest } from "./otlp-encode.ts";

export interface LogsReplay {
  next(): Payload;
  poolBytes: number;
}

/** Requests of 1000 logs starting at `startMs`, 100 ms apart (gen.ts's pace). */
export function logsReplay(opts: { seed: number; startMs: number; poolSize: number }): LogsReplay {
  const g = newGen(opts.seed, opts.startMs);
  const poolStartNs = g.clockNs;
  const pool = Array.from({ length: opts.poolSize }, () => {
    const req = genLogsRequest(g);
    const body = encodeLogsProtobuf(req);
    return { body, records: countRecords(req as ExportRequest<unknown>), points: logsPatchPoints(body) };
  });
  const poolSpanNs = g.clockNs - poolStartNs + 5_000_000_000n;
  let cursor = 0;
  let cycleKey: Uint8Array = new Uint8Array(24);
  return {
    poolBytes: pool.reduce((a, p) => a + p.body.byteLength, 0),
    next(): Payload {
      const i = cursor++;
      const cycle = Math.floor(i / pool.length);
      const p = pool[i % pool.length];
      if (cycle === 0) return p;
      if (i % pool.length === 0) cycleKey = new Rng(1000 + cycle).bytes(24);
      return { body: patchLogs(p.body, p.points, BigInt(cycle) * poolSpanNs, cycleKey), records: p.records };
    },
  };
}
