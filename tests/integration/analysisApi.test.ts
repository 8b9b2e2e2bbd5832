/**
 * The ring analysis API on a generated scenario: a run answers at once and reports progress while
 * the work goes on off the event loop; its rings and roles are read back (and checked against the
 * scenario's truth); the GDS engine gives rings the rest of Ringtrace reads alike, and two runs
 * compare; report-based risk from three of a ring's mules ranks the ring's accounts, and mules of
 * the other rings working like them, at the top.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeScenario, type Truth } from '../../seed/index';
import { loadScenario } from '../../server/ingest/scenario';
import { useTestDatabase } from './support/testDatabase';
import { USERS, useTestApp, type SignedIn } from './support/testApp';

const db = useTestDatabase({}, { emptyBefore: 'all' });
const testApp = useTestApp(db);
let truth: Truth;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-analysis-api-'));
  await writeScenario({ size: 'demo', seed: 11, outDir: dir });
  await loadScenario(db.executor, dir, {
    workDir: mkdtempSync(path.join(os.tmpdir(), 'ringtrace-work-')),
  });
  truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Truth;
}, 300_000);

interface Run {
  id: string;
  status: string;
  step: string;
  fraction: number;
  engine: string;
  version: string;
  ringCount: number | null;
  error: string | null;
}

async function finished(agent: SignedIn['agent'], id: string): Promise<Run> {
  for (let attempt = 0; attempt < 240; attempt += 1) {
    const run = (await agent.get(`/api/analysis/runs/${id}`).expect(200)).body as Run;
    if (run.status !== 'running') return run;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`Run ${id} did not finish`);
}

describe('ring analysis through the API', () => {
  let runId = '';

  it('starts a run at once, keeps answering while it works, and finds the rings', async () => {
    const { agent } = await testApp.signIn(USERS.investigator.username);
    const started = await agent
      .post('/api/analysis/runs')
      .send({ algorithm: 'leiden', seed: 3 })
      .expect(202);
    runId = (started.body as { id: string }).id;
    // The server is not blocked: other requests are answered while the run goes on.
    await agent.get('/api/graph/summary').expect(200);
    const busy = await agent.post('/api/analysis/runs').send({});
    expect([202, 409]).toContain(busy.status);
    if (busy.status === 202) await finished(agent, (busy.body as { id: string }).id);

    const run = await finished(agent, runId);
    expect(run.error).toBeNull();
    expect(run.status).toBe('finished');
    expect(run.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(run.ringCount).toBeGreaterThan(0);

    const listed = await agent.get('/api/rings').query({ run: runId }).expect(200);
    const rings = (listed.body as { rings: { id: string; ring: string; reasons: string[] }[] })
      .rings;
    expect(rings.length).toBe(run.ringCount);
    const ringleaders = new Set(
      truth.rings.flatMap((ring) =>
        ring.members.filter((m) => m.role === 'ringleader').map((m) => m.entity),
      ),
    );
    let leadersFound = 0;
    for (const ring of rings) {
      expect(ring.reasons.length).toBeGreaterThan(0);
      const detail = await agent.get(`/api/rings/${ring.id}`).expect(200);
      const members = (
        detail.body as {
          members: { entity: { type: string; id: string }; role: string; reasons: string[] }[];
        }
      ).members;
      for (const member of members) {
        if (member.role !== 'ringleader') continue;
        expect(member.reasons.length).toBeGreaterThan(0);
        if (ringleaders.has(`${member.entity.type}:${member.entity.id}`)) leadersFound += 1;
      }
    }
    expect(leadersFound).toBeGreaterThanOrEqual(Math.ceil(truth.rings.length / 2));
  }, 240_000);

  it('runs on GDS too, and compares the two runs ring by ring', async () => {
    const { agent } = await testApp.signIn(USERS.investigator.username);
    const started = await agent
      .post('/api/analysis/runs')
      .send({ algorithm: 'louvain', engine: 'gds' })
      .expect(202);
    const gdsId = (started.body as { id: string }).id;
    const run = await finished(agent, gdsId);
    expect(run.error).toBeNull();
    expect(run.engine).toBe('gds');
    expect(run.ringCount).toBeGreaterThan(0);

    const compared = await agent
      .get(`/api/analysis/runs/${runId}/compare`)
      .query({ with: gdsId })
      .expect(200);
    const rings = (compared.body as { rings: { match: string | null; jaccard: number }[] }).rings;
    expect(rings.length).toBeGreaterThan(0);
    expect(rings.some((ring) => ring.match !== null && ring.jaccard > 0.3)).toBe(true);
    const runs = await agent.get('/api/analysis/runs').expect(200);
    expect((runs.body as { runs: Run[] }).runs.map((r) => r.id)).toEqual(
      expect.arrayContaining([runId, gdsId]),
    );
  }, 240_000);

  it("ranks a ring's accounts and others' mules high when its first-layer mules are reported", async () => {
    const { agent } = await testApp.signIn(USERS.investigator.username);
    const ring = truth.rings[0];
    const mules = ring?.members.filter((m) => m.role === 'mule' && m.layer === 1) ?? [];
    const reported = mules.slice(0, 3).map((m) => m.entity);
    const response = await agent
      .get('/api/analysis/risk')
      .query({ reported: reported.join(','), limit: 50 })
      .expect(200);
    const ranking = (response.body as { ranking: { type: string; id: string; score: number }[] })
      .ranking;
    // Three reports are ranked by the higher of closeness and likeness to them: the top holds
    // the reported ring's accounts and accounts working like its mules in the other rings.
    expect((response.body as { method: string }).method).toBe('either');
    const inRing = new Set(ring?.members.map((m) => m.entity));
    const inAnyRing = new Set(truth.rings.flatMap((r) => r.members.map((m) => m.entity)));
    const count = (k: number, set: Set<string>) =>
      ranking.slice(0, k).filter((entry) => set.has(`${entry.type}:${entry.id}`)).length;
    expect(count(20, inAnyRing)).toBeGreaterThanOrEqual(14);
    expect(count(20, inRing)).toBeGreaterThanOrEqual(5);
    expect(count(50, inRing)).toBeGreaterThanOrEqual(10);
    for (const entry of ranking) expect(reported).not.toContain(`${entry.type}:${entry.id}`);
  }, 240_000);

  it('says what to fix for bad analysis requests', async () => {
    const { agent } = await testApp.signIn(USERS.investigator.username);
    await agent.post('/api/analysis/runs').send({ algorithm: 'kmeans' }).expect(400);
    await agent.post('/api/analysis/runs').send({ resolution: -1 }).expect(400);
    await agent
      .post('/api/analysis/runs')
      .send({ from: '2026-10-05T00:00:00Z', to: '2026-10-01T00:00:00Z' })
      .expect(400);
    await agent.get('/api/analysis/runs/nope').expect(404);
    await agent.get('/api/rings/nope/R1').expect(404);
    await agent.get('/api/analysis/risk').query({ reported: 'Planet:1' }).expect(400);
    await agent.get('/api/analysis/risk').query({ reported: 'BankAccount:NOPE:1' }).expect(400);
  });
});
