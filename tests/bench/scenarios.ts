/** Generated scenarios the benchmarks share, cached under .ringtrace/bench/. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { writeScenario } from '../../seed/index';
import { PROJECT_ROOT } from '../../server/config';

export const BENCH_DIR = path.join(PROJECT_ROOT, '.ringtrace', 'bench');

export type ScenarioSize = 'demo' | 'small' | 'medium' | 'large';

/** The scenario's folder, generated on first use. */
export async function benchScenario(size: ScenarioSize, seed: number): Promise<string> {
  const dir = path.join(BENCH_DIR, `scenario-${size}-${seed}`);
  if (!existsSync(path.join(dir, 'truth.json'))) {
    console.log(`Generating the ${size} scenario (seed ${seed}) ...`);
    await writeScenario({ size, seed, outDir: dir });
  }
  return dir;
}

/** Median and percentiles of a list of numbers (nearest rank). */
export function percentiles(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}
