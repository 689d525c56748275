/**
 * Label matchers as Alertmanager writes them: `name="value"`, `name!="value"`,
 * `name=~"regex"`, `name!~"regex"`. Regexes are anchored on both ends (`^(?:re)$`) as
 * Alertmanager anchors them, and a missing label matches as the empty string, so
 * `team=""` selects alerts without a team and `team!=""` those with one.
 */
export type MatchType = "=" | "!=" | "=~" | "!~";

export interface Matcher {
  name: string;
  type: MatchType;
  value: string;
}

export type Labels = Record<string, string>;

export class MatcherError extends Error {}

const regexCache = new Map<string, RegExp>();

function anchored(value: string): RegExp {
  let re = regexCache.get(value);
  if (!re) {
    try {
      re = new RegExp(`^(?:${value})$`, "s");
    } catch (err) {
      throw new MatcherError(`invalid regular expression ${JSON.stringify(value)}: ${(err as Error).message}`);
    }
    if (regexCache.size > 5000) regexCache.clear();
    regexCache.set(value, re);
  }
  return re;
}

/** Throws MatcherError when a regex does not compile. */
export function validateMatcher(m: Matcher): void {
  if (!/^[a-zA-Z_][a-zA-Z0-9_.]*$/.test(m.name)) throw new MatcherError(`invalid label name ${JSON.stringify(m.name)}`);
  if (m.type === "=~" || m.type === "!~") anchored(m.value);
}

export function matches(m: Matcher, labels: Labels): boolean {
  const v = labels[m.name] ?? "";
  switch (m.type) {
    case "=":
      return v === m.value;
    case "!=":
      return v !== m.value;
    case "=~":
      return anchored(m.value).test(v);
    case "!~":
      return !anchored(m.value).test(v);
  }
}

export function matchesAll(ms: readonly Matcher[], labels: Labels): boolean {
  return ms.every((m) => matches(m, labels));
}

const MATCHER = /^\s*([a-zA-Z_][a-zA-Z0-9_.]*)\s*(=~|!~|!=|=)\s*(.*?)\s*$/s;

/** Parses one matcher in Alertmanager's text form; the value may be quoted or bare. */
export function parseMatcher(text: string): Matcher {
  const m = MATCHER.exec(text);
  if (!m) throw new MatcherError(`bad matcher ${JSON.stringify(text)}: expected name, one of = != =~ !~, and a value`);
  let value = m[3];
  if (value.startsWith('"')) {
    if (!value.endsWith('"') || value.length < 2) throw new MatcherError(`bad matcher ${JSON.stringify(text)}: unterminated quoted value`);
    try {
      value = JSON.parse(value) as string;
    } catch {
      throw new MatcherError(`bad matcher ${JSON.stringify(text)}: invalid escape in quoted value`);
    }
  }
  const matcher: Matcher = { name: m[1], type: m[2] as MatchType, value };
  validateMatcher(matcher);
  return matcher;
}

/** `{a="1", b=~"x"}` also accepted: Alertmanager's matchers list may be written in braces. */
export function parseMatchers(text: string): Matcher[] {
  const inner = text.trim().replace(/^\{/, "").replace(/\}$/, "");
  if (!inner.trim()) return [];
  const parts: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i];
    if (ch === '"' && inner[i - 1] !== "\\") quoted = !quoted;
    if (ch === "," && !quoted) (parts.push(cur), (cur = ""));
    else cur += ch;
  }
  if (cur.trim()) parts.push(cur);
  return parts.map(parseMatcher);
}

export function formatMatcher(m: Matcher): string {
  return `${m.name}${m.type}${JSON.stringify(m.value)}`;
}

/** Alertmanager's `Matchers.String()`: `{a="1",b=~"x"}`, used in route and group keys. */
export function formatMatchers(ms: readonly Matcher[]): string {
  return `{${ms.map(formatMatcher).join(",")}}`;
}

/** Alertmanager's `LabelSet.String()`: sorted, `{a="1", b="2"}`. */
export function formatLabels(labels: Labels): string {
  return `{${Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(", ")}}`;
}
