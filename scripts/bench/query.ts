/**
 * `npm run bench:query` — the query benchmark (query-run.ts, bundled and started by
 * launch.ts): ingest 1M/10M logs and 1M spans, then time our query API against native
 * DuckDB on the same Parquet files, and acknowledgement → queryable.
 *
 * Options (passed through): --scale=0.1 or QUERY_BENCH_SCALE=0.1 (fewer rows, for quick
 *   runs; --rows=100000 says the same)  --runs=5  --ack-trials=10  --clients=4
 *   --no-docs (do not touch docs/benchmarks.md)  --keep-bundle.
 * The table goes to stdout, progress to stderr.
 */
import { launch } from "./launch.ts";

await launch("query-run.ts");
