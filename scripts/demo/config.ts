/** The demo's settings from the environment, with messages that say what to do. */

export interface DemoConfig {
  /** Where Monoscope listens, without a trailing slash. */
  url: string;
  apiKey: string;
  /** Average spans per second (the traffic wave goes ~40 % above and below). */
  rate: number;
  seed: number;
  /** 0: no incidents. */
  incidentEveryMs: number;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

export const DEFAULT_RATE = 200;
export const DEFAULT_INCIDENT_EVERY_S = 180;

export const MISSING_KEY = `MONOSCOPE_API_KEY is not set.
Copy the API key \`npm start\` printed on its first start (the line "API key (ingest, read, admin): mse_…") and run:

  MONOSCOPE_API_KEY=mse_… npm run demo

Or choose the key yourself: set the same BOOTSTRAP_API_KEY for a fresh \`npm start\` and for \`npm run demo\`.`;

type Env = Record<string, string | undefined>;

function number(env: Env, name: string, fallback: number, check: (n: number) => boolean, expected: string): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || !check(n)) throw new ConfigError(`${name}=${raw} is not valid: expected ${expected}.`);
  return n;
}

export function readConfig(env: Env, now = Date.now()): DemoConfig {
  const apiKey = (env.MONOSCOPE_API_KEY || env.BOOTSTRAP_API_KEY || "").trim();
  if (!apiKey) throw new ConfigError(MISSING_KEY);

  const rawUrl = (env.MONOSCOPE_URL || "http://localhost:8787").trim();
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new ConfigError(`MONOSCOPE_URL=${rawUrl} is not a URL (expected e.g. http://localhost:8787).`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new ConfigError(`MONOSCOPE_URL must be http:// or https://, got ${rawUrl}.`);

  return {
    url: url.href.replace(/\/+$/, ""),
    apiKey,
    rate: number(env, "DEMO_RATE", DEFAULT_RATE, (n) => n > 0 && n <= 100_000, "spans per second, more than 0 and at most 100000"),
    seed: number(env, "DEMO_SEED", now % 2 ** 32, (n) => Number.isInteger(n) && n >= 0, "a non-negative integer") >>> 0,
    incidentEveryMs:
      1000 * number(env, "DEMO_INCIDENT_EVERY", DEFAULT_INCIDENT_EVERY_S, (n) => n === 0 || n >= 90, "seconds between incidents, 0 (none) or at least 90"),
  };
}
