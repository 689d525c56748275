/** cart: carts in redis, keyed by user. */
import type { SpanPlan } from "../plan.ts";
import { type Reply, type Sim, call, db, log } from "./calls.ts";
import type { Product } from "./data.ts";

function redis(sim: Sim, span: SpanPlan, operation: string, statement: string, t: number): SpanPlan {
  return db(sim, span, { system: "redis", op: "redis", operation, collection: "cart", database: "0", statement }, t);
}

function replyAfter(query: SpanPlan, span: SpanPlan, what: string): Reply {
  if (query.error) {
    log(span, query.end, "ERROR", `could not ${what}: ${query.error}`, { "exception.type": String(query.attributes["error.type"]) });
    return { status: 503, end: query.end + 0.2 };
  }
  return { status: 200, end: query.end + 0.2 };
}

export function getCart(sim: Sim, parent: SpanPlan, items: number, start: number) {
  return call(sim, parent, "cart", "GET", "/api/cart", "/api/cart", start, (span, t) => {
    span.attributes["user.id"] = sim.user.id;
    const q = redis(sim, span, "HGETALL", `HGETALL cart:${sim.user.id}`, t);
    if (!q.error) log(span, q.end, "DEBUG", `loaded cart for ${sim.user.id} with ${items} items`, { "user.id": sim.user.id, "cart.items": items });
    return replyAfter(q, span, `load cart of ${sim.user.id}`);
  }, 1000);
}

export function addItem(sim: Sim, parent: SpanPlan, product: Product, quantity: number, itemsAfter: number, start: number) {
  return call(sim, parent, "cart", "POST", "/api/cart/items", "/api/cart/items", start, (span, t) => {
    span.attributes["user.id"] = sim.user.id;
    const set = redis(sim, span, "HSET", `HSET cart:${sim.user.id} ${product.id} ${quantity}`, t);
    if (set.error) return replyAfter(set, span, `add ${product.id} to cart`);
    const expire = redis(sim, span, "EXPIRE", `EXPIRE cart:${sim.user.id} 604800`, set.end + 0.1);
    log(span, expire.end, "INFO", `added ${quantity} × ${product.name} to cart of ${sim.user.id}`, {
      "user.id": sim.user.id,
      "product.id": product.id,
      "cart.items": itemsAfter,
    });
    span.counts.push({ metric: "cart.items.added", value: quantity, attributes: { "product.id": product.id } });
    return replyAfter(expire, span, "refresh cart expiry");
  }, 1000);
}

export function emptyCart(sim: Sim, parent: SpanPlan, start: number) {
  return call(sim, parent, "cart", "DELETE", "/api/cart", "/api/cart", start, (span, t) => {
    span.attributes["user.id"] = sim.user.id;
    return replyAfter(redis(sim, span, "DEL", `DEL cart:${sim.user.id}`, t), span, `empty cart of ${sim.user.id}`);
  }, 1000);
}
