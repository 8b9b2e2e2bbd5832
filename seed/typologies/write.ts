/**
 * Writes the laundering world to a directory: nodes.csv, transactions.csv and the ground truth
 * patterns.json. Generation is pure; this is the only part that touches the disk.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateTypologies } from './generate';
import type { TypologyOptions } from './options';
import {
  nodesCsv,
  NODES_FILE,
  patternsJson,
  PATTERNS_FILE,
  transactionsCsv,
  TRANSACTIONS_FILE,
} from './output';

export interface WriteTypologiesOptions extends Partial<TypologyOptions> {
  /** Created if missing; files already there are overwritten. */
  outDir: string;
}

export interface TypologiesSummary {
  dir: string;
  files: { nodes: string; transactions: string; patterns: string };
  options: TypologyOptions;
  accounts: number;
  fraudAccounts: number;
  transactions: number;
  patterns: number;
  seconds: number;
}

/** Generates the world of `options` (over `DEFAULTS`) into `outDir`. */
export async function writeTypologies(options: WriteTypologiesOptions): Promise<TypologiesSummary> {
  const started = performance.now();
  const { outDir, ...rest } = options;
  const world = generateTypologies(rest);
  await mkdir(outDir, { recursive: true });
  const files = {
    nodes: join(outDir, NODES_FILE),
    transactions: join(outDir, TRANSACTIONS_FILE),
    patterns: join(outDir, PATTERNS_FILE),
  };
  await writeFile(files.nodes, nodesCsv(world), 'utf8');
  await writeFile(files.transactions, transactionsCsv(world), 'utf8');
  await writeFile(files.patterns, patternsJson(world), 'utf8');
  return {
    dir: outDir,
    files,
    options: world.options,
    accounts: world.accounts.length,
    fraudAccounts: world.accounts.filter((account) => account.isFraud).length,
    transactions: world.transfers.length,
    patterns: world.patterns.length,
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
}
