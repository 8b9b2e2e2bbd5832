/**
 * The laundering world as AMLSim writes it: `nodes.csv` (nodeid,isFraud,init_balance,fraudStep),
 * `transactions.csv` (sourceNodeId,targetNodeId,value,time) with integer steps and two-decimal
 * values, and the ground truth `patterns.json`. Pure: each function returns the file's text.
 */
import { formatAmount } from '../output/events';
import type { TypologyWorld } from './generate';
import type { AmountMode } from './amounts';
import type { Typology } from './options';

export const NODES_FILE = 'nodes.csv';
export const TRANSACTIONS_FILE = 'transactions.csv';
export const PATTERNS_FILE = 'patterns.json';

export const NODE_COLUMNS = ['nodeid', 'isFraud', 'init_balance', 'fraudStep'] as const;
export const TRANSACTION_COLUMNS = ['sourceNodeId', 'targetNodeId', 'value', 'time'] as const;

/** One planted pattern as written to patterns.json (account ids as in the CSV files). */
export interface PatternTruth {
  id: string;
  typology: Typology;
  /** Leader first where there is one; a cycle in cycle order; a stack layer by layer. */
  accounts: string[];
  leader: string | null;
  /** Distinct payer-payee pairs of the pattern's payments, in the order of first payment. */
  edges: [string, string][];
  firstStep: number;
  lastStep: number;
  amountMode: AmountMode;
}

export interface PatternsFile {
  seed: number;
  typologies: Typology[];
  accounts: number;
  steps: number;
  patterns: PatternTruth[];
}

export function nodesCsv(world: TypologyWorld): string {
  const lines = [`${NODE_COLUMNS.join(',')}\n`];
  for (const account of world.accounts) {
    const flag = account.isFraud ? 1 : 0;
    lines.push(
      `${account.id},${flag},${formatAmount(account.initBalanceCents)},${account.fraudStep}\n`,
    );
  }
  return lines.join('');
}

export function transactionsCsv(world: TypologyWorld): string {
  const lines = [`${TRANSACTION_COLUMNS.join(',')}\n`];
  for (const { from, to, cents, time } of world.transfers) {
    lines.push(`${from},${to},${formatAmount(cents)},${Math.floor(time)}\n`);
  }
  return lines.join('');
}

export function patternsTruth(world: TypologyWorld): PatternsFile {
  return {
    seed: world.options.seed,
    typologies: [...world.options.typologies],
    accounts: world.options.accounts,
    steps: world.options.steps,
    patterns: world.patterns.map((pattern) => ({
      id: pattern.id,
      typology: pattern.typology,
      accounts: pattern.accounts.map(String),
      leader: pattern.leader === null ? null : String(pattern.leader),
      edges: pattern.edges.map(([from, to]): [string, string] => [String(from), String(to)]),
      firstStep: pattern.firstStep,
      lastStep: pattern.lastStep,
      amountMode: pattern.amountMode,
    })),
  };
}

/** patterns.json: valid JSON with one pattern a line, so it reads and diffs well. */
export function patternsJson(world: TypologyWorld): string {
  const { patterns, ...head } = patternsTruth(world);
  const header = JSON.stringify(head).slice(0, -1);
  const body = patterns.map((pattern) => JSON.stringify(pattern)).join(',\n  ');
  return `${header},\n "patterns": [\n  ${body}\n ]\n}\n`;
}
