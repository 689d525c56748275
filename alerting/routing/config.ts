/**
 * A project's routing configuration, stored as JSON in D1 and written like Alertmanager's
 * YAML (snake_case keys, durations as text, matchers as text) so its documentation
 * applies and an imported file round-trips. Receivers are the project's contact points,
 * referred to by name; a route may instead name an escalation policy.
 */
import { parseDuration } from "./duration";
import { MatcherError, parseMatcher } from "./matchers";
import { validateTimeInterval, type TimeIntervalSpec } from "./time-intervals";

export interface RouteConfig {
  receiver?: string;
  /** Name of an escalation policy: notifies its levels instead of (or besides) `receiver`. */
  escalation_policy?: string;
  matchers?: string[];
  group_by?: string[];
  continue?: boolean;
  group_wait?: string;
  group_interval?: string;
  repeat_interval?: string;
  mute_time_intervals?: string[];
  active_time_intervals?: string[];
  routes?: RouteConfig[];
}

export interface InhibitRuleConfig {
  source_matchers: string[];
  target_matchers: string[];
  equal?: string[];
}

export interface NamedTimeInterval {
  name: string;
  time_intervals: TimeIntervalSpec[];
}

export interface AlertingConfig {
  route: RouteConfig;
  inhibit_rules: InhibitRuleConfig[];
  time_intervals: NamedTimeInterval[];
}

export const DEFAULT_CONFIG: AlertingConfig = {
  route: { receiver: "default", group_by: ["alertname"] },
  inhibit_rules: [],
  time_intervals: [],
};

export interface FieldError {
  path: string;
  message: string;
}

const MAX_ROUTES = 500;

/** Every problem of a config, each with the path of the field (`route.routes[1].group_wait`). */
export function validateConfig(input: unknown, names: { receivers?: ReadonlySet<string>; policies?: ReadonlySet<string> } = {}): FieldError[] {
  const errors: FieldError[] = [];
  const err = (path: string, message: string) => errors.push({ path, message });
  if (!isObject(input)) return [{ path: "", message: "config must be an object with route, inhibit_rules and time_intervals" }];
  const intervals = new Set<string>();
  const tis = input.time_intervals ?? [];
  if (!Array.isArray(tis)) err("time_intervals", "must be an array");
  else
    tis.forEach((ti, i) => {
      const p = `time_intervals[${i}]`;
      if (!isObject(ti) || typeof ti.name !== "string" || !ti.name) return err(`${p}.name`, "must be a non-empty string");
      if (intervals.has(ti.name)) err(`${p}.name`, `duplicate time interval '${ti.name}'`);
      intervals.add(ti.name);
      if (!Array.isArray(ti.time_intervals)) return err(`${p}.time_intervals`, "must be an array");
      ti.time_intervals.forEach((spec: unknown, j: number) => {
        for (const e of validateTimeInterval(spec)) err(`${p}.time_intervals[${j}]${e.path ? `.${e.path}` : ""}`, e.message);
      });
    });
  let count = 0;
  const checkRoute = (r: unknown, p: string, root: boolean) => {
    if (++count > MAX_ROUTES) return err(p, `too many routes (at most ${MAX_ROUTES})`);
    if (!isObject(r)) return err(p, "must be an object");
    const known = ["receiver", "escalation_policy", "matchers", "group_by", "continue", "group_wait", "group_interval", "repeat_interval", "mute_time_intervals", "active_time_intervals", "routes"];
    for (const k of Object.keys(r)) if (!known.includes(k)) err(`${p}.${k}`, `unknown field (expected one of ${known.join(", ")})`);
    if (root && !r.receiver && !r.escalation_policy) err(`${p}.receiver`, "the root route needs a receiver (the default for alerts no child route matches)");
    if (root && r.matchers?.length) err(`${p}.matchers`, "the root route matches every alert: it cannot have matchers");
    if (r.receiver !== undefined) {
      if (typeof r.receiver !== "string" || !r.receiver) err(`${p}.receiver`, "must be a contact point name");
      else if (names.receivers && !names.receivers.has(r.receiver)) err(`${p}.receiver`, `no contact point named '${r.receiver}'`);
    }
    if (r.escalation_policy !== undefined) {
      if (typeof r.escalation_policy !== "string" || !r.escalation_policy) err(`${p}.escalation_policy`, "must be an escalation policy name");
      else if (names.policies && !names.policies.has(r.escalation_policy)) err(`${p}.escalation_policy`, `no escalation policy named '${r.escalation_policy}'`);
    }
    stringList(r.matchers, `${p}.matchers`, (m, mp) => {
      try {
        parseMatcher(m);
      } catch (e) {
        if (e instanceof MatcherError) err(mp, e.message);
        else throw e;
      }
    });
    stringList(r.group_by, `${p}.group_by`, (g, gp) => {
      if (g !== "..." && !/^[a-zA-Z_][a-zA-Z0-9_.]*$/.test(g)) err(gp, `invalid label name '${g}'`);
    });
    if (Array.isArray(r.group_by) && r.group_by.includes("...") && r.group_by.length > 1) err(`${p}.group_by`, "'...' (group by all labels) cannot be combined with other labels");
    if (r.continue !== undefined && typeof r.continue !== "boolean") err(`${p}.continue`, "must be true or false");
    if (root && r.continue) err(`${p}.continue`, "the root route cannot continue");
    for (const k of ["group_wait", "group_interval", "repeat_interval"] as const) {
      if (r[k] === undefined) continue;
      const ms = typeof r[k] === "string" ? parseDuration(r[k]) : null;
      if (ms === null) err(`${p}.${k}`, `must be a duration like 30s, 5m, 4h (got ${JSON.stringify(r[k])})`);
      else if (k !== "group_wait" && ms < 1000) err(`${p}.${k}`, "must be at least 1s");
    }
    for (const k of ["mute_time_intervals", "active_time_intervals"] as const) {
      stringList(r[k], `${p}.${k}`, (n, np) => {
        if (!intervals.has(n)) err(np, `no time interval named '${n}'`);
      });
    }
    if (r.routes !== undefined) {
      if (!Array.isArray(r.routes)) err(`${p}.routes`, "must be an array");
      else r.routes.forEach((c: unknown, i: number) => checkRoute(c, `${p}.routes[${i}]`, false));
    }
  };
  const stringList = (v: unknown, p: string, each: (s: string, path: string) => void) => {
    if (v === undefined) return;
    if (!Array.isArray(v)) return err(p, "must be an array of strings");
    v.forEach((s, i) => (typeof s === "string" ? each(s, `${p}[${i}]`) : err(`${p}[${i}]`, "must be a string")));
  };
  checkRoute(input.route, "route", true);
  const rules = input.inhibit_rules ?? [];
  if (!Array.isArray(rules)) err("inhibit_rules", "must be an array");
  else
    rules.forEach((rule, i) => {
      const p = `inhibit_rules[${i}]`;
      if (!isObject(rule)) return err(p, "must be an object");
      for (const k of ["source_matchers", "target_matchers"] as const) {
        if (!Array.isArray(rule[k]) || rule[k].length === 0) err(`${p}.${k}`, "must be a non-empty array of matchers");
        else
          stringList(rule[k], `${p}.${k}`, (m, mp) => {
            try {
              parseMatcher(m);
            } catch (e) {
              if (e instanceof MatcherError) err(mp, e.message);
              else throw e;
            }
          });
      }
      stringList(rule.equal, `${p}.equal`, () => {});
    });
  return errors;
}

/** Fills the optional lists so readers need no `?? []`. Call after validateConfig. */
export function normalizeConfig(input: Partial<AlertingConfig> & { route: RouteConfig }): AlertingConfig {
  return { route: input.route, inhibit_rules: input.inhibit_rules ?? [], time_intervals: input.time_intervals ?? [] };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function isObject(v: unknown): v is Record<string, any> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Every receiver and policy name a config refers to. */
export function referencedNames(config: AlertingConfig): { receivers: Set<string>; policies: Set<string> } {
  const receivers = new Set<string>();
  const policies = new Set<string>();
  const walk = (r: RouteConfig) => {
    if (r.receiver) receivers.add(r.receiver);
    if (r.escalation_policy) policies.add(r.escalation_policy);
    r.routes?.forEach(walk);
  };
  walk(config.route);
  return { receivers, policies };
}
