/**
 * Text-level JSON helpers for what JSON.parse cannot do; both run only on rare paths.
 *
 * `findJsonSyntaxError`: JSON.parse's messages do not always give a position
 * ("Unexpected token 'x', "..." is not valid JSON"), so when it fails we re-scan with
 * this small validator to tell the client exactly where. It is iterative (explicit
 * stack) so hostile nesting cannot overflow the call stack.
 *
 * `quoteLongIntegers`: see below.
 */

export interface JsonSyntaxError {
  offset: number;
  line: number;
  column: number;
  reason: string;
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  let i = 0;
  const n = text.length;
  const stack: number[] = []; // 0 = array, 1 = object
  const error = (reason: string): JsonSyntaxError => {
    const before = text.slice(0, i);
    const line = before.split("\n").length;
    const column = i - before.lastIndexOf("\n");
    return { offset: i, line, column, reason: i >= n ? `unexpected end of input (${reason})` : reason };
  };
  const ws = () => {
    while (i < n && WS.has(text.charCodeAt(i))) i++;
  };
  const string = (): string | null => {
    // At the opening quote.
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return null;
      }
      if (c < 0x20) return "control character in string";
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return "invalid \\u escape";
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return "invalid escape in string";
      } else i++;
    }
    return "unterminated string";
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

  ws();
  for (;;) {
    // Expecting a value.
    if (i >= n) return error("expected a value");
    const c = text[i];
    if (c === "{" || c === "[") {
      i++;
      ws();
      if (text[i] === (c === "{" ? "}" : "]")) i++;
      else {
        stack.push(c === "{" ? 1 : 0);
        if (c === "{") {
          if (text[i] !== '"') return error("expected a property name in double quotes");
          const e = string();
          if (e) return error(e);
          ws();
          if (text[i] !== ":") return error("expected ':' after property name");
          i++;
          ws();
        }
        continue;
      }
    } else if (c === '"') {
      const e = string();
      if (e) return error(e);
    } else if (text.startsWith("true", i)) i += 4;
    else if (text.startsWith("false", i)) i += 5;
    else if (text.startsWith("null", i)) i += 4;
    else {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) return error(`unexpected character ${JSON.stringify(c)}`);
      i = NUMBER.lastIndex;
    }
    // After a value: close containers or move to the next element.
    for (;;) {
      ws();
      if (stack.length === 0) return i < n ? error("unexpected data after the JSON value") : null;
      const top = stack[stack.length - 1];
      const d = text[i];
      if (d === (top === 1 ? "}" : "]")) {
        stack.pop();
        i++;
        continue;
      }
      if (d !== ",") return error(top === 1 ? "expected ',' or '}'" : "expected ',' or ']'");
      i++;
      ws();
      if (top === 1) {
        if (text[i] !== '"') return error("expected a property name in double quotes");
        const e = string();
        if (e) return error(e);
        ws();
        if (text[i] !== ":") return error("expected ':' after property name");
        i++;
        ws();
      }
      break;
    }
  }
}

/**
 * OTLP JSON should send 64-bit integers as strings, but receivers must accept numbers
 * too, and JSON.parse rounds those past 2^53 (nanosecond timestamps!). This rewrites
 * bare integers that are not safe as strings, which the int64 readers parse exactly
 * (and double readers accept). It tracks strings so their content is never touched;
 * malformed input is left for JSON.parse to report.
 */
export function quoteLongIntegers(text: string): string {
  const parts: string[] = [];
  let copied = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip a string, with its escapes.
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
      i++;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const start = i;
      i++;
      while (i < n && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
      const next = i < n ? text.charCodeAt(i) : 0;
      const isInteger = next !== 0x2e && next !== 0x65 && next !== 0x45; // no '.', 'e', 'E'
      if (isInteger && i - start >= 16 && !Number.isSafeInteger(Number(text.slice(start, i)))) {
        parts.push(text.slice(copied, start), '"', text.slice(start, i), '"');
        copied = i;
      }
      // Skip the rest of a non-integer number token.
      while (i < n && /[0-9.eE+-]/.test(text[i])) i++;
    } else i++;
  }
  if (copied === 0) return text;
  parts.push(text.slice(copied));
  return parts.join("");
}
