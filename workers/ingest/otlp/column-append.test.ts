import { describe, expect, it } from "vitest";
import { StringColumn } from "../../../core/columns";
import { appendArray, appendBlock, appendBytes, appendString, appendUtf8Checked, Utf8Block } from "./column-append";

/** The observable state of a column: values, nulls, and the raw Arrow buffers. */
function state(c: StringColumn) {
  return {
    length: c.length,
    values: Array.from({ length: c.length }, (_, i) => c.get(i)),
    offsets: Array.from(c.offsets.subarray(0, c.length + 1)),
    bytes: Array.from(c.bytes.finish()),
    validity: c.validity.finish(c.length) && Array.from(c.validity.finish(c.length)!),
    nulls: c.validity.nulls,
  };
}

const enc = (s: string) => new TextEncoder().encode(s);

describe("fast string appends", () => {
  // Enough values to cross the initial capacities (256 offsets, 4 KiB of bytes).
  const values = Array.from({ length: 700 }, (_, i) =>
    i % 50 === 0 ? "x".repeat(100 + i) : i % 7 === 0 ? "" : `value-${i}-é`,
  );

  it("leave a column exactly as StringColumn.appendUtf8 does", () => {
    const reference = new StringColumn();
    const fast = new StringColumn();
    const checked = new StringColumn();
    const arrays = new StringColumn();
    const strings = new StringColumn();
    const src = enc(`prefix|${values.join("|")}`);
    let start = 7;
    values.forEach((v, i) => {
      const end = start + enc(v).length;
      if (i % 11 === 3) {
        for (const c of [reference, fast, checked, arrays, strings]) c.appendNull();
      }
      reference.appendUtf8(src, start, end);
      appendBytes(fast, src, start, end);
      appendUtf8Checked(checked, src, start, end);
      appendArray(arrays, src.slice(start, end));
      appendString(strings, v);
      start = end + 1;
    });
    expect(state(fast)).toEqual(state(reference));
    expect(state(checked)).toEqual(state(reference));
    expect(state(arrays)).toEqual(state(reference));
    expect(state(strings)).toEqual(state(reference));
  });

  it("appends a block of values with one copy", () => {
    const reference = new StringColumn();
    const fast = new StringColumn();
    const block = Utf8Block.of(values.slice(0, 40).map(enc));
    for (let row = 0; row < 30; row++) {
      for (const v of values.slice(0, 40)) reference.append(v);
      appendBlock(fast, block);
    }
    expect(state(fast)).toEqual(state(reference));
    appendBlock(fast, Utf8Block.of([]));
    expect(fast.length).toBe(reference.length);
  });

  it("repairs invalid UTF-8 instead of storing it", () => {
    const c = new StringColumn();
    const bad = Uint8Array.from([0x61, 0xff, 0x62, 0xed, 0xa0, 0x80]);
    appendUtf8Checked(c, bad, 0, bad.length);
    appendUtf8Checked(c, enc("ok"), 0, 2);
    const long = Uint8Array.from([...enc("y".repeat(60)), 0xc3]);
    appendUtf8Checked(c, long, 0, long.length);
    expect(c.get(0)).toBe("a\uFFFDb\uFFFD\uFFFD\uFFFD");
    expect(c.get(1)).toBe("ok");
    expect(c.get(2)).toBe("y".repeat(60) + "\uFFFD");
    expect(c.length).toBe(3);
  });
});
