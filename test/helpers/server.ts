/**
 * Starts the platform exactly as `npm start` does (scripts/start.mjs → wrangler dev →
 * workerd) on a free loopback port with its own state folder, for system tests.
 * `kill()` sends SIGKILL to the whole process tree, as a crash or an OOM kill would.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export const TEST_API_KEY = "mse_systemtestkey0000000000000000000000000000";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export interface RunningServer {
  url: string;
  stateDir: string;
  output: () => string;
  /** SIGKILL the whole process group (start script, wrangler, workerd). */
  kill(): Promise<void>;
  /** Graceful stop. */
  stop(): Promise<void>;
}

export interface StartOptions {
  stateDir?: string;
  port?: number;
  env?: Record<string, string>;
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const stateDir = options.stateDir ?? mkdtempSync(path.join(tmpdir(), "monoscope-state-"));
  const port = options.port ?? (await freePort());
  let log = "";
  const child: ChildProcess = spawn(process.execPath, [path.join(root, "scripts/start.mjs")], {
    cwd: root,
    detached: true, // its own process group, so kill() reaches workerd too
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PORT: String(port),
      STATE_DIR: stateDir,
      BOOTSTRAP_API_KEY: TEST_API_KEY,
      BOOTSTRAP_ADMIN_EMAIL: "admin@example.com",
      BOOTSTRAP_ADMIN_PASSWORD: "correct horse battery staple",
      NO_COLOR: "1",
      // Tests fire the cron themselves, at times they choose (triggerCron).
      LOCAL_CRON: "off",
      ...options.env,
    },
  });
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${log}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      killGroup(child, "SIGKILL");
      throw new Error(`server did not start within 120 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  return {
    url,
    stateDir,
    output: () => log,
    async kill() {
      killGroup(child, "SIGKILL");
      await exited;
      await waitForPortFree(port);
    },
    async stop() {
      killGroup(child, "SIGTERM");
      const timer = setTimeout(() => killGroup(child, "SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
      killGroup(child, "SIGKILL");
      await waitForPortFree(port);
    },
  };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

async function waitForPortFree(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(500) });
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function authHeaders(key = TEST_API_KEY): Record<string, string> {
  return { authorization: `Bearer ${key}` };
}

/**
 * Fires the worker's scheduled handler once, as the every-minute cron trigger would at
 * `timeMs` (wrangler's local scheduled endpoint), and waits for it to finish.
 */
export async function triggerCron(server: { url: string }, timeMs: number, cron = "* * * * *"): Promise<void> {
  const res = await fetch(`${server.url}/cdn-cgi/local/scheduled?cron=${encodeURIComponent(cron)}&time=${Math.floor(timeMs)}&format=json`);
  const body = await res.text();
  if (!res.ok) throw new Error(`scheduled handler failed (${res.status}): ${body}`);
}
