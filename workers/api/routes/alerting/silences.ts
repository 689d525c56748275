/**
 * Silences: create (or update by id), list, read, expire, and preview which current
 * alerts a set of matchers would silence. As in Alertmanager, a silence must have a
 * matcher that does not match the empty string (it may not silence everything), and
 * expiring keeps the record (its endsAt becomes now).
 */
import { Hono } from "hono";
import type { AppEnv, Vars } from "../../../env";
import { requireScope } from "../../../middleware/auth";
import { MatcherError, matches, matchesAll, parseMatcher, validateMatcher, type Matcher, type MatchType } from "../../../../alerting/routing/matchers";
import { silenceState, type Silence } from "../../../../alerting/routing/silences";
import { parseDuration } from "../../../../alerting/routing/duration";
import { expireSilence, getSilence, listSilences, saveSilence } from "../../../../alerting/store/routing-store";
import { dispatcherFor } from "../../../../alerting/routing/sink";
import { actor, invalid, notFound, readJson, type FieldError } from "./common";

export const silenceRoutes = new Hono<{ Bindings: AppEnv; Variables: Vars }>();

const MAX_SILENCE_MS = 366 * 86_400_000;

function parseMatcherList(input: unknown, errors: FieldError[]): Matcher[] {
  if (!Array.isArray(input) || input.length === 0 || input.length > 50) {
    errors.push({ path: "matchers", message: "must be an array of 1 to 50 matchers" });
    return [];
  }
  const out: Matcher[] = [];
  input.forEach((m, i) => {
    try {
      if (typeof m === "string") out.push(parseMatcher(m));
      else if (m && typeof m === "object" && typeof m.name === "string" && typeof m.value === "string") {
        // Alertmanager's API form: { name, value, isRegex, isEqual }, or ours: { name, type, value }.
        const type: MatchType = m.type ?? (m.isRegex ? (m.isEqual === false ? "!~" : "=~") : m.isEqual === false ? "!=" : "=");
        if (!["=", "!=", "=~", "!~"].includes(type)) throw new MatcherError(`unknown match type ${JSON.stringify(type)}`);
        const matcher = { name: m.name, type, value: m.value };
        validateMatcher(matcher);
        out.push(matcher);
      } else throw new MatcherError("must be a matcher string (team=\"db\") or { name, type, value }");
    } catch (e) {
      if (e instanceof MatcherError) errors.push({ path: `matchers[${i}]`, message: e.message });
      else throw e;
    }
  });
  if (out.length && out.every((m) => matches(m, {}))) errors.push({ path: "matchers", message: "at least one matcher must not match the empty string (a silence may not mute every alert)" });
  return out;
}

function time(v: unknown): number | null {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v) {
    const t = Date.parse(v);
    return Number.isNaN(t) ? null : t;
  }
  return null;
}

function view(s: Silence, now: number) {
  return { ...s, status: { state: silenceState(s, now) } };
}

silenceRoutes.get("/api/v1/silences", requireScope("read"), async (c) => {
  const now = Date.now();
  const expiredFor = parseDuration(c.req.query("expired_within") ?? "7d") ?? 7 * 86_400_000;
  const silences = await listSilences(c.env.DB, c.get("projectId"), now - expiredFor);
  return c.json({ silences: silences.map((s) => view(s, now)) });
});

silenceRoutes.get("/api/v1/silences/:id", requireScope("read"), async (c) => {
  const s = await getSilence(c.env.DB, c.get("projectId"), c.req.param("id"));
  return s ? c.json(view(s, Date.now())) : notFound("silence");
});

silenceRoutes.post("/api/v1/silences", requireScope("admin"), async (c) => {
  const projectId = c.get("projectId");
  const body = await readJson<Record<string, unknown>>(c);
  const now = Date.now();
  const errors: FieldError[] = [];
  if (typeof body !== "object" || body === null) return invalid(c, [{ path: "", message: "body must be an object" }]);
  const matchers = parseMatcherList(body.matchers, errors);
  const startsAt = body.startsAt === undefined ? now : time(body.startsAt);
  if (startsAt === null) errors.push({ path: "startsAt", message: "must be an ISO 8601 time or epoch ms" });
  const untilResolved = body.until_resolved === true;
  const fingerprint = typeof body.fingerprint === "string" && body.fingerprint ? body.fingerprint : null;
  if (untilResolved && !fingerprint) errors.push({ path: "fingerprint", message: "\"mute until resolved\" needs the alert's fingerprint" });
  let endsAt = untilResolved ? (startsAt ?? now) + MAX_SILENCE_MS - 1 : body.endsAt !== undefined ? time(body.endsAt) : null;
  if (!untilResolved && body.endsAt === undefined && typeof body.duration === "string") {
    const d = parseDuration(body.duration);
    endsAt = d === null ? null : (startsAt ?? now) + d;
    if (d === null) errors.push({ path: "duration", message: "must be a duration like 2h or 1d" });
  } else if (endsAt === null && !untilResolved) errors.push({ path: "endsAt", message: "must be an ISO 8601 time or epoch ms (or give duration)" });
  if (startsAt !== null && endsAt !== null) {
    if (endsAt <= startsAt) errors.push({ path: "endsAt", message: "must be after startsAt" });
    else if (endsAt <= now) errors.push({ path: "endsAt", message: "is in the past" });
    else if (endsAt - startsAt > MAX_SILENCE_MS) errors.push({ path: "endsAt", message: "a silence lasts at most 366 days" });
  }
  if (typeof body.comment !== "string" || !body.comment.trim() || body.comment.length > 2000) errors.push({ path: "comment", message: "is required (at most 2000 characters): say why" });
  const id = typeof body.id === "string" && body.id ? body.id : null;
  const previous = id ? await getSilence(c.env.DB, projectId, id) : null;
  if (id && !previous) return notFound("silence");
  if (previous && silenceState(previous, now) === "expired") errors.push({ path: "id", message: "an expired silence cannot be changed: create a new one" });
  if (errors.length) return invalid(c, errors);
  const silence: Silence = {
    id: previous?.id ?? crypto.randomUUID(),
    matchers,
    startsAt: startsAt!,
    endsAt: endsAt!,
    createdBy: previous?.createdBy ?? (typeof body.createdBy === "string" && body.createdBy ? body.createdBy.slice(0, 200) : await actor(c)),
    comment: (body.comment as string).trim(),
    fingerprint: untilResolved ? fingerprint : (previous?.fingerprint ?? null),
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
  };
  await saveSilence(c.env.DB, projectId, silence);
  return c.json(view(silence, now), previous ? 200 : 201);
});

silenceRoutes.delete("/api/v1/silences/:id", requireScope("admin"), async (c) => {
  const projectId = c.get("projectId");
  const s = await getSilence(c.env.DB, projectId, c.req.param("id"));
  if (!s) notFound("silence");
  if (!(await expireSilence(c.env.DB, projectId, s.id, Date.now()))) return c.json({ error: "silence already expired" }, 409);
  return c.json({ expired: s.id });
});

/** Which alerts firing now these matchers would silence. */
silenceRoutes.post("/api/v1/silences/preview", requireScope("read"), async (c) => {
  const body = await readJson<{ matchers?: unknown }>(c);
  const errors: FieldError[] = [];
  const matchers = parseMatcherList(body?.matchers, errors);
  if (errors.length) return invalid(c, errors);
  const groups = await dispatcherFor(c.env, c.get("projectId")).alertGroups(c.get("projectId"), Date.now());
  const seen = new Set<string>();
  const alerts = groups.flatMap((g) => g.alerts).filter((a) => !seen.has(a.fingerprint) && (seen.add(a.fingerprint), matchesAll(matchers, a.labels)));
  return c.json({ alerts: alerts.map((a) => ({ fingerprint: a.fingerprint, labels: a.labels, startsAt: a.startsAt, annotations: a.annotations })) });
});
