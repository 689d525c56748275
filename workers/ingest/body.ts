/**
 * Reads a request body under two limits: the bytes on the wire (checked against
 * Content-Length before reading, and again while streaming, since the header may be
 * absent or lie) and the bytes after gunzip. Inflation is streamed and stopped as
 * soon as it passes the cap, so a gzip bomb costs at most `maxDecompressed` bytes.
 */
export type BodyErrorCode = "too_large" | "decompressed_too_large" | "bad_encoding" | "bad_gzip";

export class BodyError extends Error {
  constructor(
    readonly code: BodyErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface BodyLimits {
  maxBytes: number;
  maxDecompressedBytes: number;
}

async function collect(stream: ReadableStream<Uint8Array>, max: number, onOver: () => BodyError): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > max) {
        await reader.cancel().catch(() => {});
        throw onOver();
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

export async function readBody(request: Request, limits: BodyLimits): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limits.maxBytes) {
    throw new BodyError("too_large", `request body of ${declared} bytes exceeds the limit of ${limits.maxBytes} bytes`);
  }
  const encoding = (request.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  if (encoding !== "identity" && encoding !== "gzip" && encoding !== "") {
    throw new BodyError("bad_encoding", `unsupported Content-Encoding '${encoding}' (use gzip or none)`);
  }
  if (!request.body) return new Uint8Array(0);
  const tooLarge = () => new BodyError("too_large", `request body exceeds the limit of ${limits.maxBytes} bytes`);
  if (encoding !== "gzip") return collect(request.body, limits.maxBytes, tooLarge);

  const compressed = await collect(request.body, limits.maxBytes, tooLarge);
  const inflated = new Blob([compressed]).stream().pipeThrough(new DecompressionStream("gzip"));
  try {
    return await collect(inflated, limits.maxDecompressedBytes, () =>
      new BodyError("decompressed_too_large", `gzip body inflates past the limit of ${limits.maxDecompressedBytes} bytes`),
    );
  } catch (err) {
    if (err instanceof BodyError) throw err;
    throw new BodyError("bad_gzip", `invalid gzip body: ${err instanceof Error ? err.message : String(err)}`);
  }
}
