/**
 * Dashboard search without a full-text engine: each dashboard keeps its title, tags and
 * panel titles folded (lower case, accents removed) in plain columns, and a search is one
 * LIKE per word. SQLite FTS5 would rank and tokenise for us, but `wrangler d1 export`
 * refuses a whole database that holds an FTS5 table (cloudflare/workers-sdk#6305), and a
 * project has hundreds of dashboards, not millions.
 */
import type { DashboardSpec } from "./spec";

/** Lower case without diacritics, so "Édition" and "edition" match. */
export function foldText(text: string): string {
  return text.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();
}

export interface SearchFields {
  title: string;
  tags: string;
  panels: string;
}

/** The folded text a spec is found by. */
export function searchFields(spec: DashboardSpec): SearchFields {
  return {
    title: foldText(spec.title),
    tags: foldText(spec.tags.join("\n")),
    panels: foldText(spec.panels.map((p) => p.title).join("\n")),
  };
}

/** At most this many words of a search are used. */
export const MAX_SEARCH_WORDS = 8;

/** The words of a search, folded; punctuation separates words and is never matched. */
export function searchWords(query: string): string[] {
  const words = foldText(query).match(/[\p{L}\p{N}_]+/gu) ?? [];
  return [...new Set(words)].slice(0, MAX_SEARCH_WORDS);
}

/** A LIKE pattern matching `word` anywhere, with `%`, `_` and `\` escaped (use `ESCAPE '\'`). */
export function likePattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
