import { describe, expect, it } from "vitest";
import { parseStack, topFrame } from "./stack";

describe("parseStack", () => {
  it("parses V8 frames, named and anonymous, async", () => {
    const stack = [
      "TypeError: x is undefined",
      "    at checkout (https://shop.example/app.js:10:15)",
      "    at https://shop.example/app.js:20:3",
      "    at async Promise.all (index 0)",
      "    at async submit (https://shop.example/app.js:30:7)",
    ].join("\n");
    expect(parseStack(stack)).toEqual([
      { fn: "checkout", file: "https://shop.example/app.js", line: 10, col: 15 },
      { fn: "?", file: "https://shop.example/app.js", line: 20, col: 3 },
      { fn: "submit", file: "https://shop.example/app.js", line: 30, col: 7 },
    ]);
  });
  it("parses Firefox/Safari frames", () => {
    const stack = "checkout@https://shop.example/app.js:10:15\n@https://shop.example/app.js:20:3\n[native code]";
    const frames = parseStack(stack);
    expect(frames).toEqual([
      { fn: "checkout", file: "https://shop.example/app.js", line: 10, col: 15 },
      { fn: "?", file: "https://shop.example/app.js", line: 20, col: 3 },
    ]);
    expect(topFrame(frames)).toBe("checkout (https://shop.example/app.js:10:15)");
  });
  it("returns no frames for missing stacks", () => {
    expect(parseStack(undefined)).toEqual([]);
    expect(topFrame([])).toBe("");
  });
});
