/**
 * Loading a folder of partner files named by kind (`bank-transfers.csv`, `telecom-cdr.csv`, ...),
 * such as a generated scenario: identities first, then the events that refer to them.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Executor } from '../db/executor';
import type { FileKind } from './kinds';
import { loadFile, type LoadOptions, type LoadSummary } from './loader';

/** The order files are loaded in, and the organisation recorded for each. */
export const SCENARIO_FILES: readonly { kind: FileKind; organisation: string }[] = [
  { kind: 'bank-accounts', organisation: 'scenario-banks' },
  { kind: 'platform-accounts', organisation: 'scenario-platforms' },
  { kind: 'telecom-sightings', organisation: 'scenario-telecom' },
  { kind: 'bank-transfers', organisation: 'scenario-banks' },
  { kind: 'telecom-cdr', organisation: 'scenario-telecom' },
  { kind: 'platform-logins', organisation: 'scenario-platforms' },
  { kind: 'platform-messages', organisation: 'scenario-platforms' },
  { kind: 'police-reports', organisation: 'scenario-police' },
];

export function scenarioFile(dir: string, kind: FileKind): string | undefined {
  for (const extension of ['csv', 'jsonl']) {
    const file = path.join(dir, `${kind}.${extension}`);
    if (existsSync(file)) return file;
  }
  return undefined;
}

/** Loads every kind's file found in `dir`; kinds without a file are skipped. */
export async function loadScenario(
  executor: Executor,
  dir: string,
  options: Pick<LoadOptions, 'workDir' | 'batchSize'> & {
    onFile?: (kind: FileKind, file: string) => void;
    onProgress?: LoadOptions['onProgress'];
  },
): Promise<LoadSummary[]> {
  const summaries: LoadSummary[] = [];
  for (const { kind, organisation } of SCENARIO_FILES) {
    const file = scenarioFile(dir, kind);
    if (!file) continue;
    options.onFile?.(kind, file);
    summaries.push(
      await loadFile(executor, file, {
        kind,
        organisation,
        workDir: options.workDir,
        ...(options.batchSize ? { batchSize: options.batchSize } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      }),
    );
  }
  return summaries;
}
