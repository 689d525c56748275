/**
 * Contact points (Alertmanager's receivers, Grafana's contact points): a name and one or
 * more integrations, each of a supported kind with its settings. Secret settings (webhook
 * URLs carry tokens, PagerDuty routing keys) are stored whole but never returned whole:
 * the API shows `••••` and the last four characters, and an update that sends the masked
 * value back (or leaves the field out) keeps the stored secret.
 */
export type IntegrationKind = "webhook" | "slack" | "pagerduty" | "teams";

export interface Integration {
  kind: IntegrationKind;
  /** Send a notification when the group's alerts resolve (Alertmanager's send_resolved). */
  send_resolved: boolean;
  settings: Record<string, string | number>;
}

export interface ContactPoint {
  id: string;
  name: string;
  integrations: Integration[];
}

interface SettingSpec {
  required: boolean;
  secret: boolean;
  kind: "url" | "string" | "int";
}

export const SETTINGS: Record<IntegrationKind, Record<string, SettingSpec>> = {
  webhook: { url: { required: true, secret: true, kind: "url" }, max_alerts: { required: false, secret: false, kind: "int" } },
  slack: {
    url: { required: true, secret: true, kind: "url" },
    channel: { required: false, secret: false, kind: "string" },
    title: { required: false, secret: false, kind: "string" },
  },
  pagerduty: {
    routing_key: { required: true, secret: true, kind: "string" },
    // The Events API endpoint: PagerDuty's by default; EU accounts and tests set their own.
    url: { required: false, secret: false, kind: "url" },
    severity: { required: false, secret: false, kind: "string" },
    client: { required: false, secret: false, kind: "string" },
  },
  teams: { url: { required: true, secret: true, kind: "url" }, title: { required: false, secret: false, kind: "string" } },
};

export const MASK = "••••";

export function maskSecret(value: string): string {
  return `${MASK}${value.length > 8 ? value.slice(-4) : ""}`;
}

export function redactContactPoint(cp: ContactPoint): ContactPoint {
  return {
    ...cp,
    integrations: cp.integrations.map((i) => ({
      ...i,
      settings: Object.fromEntries(Object.entries(i.settings).map(([k, v]) => [k, SETTINGS[i.kind][k]?.secret ? maskSecret(String(v)) : v])),
    })),
  };
}

export interface FieldError {
  path: string;
  message: string;
}

/**
 * Checks a contact point body and merges masked secrets with the stored ones (`previous`,
 * matched by position and kind). Returns the integrations to store, or the errors.
 */
export function validateContactPoint(
  body: unknown,
  previous: Integration[] = [],
): { ok: true; name: string; integrations: Integration[] } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const b = body as { name?: unknown; integrations?: unknown };
  if (typeof b !== "object" || b === null) return { ok: false, errors: [{ path: "", message: "body must be an object { name, integrations }" }] };
  if (typeof b.name !== "string" || !/^[\w .:-]{1,100}$/.test(b.name)) errors.push({ path: "name", message: "must be 1-100 letters, digits, spaces or . _ : -" });
  const list = b.integrations;
  // An empty list is allowed: Alertmanager's "null" receiver, which drops what reaches it.
  if (!Array.isArray(list)) errors.push({ path: "integrations", message: "must be an array" });
  else if (list.length > 10) errors.push({ path: "integrations", message: "at most 10 integrations per contact point" });
  const out: Integration[] = [];
  if (Array.isArray(list))
    list.forEach((raw, i) => {
      const p = `integrations[${i}]`;
      const it = raw as Partial<Integration>;
      if (typeof it !== "object" || it === null || !it.kind || !(it.kind in SETTINGS)) {
        errors.push({ path: `${p}.kind`, message: `must be one of ${Object.keys(SETTINGS).join(", ")}` });
        return;
      }
      const spec = SETTINGS[it.kind];
      const settings: Record<string, string | number> = {};
      const given = (it.settings ?? {}) as Record<string, unknown>;
      for (const k of Object.keys(given)) if (!(k in spec)) errors.push({ path: `${p}.settings.${k}`, message: `unknown setting for ${it.kind} (expected ${Object.keys(spec).join(", ")})` });
      for (const [k, s] of Object.entries(spec)) {
        let v = given[k];
        const old = previous[i]?.kind === it.kind ? previous[i].settings[k] : undefined;
        if (s.secret && (v === undefined || (typeof v === "string" && v.startsWith(MASK)))) v = old;
        if (v === undefined || v === "") {
          if (s.required) errors.push({ path: `${p}.settings.${k}`, message: "is required" });
          continue;
        }
        if (s.kind === "int") {
          if (!Number.isInteger(v) || (v as number) < 0) errors.push({ path: `${p}.settings.${k}`, message: "must be a non-negative integer" });
          else settings[k] = v as number;
          continue;
        }
        if (typeof v !== "string" || v.length > 2048) {
          errors.push({ path: `${p}.settings.${k}`, message: "must be a string of at most 2048 characters" });
          continue;
        }
        if (s.kind === "url" && !/^https?:\/\/[^\s]+$/.test(v)) {
          errors.push({ path: `${p}.settings.${k}`, message: "must be an http(s) URL" });
          continue;
        }
        settings[k] = v;
      }
      if (it.kind === "pagerduty" && settings.severity !== undefined && !["critical", "error", "warning", "info"].includes(String(settings.severity)))
        errors.push({ path: `${p}.settings.severity`, message: "must be critical, error, warning or info" });
      if (it.send_resolved !== undefined && typeof it.send_resolved !== "boolean") errors.push({ path: `${p}.send_resolved`, message: "must be true or false" });
      out.push({ kind: it.kind, send_resolved: it.send_resolved ?? true, settings });
    });
  return errors.length ? { ok: false, errors } : { ok: true, name: b.name as string, integrations: out };
}
