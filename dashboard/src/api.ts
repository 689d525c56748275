/**
 * The dashboard's one door to the server: JSON requests with the session cookie and the
 * chosen project. A 401 means the session ended: the app goes back to sign-in.
 */
import { currentProject, user } from "./state";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export async function api<T>(path: string, body?: unknown, init: RequestInit = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (currentProject.value) headers["x-project-id"] = currentProject.value;
  const res = await fetch(path, {
    method: body === undefined ? "GET" : "POST",
    credentials: "same-origin",
    ...init,
    headers: { ...headers, ...(init.headers as Record<string, string> | undefined) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) {
    if (res.status === 401 && !path.startsWith("/api/v1/auth/")) user.value = null;
    throw new ApiError(res.status, typeof json.error === "string" ? json.error : `${res.status} ${res.statusText}`, json);
  }
  return json as T;
}

export interface Column {
  name: string;
  type: string;
}

export interface QueryResult {
  columns: Column[];
  rows: unknown[][];
  truncated: boolean;
  stats: {
    sql: string;
    files: number;
    hot_files: number;
    hot_rows: number;
    bytes_read: number;
    bytes_fetched: number;
    rows_scanned: number;
    batches: number;
    approximate: boolean;
    wasm_bytes: number;
    ms: number;
    /** Where the query ran: the worker (default) or this browser. */
    engine?: "edge" | "browser";
  };
}

export interface Diagnostic {
  severity: "error" | "warning";
  message: string;
  from: number;
  to: number;
}

export interface Suggestion {
  label: string;
  insertText: string;
  kind: string;
  detail?: string;
  from: number;
  to: number;
}
