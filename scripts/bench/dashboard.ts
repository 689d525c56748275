/**
 * `npm run bench:dashboard` — bundle sizes of the dashboard and time to first result of a
 * 1M-row aggregate in edge and browser mode (dashboard-run.ts, bundled by launch.ts).
 * Options: --scale=0.1 (fewer rows), --runs=3, --no-docs.
 */
import { launch } from "./launch.ts";

await launch("dashboard-run.ts");
