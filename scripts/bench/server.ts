/**
 * The local platform for a benchmark: started as `npm start` does (test/helpers/server.ts)
 * in its own state folder, stopped and the folder removed afterwards — also on Ctrl-C,
 * so no workerd is left behind — and its API called with the bootstrap key.
 */
import { rmSync } from "node:fs";
import http from "node:http";
import { startServer, TEST_API_KEY, type RunningServer } from "../../test/helpers/server.ts";
import { post } from "./e2e.ts";

export { TEST_API_KEY as BENCH_API_KEY, type RunningServer };

let active: RunningServer | null = null;
let handlersInstalled = false;

function stopOnSignals(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.on(sig, () => {
      const s = active;
      active = null;
      void (s ? s.kill().then(() => rmSync(s.stateDir, { recursive: true, force: true })) : Promise.resolve()).finally(() => process.exit(130));
    });
  }
}

/** Starts the server (throws if it does not come up), runs `body`, then stops it and removes its state. */
export async function withServer<T>(body: (server: RunningServer) => Promise<T>): Promise<T> {
  stopOnSignals();
  const server = await startServer();
  active = server;
  try {
    return await body(server);
  } finally {
    active = null;
    await server.stop();
    rmSync(server.stateDir, { recursive: true, force: true });
  }
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
const utf8 = new TextEncoder();

/** POSTs JSON with the bootstrap key; throws on anything but 200 unless `allowError`. */
export async function postJson<T>(server: RunningServer, path: string, body: unknown = {}, allowError = false): Promise<{ status: number; json: T }> {
  const headers = { authorization: `Bearer ${TEST_API_KEY}`, "content-type": "application/json" };
  const res = await post(agent, new URL(server.url), path, headers, utf8.encode(JSON.stringify(body)));
  if (res.status !== 200 && !allowError) throw new Error(`POST ${path}: ${res.status} ${res.text.slice(0, 300)}`);
  let json: T;
  try {
    json = JSON.parse(Buffer.from(res.text, "latin1").toString("utf8")) as T;
  } catch {
    json = { error: res.text.slice(0, 300) } as T;
  }
  return { status: res.status, json };
}
