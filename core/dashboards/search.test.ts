import { describe, expect, it } from "vitest";
import { foldText, likePattern, searchFields, searchWords } from "./search";
import { LOGS_OVERVIEW } from "./builtins";

describe("dashboard search text", () => {
  it("folds case and accents", () => {
    expect(foldText("Édition SPÉCIALE — Zürich")).toBe("edition speciale — zurich");
  });

  it("keeps title, tags and panel titles apart for ranking", () => {
    expect(searchFields(LOGS_OVERVIEW)).toEqual({
      title: "logs overview",
      tags: "logs\nbuilt-in",
      panels: "log volume by severity\nerrors by service\ntop error messages\nlogs",
    });
  });

  it("splits a search into distinct folded words, dropping punctuation", () => {
    expect(searchWords('  Request "rate"  (p95) rate ')).toEqual(["request", "rate", "p95"]);
    expect(searchWords("%_")).toEqual(["_"]);
    expect(searchWords("a b c d e f g h i j")).toHaveLength(8);
  });

  it("escapes LIKE wildcards", () => {
    expect(likePattern("50%_off\\")).toBe("%50\\%\\_off\\\\%");
  });
});
