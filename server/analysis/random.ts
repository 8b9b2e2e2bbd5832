/**
 * Seeded randomness for the analysis algorithms. The generator is the shared xoshiro128**
 * (`server/lib/random.ts`, also the scenario generator's); here it is wrapped as a plain function
 * returning floats in [0, 1), which is all the algorithms take, so a caller may pass any such
 * source instead.
 */
import { Rng } from '../lib/random';

/** A source of floats uniformly distributed in [0, 1). */
export type RandomSource = () => number;

/** A seeded random source: the same seed always gives the same draws. O(1) per draw. */
export function seededRandom(seed: number): RandomSource {
  const rng = new Rng(seed >>> 0);
  return () => rng.next();
}

/** An integer drawn uniformly from [0, count). */
export function randomIndex(random: RandomSource, count: number): number {
  return Math.min(count - 1, Math.floor(random() * count));
}

/** The integers 0..count-1 in a random order (Fisher-Yates). O(count). */
export function shuffledRange(count: number, random: RandomSource): Int32Array {
  const order = new Int32Array(count);
  for (let i = 0; i < count; i += 1) order[i] = i;
  for (let i = count - 1; i > 0; i -= 1) {
    const j = randomIndex(random, i + 1);
    const swap = order[i]!;
    order[i] = order[j]!;
    order[j] = swap;
  }
  return order;
}
