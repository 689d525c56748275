/**
 * What completion knows about a project's data: attribute keys actually seen (read by
 * the engine from the newest files) and values of low-cardinality columns (from the
 * catalog's per-file distinct sets, no scan at all). Cached per isolate for a minute:
 * completion runs on every keystroke.
 */
import type { Signal } from "../../core/schema";
import { SIGNALS } from "../../core/schema";
import { createEngine } from "../../wasm-query/engine/engine";
import { fileName, parquetRelation } from "../../wasm-query/engine/relation";
import { r2Source } from "../../wasm-query/engine/source";
import { defaultSources, resolveSourceField, type SuggestionProvider } from "../../wasm-query/language/index";
import type { AppEnv } from "../env";

const TTL_MS = 60_000;
const LOOKBACK_US = 24 * 3_600_000_000;
/** Newest files read for attribute keys: enough to see the common keys, cheap to read. */
const KEY_FILES = 3;
const MAX_SUGGESTIONS = 50;

const cache = new Map<string, { at: number; values: string[] }>();

async function cached(key: string, load: () => Promise<string[]>): Promise<string[]> {
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.values;
  const values = await load();
  cache.set(key, { at: Date.now(), values });
  if (cache.size > 500) cache.delete(cache.keys().next().value!);
  return values;
}

function signalOf(source: string): Signal | undefined {
  return (SIGNALS as readonly string[]).includes(source) ? (source as Signal) : undefined;
}

const startsWith = (prefix: string) => (v: string) => v.toLowerCase().startsWith(prefix.toLowerCase());

export function dataProvider(env: AppEnv, projectId: string): SuggestionProvider {
  const catalog = () => env.CATALOG.get(env.CATALOG.idFromName(projectId));
  const recentFiles = (signal: Signal) => catalog().list({ signal, fromUs: Date.now() * 1000 - LOOKBACK_US });
  return {
    async attributeKeys({ source, scope, prefix }) {
      const signal = signalOf(source);
      if (!signal) return [];
      const column = scope === "resource" ? "resource_attributes" : "attributes";
      const keys = await cached(`${projectId}|${signal}|keys|${column}`, async () => {
        const files = (await recentFiles(signal)).sort((a, b) => b.maxTimestampUs - a.maxTimestampUs).slice(0, KEY_FILES);
        if (files.length === 0) return [];
        const names = files.map((_, i) => fileName(i));
        const sql = `SELECT k FROM (SELECT unnest(map_keys("${column}")) AS k FROM ${parquetRelation(signal, names)}) GROUP BY k ORDER BY count(*) DESC, k LIMIT 500`;
        const r = await createEngine().query(sql, [], { files: files.map((f, i) => r2Source(env.BUCKET, f.key, names[i])), columns: [column] });
        return r.rows.map((row) => String(row[0]));
      });
      return keys.filter(startsWith(prefix)).slice(0, MAX_SUGGESTIONS);
    },
    async fieldValues({ source, field, prefix }) {
      const signal = signalOf(source);
      const src = defaultSources.get(source);
      if (!signal || !src) return [];
      const res = resolveSourceField(src, field.split("."));
      if (res?.kind !== "column") return [];
      const values = await cached(`${projectId}|${signal}|values|${res.column}`, async () => {
        const seen = new Map<string, number>();
        for (const f of await recentFiles(signal)) {
          for (const v of f.stats[res.column]?.distinct ?? []) seen.set(String(v), (seen.get(String(v)) ?? 0) + 1);
        }
        return [...seen.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([v]) => v);
      });
      return values.filter(startsWith(prefix)).slice(0, MAX_SUGGESTIONS);
    },
  };
}
