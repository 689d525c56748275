/** recommendation: candidates from product-catalog, ranked by a model that needs its feature store. */
import type { SpanPlan } from "../plan.ts";
import { intBetween } from "../random.ts";
import { type Sim, call, fail, failed, internal, log } from "./calls.ts";
import { listProducts } from "./product-catalog.ts";

export function recommend(sim: Sim, parent: SpanPlan, productId: string | null, start: number, timeoutMs: number) {
  return call(sim, parent, "recommendation", "GET", "/api/recommendations", "/api/recommendations", start, (span, t) => {
    span.attributes["user.id"] = sim.user.id;
    if (productId) span.attributes["url.query"] = `product_id=${productId}`;
    const candidates = listProducts(sim, span, t, 1500);
    if (candidates.status !== 200) {
      log(span, candidates.end, "ERROR", "no candidates: product-catalog unavailable", { "user.id": sim.user.id });
      return { status: 502, end: candidates.end + 0.5 };
    }
    const rank = internal(sim, span, "rank candidates", "recommendation.rank", candidates.end + 0.2, { "recommendation.model": "two-tower-v7" });
    if (failed(sim, "recommendation.rank")) {
      fail(rank, rank.end, "FeatureStoreUnavailable", "connection refused: feature-store.shop.svc:6566", "rank (recommendation/ranker.py:88)");
      log(span, rank.end, "ERROR", "ranking failed: feature store unreachable, returning 503", { "user.id": sim.user.id, "exception.type": "FeatureStoreUnavailable" });
      return { status: 503, end: rank.end + 0.3 };
    }
    const count = intBetween(sim.rng, 3, 6);
    rank.attributes["recommendation.count"] = count;
    log(span, rank.end, "DEBUG", `ranked ${count} recommendations for ${sim.user.id}`, { "user.id": sim.user.id, "recommendation.count": count });
    return { status: 200, end: rank.end + 0.5 };
  }, timeoutMs);
}
