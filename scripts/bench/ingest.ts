/**
 * `npm run bench:ingest` — the ingest benchmark (decode, end to end, flush, bytes/record),
 * run.ts, bundled and started by launch.ts.
 *
 * Options (passed through): --only=decode,e2e,flush  --clients=4,8  --e2e-seconds=10
 *   --decode-seconds=1.5  --pool=400 (distinct e2e requests)  --keep-bundle.
 * The table goes to stdout, progress to stderr. Profile the Node side with
 * NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" (the server's workerd is not covered).
 */
import { launch } from "./launch.ts";

await launch("run.ts");
