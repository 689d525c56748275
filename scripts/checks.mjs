#!/usr/bin/env node
/**
 * Checks as code: `npm run checks -- apply checks.yaml [--dry-run] [--prune]`.
 * Reads a YAML or JSON file of check definitions, validates it whole (every problem,
 * with its place in the file), compares it with the project's checks by name through
 * the HTTP API and creates or updates what differs. Applying the same file again
 * changes nothing. `--dry-run` prints the plan only; `--prune` also deletes checks
 * the file does not list.
 *
 * Server and key: --url / MONOSCOPE_URL (default http://localhost:8787) and
 * --api-key / MONOSCOPE_API_KEY (an admin-scoped key of the project).
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parse as parseYaml } from "yaml";
import { CheckValidationError, toInput } from "../synthetics/definition.ts";
import { describeAction, parseChecksFile, planApply } from "../synthetics/plan.ts";

const USAGE = "usage: npm run checks -- apply <file.yaml|file.json> [--dry-run] [--prune] [--url URL] [--api-key KEY]";

function fail(message, code = 1) {
  console.error(message);
  process.exit(code);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    "dry-run": { type: "boolean", default: false },
    prune: { type: "boolean", default: false },
    url: { type: "string", default: process.env.MONOSCOPE_URL ?? "http://localhost:8787" },
    "api-key": { type: "string", default: process.env.MONOSCOPE_API_KEY },
  },
});
const [command, file] = positionals;
if (command !== "apply" || !file) fail(USAGE, 2);
if (!values["api-key"]) fail("no API key: pass --api-key or set MONOSCOPE_API_KEY (an admin key of the project)", 2);

let doc;
try {
  const text = readFileSync(file, "utf8");
  doc = /\.json$/i.test(file) ? JSON.parse(text) : parseYaml(text);
} catch (e) {
  fail(`cannot read ${file}: ${e.message}`);
}

let desired;
try {
  desired = parseChecksFile(doc);
} catch (e) {
  if (!(e instanceof CheckValidationError)) throw e;
  fail(`${file} is not valid; nothing was changed:\n${e.problems.map((p) => `  ${p.path || "(file)"}: ${p.message}`).join("\n")}`);
}

const base = values.url.replace(/\/+$/, "");
async function api(method, path, body) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${values["api-key"]}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${json?.error ?? text}`);
  return json;
}

const { checks } = await api("GET", "/api/v1/checks");
const actions = planApply(desired, checks.map((c) => ({ id: c.id, name: c.name, definition: c.definition })), values.prune);
console.log(`${values["dry-run"] ? "Plan" : "Applying"} (${base}):`);
for (const a of actions) console.log(`  ${describeAction(a)}`);
const counts = Object.fromEntries(["create", "update", "unchanged", "delete"].map((k) => [k, actions.filter((a) => a.kind === k).length]));
if (values["dry-run"]) {
  console.log(`${counts.create} to create, ${counts.update} to update, ${counts.delete} to delete, ${counts.unchanged} unchanged (dry run: nothing changed)`);
  process.exit(0);
}
for (const a of actions) {
  if (a.kind === "create") {
    const { check } = await api("POST", "/api/v1/checks", toInput(a.definition));
    if (check.heartbeatUrl) console.log(`  ${a.name}: ping ${check.heartbeatUrl}`);
  } else if (a.kind === "update") await api("PUT", `/api/v1/checks/${a.id}`, toInput(a.definition));
  else if (a.kind === "delete") await api("DELETE", `/api/v1/checks/${a.id}`);
}
console.log(`${counts.create} created, ${counts.update} updated, ${counts.delete} deleted, ${counts.unchanged} unchanged`);
