/**
 * First start: when no project exists, create project `default`, an admin user and
 * one key with every scope. Values come from BOOTSTRAP_* (environment or .dev.vars)
 * or are generated and printed once: the key and password are not stored in
 * plaintext, so the log line is the only place a generated one appears.
 */
import type { AppEnv } from "../env";
import { SCOPES } from "../env";
import { generateApiKey } from "./keys";
import { createApiKey, createProject, createUser } from "./store";
import { seedAllProjects } from "./builtin-dashboards";

let done: Promise<boolean> | null = null;

/** Runs the bootstrap at most once per isolate; a failure is retried on the next call. */
export function ensureBootstrapped(env: AppEnv, log: (line: string) => void = console.log): Promise<boolean> {
  // Projects from before a built-in dashboard existed get it here, once per isolate.
  const running = (done ??= bootstrap(env, log).then(async (created) => (await seedAllProjects(env.DB), created)).catch((err) => {
    done = null;
    throw err;
  }));
  return running;
}

export async function bootstrap(env: AppEnv, log: (line: string) => void): Promise<boolean> {
  const existing = await env.DB.prepare("SELECT COUNT(*) AS n FROM projects").first<{ n: number }>();
  if (existing && existing.n > 0) return false;

  const key = env.BOOTSTRAP_API_KEY || generateApiKey();
  const email = env.BOOTSTRAP_ADMIN_EMAIL || "admin@localhost";
  const password = env.BOOTSTRAP_ADMIN_PASSWORD || generateApiKey().slice(4, 24);
  try {
    await createProject(env.DB, "default", "Default project");
  } catch (err) {
    // Another isolate bootstrapped at the same moment: the unique id lost the race.
    if (String(err).includes("UNIQUE")) return false;
    throw err;
  }
  const userId = await createUser(env.DB, email, password, true);
  await env.DB.prepare("INSERT INTO project_members (project_id, user_id, role) VALUES ('default', ?, 'admin')").bind(userId).run();
  await createApiKey(env.DB, "default", "bootstrap", SCOPES, key);

  const lines = [
    "Monoscope Edge bootstrap: created project 'default'",
    `  API key (ingest, read, admin): ${env.BOOTSTRAP_API_KEY ? "(from BOOTSTRAP_API_KEY)" : key}`,
    `  admin: ${email} / ${env.BOOTSTRAP_ADMIN_PASSWORD ? "(from BOOTSTRAP_ADMIN_PASSWORD)" : password}`,
  ];
  for (const line of lines) log(line);
  return true;
}
