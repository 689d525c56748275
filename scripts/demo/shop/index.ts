/**
 * The simulated shop: frontend → checkout → payment, cart, product-catalog (→ postgres),
 * recommendation, email. `visitShop` plans one visitor request as a trace.
 */
import type { IncidentKind } from "../incidents.ts";
import type { SpanPlan } from "../plan.ts";
import type { Rng } from "../random.ts";
import type { Journey } from "../traffic.ts";
import { pickUser } from "./data.ts";
import { visit } from "./frontend.ts";

export type { Sim } from "./calls.ts";

export function visitShop(rng: Rng, journey: Journey, incident: IncidentKind | null): SpanPlan {
  return visit({ rng, incident, user: pickUser(rng) }, journey);
}
