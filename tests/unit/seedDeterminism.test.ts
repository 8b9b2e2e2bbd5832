import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveOptions } from '../../seed/options';
import { MemorySink } from '../../seed/output/memorySink';
import { generateScenario } from '../../seed/scenario';
import { writeScenario } from '../../seed/write';

const dirs: string[] = [];

async function fingerprint(seed: number): Promise<Record<string, string>> {
  const outDir = mkdtempSync(path.join(tmpdir(), `ringtrace-seed-${seed}-`));
  dirs.push(outDir);
  await writeScenario({ size: 'demo', seed, outDir });
  return Object.fromEntries(
    readdirSync(outDir)
      .sort()
      .map((file) => [
        file,
        createHash('sha256')
          .update(readFileSync(path.join(outDir, file)))
          .digest('hex'),
      ]),
  );
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('scenario determinism', () => {
  it('writes byte-identical files for the same size and seed, and different ones for another seed', async () => {
    const first = await fingerprint(42);
    expect(Object.keys(first)).toHaveLength(9);
    expect(await fingerprint(42)).toEqual(first);
    const other = await fingerprint(43);
    for (const file of Object.keys(first)) expect(other[file]).not.toBe(first[file]);
  }, 60_000);

  it('gives a sink the same rows as the files, without touching the disk', () => {
    const options = resolveOptions('demo', 42, { people: 1_000, rings: 2, days: 10 });
    const first = new MemorySink();
    const second = new MemorySink();
    const result = generateScenario(options, first);
    generateScenario(options, second);
    expect(second.rows).toEqual(first.rows);
    expect(first.rows['telecom-cdr']).toHaveLength(result.rows['telecom-cdr']);
    expect(result.rings).toBe(2);
  });
});
