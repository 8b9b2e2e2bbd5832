/**
 * Ring detection and risk in the analysis worker thread answer exactly as in-process, and the
 * worker kept between jobs answers the next job as well as the first.
 */
import { describe, expect, it } from 'vitest';
import {
  detectRingsInWorker,
  limitAnalysisHeap,
  scoreRiskInWorker,
} from '../../../server/analysis/runInWorker';
import { AnalysisGraphBuilder, detectRings, scoreRisk } from '../../../server/analysis/rings/index';
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

  it('says which limit to raise when a job runs out of memory, and runs the next with more', async () => {
    // 300,000 accounts with long ids: their keys alone take more than 16 MiB in the worker.
    const builder = new AnalysisGraphBuilder();
    const padding = 'x'.repeat(60);
    for (let i = 0; i < 150_000; i += 1) {
      builder.addTransfer(`B:${padding}${2 * i}`, `B:${padding}${2 * i + 1}`, i * 60_000, 1_000);
    }
    const large = builder.build();
    limitAnalysisHeap(16);
    try {
      await expect(detectRingsInWorker(large, PARAMS, undefined, () => undefined)).rejects.toThrow(
        /ran out of memory: its heap is limited to 16 MiB \(ANALYSIS_HEAP_MB\)/,
      );
    } finally {
      limitAnalysisHeap(undefined);
    }
    expect((await detectRingsInWorker(graph, PARAMS, undefined, () => undefined)).rings).toEqual(
      detectRings(graph, PARAMS).rings,
    );
  }, 60_000);
});
