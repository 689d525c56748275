/**
 * A dashboard's view state in the URL, Grafana-style, so a link reproduces the view:
 * `?from=now-6h&to=now&refresh=30s&var-service=api&var-service=web`. Pure, unit-tested.
 */
export interface DashboardUrlState {
  from?: string;
  to?: string;
  /** Auto-refresh interval, or null when the URL says off. */
  refresh?: string | null;
  /** Variable values by name (`$__all` for All). */
  vars: Record<string, string[]>;
}

const VAR_PREFIX = "var-";

export function readUrlState(search: string): DashboardUrlState {
  const p = new URLSearchParams(search);
  const vars: Record<string, string[]> = {};
  for (const [key, value] of p) {
    if (key.startsWith(VAR_PREFIX) && key.length > VAR_PREFIX.length) (vars[key.slice(VAR_PREFIX.length)] ??= []).push(value);
  }
  const refresh = p.get("refresh");
  return {
    from: p.get("from") ?? undefined,
    to: p.get("to") ?? undefined,
    refresh: refresh === null ? undefined : refresh === "" || refresh === "off" ? null : refresh,
    vars,
  };
}

/** The query string (with `?`, or empty) for the state; variables in the given order. */
export function writeUrlState(state: DashboardUrlState): string {
  const p = new URLSearchParams();
  if (state.from) p.set("from", state.from);
  if (state.to) p.set("to", state.to);
  if (state.refresh !== undefined) p.set("refresh", state.refresh ?? "off");
  for (const [name, values] of Object.entries(state.vars)) for (const v of values) p.append(VAR_PREFIX + name, v);
  const text = p.toString();
  return text ? `?${text}` : "";
}
