/**
 * Per-node evidence for ring analysis, read from the analysis graph's signals: mule behaviour
 * (money from several payers passed on within minutes), cash-out and consolidation at the ends of
 * mule chains, SIM-cycling handsets and SIM boxes, burst calling to strangers, handsets that run
 * many platform accounts. Pure functions over `AnalysisGraph`.
 */
import type { AnalysisGraph } from './graphBuilder';
import { ANALYSIS_NODE_TYPES } from './graphBuilder';

export const TYPE = Object.fromEntries(ANALYSIS_NODE_TYPES.map((name, i) => [name, i])) as Record<
  (typeof ANALYSIS_NODE_TYPES)[number],
  number
>;

/** Thresholds of the evidence rules. */
export const SIGNAL_DEFAULTS = {
  /** A mule received from at least this many accounts ... */
  mulePayers: 2,
  /** ... and passed on at least this share of it within the fast-forward window. */
  muleFastShare: 0.7,
  /** A handset that carried at least this many SIMs cycles SIMs. */
  cyclingSims: 4,
  /** A number that called at least this many strangers calls in bursts. */
  strangerCalls: 25,
  /** A handset or address that ran at least this many platform accounts. */
  controlledAccounts: 6,
  /**
   * An account with more distinct counterparties than this is a hub (a shop, a payment processor,
   * a large employer): it never leads a ring nor takes part in a money shape.
   */
  hubCounterparties: 1000,
} as const;

export function feature(graph: AnalysisGraph, name: string): Float64Array | Int32Array {
  const values = graph.features[name];
  if (!values) throw new RangeError(`rings: the analysis graph has no signal '${name}'`);
  return values;
}

/** Mule score per node in 0..1 (0 for everything but bank accounts that act as mules). */
export function muleScores(graph: AnalysisGraph): Float64Array {
  const payers = feature(graph, 'payers');
  const fast = feature(graph, 'fastShare');
  const transfersIn = feature(graph, 'transfersIn');
  const scores = new Float64Array(graph.nodeCount);
  for (let v = 0; v < graph.nodeCount; v += 1) {
    if (graph.types[v] !== TYPE.BankAccount) continue;
    if (payers[v]! < SIGNAL_DEFAULTS.mulePayers || transfersIn[v]! < 2) continue;
    if (fast[v]! < SIGNAL_DEFAULTS.muleFastShare) continue;
    scores[v] = fast[v]! * Math.min(1, payers[v]! / 3);
  }
  return scores;
}

/** Amount each account received from accounts with a positive `from` score. */
export function inflowFrom(graph: AnalysisGraph, from: ArrayLike<number>): Float64Array {
  const inflow = new Float64Array(graph.nodeCount);
  const { offsets, targets, weights } = graph.money;
  for (let v = 0; v < graph.nodeCount; v += 1) {
    if (!(from[v]! > 0)) continue;
    for (let at = offsets[v]!; at < offsets[v + 1]!; at += 1) inflow[targets[at]!]! += weights[at]!;
  }
  return inflow;
}

/** Formats a count with thousands separators. */
/** A node's id as a detective reads it: its key without the type, e.g. `+8613800000001`. */
export function idOf(graph: AnalysisGraph, v: number): string {
  const key = graph.keys[v]!;
  return key.slice(key.indexOf(':') + 1);
}

/** Neighbours of `v` of type `type` in the undirected network. */
export function neighboursOfType(graph: AnalysisGraph, v: number, type: number): number[] {
  const { offsets, targets } = graph.graph;
  const found: number[] = [];
  for (let at = offsets[v]!; at < offsets[v + 1]!; at += 1) {
    if (graph.types[targets[at]!] === type) found.push(targets[at]!);
  }
  return found;
}

export function count(value: number): string {
  return Math.round(value).toLocaleString('en');
}

/** Formats an amount in minor units as major units with two decimals and separators. */
export function money(minor: number): string {
  return (minor / 100).toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** "1 SIM", "2 SIMs". */
export function plural(value: number, one: string, many = `${one}s`): string {
  return `${count(value)} ${Math.round(value) === 1 ? one : many}`;
}

/** Whether an amount in minor units is a whole multiple of 10.00. */
export function isRoundSum(amount: number): boolean {
  return Math.round(amount) % 1000 === 0;
}
