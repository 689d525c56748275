import { describe, expect, it } from "vitest";
import { appendTable, TableBuilder, type ListColumn, type MapColumn, type NumberColumn, type StringColumn } from "./columns";

function logs(rows: { body: string | null; sev: number | null; attrs: Record<string, string> }[]): TableBuilder {
  const t = new TableBuilder("logs");
  for (const r of rows) {
    for (const def of t.defs) {
      const col = t.column(def.name);
      if (def.name === "body") r.body === null ? (col as StringColumn).appendNull() : (col as StringColumn).append(r.body);
      else if (def.name === "severity_number") r.sev === null ? (col as NumberColumn).appendNull() : (col as NumberColumn).append(r.sev);
      else if (def.name === "attributes") {
        const m = col as MapColumn;
        for (const [k, v] of Object.entries(r.attrs)) {
          m.keys.append(k);
          m.values.append(v);
        }
        m.closeRow();
      } else if (col.type === "map") (col as MapColumn).closeRow();
      else (col as StringColumn | NumberColumn | ListColumn).appendNull();
    }
    t.endRow();
  }
  return t;
}

describe("appendTable", () => {
  it("appends rows with strings, nulls, numbers and maps intact", () => {
    const a = logs([{ body: "héllo", sev: 9, attrs: { a: "1" } }]);
    const b = logs([
      { body: null, sev: 17, attrs: {} },
      { body: "wörld", sev: null, attrs: { x: "y", z: "w" } },
    ]);
    appendTable(a, b);
    expect(a.rows).toBe(3);
    const pick = (i: number) => {
      const r = a.row(i);
      return [r.body, r.severity_number, r.attributes];
    };
    expect([pick(0), pick(1), pick(2)]).toEqual([
      ["héllo", 9, { a: "1" }],
      [null, 17, {}],
      ["wörld", null, { x: "y", z: "w" }],
    ]);
  });

  it("refuses rows of another signal", () => {
    expect(() => appendTable(new TableBuilder("logs"), new TableBuilder("spans"))).toThrow(/spans/);
  });
});
