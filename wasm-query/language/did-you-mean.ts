/** Edit distance, for "did you mean" hints on misspelt fields, functions and operators. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/**
 * Up to three candidates close to `input`: a small edit distance, or a candidate that
 * ends with the input as a whole segment (`status_code` → `http.response.status_code`).
 */
export function didYouMean(input: string, candidates: Iterable<string>): string[] {
  const lower = input.toLowerCase();
  const limit = Math.max(1, Math.floor(lower.length / 3));
  const scored: { c: string; d: number }[] = [];
  for (const c of new Set(candidates)) {
    const cl = c.toLowerCase();
    if (cl === lower && c !== input) {
      scored.push({ c, d: 0 });
      continue;
    }
    const d = levenshtein(lower, cl);
    if (d <= limit) scored.push({ c, d });
    else if (lower.length >= 3 && (cl.endsWith("." + lower) || cl.endsWith("_" + lower))) scored.push({ c, d: limit + 1 });
  }
  return scored.sort((x, y) => x.d - y.d || x.c.length - y.c.length || x.c.localeCompare(y.c)).slice(0, 3).map((s) => s.c);
}

/** ` (did you mean 'a' or 'b'?)`, or an empty string. */
export function hint(suggestions: string[]): string {
  if (suggestions.length === 0) return "";
  const quoted = suggestions.map((s) => `'${s}'`);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`;
  return ` — did you mean ${list}?`;
}
