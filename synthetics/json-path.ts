/**
 * The JSON path subset checks use to assert on and extract from responses:
 * `$`, `.key`, `['key']` / `["key"]`, `[0]`, `[-1]` (from the end), and `.length` on
 * arrays and strings. Enough for API responses; filters and wildcards are left out
 * because an assertion must name one value.
 */

export class JsonPathError extends Error {}

type Segment = string | number;

export function parseJsonPath(path: string): Segment[] {
  if (!path.startsWith("$")) throw new JsonPathError(`a JSON path starts with $ (got ${JSON.stringify(path)})`);
  const out: Segment[] = [];
  let i = 1;
  while (i < path.length) {
    const ch = path[i];
    if (ch === ".") {
      const m = /^[A-Za-z_$][\w$-]*/.exec(path.slice(i + 1));
      if (!m) throw new JsonPathError(`expected a key after '.' at position ${i + 1} of ${path}`);
      out.push(m[0]);
      i += 1 + m[0].length;
    } else if (ch === "[") {
      const rest = path.slice(i);
      const quoted = /^\[\s*(['"])((?:\\.|(?!\1).)*)\1\s*\]/.exec(rest);
      const index = /^\[\s*(-?\d+)\s*\]/.exec(rest);
      if (quoted) {
        out.push(quoted[2].replace(/\\(.)/g, "$1"));
        i += quoted[0].length;
      } else if (index) {
        out.push(Number(index[1]));
        i += index[0].length;
      } else throw new JsonPathError(`expected [index] or ['key'] at position ${i} of ${path}`);
    } else throw new JsonPathError(`unexpected '${ch}' at position ${i} of ${path}`);
  }
  return out;
}

/** The value at `path`, or undefined when any segment is missing. */
export function evaluateJsonPath(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const seg of parseJsonPath(path)) {
    if (cur === null || cur === undefined) return undefined;
    if (typeof seg === "number") {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[seg < 0 ? cur.length + seg : seg];
    } else if (seg === "length" && (Array.isArray(cur) || typeof cur === "string")) {
      cur = cur.length;
    } else if (typeof cur === "object" && !Array.isArray(cur) && Object.prototype.hasOwnProperty.call(cur, seg)) {
      cur = (cur as Record<string, unknown>)[seg];
    } else return undefined;
  }
  return cur;
}
