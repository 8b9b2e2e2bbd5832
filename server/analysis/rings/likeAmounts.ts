/**
 * Like amounts: a group's payments for different sums that all fall within a narrow band (six
 * payments between 107.69 and 136.93), where the data's payments spread far wider. A crew paid
 * out of one pot, or paying in what each was told to, moves similar sums; people paying for their
 * own reasons do not. Sums are alike when the largest is at most twice the smallest, and how
 * narrow their band is, is measured on the data itself: the share of all its payments that fall
 * within it. Equal amounts count once (equal amounts to the cent are a signal of their own, and
 * an account paying its one standing amount is no crew), and round sums are left out. Pure
 * functions.
 */
import { isRoundSum, money } from './signals';
import { firstAbove, firstAtLeast } from '../sortedSearch';
import { rateText } from './structuring';

/** Like amounts count from this many different sums in a group. */
export const MIN_LIKE_AMOUNTS = 4;

/** Sums are alike when the largest is at most this many times the smallest. */
export const MAX_LIKE_RATIO = 2;

/** A group's different sums, the band they span and how surprising a band that narrow is. */
export interface LikeAmounts {
  /** Different sums in the group (round sums left out); 0 where too few count. */
  count: number;
  /** The band, in minor units. */
  lowest: number;
  highest: number;
  /** Share of the data's payments within the band. */
  share: number;
  /**
   * -log10 of the chance that `count` payments drawn from the data's span a band holding no
   * more of its payments, less the groups tried; 0 below `MIN_LIKE_AMOUNTS`, or where the
   * largest sum is more than `MAX_LIKE_RATIO` times the smallest.
   */
  surprise: number;
}

export const NO_LIKE_AMOUNTS: LikeAmounts = {
  count: 0,
  lowest: 0,
  highest: 0,
  share: 0,
  surprise: 0,
};

/** The data's payment amounts in ascending order, for `likeAmounts`. */
export function sortedAmounts(amounts: ArrayLike<number>): Float64Array {
  return Float64Array.from(amounts).sort();
}

/**
 * The band the different sums among `indices` (transfers, by their `amounts`) span, weighed
 * against all the data's payments (`sorted`, from `sortedAmounts`), less `tries` (log10 of the
 * groups of one account tried). The range of k draws from a distribution holds a share s of it
 * with the chance k s^(k-1) - (k-1) s^k of holding no more.
 */
export function likeAmounts(
  amounts: ArrayLike<number>,
  indices: readonly number[],
  sorted: Float64Array,
  tries: number,
): LikeAmounts {
  if (indices.length < MIN_LIKE_AMOUNTS || sorted.length === 0) return NO_LIKE_AMOUNTS;
  const sums = new Set<number>();
  for (const i of indices) {
    const value = amounts[i]!;
    if (!isRoundSum(value)) sums.add(value);
  }
  const k = sums.size;
  if (k < MIN_LIKE_AMOUNTS) return NO_LIKE_AMOUNTS;
  let lowest = Infinity;
  let highest = -Infinity;
  for (const value of sums) {
    lowest = Math.min(lowest, value);
    highest = Math.max(highest, value);
  }
  if (highest > MAX_LIKE_RATIO * lowest) return NO_LIKE_AMOUNTS;
  const within = firstAbove(sorted, highest) - firstAtLeast(sorted, lowest);
  const share = Math.min(1, within / sorted.length);
  const chance = k * Math.pow(share, k - 1) - (k - 1) * Math.pow(share, k);
  const surprise = Math.max(0, -Math.log10(Math.max(1e-300, Math.min(1, chance))) - tries);
  return { count: k, lowest, highest, share, surprise };
}

/** "6 different sums between 107.69 and 136.93, a band holding 12% of this data's payments". */
export function describeLikeAmounts(like: LikeAmounts): string {
  return `${like.count} different sums between ${money(like.lowest)} and ${money(like.highest)}, a band holding ${rateText(like.share)} of this data's payments, as a crew paid from one pot moves`;
}
