/**
 * Reading the dashboards API's answers into what the pages show, tolerant of the two shapes
 * the API has had while it was built (a flat `{path, kind, before, after}` diff and a 409 with
 * `current: {…}`, or a diff by section and key with per-field changes, a line diff, and a 409
 * with `currentVersion`). Pure, unit-tested.
 */
export interface ChangeRow {
  path: string;
  kind: "added" | "removed" | "changed";
  before?: unknown;
  after?: unknown;
}

export interface DiffLine {
  op: "=" | "-" | "+";
  text: string;
}

export interface DiffView {
  changes: ChangeRow[];
  /** A line diff of the JSON, when the server sent one. */
  hunks: { oldStart: number; newStart: number; lines: DiffLine[] }[] | null;
}

export interface ConflictInfo {
  version: number;
  updatedBy: string | null;
  updatedAt: number;
}

interface SectionChange {
  section: string;
  key?: string;
  kind: ChangeRow["kind"];
  before?: unknown;
  after?: unknown;
  fields?: { path: string; before: unknown; after: unknown }[];
}

/** One row per changed field (`panels[ops].title`), or per added/removed item. */
export function readDiff(body: unknown): DiffView {
  const b = (body ?? {}) as { changes?: unknown[]; hunks?: DiffView["hunks"] };
  const rows: ChangeRow[] = [];
  for (const raw of b.changes ?? []) {
    const c = raw as Partial<ChangeRow & SectionChange>;
    if (typeof c.path === "string") {
      rows.push({ path: c.path, kind: c.kind ?? "changed", before: c.before, after: c.after });
      continue;
    }
    const where = `${c.section ?? "?"}${c.key !== undefined ? `[${c.key}]` : ""}`;
    if (c.kind === "changed" && c.fields?.length) for (const f of c.fields) rows.push({ path: `${where}.${f.path}`, kind: "changed", before: f.before, after: f.after });
    else rows.push({ path: where, kind: c.kind ?? "changed", before: c.before, after: c.after });
  }
  return { changes: rows, hunks: b.hunks ?? null };
}

/** Who saved first, from a 409 body; null when it says nothing usable. */
export function readConflict(body: unknown): ConflictInfo | null {
  const b = (body ?? {}) as { current?: Partial<ConflictInfo>; currentVersion?: number; updatedBy?: string | null; updatedAt?: number };
  const version = b.current?.version ?? b.currentVersion;
  if (typeof version !== "number") return null;
  return { version, updatedBy: b.current?.updatedBy ?? b.updatedBy ?? null, updatedAt: b.current?.updatedAt ?? b.updatedAt ?? 0 };
}
