/**
 * Checks as code: what applying a file changes. Checks are matched by name; a check
 * whose normalised definition equals the stored one is left alone, so applying the
 * same file twice changes nothing. Checks missing from the file are deleted only when
 * asked (`prune`), since a file may describe only some of a project's checks.
 * Erasable TypeScript only: the CLI (scripts/checks.mjs) imports it with Node's type stripping.
 */
import { CheckValidationError, parseCheck, type CheckDefinition, type FieldProblem } from "./definition.ts";

export interface ExistingCheck {
  id: string;
  name: string;
  /** As the API returns it (input form). */
  definition: unknown;
}

export type Action =
  | { kind: "create"; name: string; definition: CheckDefinition }
  | { kind: "update"; id: string; name: string; definition: CheckDefinition; changed: string[] }
  | { kind: "unchanged"; id: string; name: string }
  | { kind: "delete"; id: string; name: string };

/** The checks of a file: `{ checks: [...] }` or a bare list; every problem, with its path in the file. */
export function parseChecksFile(doc: unknown): CheckDefinition[] {
  const list = Array.isArray(doc) ? doc : doc && typeof doc === "object" && Array.isArray((doc as { checks?: unknown }).checks) ? (doc as { checks: unknown[] }).checks : null;
  const prefix = Array.isArray(doc) ? "" : "checks";
  if (!list) throw new CheckValidationError([{ path: "", message: "expected a list of checks, or an object with a `checks` list" }]);
  const problems: FieldProblem[] = [];
  const defs: CheckDefinition[] = [];
  const seen = new Map<string, number>();
  list.forEach((item, i) => {
    const at = `${prefix}[${i}]`;
    try {
      const def = parseCheck(item);
      if (seen.has(def.name)) problems.push({ path: `${at}.name`, message: `'${def.name}' is also the name of ${prefix}[${seen.get(def.name)}]: names identify checks` });
      seen.set(def.name, i);
      defs.push(def);
    } catch (e) {
      if (!(e instanceof CheckValidationError)) throw e;
      for (const p of e.problems) problems.push({ path: p.path ? `${at}.${p.path}` : at, message: p.message });
    }
  });
  if (problems.length) throw new CheckValidationError(problems);
  return defs;
}

/** JSON with sorted keys, so equal definitions compare equal whatever their key order. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value).sort().filter((k) => (value as Record<string, unknown>)[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function planApply(desired: readonly CheckDefinition[], existing: readonly ExistingCheck[], prune: boolean): Action[] {
  const byName = new Map(existing.map((e) => [e.name, e]));
  const actions: Action[] = [];
  for (const def of desired) {
    const current = byName.get(def.name);
    if (!current) {
      actions.push({ kind: "create", name: def.name, definition: def });
      continue;
    }
    const stored = parseCheck(current.definition);
    const changed = Object.keys(def).filter((k) => canonical((def as unknown as Record<string, unknown>)[k]) !== canonical((stored as unknown as Record<string, unknown>)[k]));
    actions.push(changed.length ? { kind: "update", id: current.id, name: def.name, definition: def, changed } : { kind: "unchanged", id: current.id, name: def.name });
  }
  if (prune) {
    const wanted = new Set(desired.map((d) => d.name));
    for (const e of existing) if (!wanted.has(e.name)) actions.push({ kind: "delete", id: e.id, name: e.name });
  }
  return actions;
}

export function describeAction(a: Action): string {
  switch (a.kind) {
    case "create":
      return `+ create     ${a.name} (${a.definition.type}, every ${a.definition.intervalMinutes} min${a.definition.regions.length ? `, ${a.definition.regions.join(" ")}` : ""})`;
    case "update":
      return `~ update     ${a.name} (${a.changed.join(", ")})`;
    case "unchanged":
      return `= unchanged  ${a.name}`;
    case "delete":
      return `- delete     ${a.name}`;
  }
}
