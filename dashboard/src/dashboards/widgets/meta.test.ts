import { describe, expect, it } from "vitest";
import { WIDGET_TYPES } from "../../../../core/dashboards/spec";
import { validate } from "../../../../wasm-query/language";
import { WIDGET_META } from "./meta";

describe("WIDGET_META", () => {
  it("describes every widget type, with defaults only for options the type reads", () => {
    expect(Object.keys(WIDGET_META).sort()).toEqual([...WIDGET_TYPES].sort());
    for (const [type, meta] of Object.entries(WIDGET_META)) {
      for (const key of Object.keys(meta.defaults)) expect(meta.options, `${type}.${key}`).toContain(key);
      expect(meta.size.w).toBeGreaterThan(0);
      expect(meta.size.w).toBeLessThanOrEqual(24);
    }
  });

  it("gives example queries the language accepts", () => {
    for (const [type, meta] of Object.entries(WIDGET_META)) {
      if (meta.queries === "none") {
        expect(meta.example, type).toBe("");
        continue;
      }
      expect(validate(meta.example).filter((d) => d.severity === "error"), `${type}: ${meta.example}`).toEqual([]);
    }
  });
});
