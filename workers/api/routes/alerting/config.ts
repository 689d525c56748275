/**
 * The routing configuration: read and replace it as JSON, or import an Alertmanager YAML
 * file (its receivers become contact points, matched by name so existing ids stay).
 */
import { Hono } from "hono";
import type { AppEnv, Vars } from "../../../env";
import { requireScope } from "../../../middleware/auth";
import { normalizeConfig, validateConfig, type AlertingConfig } from "../../../../alerting/routing/config";
import { importAlertmanagerYaml, ImportError } from "../../../../alerting/routing/import-yaml";
import { validateContactPoint, redactContactPoint } from "../../../../alerting/notify/contact-points";
import { listContactPoints, loadConfig, saveConfig, upsertContactPoint } from "../../../../alerting/store/routing-store";
import { listPolicies } from "../../../../alerting/store/oncall-store";
import { actor, invalid, readJson, readText } from "./common";

export const configRoutes = new Hono<{ Bindings: AppEnv; Variables: Vars }>();

async function knownNames(db: D1Database, projectId: string) {
  const [cps, policies] = await Promise.all([listContactPoints(db, projectId), listPolicies(db, projectId)]);
  return { receivers: new Set(cps.map((c) => c.name)), policies: new Set(policies.map((p) => p.name)) };
}

configRoutes.get("/api/v1/alerting/config", requireScope("read"), async (c) => {
  const { config, updatedAt } = await loadConfig(c.env.DB, c.get("projectId"));
  return c.json({ config, updated_at: updatedAt });
});

configRoutes.put("/api/v1/alerting/config", requireScope("admin"), async (c) => {
  const body = await readJson<AlertingConfig>(c);
  const errors = validateConfig(body, await knownNames(c.env.DB, c.get("projectId")));
  if (errors.length) return invalid(c, errors);
  const config = normalizeConfig(body);
  await saveConfig(c.env.DB, c.get("projectId"), config, await actor(c));
  return c.json({ config });
});

configRoutes.post("/api/v1/alerting/config/import", requireScope("admin"), async (c) => {
  const projectId = c.get("projectId");
  // The file as the body (any text type), or JSON { "yaml": "…" } from the dashboard.
  let text = await readText(c);
  if ((c.req.header("content-type") ?? "").includes("json")) {
    try {
      text = String((JSON.parse(text) as { yaml?: unknown }).yaml ?? "");
    } catch {
      return invalid(c, [{ path: "yaml", message: "send the YAML as the body, or JSON { \"yaml\": \"…\" }" }]);
    }
  }
  let imported;
  try {
    imported = importAlertmanagerYaml(text);
  } catch (e) {
    if (e instanceof ImportError) return invalid(c, [{ path: e.path, message: e.message }]);
    throw e;
  }
  const existing = new Map((await listContactPoints(c.env.DB, projectId)).map((cp) => [cp.name, cp]));
  const receiverErrors = imported.receivers.flatMap((r, i) => {
    const check = validateContactPoint(r, existing.get(r.name)?.integrations);
    return check.ok ? [] : check.errors.map((e) => ({ path: `receivers[${i}].${e.path}`, message: e.message }));
  });
  const names = await knownNames(c.env.DB, projectId);
  for (const r of imported.receivers) names.receivers.add(r.name);
  const errors = [...receiverErrors, ...validateConfig(imported.config, names)];
  if (errors.length) return invalid(c, errors);
  const dryRun = c.req.query("dry_run") === "true" || c.req.query("dry_run") === "1";
  const contactPoints = [];
  for (const r of imported.receivers) {
    const cp = { id: existing.get(r.name)?.id, name: r.name, integrations: r.integrations };
    contactPoints.push(dryRun ? { ...cp, id: cp.id ?? "(new)" } : await upsertContactPoint(c.env.DB, projectId, cp));
  }
  if (!dryRun) await saveConfig(c.env.DB, projectId, imported.config, await actor(c));
  return c.json({ config: imported.config, contact_points: contactPoints.map((cp) => redactContactPoint(cp as Parameters<typeof redactContactPoint>[0])), warnings: imported.warnings, dry_run: dryRun });
});
