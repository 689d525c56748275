/** payment: a fraud check, then the external card acquirer (the part that degrades). */
import { newSpan, type SpanPlan } from "../plan.ts";
import { chance, intBetween, pick, token } from "../random.ts";
import { HTTP_SCOPE, type Sim, call, fail, failed, internal, log, took } from "./calls.ts";
import { CARD_BRANDS, DECLINE_REASONS, dollars } from "./data.ts";

const ACQUIRER = "api.acquirer.example";
const ACQUIRER_TIMEOUT_MS = 4000;
const DECLINE_RATE = 0.04;

export function charge(sim: Sim, parent: SpanPlan, orderId: string, amountCents: number, start: number, timeoutMs: number) {
  return call(sim, parent, "payment", "POST", "/api/charges", "/api/charges", start, (span, t) => {
    const brand = pick(sim.rng, CARD_BRANDS);
    const card = `${brand} ****${intBetween(sim.rng, 1000, 9999)}`;
    const amount = dollars(amountCents);
    const attrs = { "order.id": orderId, "user.id": sim.user.id, "payment.amount": amountCents / 100, "payment.currency": "USD", "payment.card.brand": brand };
    Object.assign(span.attributes, attrs);

    const fraud = internal(sim, span, "fraud check", "payment.fraud", t, { "fraud.score": Math.round(sim.rng() * 30) / 100 });
    const acq = newSpan("payment", "POST /v2/charges", "CLIENT", HTTP_SCOPE, fraud.end + 0.3, {
      "http.request.method": "POST",
      "url.full": `https://${ACQUIRER}/v2/charges`,
      "url.template": "/v2/charges",
      "server.address": ACQUIRER,
      "server.port": 443,
    });
    span.children.push(acq);
    const outcome = (value: string) => span.counts.push({ metric: "payment.charges", value: 1, attributes: { outcome: value, "payment.card.brand": brand } });

    const ms = took(sim, "payment.acquirer");
    if (ms > ACQUIRER_TIMEOUT_MS) {
      acq.end = acq.start + ACQUIRER_TIMEOUT_MS;
      fail(acq, acq.end, "GatewayTimeoutError", `acquirer did not respond within ${ACQUIRER_TIMEOUT_MS} ms`, "AcquirerClient.charge (src/acquirer.ts:112:11)");
      log(span, acq.end, "ERROR", `charge of ${amount} for order ${orderId} failed: acquirer timed out after ${ACQUIRER_TIMEOUT_MS} ms`, { ...attrs, "exception.type": "GatewayTimeoutError" });
      outcome("error");
      return { status: 504, end: acq.end + 0.5 };
    }
    acq.end = acq.start + ms;
    if (failed(sim, "payment.acquirer")) {
      acq.attributes["http.response.status_code"] = 502;
      fail(acq, acq.end, "AcquirerError", `502 Bad Gateway from ${ACQUIRER}`, "AcquirerClient.charge (src/acquirer.ts:118:15)");
      log(span, acq.end, "ERROR", `charge of ${amount} for order ${orderId} failed: acquirer answered 502 Bad Gateway`, { ...attrs, "exception.type": "AcquirerError" });
      outcome("error");
      return { status: 502, end: acq.end + 0.5 };
    }
    if (chance(sim.rng, DECLINE_RATE)) {
      const reason = pick(sim.rng, DECLINE_REASONS);
      acq.attributes["http.response.status_code"] = 402;
      acq.attributes["error.type"] = "402";
      acq.error = "HTTP 402";
      log(span, acq.end, "WARN", `card declined (${reason}): order ${orderId}, ${card}, ${amount}`, { ...attrs, "payment.decline_reason": reason });
      outcome("declined");
      return { status: 402, end: acq.end + 0.4 };
    }
    acq.attributes["http.response.status_code"] = 200;
    log(span, acq.end, "INFO", `charged ${amount} to ${card} (txn ch_${token(sim.rng, 14)})`, attrs);
    outcome("success");
    return { status: 201, end: acq.end + 0.4 };
  }, timeoutMs);
}
