/**
 * Structuring: payments kept just under a reporting threshold (9,000-9,999.99 under 10,000), so
 * that no single one of them is reported. A payment is just under a threshold when it is within
 * 10% below one of the limits banks and regulators use (`REPORTING_THRESHOLDS`, from 3,000
 * to 1,000,000). How common such payments are is measured on the data itself: where
 * many ordinary payments fall just under 10,000, a few more say little. Pure functions.
 */
import { count, money, percent } from './signals';
import { binomialTail } from './tails';

/**
 * Reporting limits tried, in minor units: 3,000.00 (record keeping of cash-bought transfers), 5,000,
 * 10,000 (cash transaction reports), 15,000 (occasional transactions) and the round sums above.
 * Smaller limits are left out: prices just under 1,000 or 2,000 (999.00) are shop prices.
 */
export const REPORTING_THRESHOLDS: readonly number[] = [
  3_000, 5_000, 10_000, 15_000, 20_000, 30_000, 50_000, 100_000, 200_000, 500_000, 1_000_000,
].map((major) => major * 100);
/** A payment at or above this share of a threshold, and below it, is just under it. */
export const JUST_UNDER = 0.9;

/** Payments just under one threshold count from this many in a group. */
export const MIN_STRUCTURED = 3;

/** The index in `REPORTING_THRESHOLDS` of the threshold `amount` is just under, or -1. */
export function thresholdJustAbove(amount: number): number {
  for (let t = 0; t < REPORTING_THRESHOLDS.length; t += 1) {
    const threshold = REPORTING_THRESHOLDS[t]!;
    if (amount < JUST_UNDER * threshold) return -1;
    if (amount < threshold) return t;
  }
  return -1;
}

/** Per threshold of `REPORTING_THRESHOLDS`, the share of `amounts` just under it. */
export function structuringRates(amounts: ArrayLike<number>): Float64Array {
  const shares = new Float64Array(REPORTING_THRESHOLDS.length);
  for (let i = 0; i < amounts.length; i += 1) {
    const t = thresholdJustAbove(amounts[i]!);
    if (t >= 0) shares[t]! += 1;
  }
  for (let t = 0; t < shares.length; t += 1) shares[t] = shares[t]! / Math.max(1, amounts.length);
  return shares;
}

/** A group's payments just under one threshold, and how surprising so many are. */
export interface Structured {
  /** The threshold, in minor units; 0 where none counts. */
  threshold: number;
  /** Payments just under it, and their lowest and highest amount. */
  count: number;
  lowest: number;
  highest: number;
  /** Share of the data's payments just under it. */
  rate: number;
  /**
   * -log10 of the chance that so many of the group's payments fall just under one threshold at
   * the data's rates, less the thresholds tried; 0 below `MIN_STRUCTURED`.
   */
  surprise: number;
}

const NONE: Structured = { threshold: 0, count: 0, lowest: 0, highest: 0, rate: 0, surprise: 0 };

/**
 * The threshold most of `indices` (transfers, by their `amounts`) are just under, weighed
 * against the data's `rates` (`structuringRates`).
 */
export function structuring(
  amounts: ArrayLike<number>,
  indices: readonly number[],
  rates: Float64Array,
): Structured {
  // Most groups weighed (every account's bursts) are too small to count: no tally for them.
  if (indices.length < MIN_STRUCTURED) return NONE;
  const counts = new Int32Array(REPORTING_THRESHOLDS.length);
  for (const i of indices) {
    const t = thresholdJustAbove(amounts[i]!);
    if (t >= 0) counts[t]! += 1;
  }
  let best = NONE;
  const tries = Math.log10(REPORTING_THRESHOLDS.length);
  for (let t = 0; t < counts.length; t += 1) {
    const count = counts[t]!;
    if (count < MIN_STRUCTURED) continue;
    const rate = Math.max(1e-6, rates[t]!);
    const surprise = Math.max(0, -binomialTail(count, indices.length, rate) - tries);
    if (surprise <= best.surprise) continue;
    let lowest = Infinity;
    let highest = 0;
    for (const i of indices) {
      if (thresholdJustAbove(amounts[i]!) !== t) continue;
      lowest = Math.min(lowest, amounts[i]!);
      highest = Math.max(highest, amounts[i]!);
    }
    best = { threshold: REPORTING_THRESHOLDS[t]!, count, lowest, highest, rate, surprise };
  }
  return best;
}

/** A threshold as written in reasons: "10,000". */
export function thresholdText(threshold: number): string {
  return money(threshold).replace(/\.00$/, '');
}

/** A share of the data's payments as written in reasons: "0.4%", "12%". */
export function rateText(rate: number): string {
  return rate < 0.1 ? `${(rate * 100).toFixed(1)}%` : percent(rate);
}

/** "5 of 6 of those payments were just under 10,000 (9,016.24 to 9,914.43), as ...". */
export function describeStructured(structured: Structured, of: number): string {
  const { threshold, count: under, lowest, highest, rate } = structured;
  return `${under === of ? `all ${count(of)}` : `${count(under)} of ${count(of)}`} of those payments were just under ${thresholdText(threshold)} (${money(lowest)} to ${money(highest)}), as payments kept under a reporting limit are; in this data ${rateText(rate)} of all payments are that close under it`;
}
