/**
 * The part of OTLP JSON decoding shared by the three signals: parsing, the
 * request → resourceX → scopeX → items nesting, and the resource/scope values every
 * row repeats. Mirrors `pb-walker.ts`.
 *
 * Errors in the nesting (a list that is not a list, a resource that is not an object)
 * make the whole request invalid; a `RecordError` thrown while decoding one item only
 * rejects that item.
 */
import type { Signal } from "../../../core/schema";
import type { DecodeResult } from "./errors";
import { OtlpDecodeError, Rejections } from "./errors";
import { JsonAttributes } from "./json-attributes";
import { findJsonSyntaxError } from "./json-syntax";
import { get, isObject, type JsonObject, RecordError } from "./json-values";
import { EMPTY_SCOPE, PreparedResource, type PreparedScope, SignalTable } from "./table-binding";
import { encodeUtf8 } from "./text";

/** Parses the request body, reporting where the JSON is malformed. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const found = findJsonSyntaxError(text);
    const where = found
      ? `${found.reason} at position ${found.offset} (line ${found.line}, column ${found.column})`
      : (e as Error).message;
    throw new OtlpDecodeError(`invalid JSON: ${where}`, { offset: found?.offset });
  }
}

/** JSON names of one signal's levels: [camel, snake] for the request list, the scope list and the items. */
export type LevelNames = readonly [readonly [string, string], readonly [string, string], readonly [string, string]];

export abstract class JsonWalker {
  readonly st: SignalTable;
  readonly rejections = new Rejections();
  readonly attrs: JsonAttributes;
  private readonly resourceAttrs: JsonAttributes;
  resource: PreparedResource;
  scope: PreparedScope = EMPTY_SCOPE;

  constructor(
    signal: Signal,
    private readonly names: LevelNames,
  ) {
    this.st = new SignalTable(signal);
    this.attrs = new JsonAttributes(this.st.recordPromoted);
    this.resourceAttrs = new JsonAttributes(this.st.resourcePromoted);
    this.resource = new PreparedResource(this.st.resourcePromoted.size);
  }

  /** Decodes one item; throws RecordError to reject it (before appending anything). */
  protected abstract item(o: JsonObject, path: string): void;

  run(root: unknown): DecodeResult {
    if (!isObject(root)) throw structural("$", "the request must be a JSON object");
    const [[rc, rs], [sc, ss], [ic, is]] = this.names;
    const resources = list(root, rc, rs, "$");
    for (let ri = 0; ri < resources.length; ri++) {
      const rpath = `${rc}[${ri}]`;
      const rx = resources[ri];
      if (!isObject(rx)) throw structural(`$.${rpath}`, "expected an object");
      this.prepareResource(rx, rpath);
      const scopes = list(rx, sc, ss, `$.${rpath}`);
      for (let si = 0; si < scopes.length; si++) {
        const spath = `${rpath}.${sc}[${si}]`;
        const sx = scopes[si];
        if (!isObject(sx)) throw structural(`$.${spath}`, "expected an object");
        this.prepareScope(sx, spath);
        const items = list(sx, ic, is, `$.${spath}`);
        for (let i = 0; i < items.length; i++) {
          const path = `${spath}.${ic}[${i}]`;
          const item = items[i];
          try {
            if (!isObject(item)) throw new RecordError("expected an object");
            this.item(item, path);
          } catch (e) {
            if (!(e instanceof RecordError)) throw e;
            this.rejections.add(path, e.message);
          }
        }
      }
    }
    const table = this.st.table;
    return { table, accepted: table.rows, rejected: this.rejections.count, errors: this.rejections.errors };
  }

  private prepareResource(rx: JsonObject, path: string): void {
    const attrs = this.resourceAttrs;
    attrs.reset();
    const res = get(rx, "resource");
    if (res !== undefined) {
      if (!isObject(res)) throw structural(`$.${path}.resource`, "expected an object");
      try {
        attrs.collect(get(res, "attributes"));
      } catch (e) {
        if (e instanceof RecordError) throw structural(`$.${path}.resource`, e.message);
        throw e;
      }
    }
    this.resource = new PreparedResource(this.st.resourcePromoted.size);
    attrs.prepare(this.resource);
    this.resource.finish();
  }

  private prepareScope(sx: JsonObject, path: string): void {
    const scope = get(sx, "scope");
    if (scope === undefined) {
      this.scope = EMPTY_SCOPE;
      return;
    }
    if (!isObject(scope)) throw structural(`$.${path}.scope`, "expected an object");
    const name = get(scope, "name");
    const version = get(scope, "version");
    if ((name !== undefined && typeof name !== "string") || (version !== undefined && typeof version !== "string")) {
      throw structural(`$.${path}.scope`, "name and version must be strings");
    }
    this.scope = {
      name: name ? encodeUtf8(name) : null,
      version: version ? encodeUtf8(version) : null,
    };
  }

  /** Appends the resource, scope and record-attribute columns of the current row. */
  protected appendShared(): void {
    const st = this.st;
    st.appendResource(this.resource);
    st.appendScope(this.scope);
    this.attrs.write(st.recordCols, st.attributes);
  }
}

function list(o: JsonObject, camel: string, snake: string, path: string): unknown[] {
  const v = get(o, camel, snake);
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw structural(`${path}.${camel}`, "expected an array");
  return v;
}

function structural(path: string, message: string): OtlpDecodeError {
  return new OtlpDecodeError(`invalid OTLP JSON at ${path}: ${message}`, { path });
}
