/**
 * The routing tree, with Alertmanager's semantics (dispatch/route.go): an alert enters at
 * the root, descends into the first child whose matchers accept it, and stops there unless
 * that child says `continue`; a node none of whose children match is itself the result.
 * Children inherit receiver, grouping and timers from their parent unless they set them.
 */
import type { RouteConfig } from "./config";
import { parseDuration } from "./duration";
import { formatLabels, formatMatchers, matchesAll, parseMatcher, type Labels, type Matcher } from "./matchers";

/** Alertmanager's DefaultRouteOpts. */
export const DEFAULT_GROUP_WAIT_MS = 30_000;
export const DEFAULT_GROUP_INTERVAL_MS = 5 * 60_000;
export const DEFAULT_REPEAT_INTERVAL_MS = 4 * 3_600_000;

export interface RouteOpts {
  receiver: string | null;
  escalationPolicy: string | null;
  groupBy: string[];
  /** `group_by: ['...']`: every label is a grouping label. */
  groupByAll: boolean;
  groupWaitMs: number;
  groupIntervalMs: number;
  repeatIntervalMs: number;
  muteTimeIntervals: string[];
  activeTimeIntervals: string[];
}

export interface Route {
  matchers: Matcher[];
  continue: boolean;
  opts: RouteOpts;
  routes: Route[];
  /** Alertmanager's Route.Key(): the matchers of every ancestor, `{}/{team="a"}`. */
  key: string;
  /** Alertmanager's Route.ID(): the key plus the child's index, unique even for twins. */
  id: string;
}

export function buildRoute(config: RouteConfig, parent: Route | null = null, index = 0): Route {
  // Alertmanager sorts a route's matchers by name, so the key does not depend on their order.
  const matchers = (config.matchers ?? []).map(parseMatcher).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const inherited = parent?.opts;
  const groupBy = config.group_by ?? inherited?.groupBy ?? [];
  const groupByAll = config.group_by ? config.group_by.includes("...") : (inherited?.groupByAll ?? false);
  const opts: RouteOpts = {
    receiver: config.receiver ?? (config.escalation_policy ? null : (inherited?.receiver ?? null)),
    escalationPolicy: config.escalation_policy ?? (config.receiver ? null : (inherited?.escalationPolicy ?? null)),
    groupBy: groupByAll ? [] : [...groupBy],
    groupByAll,
    groupWaitMs: duration(config.group_wait) ?? inherited?.groupWaitMs ?? DEFAULT_GROUP_WAIT_MS,
    groupIntervalMs: duration(config.group_interval) ?? inherited?.groupIntervalMs ?? DEFAULT_GROUP_INTERVAL_MS,
    repeatIntervalMs: duration(config.repeat_interval) ?? inherited?.repeatIntervalMs ?? DEFAULT_REPEAT_INTERVAL_MS,
    // Time intervals are inherited too (Alertmanager: "the child route inherits them unless it sets its own").
    muteTimeIntervals: config.mute_time_intervals ?? inherited?.muteTimeIntervals ?? [],
    activeTimeIntervals: config.active_time_intervals ?? inherited?.activeTimeIntervals ?? [],
  };
  const key = parent ? `${parent.key}/${formatMatchers(matchers)}` : formatMatchers(matchers);
  const id = parent ? `${parent.id}/${formatMatchers(matchers)}/${index}` : formatMatchers(matchers);
  const route: Route = { matchers, continue: config.continue ?? false, opts, routes: [], key, id };
  route.routes = (config.routes ?? []).map((child, i) => buildRoute(child, route, i));
  return route;
}

function duration(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  return parseDuration(text) ?? undefined;
}

/** Alertmanager's Route.Match: every route the alert is delivered through, in tree order. */
export function matchRoutes(route: Route, labels: Labels): Route[] {
  if (!matchesAll(route.matchers, labels)) return [];
  const all: Route[] = [];
  for (const child of route.routes) {
    const found = matchRoutes(child, labels);
    all.push(...found);
    if (found.length > 0 && !child.continue) break;
  }
  return all.length > 0 ? all : [route];
}

/** The labels an alert is grouped by on this route. */
export function groupLabels(route: Route, labels: Labels): Labels {
  const names = route.opts.groupByAll ? Object.keys(labels) : route.opts.groupBy;
  // Sorted by name, as Alertmanager's JSON has them (Go sorts map keys).
  const out: Labels = {};
  for (const name of [...names].sort()) if (labels[name] !== undefined && labels[name] !== "") out[name] = labels[name];
  return out;
}

/** Alertmanager's aggregation group key: `<route key>:<group labels>`. */
export function groupKey(route: Route, labels: Labels): string {
  return `${route.key}:${formatLabels(groupLabels(route, labels))}`;
}

/** Depth-first walk, parents before children (Alertmanager's Route.Walk). */
export function walkRoutes(route: Route, visit: (r: Route) => void): void {
  visit(route);
  for (const child of route.routes) walkRoutes(child, visit);
}
