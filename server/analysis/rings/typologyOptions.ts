/** The typology finders' thresholds, in one place (see `typologies.ts` for the rules). */
import type { FanOptions } from './fanIn';
import { SIGNAL_DEFAULTS } from './signals';

/** Thresholds of the typology rules; times are in steps (see the file header). */
export const TYPOLOGY_DEFAULTS = {
  /** The shortest step: data finer than this (real time) is counted in steps of this many ms. */
  minStepMs: 3_600_000,
  /**
   * A shape completes within this many steps (a cycle: each hop of it); a pair that deals once
   * does so within it.
   */
  windowSteps: 32,
  /** A fan's burst of new counterparties lasts at most this many steps. */
  burstSteps: 16,
  /** A pair deals once when it made at most this many transfers (all within one window). */
  maxPairTransfers: 6,
  /** Accounts with more distinct counterparties than this are hubs and never take part. */
  hubCounterparties: SIGNAL_DEFAULTS.hubCounterparties,
  /** Passed on: an account pays out at least this share of what it received ... */
  passOnMin: 0.5,
  /** ... and no more than this share (a little over 1 for rounding). */
  passOnMax: 1.005,
  /** A payment of at least this share of one amount received passes that amount on whole. */
  passOnWhole: 0.8,
  /** A flow through middle accounts passes on at least this share of what they received. */
  minFlowPassOn: 0.8,
  /** A flow goes at most this many rounds in its window, each gathering, then passing on. */
  maxRounds: 3,
  /** A fan-in or fan-out has at least this many new counterparties in one burst ... */
  minFan: 4,
  /** ... and at most this many (more is a business event: a payroll, a sale) ... */
  maxFan: 60,
  /** ... making up at least this share of all its new counterparties that way. */
  minConcentration: 0.6,
  /** A chain of passed-on money has at least this many accounts (`minSlowChain` if slow). */
  minChain: 4,
  minSlowChain: 5,
  /** A cycle has at least this many accounts, and at most `maxCycle`. */
  minCycle: 3,
  maxCycle: 12,
  /** Slow shapes (hops weeks apart) pass on at least this share at each hop ... */
  slowCycleShare: 0.895,
  /**
   * ... and a payment counts as passed on only where its receiver made at most this many later
   * payments that could pass it on (one alone for chains and scatter-gathers; loops try each).
   */
  maxSlowChoices: 10,
  /** Loops are looked for at most this many steps from each payment. */
  maxSlowLoopSteps: 2_000,
  /**
   * A loop paid out of its own order (see `fallingLoops`) has at most this many accounts, and
   * more than `maxSpreadFallingLoop` only when paid within one window (following every like sum
   * that far costs too much where accounts make many one-off payments). AMLSim's shipped
   * settings make loops of 5-10 accounts, but its settings allow any size: loops of 10-20
   * accounts paid out of order were found 14-16 times in 25 with 10 here, 24 with 20, at no
   * more cost (the search from each payment has `maxSlowLoopSteps` steps whatever the length).
   */
  maxFallingLoop: 20,
  maxSpreadFallingLoop: 6,
  /**
   * A loop keeps a steady cut where its payments' shares of the one before differ by at most
   * this, and each is less than the one before by at least this; such loops are weighed against
   * chance apart from other loops.
   */
  steadyCut: 0.01,
  /** ... and are weighed against the shapes found this many times with the amounts shuffled. */
  slowShuffles: 10,
  /** Payments are equal shares when the largest is at most this much over the smallest. */
  equalShares: 0.04,
  /** Slow shapes of a kind and size are rings when chance gives at most this share of them. */
  maxSlowChanceShare: 0.1,
  /**
   * Steady fans: new counterparties at least this many steps apart, each gap at most this share
   * (or one step) longer than the shortest, ...
   */
  minSteadyGap: 2,
  steadyTolerance: 0.05,
  /** ... with at most this many other new counterparties between two of them, ... */
  maxSteadySkips: 3,
  /** ... making up at least this share of all its new counterparties that way. */
  minSteadyShare: 0.5,
  /**
   * A walk off routine (see `routineWalks.ts`) joins at least this many accounts: three payments
   * off their payers' routine, each pair once, within one window, tie four accounts.
   */
  minWalk: 4,
  /**
   * ... and is looked for only where accounts keep to their routine: where at most this share
   * of the payments of accounts keeping one are off it (AMLSim's background: 1%). Where routines
   * are loose or kept by chance (a few repeated sums), a payment off one says nothing.
   */
  maxWalkOffRoutine: 0.1,
  /** A scatter-gather passes money through at least this many middle accounts. */
  minMiddles: 3,
  /** A gather-scatter hub gathers from, and scatters to, at least this many accounts each. */
  minGather: 3,
  minScatter: 3,
  /**
   * A hub paying identical shares that add up to a whole percentage of what some of its
   * payers paid it, to the cent (a fixed fee), is looked for among its latest this many payments
   * received; with such a cut, `minLayer` payers and payees suffice.
   */
  exactCutPayments: 10,
  /** A stack or bipartite block has at least this many accounts in each layer ... */
  minLayer: 2,
  /** ... and at least this share of the possible payments between consecutive layers. */
  minDensity: 0.5,
  /** Two accounts paying the same this many accounts once each, however far apart, are a block. */
  minBlockPayees: 3,
  /** A bipartite block has at least this many payments. */
  minBlockPayments: 4,
  /**
   * Groups as surprising as a ring (see `burstSurprise`) may turn up by chance among all the
   * groups of a kind weighed at most this many times.
   */
  maxChanceShapes: 0.1,
  /** Near misses kept. */
  nearMisses: 20,
} as const;

export type TypologyOptions = { [K in keyof typeof TYPOLOGY_DEFAULTS]: number };

/** What the burst finder (`fanBursts`) takes of the options: a fan's burst lasts at most a window. */
export function fanOptions(o: TypologyOptions): FanOptions {
  return {
    windowSteps: Math.min(o.burstSteps, o.windowSteps),
    minFan: o.minFan,
    minConcentration: o.minConcentration,
  };
}
