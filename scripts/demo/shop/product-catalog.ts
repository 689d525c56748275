/** product-catalog: products from postgres (the slow part when the database struggles). */
import type { SpanPlan } from "../plan.ts";
import { intBetween } from "../random.ts";
import { type Reply, type Sim, call, db, log } from "./calls.ts";
import { PRODUCTS, type Product } from "./data.ts";

const DB = "catalog";

/** Answers 500 when the query failed, after logging it. */
function replyAfter(query: SpanPlan, parent: SpanPlan, what: string): Reply {
  if (query.error) {
    log(parent, query.end, "ERROR", `failed to ${what}: ${query.error}`, { "db.statement": String(query.attributes["db.statement"]), "exception.type": String(query.attributes["error.type"]) });
    return { status: 500, end: query.end + 0.4 };
  }
  return { status: 200, end: query.end + 0.3 };
}

export function getProduct(sim: Sim, parent: SpanPlan, product: Product, start: number, timeoutMs?: number) {
  return call(sim, parent, "product-catalog", "GET", "/api/products/:id", `/api/products/${product.id}`, start, (span, t) => {
    span.attributes["product.id"] = product.id;
    const q = db(sim, span, { system: "postgresql", op: "pg.select-one", operation: "SELECT", collection: "products", database: DB, statement: "SELECT id, name, description, price_cents, stock FROM products WHERE id = $1" }, t);
    return replyAfter(q, span, `load product ${product.id}`);
  }, timeoutMs);
}

export function listProducts(sim: Sim, parent: SpanPlan, start: number, timeoutMs?: number) {
  return call(sim, parent, "product-catalog", "GET", "/api/products", "/api/products", start, (span, t) => {
    const q = db(sim, span, {
      system: "postgresql",
      op: "pg.select-list",
      operation: "SELECT",
      collection: "products",
      database: DB,
      statement: "SELECT id, name, price_cents FROM products WHERE active ORDER BY popularity DESC LIMIT 20",
    }, t);
    return replyAfter(q, span, "list products");
  }, timeoutMs);
}

export function searchProducts(sim: Sim, parent: SpanPlan, term: string, start: number) {
  return call(sim, parent, "product-catalog", "GET", "/api/products/search", `/api/products/search`, start, (span, t) => {
    span.attributes["url.query"] = `q=${term}`;
    const q = db(sim, span, {
      system: "postgresql",
      op: "pg.search",
      operation: "SELECT",
      collection: "products",
      database: DB,
      statement: "SELECT id, name, price_cents FROM products WHERE name ILIKE $1 OR description ILIKE $1 LIMIT 50",
    }, t);
    const reply = replyAfter(q, span, `search products for "${term}"`);
    if (reply.status === 200) {
      const hits = term === "gift" ? intBetween(sim.rng, 8, 12) : PRODUCTS.filter((p) => p.name.toLowerCase().includes(term)).length;
      log(span, reply.end, hits === 0 ? "WARN" : "INFO", hits === 0 ? `search "${term}" returned no products` : `search "${term}" returned ${hits} products`, { "search.term": term, "search.results": hits });
    }
    return reply;
  });
}
