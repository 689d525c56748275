/**
 * One empty OTLP request before the stream starts, so a stopped server or a wrong
 * key is one clear sentence instead of an exporter error every second.
 */
import { ConfigError } from "./config.ts";

export async function preflight(url: string, apiKey: string, fetchFn: typeof fetch = fetch): Promise<void> {
  let res: Response;
  try {
    res = await fetchFn(`${url}/v1/traces`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
      body: '{"resourceSpans":[]}',
      signal: AbortSignal.timeout(10_000),
    });
  } catch (err) {
    const cause = (err as { cause?: { message?: string } }).cause?.message ?? (err as Error).message;
    throw new ConfigError(`Cannot reach Monoscope at ${url} (${cause}).\nIs \`npm start\` running? Set MONOSCOPE_URL if it listens elsewhere.`);
  }
  if (res.status === 401 || res.status === 403) {
    const detail = await res.text().catch(() => "");
    throw new ConfigError(
      `Monoscope at ${url} rejected the API key (${res.status} ${detail.trim()}).\n` +
        "Use the key `npm start` printed on its first start (it needs the ingest scope), or the BOOTSTRAP_API_KEY that server was first started with.",
    );
  }
  if (!res.ok) throw new ConfigError(`Monoscope at ${url} answered ${res.status} to a test export: ${(await res.text()).slice(0, 300)}`);
}
