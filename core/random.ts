/**
 * Seeded randomness shared by the fixtures, the differential test dataset and the demo:
 * mulberry32, small, fast and the same sequence everywhere, so a seed replays the data.
 */

/** Returns numbers in [0, 1). */
export type Rng = () => number;

export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
