/**
 * Ring analysis on a generated demo scenario, checked against its ground truth: the analysis
 * graph read from Neo4j, rings and roles found in it, reasons that name real numbers, and a run
 * persisted and read back.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeScenario, type Truth } from '../../seed/index';
import { loadScenario } from '../../server/ingest/scenario';
import { readAnalysisGraph, type AnalysisGraph } from '../../server/services/analysisGraph';
import { detectRings, type RingAnalysis } from '../../server/analysis/rings/index';
import {
  compareRuns,
  createRun,
  failRun,
  finishRun,
  getRun,
  listRings,
  listRuns,
  ringDetail,
  updateRunProgress,
} from '../../server/services/analysisRuns';
import { useTestDatabase } from './support/testDatabase';

const db = useTestDatabase({}, { emptyBefore: 'all' });
let truth: Truth;
let graph: AnalysisGraph;
let analysis: RingAnalysis;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-rings-'));
  await writeScenario({ size: 'demo', seed: 11, outDir: dir });
  await loadScenario(db.executor, dir, {
    workDir: mkdtempSync(path.join(os.tmpdir(), 'ringtrace-work-')),
  });
  truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Truth;
  graph = await readAnalysisGraph(db.executor, {});
  analysis = detectRings(graph, { algorithm: 'leiden', resolution: 1, seed: 1 });
}, 300_000);

describe('the analysis graph', () => {
  it('holds the identities of the scenario and their links', () => {
    const index = new Map(graph.keys.map((key, i) => [key, i]));
    const ringEntities = truth.rings.flatMap((ring) => ring.members.map((m) => m.entity));
    const present = ringEntities.filter((key) => index.has(key));
    expect(present.length / ringEntities.length).toBeGreaterThan(0.95);
    expect(graph.graph.edgeCount).toBeGreaterThan(graph.nodeCount / 2);
    expect(graph.money.edgeCount).toBeGreaterThan(0);
    expect(graph.calls.edgeCount).toBeGreaterThan(0);
  });

  it('restricts to a time window and to the neighbourhood of cases', async () => {
    const window = await readAnalysisGraph(db.executor, {
      from: '2026-10-01T00:00:00+08:00',
      to: '2026-10-08T00:00:00+08:00',
    });
    expect(window.money.edgeCount).toBeLessThan(graph.money.edgeCount);
    const caseId = truth.victimPayments.find((payment) => payment.case)?.case;
    expect(caseId).toBeTruthy();
    const near = await readAnalysisGraph(db.executor, { cases: [caseId!], hops: 2 });
    expect(near.nodeCount).toBeGreaterThan(1);
    expect(near.nodeCount).toBeLessThan(graph.nodeCount);
    expect(near.keys).toContain(`Case:${caseId!}`);
  });
});

describe('rings found against the truth', () => {
  it("finds each true ring's ringleader as the ringleader of a ring", () => {
    const leaders = analysis.rings.flatMap((ring) =>
      ring.members.filter((m) => m.role === 'ringleader').map((m) => m.key),
    );
    for (const ring of truth.rings) {
      const leader = ring.members.find(
        (m) => m.role === 'ringleader' && m.entity.startsWith('Person:'),
      );
      expect(leaders).toContain(leader!.entity);
    }
  });

  it('names mules that are mules', () => {
    const truthMules = new Set(
      truth.rings.flatMap((ring) =>
        ring.members.filter((m) => m.role === 'mule').map((m) => m.entity),
      ),
    );
    const found = analysis.rings.flatMap((ring) =>
      ring.members.filter((m) => m.role === 'mule' && m.key.startsWith('BankAccount:')),
    );
    expect(found.length).toBeGreaterThan(0);
    const right = found.filter((m) => truthMules.has(m.key)).length;
    expect(right / found.length).toBeGreaterThan(0.8);
  });

  it('gives reasons whose numbers match the graph', () => {
    const payers = graph.features.payers!;
    const sims = graph.features.sims!;
    for (const ring of analysis.rings) {
      expect(ring.reasons.length).toBeGreaterThan(0);
      for (const member of ring.members) {
        expect(member.reasons.length).toBeGreaterThan(0);
        const reason = member.reasons[0]!;
        const mule = /^received from (\d+) different payers?/.exec(reason);
        if (mule) expect(Number(mule[1])).toBe(payers[member.node]);
        const cycling = /^carried ([\d,]+) SIMs?/.exec(reason);
        if (cycling) expect(Number(cycling[1]!.replace(/,/g, ''))).toBe(sims[member.node]);
      }
    }
  });
});

describe('analysis runs in Neo4j', () => {
  it('persists a run, reads it back, lists and compares its rings', async () => {
    await createRun(db.executor, {
      id: 'run-a',
      params: { algorithm: 'leiden', resolution: 1, seed: 1 },
      engine: 'ringtrace',
      version: 'test',
      startedBy: 'tester',
    });
    await updateRunProgress(db.executor, 'run-a', 'assigning roles', 0.5);
    expect((await getRun(db.executor, 'run-a'))?.step).toBe('assigning roles');
    await finishRun(db.executor, 'run-a', analysis, graph);
    const run = await getRun(db.executor, 'run-a');
    expect(run).toMatchObject({ status: 'finished', ringCount: analysis.rings.length });
    expect(run?.params).toEqual({ algorithm: 'leiden', resolution: 1, seed: 1 });

    const rings = await listRings(db.executor, 'latest', { limit: 10 });
    expect(rings.map((ring) => ring.ring)).toEqual(
      analysis.rings.slice(0, 10).map((ring) => ring.id),
    );
    const detail = await ringDetail(db.executor, 'run-a/R1');
    expect(detail.members).toHaveLength(analysis.rings[0]!.members.length);
    expect(detail.links.length).toBeGreaterThan(0);
    expect(detail.members[0]!.reasons.length).toBeGreaterThan(0);

    await createRun(db.executor, {
      id: 'run-b',
      params: { algorithm: 'louvain', resolution: 1, seed: 2 },
      engine: 'ringtrace',
      version: 'test',
      startedBy: 'tester',
    });
    await finishRun(
      db.executor,
      'run-b',
      detectRings(graph, { algorithm: 'louvain', resolution: 1, seed: 2 }),
      graph,
    );
    const comparison = await compareRuns(db.executor, 'run-a', 'run-b');
    expect(comparison.rings).toHaveLength(analysis.rings.length);
    expect(comparison.rings[0]!.jaccard).toBeGreaterThan(0.3);

    await createRun(db.executor, {
      id: 'run-c',
      params: {},
      engine: 'gds',
      version: 'test',
      startedBy: 'tester',
    });
    await failRun(db.executor, 'run-c', 'GDS is not installed.');
    expect(await getRun(db.executor, 'run-c')).toMatchObject({ status: 'failed' });
    expect((await listRuns(db.executor, { limit: 10 })).length).toBe(3);
  });
});
