/**
 * Writes a scenario to a directory: the eight partner CSV files and, separately, `truth.json`.
 * Used by the seed CLI, by tests, and by the server to load a demo scenario on first start.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { resolveOptions, type ScenarioOptions, type SizeName } from './options';
import { CsvFileSink } from './output/fileSink';
import { FILE_KINDS, fileName, type FileKind } from './output/formats';
import { scenarioSteps, type ScenarioProgress } from './scenario';

/** Name of the ground-truth file written beside the partner files. */
export const TRUTH_FILE = 'truth.json';

export interface WriteScenarioOptions {
  size: SizeName;
  seed: number;
  /** Created if missing; files already there are overwritten. */
  outDir: string;
  /** Any option of the size preset to change, e.g. `{ rings: 2 }`. */
  overrides?: Partial<Omit<ScenarioOptions, 'size' | 'seed'>>;
  /** Called after each generation step (population, directory, every day, reports). */
  onProgress?: (progress: ScenarioProgress) => void;
}

export interface ScenarioSummary {
  size: SizeName;
  seed: number;
  outDir: string;
  period: { start: string; end: string };
  /** Paths of the partner files, by kind. */
  files: Record<FileKind, string>;
  truthFile: string;
  /** Data rows (not counting the header) per file. */
  rows: Record<FileKind, number>;
  rings: number;
  victims: number;
  reportingVictims: number;
  victimPayments: number;
  seconds: number;
}

/** Generates the scenario of `size` and `seed` into `outDir`; resolves when every file is closed. */
export async function writeScenario(request: WriteScenarioOptions): Promise<ScenarioSummary> {
  const started = performance.now();
  const options = resolveOptions(request.size, request.seed, request.overrides);
  await mkdir(request.outDir, { recursive: true });
  const sink = new CsvFileSink(request.outDir);
  const steps = scenarioSteps(options, sink);
  let step = steps.next();
  while (!step.done) {
    request.onProgress?.(step.value);
    await sink.drain();
    step = steps.next();
  }
  await sink.close();
  const result = step.value;
  const truthFile = join(request.outDir, TRUTH_FILE);
  await writeFile(truthFile, `${JSON.stringify(result.truth, null, 1)}\n`, 'utf8');
  const files = Object.fromEntries(
    FILE_KINDS.map((kind) => [kind, join(request.outDir, fileName(kind))]),
  ) as Record<FileKind, string>;
  return {
    size: options.size,
    seed: options.seed,
    outDir: request.outDir,
    period: result.truth.period,
    files,
    truthFile,
    rows: sink.rowCounts(),
    rings: result.rings,
    victims: result.victims,
    reportingVictims: result.reportingVictims,
    victimPayments: result.victimPayments,
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
}
