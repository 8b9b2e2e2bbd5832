/**
 * Payment amounts (currency units): the background's heavy-tailed distributions, and the modes a
 * laundering pattern draws its amounts from, so that amount alone does not give a pattern away.
 */
import type { Rng } from '../../server/lib/random';

/** A person-to-person payment: mostly tens to hundreds, now and then a large one. */
export function personalAmount(rng: Rng): number {
  if (rng.chance(0.015)) return rng.logNormal(6500, 0.45);
  return Math.max(1, rng.logNormal(80, 1.0));
}

/** A purchase at a merchant. */
export function purchaseAmount(rng: Rng): number {
  if (rng.chance(0.005)) return rng.logNormal(7000, 0.4);
  return Math.max(0.5, rng.logNormal(45, 0.9));
}

/** How a laundering pattern sizes its payments. */
export type AmountMode = 'small' | 'background' | 'below_threshold';

export const AMOUNT_MODES: readonly (readonly [AmountMode, number])[] = [
  ['small', 1],
  ['background', 2],
  ['below_threshold', 1],
];

/** One laundering payment of a pattern in `mode`; `threshold` is the pattern's reporting limit. */
export function launderingAmount(rng: Rng, mode: AmountMode, threshold: number): number {
  switch (mode) {
    case 'small':
      return Math.max(5, rng.logNormal(40, 0.6));
    case 'background':
      return personalAmount(rng);
    case 'below_threshold':
      return rng.uniform(threshold * 0.9, threshold - 0.01);
  }
}

/** The round threshold a structuring pattern stays below. */
export function pickThreshold(rng: Rng): number {
  return rng.weighted([
    [10_000, 3],
    [5_000, 1],
    [3_000, 1],
  ]);
}
