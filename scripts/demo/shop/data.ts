/** What the simulated shop sells and who shops there: the nouns of logs and attributes. */
import { type Rng, intBetween, pick } from "../random.ts";

export interface Product {
  id: string;
  name: string;
  priceCents: number;
}

export const PRODUCTS: readonly Product[] = [
  { id: "OLJCESPC7Z", name: "Vintage Typewriter", priceCents: 6499 },
  { id: "66VCHSJNUP", name: "Solar Camping Lantern", priceCents: 3450 },
  { id: "1YMWWN1N4O", name: "Burr Coffee Grinder", priceCents: 8900 },
  { id: "L9ECAV7KIM", name: "Merino Wool Beanie", priceCents: 2400 },
  { id: "2ZYFJ3GM2N", name: "Cast Iron Skillet", priceCents: 3999 },
  { id: "0PUK6V6EV0", name: "Mechanical Keyboard", priceCents: 12900 },
  { id: "LS4PSXUNUM", name: "Noise-Cancelling Headphones", priceCents: 24900 },
  { id: "9SIQT8TOJO", name: "Ceramic Pour-Over Set", priceCents: 4200 },
  { id: "6E92ZMYYFZ", name: "Trail Running Shoes", priceCents: 11900 },
  { id: "HQTGWGPNH4", name: "Field Notebook (3-pack)", priceCents: 1450 },
  { id: "7T8QXW2R1K", name: "Bamboo Cutting Board", priceCents: 2900 },
  { id: "C4RPVQ5MDN", name: "Stainless Water Bottle", priceCents: 2250 },
];

export const SEARCH_TERMS = ["coffee", "lantern", "shoes", "keyboard", "gift", "kitchen", "wool", "headphones", "notebook"];

export const CARD_BRANDS = ["visa", "mastercard", "amex"] as const;

export const DECLINE_REASONS = ["insufficient_funds", "card_expired", "do_not_honor", "incorrect_cvc"] as const;

const FIRST = ["ana", "ben", "chloe", "dmitri", "emeka", "fatima", "george", "hana", "ivan", "julia", "kenji", "lena"];

export interface User {
  id: string;
  email: string;
  country: string;
}

/** One of 5,000 returning visitors, stable per number so the same user comes back. */
export function pickUser(rng: Rng): User {
  const n = intBetween(rng, 1000, 5999);
  const name = FIRST[n % FIRST.length];
  return { id: `u-${n}`, email: `${name}.${n}@example.com`, country: pick(rng, ["DE", "US", "FR", "GB", "NG", "JP", "BR", "IN"]) };
}

/** `ana.1234@example.com` → `a***@example.com`: what a careful service logs. */
export function maskEmail(email: string): string {
  const at = email.indexOf("@");
  return `${email[0]}***${email.slice(at)}`;
}

export function dollars(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`;
}
