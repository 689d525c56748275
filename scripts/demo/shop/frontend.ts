/**
 * frontend: the pages visitors load. Each journey is one trace whose root is the
 * frontend's SERVER span; downstream calls run in parallel where a real page would
 * (product + recommendations + cart badge) and one after another where it would not.
 */
import type { SpanPlan } from "../plan.ts";
import { intBetween, pick } from "../random.ts";
import type { Journey } from "../traffic.ts";
import { type Reply, type Sim, fail, failed, internal, log, serve } from "./calls.ts";
import { addItem, getCart } from "./cart.ts";
import { placeOrder } from "./checkout.ts";
import { PRODUCTS, type Product, SEARCH_TERMS } from "./data.ts";
import { getProduct, listProducts, searchProducts } from "./product-catalog.ts";
import { recommend } from "./recommendation.ts";

const USER_AGENTS = [
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
  "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0",
];

type Outcome = { status: number | null; end: number };

function render(sim: Sim, span: SpanPlan, page: string, t: number): Reply {
  const r = internal(sim, span, `render ${page}`, "frontend.render", t, { "template.name": page });
  if (failed(sim, "frontend.render")) {
    fail(r, r.end, "TypeError", "Cannot read properties of undefined (reading 'priceCents')", "ProductCard (src/components/ProductCard.tsx:41:27)");
    log(span, r.end, "ERROR", `render ${page} failed: TypeError: Cannot read properties of undefined (reading 'priceCents')`, { "user.id": sim.user.id, "exception.type": "TypeError" });
    return { status: 500, end: r.end + 0.5 };
  }
  return { status: 200, end: r.end + 0.3 };
}

function upstreamFailed(sim: Sim, span: SpanPlan, r: Outcome, what: string): Reply {
  const why = r.status === null ? "timed out" : `answered ${r.status}`;
  log(span, r.end, "ERROR", `could not load ${what}: upstream ${why}`, { "user.id": sim.user.id });
  return { status: r.status === null ? 504 : 502, end: r.end + 0.5 };
}

/** Recommendations are optional: the page renders without them. */
function softRecommend(sim: Sim, span: SpanPlan, productId: string | null, t: number): number {
  const rec = recommend(sim, span, productId, t, 800);
  if (rec.status !== 200) log(span, rec.end, "WARN", `recommendations unavailable (${rec.status === null ? "timeout after 800 ms" : rec.status}), rendering page without them`, { "user.id": sim.user.id });
  return rec.end;
}

function cartItems(sim: Sim): Product[] {
  return Array.from({ length: intBetween(sim.rng, 1, 4) }, () => pick(sim.rng, PRODUCTS));
}

const JOURNEYS: Record<Journey, { method: string; route: string; path: (sim: Sim, p: Product) => string; handle: (sim: Sim, span: SpanPlan, t: number, p: Product) => Reply }> = {
  home: {
    method: "GET",
    route: "/",
    path: () => "/",
    handle: (sim, span, t) => {
      const list = listProducts(sim, span, t, 2000);
      const recEnd = softRecommend(sim, span, null, t);
      if (list.status !== 200) return upstreamFailed(sim, span, list, "product list");
      return render(sim, span, "home", Math.max(list.end, recEnd) + 0.2);
    },
  },
  product: {
    method: "GET",
    route: "/product/:id",
    path: (_, p) => `/product/${p.id}`,
    handle: (sim, span, t, p) => {
      span.attributes["product.id"] = p.id;
      const product = getProduct(sim, span, p, t, 2000);
      const recEnd = softRecommend(sim, span, p.id, t);
      const badge = getCart(sim, span, intBetween(sim.rng, 0, 3), t);
      if (product.status !== 200) return upstreamFailed(sim, span, product, `product ${p.id}`);
      return render(sim, span, "product", Math.max(product.end, recEnd, badge.end) + 0.2);
    },
  },
  search: {
    method: "GET",
    route: "/search",
    path: () => "/search",
    handle: (sim, span, t) => {
      const term = pick(sim.rng, SEARCH_TERMS);
      span.attributes["url.query"] = `q=${term}`;
      const found = searchProducts(sim, span, term, t);
      if (found.status !== 200) return upstreamFailed(sim, span, found, `search results for "${term}"`);
      return render(sim, span, "search", found.end + 0.2);
    },
  },
  "add-to-cart": {
    method: "POST",
    route: "/cart",
    path: () => "/cart",
    handle: (sim, span, t, p) => {
      span.attributes["product.id"] = p.id;
      const product = getProduct(sim, span, p, t, 2000);
      if (product.status !== 200) return upstreamFailed(sim, span, product, `product ${p.id}`);
      const added = addItem(sim, span, p, intBetween(sim.rng, 1, 2), intBetween(sim.rng, 1, 5), product.end + 0.3);
      if (added.status !== 200) return upstreamFailed(sim, span, added, "cart");
      return { status: 200, end: added.end + 0.5 };
    },
  },
  "view-cart": {
    method: "GET",
    route: "/cart",
    path: () => "/cart",
    handle: (sim, span, t) => {
      const items = cartItems(sim);
      const cart = getCart(sim, span, items.length, t);
      if (cart.status !== 200) return upstreamFailed(sim, span, cart, "cart");
      // One product lookup per line, one after another: the N+1 a trace makes obvious.
      let at = cart.end + 0.2;
      for (const item of items) {
        const r = getProduct(sim, span, item, at, 2000);
        if (r.status !== 200) return upstreamFailed(sim, span, r, `product ${item.id}`);
        at = r.end + 0.1;
      }
      return render(sim, span, "cart", at);
    },
  },
  checkout: {
    method: "POST",
    route: "/cart/checkout",
    path: () => "/cart/checkout",
    handle: (sim, span, t) => {
      const items = cartItems(sim);
      span.attributes["cart.items"] = items.length;
      const order = placeOrder(sim, span, items, t, 8000);
      if (order.status === 402) {
        log(span, order.end, "WARN", `checkout declined for ${sim.user.id}: payment declined, showing the card form again`, { "user.id": sim.user.id, "cart.items": items.length });
        return { status: 402, end: order.end + 0.5 };
      }
      if (order.status !== 201) return upstreamFailed(sim, span, order, "checkout");
      return render(sim, span, "order-confirmation", order.end + 0.2);
    },
  },
};

export function visit(sim: Sim, journey: Journey): SpanPlan {
  const j = JOURNEYS[journey];
  const product = pick(sim.rng, PRODUCTS);
  const path = j.path(sim, product);
  const root = serve(sim, "frontend", j.method, j.route, path, 0, (span, t) => j.handle(sim, span, t, product), {
    "user_agent.original": pick(sim.rng, USER_AGENTS),
    "client.address": `203.0.113.${intBetween(sim.rng, 1, 254)}`,
    "user.id": sim.user.id,
    "geo.country.iso_code": sim.user.country,
  });
  const status = root.attributes["http.response.status_code"] as number;
  const ms = Math.round(root.end - root.start);
  log(root, root.end, status >= 500 ? "ERROR" : status >= 400 ? "WARN" : "INFO", `${j.method} ${path} ${status} ${ms}ms`, {
    "http.request.method": j.method,
    "url.path": path,
    "http.response.status_code": status,
    "user.id": sim.user.id,
  });
  return root;
}
