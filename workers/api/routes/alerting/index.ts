/**
 * The alert routing API: routing config, alerts, silences, contact points, on-call, and
 * the signed action links. One app so the worker mounts it with one line.
 */
import { Hono } from "hono";
import type { AppEnv, Vars } from "../../../env";
import { alertRoutes } from "./alerts";
import { configRoutes } from "./config";
import { contactPointRoutes } from "./contact-points";
import { linkRoutes } from "./links";
import { oncallRoutes } from "./oncall";
import { silenceRoutes } from "./silences";

export const alertRoutingRoutes = new Hono<{ Bindings: AppEnv; Variables: Vars }>();
for (const routes of [configRoutes, alertRoutes, silenceRoutes, contactPointRoutes, oncallRoutes, linkRoutes]) alertRoutingRoutes.route("/", routes);
