/**
 * Where a query's Parquet bytes come from: R2 range reads, or bytes already in memory
 * (the hot tier, tests). Both answer "the last n bytes" (to find the footer without a
 * HEAD request) and "bytes [start, end)".
 */

export interface ByteSource {
  /** The name DuckDB's SQL uses for this file (`read_parquet('<name>')`). */
  readonly name: string;
  /** The last `n` bytes and the object's full size. */
  tail(n: number): Promise<{ bytes: Uint8Array; size: number }>;
  range(start: number, end: number): Promise<Uint8Array>;
}

/** At most this many R2 reads in flight per query (Workers' simultaneous-connection limit is 6). */
export const MAX_PARALLEL_READS = 6;

export class FileNotFoundError extends Error {
  readonly code = "file_not_found";
}

export function r2Source(bucket: R2Bucket, key: string, name = key): ByteSource {
  return {
    name,
    async tail(n) {
      const obj = await bucket.get(key, { range: { suffix: n } });
      if (!obj) throw new FileNotFoundError(`R2 object not found: ${key}`);
      return { bytes: new Uint8Array(await obj.arrayBuffer()), size: obj.size };
    },
    async range(start, end) {
      const obj = await bucket.get(key, { range: { offset: start, length: end - start } });
      if (!obj) throw new FileNotFoundError(`R2 object not found: ${key}`);
      const bytes = new Uint8Array(await obj.arrayBuffer());
      if (bytes.length !== end - start) throw new Error(`R2 short read ${key} ${start}-${end}: ${bytes.length} bytes`);
      return bytes;
    },
  };
}

export function bytesSource(name: string, file: Uint8Array): ByteSource {
  return {
    name,
    async tail(n) {
      return { bytes: file.subarray(Math.max(0, file.length - n)), size: file.length };
    },
    async range(start, end) {
      return file.subarray(start, end);
    },
  };
}

/** Run `tasks` with at most `limit` in flight; results in order. */
export async function inParallel<T>(tasks: (() => Promise<T>)[], limit = MAX_PARALLEL_READS): Promise<T[]> {
  const out = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return out;
}
