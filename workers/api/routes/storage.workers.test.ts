/**
 * Reading stored files back: a project sees only its own catalog and objects (another
 * project's keys are a 404, not a 403), HTTP Range works for footer reads, and admin
 * endpoints need the admin scope.
 */
import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createApiKey, createProject } from "../../control/store";
import { logsPayload } from "../../../test/workers/otlp-json";

let n = 0;
async function project() {
  const id = `s${Date.now().toString(36)}${n++}`;
  await createProject(env.DB, id, id);
  const { key } = await createApiKey(env.DB, id, "t", ["ingest", "read", "admin"]);
  const { key: readOnly } = await createApiKey(env.DB, id, "r", ["read"]);
  return { id, key, readOnly };
}

const auth = (key: string) => ({ authorization: `Bearer ${key}` });

async function ingestAndFlush(p: { key: string }) {
  const res = await SELF.fetch("http://x/v1/logs", {
    method: "POST",
    headers: { ...auth(p.key), "content-type": "application/json" },
    body: logsPayload("svc", [{ seq: 1, timeMs: Date.now() }]),
  });
  expect(res.status).toBe(200);
  const flushed = await SELF.fetch("http://x/api/v1/admin/flush", { method: "POST", headers: auth(p.key) });
  expect(await flushed.json()).toEqual({ files: 1 });
}

describe("storage API", () => {
  it("lists and serves a project's own files, with ranges", async () => {
    const p = await project();
    await ingestAndFlush(p);
    const list = (await (await SELF.fetch("http://x/api/v1/storage/files?signal=logs", { headers: auth(p.readOnly) })).json()) as {
      files: { key: string; bytes: number; rows: number }[];
    };
    expect(list.files).toHaveLength(1);
    const [file] = list.files;
    expect(file.rows).toBe(1);

    const whole = await SELF.fetch(`http://x/api/v1/storage/objects/${file.key}`, { headers: auth(p.readOnly) });
    expect(whole.status).toBe(200);
    const bytes = new Uint8Array(await whole.arrayBuffer());
    expect(bytes.byteLength).toBe(file.bytes);
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe("PAR1");

    const tail = await SELF.fetch(`http://x/api/v1/storage/objects/${file.key}`, { headers: { ...auth(p.readOnly), range: "bytes=-8" } });
    expect(tail.status).toBe(206);
    expect(tail.headers.get("content-range")).toBe(`bytes ${file.bytes - 8}-${file.bytes - 1}/${file.bytes}`);
    const footer = new Uint8Array(await tail.arrayBuffer());
    expect(new TextDecoder().decode(footer.subarray(4))).toBe("PAR1");

    const bad = await SELF.fetch(`http://x/api/v1/storage/objects/${file.key}`, { headers: { ...auth(p.readOnly), range: "bytes=5-2" } });
    expect(bad.status).toBe(416);
  });

  it("never shows one project's files to another", async () => {
    const a = await project();
    const b = await project();
    await ingestAndFlush(a);
    const [file] = ((await (await SELF.fetch("http://x/api/v1/storage/files?signal=logs", { headers: auth(a.key) })).json()) as { files: { key: string }[] }).files;
    const other = await SELF.fetch(`http://x/api/v1/storage/objects/${file.key}`, { headers: auth(b.key) });
    expect(other.status).toBe(404);
    const traversal = await SELF.fetch(`http://x/api/v1/storage/objects/v1/${b.id}/../${a.id}/logs/x.parquet`, { headers: auth(b.key) });
    expect(traversal.status).toBe(404);
    const listB = (await (await SELF.fetch("http://x/api/v1/storage/files?signal=logs", { headers: auth(b.key) })).json()) as { files: unknown[] };
    expect(listB.files).toEqual([]);
  });

  it("requires the admin scope for admin endpoints and a valid signal for listings", async () => {
    const p = await project();
    expect((await SELF.fetch("http://x/api/v1/admin/flush", { method: "POST", headers: auth(p.readOnly) })).status).toBe(401);
    const res = await SELF.fetch("http://x/api/v1/storage/files?signal=nope", { headers: auth(p.readOnly) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/signal/);
  });
});
