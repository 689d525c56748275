#!/usr/bin/env node
/**
 * `npm start`: the whole platform on one machine. Applies the D1 migrations to the
 * local state folder, then runs `wrangler dev` (workerd) with R2, D1 and Durable
 * Object state persisted in that folder, and pings /healthz so the first-start
 * bootstrap runs (and prints the project key) straight away.
 *
 * Local dev does not fire cron triggers by itself, so this script does: at the start of
 * every minute it calls wrangler's local scheduled endpoint, as Cloudflare's every-minute
 * trigger would (buffer flush re-arming, alert evaluation, synthetic checks).
 *
 * Environment: PORT (8787), STATE_DIR (.state), BOOTSTRAP_API_KEY,
 * BOOTSTRAP_ADMIN_EMAIL, BOOTSTRAP_ADMIN_PASSWORD (or put them in .dev.vars);
 * LOCAL_CRON=off to leave the cron to the caller (tests drive it with chosen times).
 */
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const port = process.env.PORT ?? "8787";
const stateDir = path.resolve(root, process.env.STATE_DIR ?? ".state");
const wrangler = path.join(root, "node_modules", "wrangler", "bin", "wrangler.js");

if (Number(process.versions.node.split(".")[0]) < 22) {
  console.error(`Node ${process.version} is too old for wrangler: run this through 'npm start', which uses the project's Node 22.`);
  process.exit(1);
}

const migrate = spawnSync(process.execPath, [wrangler, "d1", "migrations", "apply", "DB", "--local", "--persist-to", stateDir], {
  cwd: root,
  stdio: ["ignore", "inherit", "inherit"],
  env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" },
});
if (migrate.status !== 0) process.exit(migrate.status ?? 1);

const vars = ["BOOTSTRAP_API_KEY", "BOOTSTRAP_ADMIN_EMAIL", "BOOTSTRAP_ADMIN_PASSWORD"]
  .filter((name) => process.env[name])
  .flatMap((name) => ["--var", `${name}:${process.env[name]}`]);

const dev = spawn(
  process.execPath,
  [wrangler, "dev", "--persist-to", stateDir, "--port", port, "--ip", "127.0.0.1", "--show-interactive-dev-session=false", ...vars],
  { cwd: root, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
);
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => dev.kill(sig));
dev.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

// Wait until the server answers, which also runs the bootstrap on first start.
const url = `http://127.0.0.1:${port}/healthz`;
for (let i = 0; i < 600; i++) {
  try {
    const res = await fetch(url);
    if (res.ok) {
      console.log(`Monoscope Edge is up on http://localhost:${port} (state in ${path.relative(root, stateDir) || "."})`);
      break;
    }
  } catch {
    // not listening yet
  }
  await new Promise((r) => setTimeout(r, 250));
}

// The every-minute cron, at each minute boundary, with that minute as the scheduled time.
if (process.env.LOCAL_CRON !== "off") {
  console.log("The every-minute cron runs from this script (wrangler's warning above does not apply).");
  const cronUrl = (minuteMs) =>
    `http://127.0.0.1:${port}/cdn-cgi/local/scheduled?cron=${encodeURIComponent("* * * * *")}&time=${minuteMs}`;
  const tick = async () => {
    const minuteMs = Math.floor(Date.now() / 60_000) * 60_000;
    try {
      const res = await fetch(cronUrl(minuteMs));
      if (!res.ok) console.error(`cron at ${new Date(minuteMs).toISOString()}: ${res.status} ${await res.text()}`);
    } catch (err) {
      console.error(`cron at ${new Date(minuteMs).toISOString()}: ${err.message}`);
    }
    setTimeout(tick, 60_000 - (Date.now() % 60_000) + 50);
  };
  setTimeout(tick, 60_000 - (Date.now() % 60_000) + 50);
}
