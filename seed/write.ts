/**
 * Writes a scenario to a directory: the partner CSV files of its variant (all eight for `full`)
 * and, separately, `truth.json`. Used by the seed CLI, by tests, and by the server to load a demo
 * scenario on first start.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { resolveOptions, type ScenarioOptions, type SizeName } from './options';
import { CsvFileSink } from './output/fileSink';
import { FILE_KINDS, fileName, type FileKind } from './output/formats';
import { scenarioSteps, type ScenarioProgress } from './scenario';
import { VARIANT_SPECS, type VariantName } from './variants';

/** Name of the ground-truth file written beside the partner files. */
export const TRUTH_FILE = 'truth.json';

export interface WriteScenarioOptions {
  size: SizeName;
  seed: number;
  /**
   * Created if missing; files already there are overwritten, and a partner file (`<kind>.csv`) of
   * a kind the variant does not write is removed, so that loading the folder loads this scenario.
   */
  outDir: string;
  /** Any option of the size preset to change, e.g. `{ rings: 2 }` or `{ variant: 'telecom' }`. */
  overrides?: Partial<Omit<ScenarioOptions, 'size' | 'seed'>>;
  /** Called after each generation step (population, directory, every day, reports). */
  onProgress?: (progress: ScenarioProgress) => void;
}

export interface ScenarioSummary {
  size: SizeName;
  seed: number;
  variant: VariantName;
  outDir: string;
  period: { start: string; end: string };
  /** Paths of the partner files written, by kind (every kind for `full`). */
  files: Partial<Record<FileKind, string>>;
  truthFile: string;
  /** Data rows (not counting the header) per file; 0 for a file not written. */
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
  const kinds = VARIANT_SPECS[options.variant].files;
  for (const kind of FILE_KINDS.filter((other) => !kinds.includes(other))) {
    await rm(join(request.outDir, fileName(kind)), { force: true });
  }
  const sink = new CsvFileSink(request.outDir, kinds);
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
    kinds.map((kind) => [kind, join(request.outDir, fileName(kind))]),
  ) as Partial<Record<FileKind, string>>;
  return {
    size: options.size,
    seed: options.seed,
    variant: options.variant,
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
