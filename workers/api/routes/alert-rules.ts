/**
 * Alert rules (docs/alerting.md): CRUD, the preview over a past range, each rule's current
 * series states, and the alert history. Reading needs `read`; changing rules needs `admin`.
 * Invalid rules get 400 `{ error, errors: [{ field, message, from?, to? }] }`.
 */
import { Hono, type Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AlertHistoryKind } from "../../../core/alerts/model";
import { listHistory } from "../../../alerting/history";
import { recordHistory } from "../../../alerting/history";
import type { SeriesRecord } from "../../../alerting/rules/advance";
import type { AlertRule, RuleSpec } from "../../../alerting/rules/model";
import type { RunWindow } from "../../../alerting/rules/evaluate";
import { PreviewError, previewRule } from "../../../alerting/rules/preview";
import { alertState, historyOf, windowRunner } from "../../../alerting/rules/run-due";
import { createAlertSink } from "../../../alerting/rules/sink-factory";
import { createRule, deleteRule, getRule, listRules, RuleNameTaken, updateRule } from "../../../alerting/rules/store";
import { parseRuleSpec, ruleToJson, type FieldError } from "../../../alerting/rules/validate";
import type { AppEnv, Vars } from "../../env";
import { requireScope } from "../../middleware/auth";
import { parseTimeBound, parseTimeRange, TimeRangeError } from "../../query/time-range";
import { readJsonObject } from "../json-body";

type Ctx = Context<{ Bindings: AppEnv; Variables: Vars }>;

export const alertRuleRoutes = new Hono<{ Bindings: AppEnv; Variables: Vars }>();

const MAX_BODY_BYTES = 64 * 1024;
const PREVIEW_BUDGET_MS = 60_000;

const readJson = (c: Ctx) => readJsonObject(c, MAX_BODY_BYTES);

/** An invalid rule: answered as 400 with every field error (the shared onError keeps only a message). */
class InvalidRule extends Error {
  constructor(readonly errors: FieldError[]) {
    super(`invalid rule: ${errors.map((e) => `${e.field}: ${e.message}`).join("; ")}`);
  }
}

function specOrThrow(body: Record<string, unknown>): RuleSpec {
  const parsed = parseRuleSpec(body);
  if (!parsed.spec) throw new InvalidRule(parsed.errors);
  return parsed.spec;
}

/** Runs a handler, answering an InvalidRule as 400 `{ error, errors }`. */
function withRuleErrors(handler: (c: Ctx) => Promise<Response>) {
  return async (c: Ctx) => {
    try {
      return await handler(c);
    } catch (err) {
      if (err instanceof InvalidRule) return c.json({ error: err.message, errors: err.errors }, 400);
      throw err;
    }
  };
}

async function ruleOr404(c: Ctx): Promise<AlertRule> {
  const rule = await getRule(c.env.DB, c.get("projectId"), c.req.param("id") ?? "");
  if (!rule) throw new HTTPException(404, { message: `no alert rule '${c.req.param("id")}' in this project` });
  return rule;
}

/** What changes an alert's identity or meaning: the rule's series start over when it changes. */
function identity(r: AlertRule): string {
  return JSON.stringify([r.name, r.query, r.valueColumn, r.windowMs, r.condition, r.noDataState, r.severity, r.labels, r.enabled]);
}

/** Drops a rule's series; the firing ones are resolved towards the sink and the history. */
async function forget(c: Ctx, rule: AlertRule, reason: string): Promise<void> {
  const now = Date.now();
  const projectId = c.get("projectId");
  const { changes, resolved } = await alertState(c.env, projectId).forgetRule(rule, now);
  await recordHistory(c.env.DB, historyOf(projectId, changes).map((e) => ({ ...e, data: { ...e.data, reason } })));
  if (resolved.length) c.executionCtx.waitUntil(createAlertSink(c.env).receive(projectId, resolved, now));
}

function counts(states: { ruleId: string; state: string; count: number }[], ruleId: string): Record<string, number> {
  const out: Record<string, number> = { ok: 0, pending: 0, firing: 0, resolved: 0, nodata: 0, error: 0 };
  for (const s of states) if (s.ruleId === ruleId) out[s.state] = s.count;
  return out;
}

function seriesJson(s: SeriesRecord) {
  return {
    fingerprint: s.fingerprint,
    labels: s.labels,
    annotations: s.annotations,
    state: s.state,
    since: s.since,
    active_at: s.activeAt,
    fired_at: s.firedAt,
    resolved_at: s.resolvedAt,
    value: s.value !== null && Number.isFinite(s.value) ? s.value : null,
    last_evaluation: s.lastEvalAt,
    error: s.error,
  };
}

alertRuleRoutes.get("/api/v1/alert-rules", requireScope("read"), async (c) => {
  const projectId = c.get("projectId");
  const [rules, states] = await Promise.all([listRules(c.env.DB, projectId), alertState(c.env, projectId).counts()]);
  return c.json({ rules: rules.map((r) => ({ ...ruleToJson(r), states: counts(states, r.id) })) });
});

alertRuleRoutes.post("/api/v1/alert-rules", requireScope("admin"), withRuleErrors(async (c) => {
  const spec = specOrThrow(await readJson(c));
  try {
    return c.json(ruleToJson(await createRule(c.env.DB, c.get("projectId"), spec)), 201);
  } catch (err) {
    if (err instanceof RuleNameTaken) throw new HTTPException(409, { message: err.message });
    throw err;
  }
}));

alertRuleRoutes.post("/api/v1/alert-rules/preview", requireScope("read"), withRuleErrors(async (c) => {
  const body = await readJson(c);
  if (typeof body.rule !== "object" || body.rule === null || Array.isArray(body.rule)) {
    throw new HTTPException(400, { message: "'rule' must be the rule to preview (the same fields as a rule)" });
  }
  const spec = specOrThrow({ name: "preview", ...(body.rule as Record<string, unknown>) });
  const now = Date.now();
  let range;
  try {
    range = parseTimeRange(body.from ?? "now-2h", body.to, now);
  } catch (err) {
    if (err instanceof TimeRangeError) throw new HTTPException(400, { message: err.message });
    throw err;
  }
  const projectId = c.get("projectId");
  const rule = { ...spec, id: "preview", projectId };
  // A preview may run hundreds of queries: bound its wall time as a whole.
  const deadline = now + PREVIEW_BUDGET_MS;
  const runWindow = windowRunner(c.env, projectId, spec.query);
  const bounded: RunWindow = (w) => {
    if (Date.now() > deadline) throw new HTTPException(408, { message: `the preview took over ${PREVIEW_BUDGET_MS / 1000} s: shorten the range or lengthen the interval` });
    return runWindow(w);
  };
  try {
    const result = await previewRule(rule, Math.floor(range.fromUs / 1000), Math.floor(range.toUs / 1000), bounded);
    return c.json(result);
  } catch (err) {
    if (err instanceof PreviewError) throw new HTTPException(400, { message: err.message });
    throw err;
  }
}));

alertRuleRoutes.get("/api/v1/alert-rules/:id", requireScope("read"), async (c) => c.json(ruleToJson(await ruleOr404(c))));

async function replace(c: Ctx, merge: boolean): Promise<Response> {
  const old = await ruleOr404(c);
  const body = await readJson(c);
  const spec = specOrThrow(merge ? { ...ruleToJson(old), ...body } : body);
  let updated;
  try {
    updated = await updateRule(c.env.DB, c.get("projectId"), old.id, spec);
  } catch (err) {
    if (err instanceof RuleNameTaken) throw new HTTPException(409, { message: err.message });
    throw err;
  }
  if (!updated) throw new HTTPException(404, { message: `no alert rule '${old.id}' in this project` });
  if (identity(old) !== identity(updated)) await forget(c, old, updated.enabled ? "rule changed" : "rule paused");
  return c.json(ruleToJson(updated));
}

alertRuleRoutes.put("/api/v1/alert-rules/:id", requireScope("admin"), withRuleErrors((c) => replace(c, false)));
alertRuleRoutes.patch("/api/v1/alert-rules/:id", requireScope("admin"), withRuleErrors((c) => replace(c, true)));

alertRuleRoutes.delete("/api/v1/alert-rules/:id", requireScope("admin"), async (c) => {
  const rule = await ruleOr404(c);
  await deleteRule(c.env.DB, c.get("projectId"), rule.id);
  await forget(c, rule, "rule deleted");
  return c.body(null, 204);
});

alertRuleRoutes.get("/api/v1/alert-rules/:id/state", requireScope("read"), async (c) => {
  const rule = await ruleOr404(c);
  const series = await alertState(c.env, c.get("projectId")).seriesOf(rule.id);
  return c.json({ rule_id: rule.id, series: series.map(seriesJson) });
});

const KINDS: AlertHistoryKind[] = ["state", "notification", "escalation", "ack", "silenced"];

alertRuleRoutes.get("/api/v1/alert-history", requireScope("read"), async (c) => {
  const q = c.req.query();
  const now = Date.now();
  const bound = (name: "from" | "to") => {
    if (q[name] === undefined) return undefined;
    try {
      return Math.floor(parseTimeBound(/^\d+$/.test(q[name]) ? Number(q[name]) : q[name], now, name) / 1000);
    } catch (err) {
      if (err instanceof TimeRangeError) throw new HTTPException(400, { message: err.message });
      throw err;
    }
  };
  if (q.kind !== undefined && !KINDS.includes(q.kind as AlertHistoryKind)) throw new HTTPException(400, { message: `'kind' must be one of ${KINDS.join(", ")}` });
  const limit = q.limit === undefined ? undefined : Number(q.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 1000)) throw new HTTPException(400, { message: "'limit' must be a whole number from 1 to 1000" });
  const events = await listHistory(c.env.DB, c.get("projectId"), {
    from: bound("from"),
    to: bound("to"),
    ruleId: q.rule,
    fingerprint: q.fingerprint,
    kind: q.kind as AlertHistoryKind | undefined,
    limit,
  });
  return c.json({
    events: events.map((e) => ({ id: e.id, at: e.at, kind: e.kind, rule_id: e.ruleId, fingerprint: e.fingerprint, status: e.status, detail: e.detail, data: e.data })),
  });
});
