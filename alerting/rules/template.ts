/**
 * Annotation and label templates in the subset of Prometheus's Go templates people
 * actually write: `{{ $labels.service }}`, `{{ $value }}`, pipelines into helpers
 * (`{{ $value | humanize }}`, `{{ humanizePercentage $value }}`, `{{ printf "%.2f" $value }}`).
 * Pure; unknown names are reported at validation time so a typo never reaches a pager.
 */
export interface TemplateData {
  labels: Record<string, string>;
  value: number | null;
}

type Arg = { kind: "value" } | { kind: "label"; name: string } | { kind: "string"; text: string } | { kind: "number"; n: number } | { kind: "ident"; name: string };

const TOKEN = /\s*(?:(\$value)\b|\$labels\.([A-Za-z_][A-Za-z0-9_]*)|"((?:[^"\\]|\\.)*)"|(-?\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(\|))/y;

class TemplateError extends Error {}

function tokens(src: string): (Arg | "|")[] {
  const out: (Arg | "|")[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(src);
    if (!m) throw new TemplateError(`cannot read '${src.slice(pos).trim().slice(0, 20)}' (use $value, $labels.<name>, "text", numbers and helpers)`);
    pos = TOKEN.lastIndex;
    if (m[1]) out.push({ kind: "value" });
    else if (m[2]) out.push({ kind: "label", name: m[2] });
    else if (m[3] !== undefined) out.push({ kind: "string", text: m[3].replace(/\\(.)/g, (_, ch: string) => (ch === "n" ? "\n" : ch)) });
    else if (m[4]) out.push({ kind: "number", n: Number(m[4]) });
    else if (m[5]) out.push({ kind: "ident", name: m[5] });
    else out.push("|");
  }
  return out;
}

type Value = string | number | null;

const SI_BIG = ["", "k", "M", "G", "T", "P", "E", "Z", "Y"];
const SI_SMALL = ["", "m", "µ", "n", "p", "f", "a", "z", "y"];

/** Go's %.4g: four significant digits, trailing zeros dropped. */
function g4(n: number): string {
  const s = n.toPrecision(4);
  return s.includes("e") ? s : s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}

function num(v: Value, fn: string): number {
  const n = typeof v === "number" ? v : v === null ? NaN : Number(v);
  if (Number.isNaN(n)) throw new TemplateError(`${fn} needs a number`);
  return n;
}

/** Prometheus's humanize: SI prefixes, 4 significant digits (1234567 → "1.235M"). */
export function humanize(n: number): string {
  if (n === 0 || !Number.isFinite(n)) return String(n);
  let i = 0;
  let v = n;
  if (Math.abs(v) >= 1) {
    while (Math.abs(v) >= 1000 && i < SI_BIG.length - 1) (v /= 1000), i++;
    return g4(v) + SI_BIG[i];
  }
  while (Math.abs(v) < 1 && i < SI_SMALL.length - 1) (v *= 1000), i++;
  return g4(v) + SI_SMALL[i];
}

/** Seconds → "1d 2h 3m 4s" (Prometheus's humanizeDuration). */
export function humanizeDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  if (Math.abs(seconds) < 1) return seconds === 0 ? "0s" : `${g4(seconds * 1000)}ms`;
  const sign = seconds < 0 ? "-" : "";
  let s = Math.abs(seconds);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s %= 86400) / 3600);
  const m = Math.floor((s %= 3600) / 60);
  const sec = s % 60;
  const parts = [d && `${d}d`, h && `${h}h`, m && `${m}m`, `${Number.isInteger(sec) ? sec : g4(sec)}s`].filter(Boolean);
  return sign + parts.join(" ");
}

/** printf with %s %d %f %.Nf %g %v %% — the verbs used in alert text. */
export function printf(format: string, args: Value[]): string {
  let i = 0;
  return format.replace(/%(%|\.(\d+)f|[sdfgv])/g, (whole, verb: string, digits?: string) => {
    if (verb === "%") return "%";
    const a = args[i++];
    if (a === undefined) return "%!" + whole.slice(1) + "(MISSING)";
    if (digits !== undefined) return num(a, "printf").toFixed(Number(digits));
    switch (verb) {
      case "d":
        return String(Math.trunc(num(a, "printf")));
      case "f":
        return num(a, "printf").toFixed(6);
      case "g":
        return String(num(a, "printf"));
      default:
        return a === null ? "<nil>" : String(a);
    }
  });
}

const FUNCTIONS: Record<string, (args: Value[]) => Value> = {
  humanize: ([v]) => humanize(num(v, "humanize")),
  humanizePercentage: ([v]) => `${g4(num(v, "humanizePercentage") * 100)}%`,
  humanizeDuration: ([v]) => humanizeDuration(num(v, "humanizeDuration")),
  printf: ([format, ...rest]) => printf(String(format ?? ""), rest),
  toUpper: ([v]) => String(v ?? "").toUpperCase(),
  toLower: ([v]) => String(v ?? "").toLowerCase(),
};
const ARITY: Record<string, number> = { humanize: 1, humanizePercentage: 1, humanizeDuration: 1, toUpper: 1, toLower: 1 };

function evalPipeline(items: (Arg | "|")[], data: TemplateData): Value {
  const commands: Arg[][] = [[]];
  for (const t of items) (t === "|" ? commands.push([]) : commands[commands.length - 1].push(t));
  let carried: Value | undefined;
  for (const cmd of commands) {
    if (cmd.length === 0) throw new TemplateError("empty command in a pipeline");
    const operand = (a: Arg): Value => {
      if (a.kind === "value") return data.value;
      if (a.kind === "label") return data.labels[a.name] ?? "";
      if (a.kind === "string") return a.text;
      if (a.kind === "number") return a.n;
      throw new TemplateError(`'${a.name}' is not a value here`);
    };
    const [head, ...rest] = cmd;
    if (head.kind === "ident") {
      const fn = FUNCTIONS[head.name];
      if (!fn) throw new TemplateError(`unknown function '${head.name}' (known: ${Object.keys(FUNCTIONS).join(", ")})`);
      const args = rest.map(operand);
      if (carried !== undefined) args.push(carried);
      if (ARITY[head.name] !== undefined && args.length !== ARITY[head.name]) throw new TemplateError(`${head.name} takes ${ARITY[head.name]} argument`);
      carried = fn(args);
    } else {
      if (rest.length > 0 || carried !== undefined) throw new TemplateError("a value cannot take arguments");
      carried = operand(head);
    }
  }
  return carried ?? null;
}

function format(v: Value): string {
  if (v === null) return "<no value>";
  return typeof v === "number" ? String(v) : v;
}

function walk(text: string, action: (inner: string) => string): string {
  let out = "";
  let pos = 0;
  while (pos < text.length) {
    const open = text.indexOf("{{", pos);
    if (open < 0) break;
    const close = text.indexOf("}}", open + 2);
    if (close < 0) throw new TemplateError(`'{{' at ${open} is never closed`);
    out += text.slice(pos, open) + action(text.slice(open + 2, close).replace(/^-|-$/g, ""));
    pos = close + 2;
  }
  return out + text.slice(pos);
}

/** Renders a template; a template that fails renders its error in place (never throws). */
export function renderTemplate(text: string, data: TemplateData): string {
  try {
    return walk(text, (inner) => format(evalPipeline(tokens(inner), data)));
  } catch (err) {
    return `${text} (template error: ${(err as Error).message})`;
  }
}

/** Problems a template has regardless of the data (for validation). */
export function templateErrors(text: string): string[] {
  try {
    walk(text, (inner) => format(evalPipeline(tokens(inner), { labels: {}, value: 1 })));
    return [];
  } catch (err) {
    return [(err as Error).message];
  }
}

export function renderAll(templates: Record<string, string>, data: TemplateData): Record<string, string> {
  return Object.fromEntries(Object.entries(templates).map(([k, v]) => [k, renderTemplate(v, data)]));
}
