/** Signed acknowledge/resolve links for the firing alerts of a notification. */
import type { AlertInstance } from "../../core/alerts/model";
import type { AlertActions } from "../notify/message";
import { LINK_TTL_MS, signLink } from "./signed-link";

export const ACTION_LINK_PATH = "/api/v1/alert-links/";

export async function actionLinks(secret: string, baseUrl: string, projectId: string, alerts: AlertInstance[], now: number): Promise<Record<string, AlertActions>> {
  const e = Math.floor((now + LINK_TTL_MS) / 1000);
  const out: Record<string, AlertActions> = {};
  for (const a of alerts) {
    if (a.status !== "firing") continue;
    const [ack, resolve] = await Promise.all([signLink(secret, { p: projectId, f: a.fingerprint, a: "ack", e }), signLink(secret, { p: projectId, f: a.fingerprint, a: "resolve", e })]);
    out[a.fingerprint] = { ack: `${baseUrl}${ACTION_LINK_PATH}${ack}`, resolve: `${baseUrl}${ACTION_LINK_PATH}${resolve}` };
  }
  return out;
}
