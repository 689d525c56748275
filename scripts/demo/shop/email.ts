/** email: renders the confirmation and hands it to an SMTP relay, retrying once on a 421. */
import { newSpan, type SpanPlan } from "../plan.ts";
import { type Sim, call, fail, failed, internal, log, took } from "./calls.ts";
import { maskEmail } from "./data.ts";

const RELAY = "smtp.relay.example";

function smtpSend(sim: Sim, span: SpanPlan, start: number, attempt: number): SpanPlan {
  const send = newSpan("email", "SMTP send", "CLIENT", "shop.email", start, { "server.address": RELAY, "server.port": 587, "smtp.attempt": attempt });
  send.end = start + took(sim, "email.smtp");
  span.children.push(send);
  if (failed(sim, "email.smtp")) fail(send, send.end, "Net::SMTPServerBusy", "421 4.7.0 Try again later, closing connection", "Net::SMTP#getok (net/smtp.rb:953)");
  return send;
}

export function sendConfirmation(sim: Sim, parent: SpanPlan, orderId: string, start: number) {
  return call(sim, parent, "email", "POST", "/api/send/order-confirmation", "/api/send/order-confirmation", start, (span, t) => {
    const attrs = { "order.id": orderId, "user.id": sim.user.id, "email.template": "order-confirmation" };
    Object.assign(span.attributes, attrs);
    const render = internal(sim, span, "render order-confirmation", "email.render", t, { "email.template": "order-confirmation" });
    let send = smtpSend(sim, span, render.end + 0.2, 1);
    if (send.error) {
      log(span, send.end, "WARN", `SMTP relay busy (421), retrying confirmation for order ${orderId} in 200 ms`, attrs);
      send.events.push({ name: "retry scheduled", at: send.end, attributes: { "retry.delay_ms": 200 } });
      send = smtpSend(sim, span, send.end + 200, 2);
      if (send.error) {
        log(span, send.end, "ERROR", `giving up on confirmation email for order ${orderId} after 2 attempts`, { ...attrs, "exception.type": "Net::SMTPServerBusy" });
        return { status: 503, end: send.end + 0.3 };
      }
    }
    log(span, send.end, "INFO", `sent order confirmation for ${orderId} to ${maskEmail(sim.user.email)}`, attrs);
    return { status: 202, end: send.end + 0.3 };
  }, 3000);
}
