/**
 * Dashboard sessions: sign in with a password, use the API with the cookie (same origin
 * only for writes), switch between one's own projects only, sign out.
 */
import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createProject, createUser } from "../../control/store";

let n = 0;
async function userWithProject() {
  const id = `a${Date.now().toString(36)}${n++}`;
  await createProject(env.DB, id, `Project ${id}`);
  const email = `${id}@example.com`;
  const userId = await createUser(env.DB, email, "correct horse battery", false);
  await env.DB.prepare("INSERT INTO project_members (project_id, user_id, role) VALUES (?, ?, 'admin')").bind(id, userId).run();
  return { id, email };
}

async function login(email: string, password: string) {
  return SELF.fetch("http://x/api/v1/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });
}

function sessionCookie(res: Response): string {
  const set = res.headers.get("set-cookie") ?? "";
  expect(set).toMatch(/HttpOnly/);
  expect(set).toMatch(/SameSite=Lax/);
  return set.split(";")[0];
}

describe("dashboard sessions", () => {
  it("signs in, queries with the cookie, switches only to own projects, signs out", async () => {
    const u = await userWithProject();
    const other = await userWithProject();
    expect((await login(u.email, "wrong")).status).toBe(401);
    expect(await (await login("nobody@example.com", "x")).json()).toEqual({ error: "wrong email or password" });

    const res = await login(u.email.toUpperCase(), "correct horse battery");
    expect(res.status).toBe(200);
    const cookie = sessionCookie(res);
    expect(((await res.json()) as { projects: { id: string }[] }).projects.map((p) => p.id)).toEqual([u.id]);

    const me = await SELF.fetch("http://x/api/v1/auth/me", { headers: { cookie } });
    expect(((await me.json()) as { user: { email: string } }).user.email).toBe(u.email);

    const q = (headers: Record<string, string>) =>
      SELF.fetch("http://x/api/v1/query", { method: "POST", headers: { cookie, "content-type": "application/json", ...headers }, body: JSON.stringify({ query: "logs | count" }) });
    const ok = await q({ origin: "http://x" });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { rows: unknown[][] }).rows).toEqual([[0]]);
    // A page on another site cannot use the cookie to act.
    expect((await q({ origin: "https://evil.example" })).status).toBe(403);
    // Another user's project is out of reach.
    const foreign = await q({ origin: "http://x", "x-project-id": other.id });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { error: string }).error).toMatch(/not a member/);

    const out = await SELF.fetch("http://x/api/v1/auth/logout", { method: "POST", headers: { cookie, origin: "http://x" } });
    expect(out.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    expect((await SELF.fetch("http://x/api/v1/auth/me", { headers: { cookie } })).status).toBe(401);
    expect((await q({ origin: "http://x" })).status).toBe(401);
  });

  it("stores only hashes of passwords and session tokens", async () => {
    const u = await userWithProject();
    const cookie = sessionCookie(await login(u.email, "correct horse battery"));
    const token = cookie.split("=")[1];
    const user = await env.DB.prepare("SELECT password_hash FROM users WHERE email = ?").bind(u.email).first<{ password_hash: string }>();
    expect(user!.password_hash).toMatch(/^pbkdf2-sha256\$100000\$/);
    const stored = await env.DB.prepare("SELECT token_hash FROM sessions").all<{ token_hash: string }>();
    expect(stored.results.some((r) => r.token_hash === token)).toBe(false);
    expect(stored.results.length).toBeGreaterThan(0);
  });
});
