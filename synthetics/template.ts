/**
 * Variables in requests: `{{name}}` is a value an earlier step extracted, `{{secrets.NAME}}`
 * a project secret. Secrets are substituted only into what is sent; everything recorded
 * (URLs, excerpts, assertion values) passes through `redact`, which replaces each secret
 * value (and each extracted value marked secret) with `[secret:NAME]`.
 */

export class TemplateError extends Error {}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)\s*\}\}/g;

export interface TemplateScope {
  vars: Record<string, string>;
  secrets: Record<string, string>;
}

export function render(text: string, scope: TemplateScope): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    if (name.startsWith("secrets.")) {
      const key = name.slice("secrets.".length);
      const value = scope.secrets[key];
      if (value === undefined) throw new TemplateError(`secret '${key}' is not defined in this project`);
      return value;
    }
    const value = scope.vars[name];
    if (value === undefined) throw new TemplateError(`variable '${name}' is not set (no earlier step extracted it)`);
    return value;
  });
}

/** Secret names a text references (to report missing ones before running). */
export function referencedSecrets(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((n) => n.startsWith("secrets.")).map((n) => n.slice(8));
}

export type Redactor = (text: string) => string;

/** Builds a redactor for these named values; longer values first so a value containing another is caught whole. */
export function redactor(values: Record<string, string>): Redactor {
  const pairs = Object.entries(values)
    .filter(([, v]) => v.length >= 3)
    .sort((a, b) => b[1].length - a[1].length);
  return (text) => {
    let out = text;
    for (const [name, value] of pairs) {
      out = out.split(value).join(`[secret:${name}]`);
      // Also the URL-encoded form, as it appears in query strings.
      const encoded = encodeURIComponent(value);
      if (encoded !== value) out = out.split(encoded).join(`[secret:${name}]`);
    }
    return out;
  };
}
