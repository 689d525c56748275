/**
 * Acknowledge / resolve through the signed link in a notification, without a session.
 * GET shows what the link will do and a button; POST does it. Two steps because chat apps
 * and mail scanners open links to preview them: a bare GET must never acknowledge.
 * A tampered link answers 403, an expired one 410, each with a page saying so.
 */
import { Hono } from "hono";
import type { AppEnv, Vars } from "../../../env";
import { verifyLink, type LinkCheck } from "../../../../alerting/oncall/signed-link";
import { linkSecret } from "../../../../alerting/store/oncall-store";
import { dispatcherFor } from "../../../../alerting/routing/sink";

export const linkRoutes = new Hono<{ Bindings: AppEnv; Variables: Vars }>();

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escape(title)}</title>
<style>body{font:16px system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1b1f24}button{font:inherit;padding:.6rem 1.2rem;border-radius:6px;border:0;background:#2563eb;color:#fff;cursor:pointer}code{word-break:break-all}</style></head>
<body><h1>${escape(title)}</h1>${body}</body></html>`;
}

const REFUSED: Record<Exclude<LinkCheck, { ok: true }>["reason"], [number, string, string]> = {
  malformed: [400, "This link is not valid", "The link is incomplete or damaged. Open the alert in Monoscope instead."],
  "bad-signature": [403, "This link was altered", "The link's signature does not match: it was changed after it was sent. Nothing was done."],
  expired: [410, "This link has expired", "Action links work for 7 days. Open the alert in Monoscope to acknowledge or resolve it."],
};

async function check(env: AppEnv, token: string): Promise<LinkCheck> {
  return verifyLink(await linkSecret(env), token, Date.now());
}

const headers = { "cache-control": "no-store", "referrer-policy": "no-referrer", "x-frame-options": "DENY" };

linkRoutes.get("/api/v1/alert-links/:token", async (c) => {
  const result = await check(c.env, c.req.param("token"));
  if (!result.ok) {
    const [status, title, text] = REFUSED[result.reason];
    return c.html(page(title, `<p>${text}</p>`), status as 400, headers);
  }
  const verb = result.claims.a === "ack" ? "Acknowledge" : "Resolve";
  return c.html(
    page(`${verb} alert`, `<p>Project <code>${escape(result.claims.p)}</code>, alert <code>${escape(result.claims.f)}</code>.</p>
<form method="post"><button type="submit">${verb}</button></form>`),
    200,
    headers,
  );
});

linkRoutes.post("/api/v1/alert-links/:token", async (c) => {
  const result = await check(c.env, c.req.param("token"));
  if (!result.ok) {
    const [status, title, text] = REFUSED[result.reason];
    return c.html(page(title, `<p>${text}</p>`), status as 400, headers);
  }
  const { p: projectId, f: fingerprint, a: action } = result.claims;
  const stub = dispatcherFor(c.env, projectId);
  const by = "signed link";
  const done = action === "ack" ? await stub.ack(projectId, fingerprint, by, Date.now()) : await stub.resolve(projectId, fingerprint, by, Date.now());
  if (!done.ok) return c.html(page("Nothing to do", `<p>This alert is no longer firing.</p>`), 409, headers);
  return c.html(page(action === "ack" ? "Acknowledged" : "Resolved", `<p>Alert <code>${escape(fingerprint)}</code> is ${done.message}.</p>`), 200, headers);
});
