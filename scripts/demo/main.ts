/**
 * `npm run demo` — a living demo: a simulated shop (frontend → checkout → payment,
 * cart, product-catalog → postgres, recommendation, email) sends traces, correlated
 * logs and metrics through the real OpenTelemetry SDK to a running Monoscope until
 * Ctrl+C. Every few minutes an incident (payment degraded, slow database,
 * recommendation outage) gives the charts something to show.
 *
 * Environment:
 *   MONOSCOPE_API_KEY    the key `npm start` printed (falls back to BOOTSTRAP_API_KEY)
 *   MONOSCOPE_URL        default http://localhost:8787
 *   DEMO_RATE            average spans per second, default 200
 *   DEMO_SEED            replay the same traffic
 *   DEMO_INCIDENT_EVERY  seconds between incidents, default 180; 0 turns them off
 */
import { ConfigError, type DemoConfig, readConfig } from "./config.ts";
import { emitTrace } from "./emit.ts";
import { type Incident, activeIncident, nextIncident } from "./incidents.ts";
import { preflight } from "./preflight.ts";
import { seededRng } from "./random.ts";
import { SERVICE_NAMES } from "./services.ts";
import { formatStatus, incidentEnded, incidentStarted } from "./status.ts";
import { createStream } from "./stream.ts";
import { startTelemetry } from "./telemetry.ts";

const TICK_MS = 50;
const STATUS_EVERY_MS = 10_000;
const METRIC_EXPORT_EVERY_MS = 10_000;
const FIRST_INCIDENT_AT_MS = 45_000;
const FLUSH_TIMEOUT_MS = 15_000;

let config: DemoConfig;
try {
  config = readConfig(process.env);
  await preflight(config.url, config.apiKey);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(1);
}

const telemetry = startTelemetry({ url: config.url, apiKey: config.apiKey, metricIntervalMs: METRIC_EXPORT_EVERY_MS });
const schedule = { seed: config.seed, firstAtMs: FIRST_INCIDENT_AT_MS, everyMs: config.incidentEveryMs };
const stream = createStream(seededRng(config.seed), config.rate, schedule);
const started = Date.now();

console.log(
  `Monoscope demo: a shop of ${SERVICE_NAMES.length} services (${SERVICE_NAMES.join(", ")}) → ${config.url}\n` +
    `  about ${config.rate} spans/s (DEMO_RATE), seed ${config.seed} (DEMO_SEED), status every ${STATUS_EVERY_MS / 1000} s; Ctrl+C to stop.`,
);

let last = started;
let incident: Incident | null = null;
const traffic = setInterval(() => {
  const now = Date.now();
  const elapsed = now - started;
  const current = activeIncident(elapsed, schedule);
  if (current?.startMs !== incident?.startMs) {
    if (incident) console.log(incidentEnded(incident));
    if (current) console.log(incidentStarted(current));
    incident = current;
  }
  // Spread the tick's traces over it, so requests do not all end on the same millisecond.
  for (const root of stream.tick(elapsed, now - last)) emitTrace(root, now - Math.random() * TICK_MS, telemetry);
  last = now;
}, TICK_MS);

let spansBefore = 0;
const status = () => {
  const elapsedMs = Date.now() - started;
  const line = formatStatus({ elapsedMs, stats: telemetry.stats, spansBefore, intervalMs: STATUS_EVERY_MS, incident: activeIncident(elapsedMs, schedule), next: nextIncident(elapsedMs, schedule) });
  spansBefore = telemetry.stats.spans;
  return line;
};
const statusTimer = setInterval(() => console.log(status()), STATUS_EVERY_MS);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) process.exit(130); // a second Ctrl+C does not wait for the flush
  stopping = true;
  clearInterval(traffic);
  clearInterval(statusTimer);
  console.log("\nStopping: flushing spans, logs and metrics…");
  const timeout = setTimeout(() => {
    const why = telemetry.stats.lastError ? ` (last export error: ${telemetry.stats.lastError})` : "";
    console.error(`Flush did not finish within ${FLUSH_TIMEOUT_MS / 1000} s${why}; exiting anyway.`);
    process.exit(1);
  }, FLUSH_TIMEOUT_MS);
  await telemetry.shutdown();
  clearTimeout(timeout);
  const s = telemetry.stats;
  console.log(`Done: sent ${s.spans.toLocaleString("en-US")} spans, ${s.logs.toLocaleString("en-US")} logs, ${s.metricPoints.toLocaleString("en-US")} metric points; ${s.failures} failed exports.`);
  // The exporters' keep-alive sockets would hold the process open for a while.
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
