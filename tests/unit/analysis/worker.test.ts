/**
 * Ring detection and risk in the analysis worker thread answer exactly as in-process, and the
 * worker kept between jobs answers the next job as well as the first.
 */
import { describe, expect, it } from 'vitest';
import {
  detectRingsInWorker,
  limitAnalysisHeap,
  scoreRiskInWorker,
  workerFailure,
} from '../../../server/analysis/runInWorker';
import { detectRings, scoreRisk } from '../../../server/analysis/rings/index';
import { ringFixture } from './ringFixture';

const PARAMS = { algorithm: 'leiden', resolution: 1, seed: 3 } as const;

describe('the analysis worker', () => {
  const graph = ringFixture();

  it('finds the same rings as in-process, job after job, with progress', async () => {
    const expected = detectRings(graph, PARAMS);
    expect(expected.rings.length).toBeGreaterThan(0);
    for (let job = 0; job < 2; job += 1) {
      const steps: string[] = [];
      const analysis = await detectRingsInWorker(graph, PARAMS, undefined, (step) =>
        steps.push(step),
      );
      expect(analysis).toEqual(expected);
      expect(steps).toContain('finding communities');
      // The money-shape search, most of a large run, tells its steps.
      expect(steps).toContain('money shapes: money passed on weeks later');
    }
  }, 60_000);

  it('finds the communities before the keys arrive, and the same rings once they do', async () => {
    const unnamed = { ...graph, keys: graph.keys.map((key) => key.slice(0, key.indexOf(':') + 1)) };
    let giveKeys: (keys: string[]) => void = () => undefined;
    const keys = new Promise<string[]>((resolve) => (giveKeys = resolve));
    const steps: string[] = [];
    const analysis = detectRingsInWorker(
      unnamed,
      PARAMS,
      undefined,
      (step) => {
        steps.push(step);
        if (step === 'finding communities') setTimeout(() => giveKeys(graph.keys), 50);
      },
      keys,
    );
    expect(await analysis).toEqual(detectRings(graph, PARAMS));
    expect(steps[0]).toBe('finding communities');
  }, 60_000);

  it('fails when the keys cannot be read, and takes the next job', async () => {
    const failure = Promise.reject(new Error('the ids could not be read'));
    await expect(
      detectRingsInWorker(graph, PARAMS, undefined, () => undefined, failure),
    ).rejects.toThrow(/ids could not be read/);
    expect((await detectRingsInWorker(graph, PARAMS, undefined, () => undefined)).rings).toEqual(
      detectRings(graph, PARAMS).rings,
    );
  }, 60_000);

  it('scores risk as in-process', async () => {
    const reported = [graph.keys.indexOf('BankAccount:BANK:MULE1')];
    expect((await scoreRiskInWorker(graph, reported)).scores).toEqual(scoreRisk(graph, reported));
  }, 60_000);

  it('reports a failed job and takes the next one', async () => {
    await expect(
      detectRingsInWorker(graph, PARAMS, new Int32Array(1), () => undefined),
    ).rejects.toThrow(/one community a node/);
    expect((await detectRingsInWorker(graph, PARAMS, undefined, () => undefined)).rings).toEqual(
      detectRings(graph, PARAMS).rings,
    );
  }, 60_000);

  it('says which limit to raise when a job runs out of memory, and passes other errors on', () => {
    // A real out-of-memory in a worker can take the whole test process down with it (a single
    // large allocation past the limit is fatal), so the worker's error is made here.
    const outOfMemory = Object.assign(new Error('Worker terminated due to reaching memory limit'), {
      code: 'ERR_WORKER_OUT_OF_MEMORY',
    });
    limitAnalysisHeap(12_288);
    try {
      expect(workerFailure(outOfMemory).message).toBe(
        'The analysis ran out of memory: its heap is limited to 12,288 MiB (ANALYSIS_HEAP_MB). ' +
          'Raise the limit, or run it on a machine with more memory.',
      );
    } finally {
      limitAnalysisHeap(undefined);
    }
    expect(workerFailure(outOfMemory).message).toMatch(/limited to Node's default/);
    const other = new Error('the ids could not be read');
    expect(workerFailure(other)).toBe(other);
  });

  it('runs jobs in a worker with the heap it was given', async () => {
    limitAnalysisHeap(512);
    try {
      expect((await detectRingsInWorker(graph, PARAMS, undefined, () => undefined)).rings).toEqual(
        detectRings(graph, PARAMS).rings,
      );
    } finally {
      limitAnalysisHeap(undefined);
    }
  }, 60_000);
});
