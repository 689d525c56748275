/**
 * The error collector the spec validator and its option checks share: every check
 * records a precise `{ path, message }` and returns the normalised value, or undefined
 * when it failed, so one pass reports every problem.
 */
import { parseTimespanText } from "../../wasm-query/language/index";

/** Size caps of a dashboard; a spec over them is refused with the path that broke one. */
export const LIMITS = {
  specBytes: 1024 * 1024,
  panels: 200,
  queriesPerPanel: 10,
  variables: 50,
  variableValues: 1000,
  annotationQueries: 20,
  tags: 20,
  tagLength: 50,
  titleLength: 200,
  descriptionLength: 4000,
  queryLength: 64 * 1024,
  valueLength: 1000,
  markdownLength: 100_000,
  gridRows: 10_000,
  panelHeight: 100,
} as const;

export interface SpecError {
  /** JSON path of the offending value, e.g. `panels[2].queries[0].query`; "" for the whole spec. */
  path: string;
  message: string;
  /** For query text: offsets of the problem inside the query. */
  range?: { from: number; to: number };
}

export type Obj = Record<string, unknown>;

/** Collects errors; each check returns a normalised value or undefined when it failed. */
export class Checker {
  readonly errors: SpecError[] = [];

  fail(path: string, message: string, range?: { from: number; to: number }): undefined {
    this.errors.push(range ? { path, message, range } : { path, message });
    return undefined;
  }

  object(value: unknown, path: string, allowed: readonly string[]): Obj | undefined {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return this.fail(path, "must be an object");
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) this.fail(join(path, key), `unknown field (allowed: ${allowed.join(", ")})`);
    }
    return value as Obj;
  }

  string(value: unknown, path: string, opts: { min?: number; max: number; pattern?: RegExp; patternText?: string }): string | undefined {
    if (typeof value !== "string") return this.fail(path, "must be a string");
    const min = opts.min ?? 0;
    if (value.length < min) return this.fail(path, min === 1 ? "must not be empty" : `must be at least ${min} characters`);
    if (value.length > opts.max) return this.fail(path, `must be at most ${opts.max} characters`);
    if (opts.pattern && !opts.pattern.test(value)) return this.fail(path, opts.patternText ?? `must match ${opts.pattern}`);
    return value;
  }

  optString(value: unknown, path: string, max: number): string | undefined {
    return value === undefined ? undefined : this.string(value, path, { max });
  }

  bool(value: unknown, path: string): boolean | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== "boolean") return this.fail(path, "must be true or false");
    return value;
  }

  int(value: unknown, path: string, min: number, max: number): number | undefined {
    if (typeof value !== "number" || !Number.isInteger(value)) return this.fail(path, "must be a whole number");
    if (value < min || value > max) return this.fail(path, `must be from ${min} to ${max}`);
    return value;
  }

  array(value: unknown, path: string, max: number): unknown[] | undefined {
    if (!Array.isArray(value)) return this.fail(path, "must be an array");
    if (value.length > max) return this.fail(path, `must have at most ${max} items`);
    return value;
  }

  strings(value: unknown, path: string, maxItems: number, maxLength: number): string[] | undefined {
    const list = this.array(value, path, maxItems);
    if (!list) return undefined;
    const out: string[] = [];
    list.forEach((item, i) => {
      const s = this.string(item, `${path}[${i}]`, { min: 1, max: maxLength });
      if (s !== undefined) out.push(s);
    });
    return out;
  }
}

/** A timespan of at least 1µs written like `30s`, `5m`, `1h`. */
export function validSpan(text: string): boolean {
  const ns = parseTimespanText(text);
  return ns !== undefined && ns >= 1000;
}

export function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

