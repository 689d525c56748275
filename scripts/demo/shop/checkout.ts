/** checkout: turns a cart into a paid order — cart, prices, payment, the orders table, email. */
import type { SpanPlan } from "../plan.ts";
import { token } from "../random.ts";
import { type Sim, call, db, fail, internal, log } from "./calls.ts";
import { emptyCart, getCart } from "./cart.ts";
import { type Product, dollars } from "./data.ts";
import { sendConfirmation } from "./email.ts";
import { charge } from "./payment.ts";
import { getProduct } from "./product-catalog.ts";

export function placeOrder(sim: Sim, parent: SpanPlan, items: Product[], start: number, timeoutMs: number) {
  return call(sim, parent, "checkout", "POST", "/api/orders", "/api/orders", start, (span, t) => {
    const orderId = `o-${token(sim.rng, 10)}`;
    const attrs = { "order.id": orderId, "user.id": sim.user.id, "cart.items": items.length };
    Object.assign(span.attributes, attrs);
    const order = (status: string) => span.counts.push({ metric: "shop.orders", value: 1, attributes: { status } });

    const cart = getCart(sim, span, items.length, t);
    if (cart.status !== 200) {
      log(span, cart.end, "ERROR", `order ${orderId} aborted: cart unavailable`, attrs);
      order("failed");
      return { status: 503, end: cart.end + 0.5 };
    }
    // Prices are fetched in parallel; the slowest one decides.
    let priced = cart.end + 0.3;
    for (const item of items) {
      const r = getProduct(sim, span, item, cart.end + 0.3, 2000);
      priced = Math.max(priced, r.end);
      if (r.status !== 200) {
        log(span, r.end, "ERROR", `order ${orderId} aborted: could not price ${item.id}`, { ...attrs, "product.id": item.id });
        order("failed");
        return { status: 503, end: priced + 0.5 };
      }
    }
    const totalCents = items.reduce((sum, p) => sum + p.priceCents, 0) + (items.length > 2 ? 0 : 599);
    const totals = internal(sim, span, "calculate totals", "checkout.totals", priced + 0.2, { "order.total": totalCents / 100, "order.shipping": items.length > 2 ? 0 : 5.99 });

    const paid = charge(sim, span, orderId, totalCents, totals.end + 0.2, 5000);
    if (paid.status === 402) {
      log(span, paid.end, "WARN", `order ${orderId} not placed: card declined`, attrs);
      order("declined");
      return { status: 402, end: paid.end + 0.4 };
    }
    if (paid.status !== 201) {
      const why = paid.status === null ? "payment timed out after 5000 ms" : `payment answered ${paid.status}`;
      fail(span, paid.end, "PaymentError", `charge failed for order ${orderId}: ${why}`, "checkout.(*Service).PlaceOrder (checkout/service.go:214)");
      log(span, paid.end, "ERROR", `order ${orderId} failed: ${why}`, { ...attrs, "order.total": totalCents / 100 });
      order("failed");
      return { status: 502, end: paid.end + 0.5 };
    }

    const insert = db(sim, span, {
      system: "postgresql",
      op: "pg.insert",
      operation: "INSERT",
      collection: "orders",
      database: "orders",
      statement: "INSERT INTO orders (id, user_id, total_cents, currency, status) VALUES ($1, $2, $3, 'USD', 'paid')",
    }, paid.end + 0.3);
    if (insert.error) {
      // Charged but not stored: the worst kind of failure, and the log says so.
      log(span, insert.end, "ERROR", `order ${orderId} charged but not saved: ${insert.error} — needs manual reconciliation`, { ...attrs, "order.total": totalCents / 100 });
      order("failed");
      return { status: 500, end: insert.end + 0.5 };
    }
    const mail = sendConfirmation(sim, span, orderId, insert.end + 0.3);
    if (mail.status !== 202) log(span, mail.end, "WARN", `confirmation email for order ${orderId} not sent; will retry from the outbox`, attrs);
    const emptied = emptyCart(sim, span, mail.end + 0.2);
    log(span, emptied.end, "INFO", `order ${orderId} placed: ${items.length} items, total ${dollars(totalCents)}`, { ...attrs, "order.total": totalCents / 100 });
    order("placed");
    return { status: 201, end: emptied.end + 0.4 };
  }, timeoutMs);
}
