/**
 * Dashboard sign-in: email + password → a session cookie (HttpOnly, SameSite=Lax,
 * Secure on https). `/me` tells the app who is signed in and which projects they can
 * switch between; the app sends the chosen one as `x-project-id`.
 */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv, Vars } from "../../env";
import { checkCredentials, createSession, deleteSession, findSession, memberships, SESSION_COOKIE, SESSION_DAYS, sessionToken } from "../../control/sessions";

export const authRoutes = new Hono<{ Bindings: AppEnv; Variables: Vars }>();

function cookie(req: Request, value: string, maxAgeSeconds: number): string {
  const secure = new URL(req.url).protocol === "https:" ? "; Secure" : "";
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`;
}

authRoutes.post("/api/v1/auth/login", async (c) => {
  let body: { email?: unknown; password?: unknown };
  try {
    body = await c.req.json();
  } catch {
    throw new HTTPException(400, { message: "request body must be JSON: { email, password }" });
  }
  if (typeof body.email !== "string" || typeof body.password !== "string" || body.password.length > 1024) {
    throw new HTTPException(400, { message: "'email' and 'password' must be strings" });
  }
  const user = await checkCredentials(c.env.DB, body.email, body.password);
  // One message for both cases: which emails exist is not for strangers to learn.
  if (!user) throw new HTTPException(401, { message: "wrong email or password" });
  const { token } = await createSession(c.env.DB, user.userId);
  c.header("set-cookie", cookie(c.req.raw, token, SESSION_DAYS * 86_400));
  return c.json({ user: { id: user.userId, email: user.email }, projects: await memberships(c.env.DB, user.userId) });
});

authRoutes.post("/api/v1/auth/logout", async (c) => {
  const token = sessionToken(c.req.header("cookie"));
  if (token) await deleteSession(c.env.DB, token);
  c.header("set-cookie", cookie(c.req.raw, "", 0));
  return c.json({ ok: true });
});

authRoutes.get("/api/v1/auth/me", async (c) => {
  const token = sessionToken(c.req.header("cookie"));
  const user = token ? await findSession(c.env.DB, token) : null;
  if (!user) throw new HTTPException(401, { message: "not signed in" });
  return c.json({ user: { id: user.userId, email: user.email }, projects: await memberships(c.env.DB, user.userId) });
});
