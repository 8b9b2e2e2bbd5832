/**
 * Writes the call-record world to a directory: telecom-cdr.csv, police-reports.csv when victims
 * report (an old one is removed otherwise), and the ground truth truth.json.
 */
import { mkdir, open, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateCallRing } from './generate';
import type { CallRingOptions } from './options';
import { CDR_FILE, cdrChunks, REPORTS_FILE, reportsCsv, TRUTH_FILE, truthJson } from './output';

export interface WriteCallRingOptions extends Partial<CallRingOptions> {
  /** Created if missing; files already there are overwritten. */
  outDir: string;
}

export interface CallRingSummary {
  dir: string;
  files: { cdr: string; reports: string | null; truth: string };
  options: CallRingOptions;
  calls: number;
  rings: number;
  fraudNumbers: number;
  victims: number;
  reports: number;
  seconds: number;
}

/** Generates the world of `options` (over `DEFAULTS`) into `outDir`. */
export async function writeCallRing(options: WriteCallRingOptions): Promise<CallRingSummary> {
  const started = performance.now();
  const { outDir, ...rest } = options;
  const world = generateCallRing(rest);
  await mkdir(outDir, { recursive: true });
  const cdr = join(outDir, CDR_FILE);
  const truth = join(outDir, TRUTH_FILE);
  const reportsPath = join(outDir, REPORTS_FILE);
  const handle = await open(cdr, 'w');
  try {
    for (const chunk of cdrChunks(world)) await handle.write(chunk, null, 'utf8');
  } finally {
    await handle.close();
  }
  const reports = reportsCsv(world);
  if (reports === null) await rm(reportsPath, { force: true });
  else await writeFile(reportsPath, reports, 'utf8');
  await writeFile(truth, truthJson(world), 'utf8');
  return {
    dir: outDir,
    files: { cdr, reports: reports === null ? null : reportsPath, truth },
    options: world.options,
    calls: world.calls.length,
    rings: world.truth.rings.length,
    fraudNumbers: world.truth.fraudNumbers.length,
    victims: world.truth.victims.length,
    reports: world.reports.length,
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
}
