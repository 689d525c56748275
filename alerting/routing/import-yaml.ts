/**
 * Imports an Alertmanager configuration file (alertmanager.yml): the route tree, the
 * receivers of the kinds we deliver to (webhook, Slack, PagerDuty, Microsoft Teams),
 * inhibit rules and time intervals. Old-style `match`/`match_re` and `source_match` /
 * `target_match` are turned into matchers the way Alertmanager itself converts them.
 * Anything we cannot honour is reported, not silently dropped.
 */
import { parse as parseYaml } from "yaml";
import type { AlertingConfig, InhibitRuleConfig, NamedTimeInterval, RouteConfig } from "./config";
import type { Integration } from "../notify/contact-points";

export interface ImportResult {
  config: AlertingConfig;
  receivers: { name: string; integrations: Integration[] }[];
  /** Things present in the file that were not imported (unsupported receiver kinds, global settings). */
  warnings: string[];
}

export class ImportError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

const quote = (v: unknown) => JSON.stringify(String(v));

function matchersOf(node: Obj, prefix: string, path: string): string[] {
  const out: string[] = [];
  const eq = node[`${prefix}match`];
  const re = node[`${prefix}match_re`];
  const list = node[`${prefix}matchers`];
  if (eq !== undefined) {
    if (typeof eq !== "object" || eq === null) throw new ImportError(`${path}.${prefix}match`, "must be a map of label: value");
    for (const [k, v] of Object.entries(eq)) out.push(`${k}=${quote(v)}`);
  }
  if (re !== undefined) {
    if (typeof re !== "object" || re === null) throw new ImportError(`${path}.${prefix}match_re`, "must be a map of label: regex");
    // Alertmanager anchors match_re values itself; keeping the anchors keeps its route keys.
    for (const [k, v] of Object.entries(re)) out.push(`${k}=~${quote(`^(?:${v})$`)}`);
  }
  if (list !== undefined) {
    if (!Array.isArray(list)) throw new ImportError(`${path}.${prefix}matchers`, "must be a list of matchers");
    out.push(...list.map(String));
  }
  return out;
}

function route(node: Obj, path: string): RouteConfig {
  if (typeof node !== "object" || node === null) throw new ImportError(path, "must be a map");
  const r: RouteConfig = {};
  if (node.receiver !== undefined) r.receiver = String(node.receiver);
  const matchers = matchersOf(node, "", path);
  if (matchers.length) r.matchers = matchers;
  if (node.group_by !== undefined) r.group_by = (node.group_by as unknown[]).map(String);
  if (node.continue !== undefined) r.continue = Boolean(node.continue);
  for (const k of ["group_wait", "group_interval", "repeat_interval"] as const) if (node[k] !== undefined) r[k] = String(node[k]);
  for (const k of ["mute_time_intervals", "active_time_intervals"] as const) if (node[k] !== undefined) r[k] = (node[k] as unknown[]).map(String);
  if (node.routes !== undefined) {
    if (!Array.isArray(node.routes)) throw new ImportError(`${path}.routes`, "must be a list");
    r.routes = node.routes.map((c: Obj, i: number) => route(c, `${path}.routes[${i}]`));
  }
  return r;
}

function integrations(rec: Obj, path: string, global: Obj, warnings: string[]): Integration[] {
  const out: Integration[] = [];
  const resolved = (c: Obj, dflt: boolean) => (c.send_resolved === undefined ? dflt : Boolean(c.send_resolved));
  for (const key of Object.keys(rec)) {
    if (key === "name") continue;
    const configs = rec[key];
    if (!Array.isArray(configs)) continue;
    configs.forEach((c: Obj, i: number) => {
      const p = `${path}.${key}[${i}]`;
      switch (key) {
        case "webhook_configs":
          if (!c.url) throw new ImportError(`${p}.url`, "is required (url_file is not supported: paste the URL)");
          out.push({ kind: "webhook", send_resolved: resolved(c, true), settings: { url: String(c.url), ...(c.max_alerts ? { max_alerts: Number(c.max_alerts) } : {}) } });
          break;
        case "slack_configs": {
          const url = c.api_url ?? global.slack_api_url;
          if (!url) throw new ImportError(`${p}.api_url`, "is required (or global.slack_api_url)");
          out.push({
            kind: "slack",
            send_resolved: resolved(c, false),
            settings: { url: String(url), ...(c.channel ? { channel: String(c.channel) } : {}), ...(c.title && !String(c.title).includes("{{") ? { title: String(c.title) } : {}) },
          });
          break;
        }
        case "pagerduty_configs": {
          const keyValue = c.routing_key ?? c.service_key;
          if (!keyValue) throw new ImportError(`${p}.routing_key`, "is required");
          if (c.service_key && !c.routing_key) warnings.push(`${p}: service_key (Events API v1) imported as an Events API v2 routing_key`);
          const url = c.url ?? global.pagerduty_url;
          out.push({
            kind: "pagerduty",
            send_resolved: resolved(c, true),
            settings: {
              routing_key: String(keyValue),
              ...(url ? { url: String(url) } : {}),
              ...(c.severity && !String(c.severity).includes("{{") ? { severity: String(c.severity) } : {}),
              ...(c.client && !String(c.client).includes("{{") ? { client: String(c.client) } : {}),
            },
          });
          break;
        }
        case "msteams_configs":
        case "msteamsv2_configs":
          if (!c.webhook_url) throw new ImportError(`${p}.webhook_url`, "is required (webhook_url_file is not supported)");
          out.push({ kind: "teams", send_resolved: resolved(c, true), settings: { url: String(c.webhook_url) } });
          break;
        default:
          warnings.push(`${path}.${key}: this receiver kind is not supported and was not imported`);
      }
    });
  }
  return out;
}

function inhibitRule(node: Obj, path: string): InhibitRuleConfig {
  return { source_matchers: matchersOf(node, "source_", path), target_matchers: matchersOf(node, "target_", path), equal: (node.equal ?? []).map(String) };
}

export function importAlertmanagerYaml(text: string): ImportResult {
  let doc: Obj;
  try {
    doc = parseYaml(text, { maxAliasCount: 100 }) as Obj;
  } catch (e) {
    throw new ImportError("", `not valid YAML: ${(e as Error).message}`);
  }
  if (typeof doc !== "object" || doc === null) throw new ImportError("", "expected an Alertmanager configuration (a map with route and receivers)");
  if (!doc.route) throw new ImportError("route", "is required");
  const warnings: string[] = [];
  const global = (doc.global ?? {}) as Obj;
  for (const k of Object.keys(global)) if (!["slack_api_url", "pagerduty_url", "resolve_timeout"].includes(k)) warnings.push(`global.${k} is not used`);
  if (doc.templates) warnings.push("templates are not imported: notifications use the built-in payloads");
  const receivers = ((doc.receivers ?? []) as Obj[]).map((rec, i) => {
    if (!rec?.name) throw new ImportError(`receivers[${i}].name`, "is required");
    return { name: String(rec.name), integrations: integrations(rec, `receivers[${i}]`, global, warnings) };
  });
  const intervals: NamedTimeInterval[] = [...((doc.time_intervals ?? []) as Obj[]), ...((doc.mute_time_intervals ?? []) as Obj[])].map((ti) => ({
    name: String(ti.name),
    time_intervals: (ti.time_intervals ?? []) as NamedTimeInterval["time_intervals"],
  }));
  const config: AlertingConfig = {
    route: route(doc.route, "route"),
    inhibit_rules: ((doc.inhibit_rules ?? []) as Obj[]).map((r, i) => inhibitRule(r, `inhibit_rules[${i}]`)),
    time_intervals: intervals,
  };
  return { config, receivers, warnings };
}
