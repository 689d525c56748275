/**
 * A readable name for an element, for clicks and Web Vitals attribution: an explicit
 * `data-mse-name`, else the accessible label or short visible text, else a CSS-like
 * `tag#id.class` path. Text of inputs is never read (it may be what the user typed).
 */
const MAX = 60;

function clip(s: string | null | undefined): string {
  const t = (s ?? "").replace(/\s+/g, " ").trim();
  return t.length > MAX ? t.slice(0, MAX - 1) + "…" : t;
}

export function selectorOf(el: Element): string {
  let s = el.tagName.toLowerCase();
  if (el.id) return `${s}#${el.id}`;
  const cls = typeof el.className === "string" ? el.className.trim().split(/\s+/).slice(0, 2).join(".") : "";
  if (cls) s += "." + cls;
  const parent = el.parentElement;
  return parent && parent !== document.body && parent !== document.documentElement ? `${selectorOf(parent)}>${s}` : s;
}

export function targetName(node: EventTarget | Node | null | undefined): string {
  let el = node instanceof Element ? node : node instanceof Node ? node.parentElement : null;
  if (!el) return "";
  el = el.closest("[data-mse-name],button,a,[role=button],input,select,textarea,label") ?? el;
  const explicit = el.getAttribute("data-mse-name");
  if (explicit) return clip(explicit);
  const label = el.getAttribute("aria-label") ?? el.getAttribute("title") ?? el.getAttribute("alt");
  if (label) return clip(label);
  const tag = el.tagName;
  if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") {
    const input = el as HTMLInputElement;
    return `${tag.toLowerCase()}${input.name ? `[name=${input.name}]` : ""}${input.type === "submit" ? ` "${clip(input.value)}"` : ""}`;
  }
  const text = clip((el as HTMLElement).innerText ?? el.textContent);
  return text || selectorOf(el);
}
