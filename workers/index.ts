/**
 * The one deployable worker: mounts the HTTP apps, runs the cron, and exports the
 * Durable Object classes. Routes live in each app's `routes/` folder; this file only wires them.
 */
import { Hono } from "hono";
import { cors } from "hono/cors";
import type { AppEnv, Vars } from "./env";
import { ensureBootstrapped } from "./control/bootstrap";
import { onError } from "./middleware/errors";
import { otlpRoutes } from "./ingest/routes/otlp";
import { storageRoutes } from "./api/routes/storage";
import { adminRoutes } from "./api/routes/admin";
import { healthRoutes } from "./api/routes/health";
import { queryRoutes } from "./api/routes/query";
import { authRoutes } from "./api/routes/auth";
import { tailRoutes } from "./api/routes/tail";
import { dashboardRoutes } from "./api/routes/dashboards";
import { alertRuleRoutes } from "./api/routes/alert-rules";
import { checkRoutes } from "./api/routes/checks";
import { rumIntakeRoutes } from "./rum/routes/intake";
import { rumApiRoutes } from "./api/routes/rum";
import { alertRoutingRoutes } from "./api/routes/alerting";
import { runCron } from "./cron";

export { BufferObject } from "../durable-objects/buffer/buffer-object";
export { CatalogObject } from "../durable-objects/catalog/catalog-object";
export { TailObject } from "../durable-objects/tail/tail-object";
export { AlertStateObject } from "../durable-objects/alert-state/alert-state-object";
export { RegionRunnerObject } from "../durable-objects/region-runner/region-runner-object";
export { AlertDispatchObject } from "../durable-objects/alert-dispatch/dispatch-object";

const app = new Hono<{ Bindings: AppEnv; Variables: Vars }>();

app.use("*", async (c, next) => {
  await ensureBootstrapped(c.env);
  await next();
});
// Browser OTLP exporters send from other origins; the API key is what authorises.
app.use(
  "/v1/*",
  cors({
    origin: "*",
    allowMethods: ["POST", "OPTIONS"],
    allowHeaders: ["content-type", "content-encoding", "authorization", "x-api-key"],
    maxAge: 86400,
  }),
);
app.route("/", healthRoutes);
app.route("/", otlpRoutes);
app.route("/", storageRoutes);
app.route("/", adminRoutes);
app.route("/", queryRoutes);
app.route("/", authRoutes);
app.route("/", tailRoutes);
app.route("/", dashboardRoutes);
app.route("/", alertRuleRoutes);
app.route("/", checkRoutes);
app.route("/", rumIntakeRoutes);
app.route("/", rumApiRoutes);
app.route("/", alertRoutingRoutes);
app.notFound((c) => c.json({ error: `no route for ${c.req.method} ${c.req.path}` }, 404));
app.onError(onError);

export default {
  fetch: app.fetch,
  scheduled: async (controller, env, ctx) => {
    ctx.waitUntil(runCron(env, new Date(controller.scheduledTime)));
  },
} satisfies ExportedHandler<AppEnv>;
