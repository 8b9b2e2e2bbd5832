/**
 * The investigation API on one generated scenario, checked against its ground truth: backward
 * traces and traces from an account, shortest and time-respecting paths, shared identifiers
 * (SIM boxes, accounts opened by one hand, mule accounts across stations), same-person candidates
 * and their reviews; and bad input of every kind answered with a clear 4xx.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeScenario, type Truth, type TruthHop } from '../../seed/index';
import { loadScenario } from '../../server/ingest/scenario';
import { fixtureQueries, graphCounts, useTestDatabase } from './support/testDatabase';
import { USERS, useTestApp } from './support/testApp';

const db = useTestDatabase({}, { emptyBefore: 'all' });
const testApp = useTestApp(db);
let truth: Truth;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-investigation-'));
  await writeScenario({ size: 'demo', seed: 5, outDir: dir });
  await loadScenario(db.executor, dir, {
    workDir: mkdtempSync(path.join(os.tmpdir(), 'ringtrace-work-')),
  });
  truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Truth;
}, 300_000);

function graphId(hop: TruthHop): string {
  return `${hop.fromAccount.split(':')[0] ?? ''}:${hop.transferId}`;
}

function membersOf(role: string, prefix: string): string[] {
  return truth.rings.flatMap((ring) =>
    ring.members
      .filter((member) => member.role === role && member.entity.startsWith(prefix))
      .map((member) => member.entity),
  );
}

const ringEntities = () =>
  new Set(truth.rings.flatMap((ring) => ring.members.map((m) => m.entity)));

/** A victim payment that went through at least three hops. */
function longPayment() {
  const payment = truth.victimPayments.find((found) =>
    found.paths.some((hops) => hops.length >= 3),
  );
  const hops = payment?.paths.find((found) => found.length >= 3);
  if (!payment || !hops) throw new Error('The scenario has no multi-hop victim payment');
  return { payment, hops };
}

interface Origin {
  account: string;
  attributedMinor: number;
  reason: string;
}

describe('money-flow tracing backward and from an account', () => {
  it("traces a mule's money back to the victim who paid it", async () => {
    const { agent } = await testApp.signIn(USERS.investigator.username);
    const { hops } = longPayment();
    const first = hops[0] as TruthHop;
    const last = hops[hops.length - 1] as TruthHop;
    const after = new Date(Date.parse(last.time) + 60_000).toISOString();
    const response = await agent
      .get('/api/trace/backward')
      .query({ account: last.toAccount, at: after, depth: 6, windowHours: 3, method: 'fifo' })
      .expect(200);
    const trace = response.body as {
      receivedMinor: number;
      hops: { id: string; attributedMinor: number }[];
      origins: Origin[];
    };
    const attributed = new Map(trace.hops.map((hop) => [hop.id, hop.attributedMinor]));
    for (const hop of hops)
      expect(attributed.get(graphId(hop)) ?? 0, graphId(hop)).toBeGreaterThan(0);
    expect(trace.origins.map((origin) => origin.account)).toContain(first.fromAccount);
    const total = trace.origins.reduce((sum, origin) => sum + origin.attributedMinor, 0);
    expect(total).toBe(trace.receivedMinor);
  });

  it('traces money put into an account at a time forward to where it sits', async () => {
    const { agent } = await testApp.signIn(USERS.investigator.username);
    const { payment, hops } = longPayment();
    const first = hops[0] as TruthHop;
    const response = await agent
      .get('/api/trace/forward')
      .query({
        account: first.toAccount,
        at: first.time,
        amountMinor: first.amountMinor,
        depth: 6,
        windowHours: 2,
      })
      .expect(200);
    const trace = response.body as {
      hops: { id: string; tracedMinor: number }[];
      holdings: { account: string; tracedMinor: number }[];
    };
    const held = trace.holdings.reduce((sum, holding) => sum + holding.tracedMinor, 0);
    expect(held).toBe(first.amountMinor);
    const traced = new Set(trace.hops.map((hop) => hop.id));
    for (const hop of hops.slice(1)) expect(traced, graphId(hop)).toContain(graphId(hop));
    const leaves = new Set(payment.paths.map((found) => found[found.length - 1]?.toAccount));
    expect(trace.holdings.some((holding) => leaves.has(holding.account))).toBe(true);
  });

  it('says what to fix for a bad trace request', async () => {
    const { agent } = await testApp.signIn(USERS.investigator.username);
    const missing = await agent.get('/api/trace/forward').query({ account: 'ICBC:1' }).expect(400);
    expect((missing.body as { detail: string }).detail).toMatch(/amountMinor/);
    await agent.get('/api/trace/backward').query({ account: 'no-bank' }).expect(400);
    await agent.get('/api/trace/backward').query({ account: 'ICBC:0000' }).expect(404);
    await agent
      .get('/api/trace/backward')
      .query({ account: 'ICBC:1', at: 'yesterday' })
      .expect(400);
  });
});

interface PathAnswer {
  paths: {
    between: [string, string];
    nodes: { type: string; id: string }[];
    links: { type: string; source: string; target: string; time?: string }[];
  }[];
  unconnected: [string, string][];
}

describe('paths', () => {
  it('finds the k shortest paths from a ringleader to a caller over the chosen links', async () => {
    const { agent } = await testApp.signIn(USERS.investigator.username);
    const ring = truth.rings[0];
    const leader = ring?.members.find((member) => member.role === 'ringleader')?.entity;
    const caller = ring?.members.find(
      (member) => member.role === 'caller' && member.entity.startsWith('Person:'),
    )?.entity;
    expect(leader && caller).toBeTruthy();
    const response = await agent
      .get('/api/paths')
      .query({ entities: `${leader},${caller}`, k: 3, maxHops: 6 })
      .expect(200);
    const answer = response.body as PathAnswer;
    expect(answer.paths.length).toBeGreaterThan(0);
    expect(answer.paths.length).toBeLessThanOrEqual(3);
    for (const found of answer.paths) {
      const first = found.nodes[0];
      const last = found.nodes[found.nodes.length - 1];
      expect(`${first?.type}:${first?.id}`).toBe(leader);
      expect(`${last?.type}:${last?.id}`).toBe(caller);
      expect(found.links.length).toBe(found.nodes.length - 1);
      expect(found.links.length).toBeLessThanOrEqual(6);
    }
    const lengths = answer.paths.map((found) => found.links.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));

    const onlyCalls = await agent
      .get('/api/paths')
      .query({ entities: `${leader},${caller}`, relationships: 'CALLED' })
      .expect(200);
    expect((onlyCalls.body as PathAnswer).unconnected).toEqual([[leader, caller]]);
  });

  it("finds a time-respecting path along a victim's money, each hop later than the last", async () => {
    const { agent } = await testApp.signIn(USERS.investigator.username);
    const { hops } = longPayment();
    const first = hops[0] as TruthHop;
    const last = hops[hops.length - 1] as TruthHop;
    const from = new Date(Date.parse(first.time) - 60_000).toISOString();
    const to = new Date(Date.parse(last.time) + 3_600_000).toISOString();
    const response = await agent
      .get('/api/paths')
      .query({
        entities: `BankAccount:${first.fromAccount},BankAccount:${last.toAccount}`,
        timeRespecting: 'true',
        maxHops: 6,
        from,
        to,
      })
      .expect(200);
    const [found] = (response.body as PathAnswer).paths;
    expect(found?.links.length).toBeGreaterThan(0);
    const times = found?.links.map((link) => link.time ?? '') ?? [];
    expect(times).toEqual([...times].sort());
    expect(new Set(times).size).toBe(times.length);
    expect(found?.links[0]?.source).toBe(`BankAccount:${first.fromAccount}`);
    expect(found?.links[found.links.length - 1]?.target).toBe(`BankAccount:${last.toAccount}`);
  });

  it('refuses bad path requests with what to fix, and treats injection as plain text', async () => {
    const { agent } = await testApp.signIn(USERS.investigator.username);
    const cases: Record<string, string | number>[] = [
      { entities: 'Person:1' },
      { entities: 'Planet:1,Person:2' },
      { entities: 'Person:1,Person:2', maxHops: 9 },
      { entities: 'Person:1,Person:2', k: 0 },
      { entities: 'Person:1,Person:2', relationships: 'KNOWS' },
      { entities: 'Person:1,Person:2', from: '2026-10-02T00:00:00Z', to: '2026-10-01T00:00:00Z' },
      { entities: 'Person:1,Person:2', timeRespecting: 'true' },
    ];
    for (const query of cases) {
      const response = await agent.get('/api/paths').query(query);
      expect(response.status, JSON.stringify(query)).toBe(400);
      expect(response.type).toBe('application/problem+json');
    }
    // The audit trail and sessions grow with every request; the investigation graph must not.
    const domain = async () => {
      const counts = await graphCounts(db.executor);
      return Object.entries(counts.labels).filter(
        ([label]) => !label.startsWith('Audit') && label !== 'Session',
      );
    };
    const before = await domain();
    const injected = await agent
      .get('/api/paths')
      .query({
        entities: "Person:x' OR 1=1 DETACH DELETE n //,Person:y}) MATCH (n) DETACH DELETE n",
      })
      .expect(200);
    expect((injected.body as PathAnswer).paths).toEqual([]);
    expect(await domain()).toEqual(before);
  });
});

describe('shared identifiers', () => {
  it('finds the SIM boxes and burner phones of the rings, and nothing else', async () => {
    const { agent } = await testApp.signIn(USERS.investigator.username);
    const response = await agent.get('/api/shared/handsets').query({ minSims: 3 }).expect(200);
    const handsets = (
      response.body as { handsets: { device: string; sims: number; kind: string }[] }
    ).handsets;
    const callerDevices = new Set(membersOf('caller', 'Device:'));
    expect(handsets.length).toBeGreaterThan(0);
    for (const handset of handsets) expect(callerDevices).toContain(`Device:${handset.device}`);
    expect(handsets.some((handset) => handset.kind === 'likely SIM box')).toBe(true);
    expect(handsets[0]?.sims).toBeGreaterThanOrEqual(handsets[handsets.length - 1]?.sims ?? 0);
  });

  it('finds accounts opened by one hand and mule accounts shared across stations', async () => {
    const { agent } = await testApp.signIn(USERS.investigator.username);
    const members = ringEntities();
    const origins = await agent.get('/api/shared/origins').query({ limit: 200 }).expect(200);
    const byDevice = (
      origins.body as { origins: { type: string; id: string; accounts: string[] }[] }
    ).origins.filter((origin) => origin.type === 'Device' && members.has(`Device:${origin.id}`));
    expect(byDevice.length).toBeGreaterThan(0);

    const reported = await agent
      .get('/api/shared/reported')
      .query({ acrossStations: 'true' })
      .expect(200);
    const entities = (
      reported.body as { entities: { type: string; id: string; stations: string[] }[] }
    ).entities;
    expect(entities.length).toBeGreaterThan(0);
    for (const entity of entities) {
      expect(entity.stations.length).toBeGreaterThanOrEqual(2);
      expect(members).toContain(`${entity.type}:${entity.id}`);
    }
  });

  it('lists same-person candidates with reasons, and keeps who confirmed or rejected them', async () => {
    const { agent } = await testApp.signIn(USERS.investigator.username);
    const listed = await agent.get('/api/shared/same-person').query({ limit: 5 }).expect(200);
    type Candidate = {
      a: { type: string; id: string };
      b: { type: string; id: string };
      score: number;
      reasons: string[];
      status: string;
      review: { decidedBy: string; decision: string; decidedAt: string } | null;
    };
    const [candidate] = (listed.body as { candidates: Candidate[] }).candidates;
    if (!candidate) throw new Error('no same-person candidate in the scenario');
    expect(candidate.reasons.length).toBeGreaterThan(0);
    expect(candidate.status).toBe('open');
    const a = `${candidate.a.type}:${candidate.a.id}`;
    const b = `${candidate.b.type}:${candidate.b.id}`;

    const confirmed = await agent
      .post('/api/shared/same-person/reviews')
      .send({ a, b, decision: 'confirmed', note: 'same ID card photo' })
      .expect(201);
    expect(confirmed.body).toMatchObject({
      decision: 'confirmed',
      decidedBy: USERS.investigator.username,
    });
    const mine = await agent
      .get('/api/shared/same-person')
      .query({ entity: a, minScore: 0, status: 'confirmed' })
      .expect(200);
    const reviewed = (mine.body as { candidates: Candidate[] }).candidates.find(
      (found) => `${found.b.type}:${found.b.id}` === b || `${found.a.type}:${found.a.id}` === b,
    );
    expect(reviewed?.review?.decidedBy).toBe(USERS.investigator.username);

    const supervisor = await testApp.signIn(USERS.supervisor.username);
    await supervisor.agent
      .post('/api/shared/same-person/reviews')
      .send({ a: b, b: a, decision: 'rejected' })
      .expect(201);
    const now = await agent
      .get('/api/shared/same-person')
      .query({ entity: a, minScore: 0 })
      .expect(200);
    const latest = (now.body as { candidates: Candidate[] }).candidates.find(
      (found) => `${found.b.type}:${found.b.id}` === b || `${found.a.type}:${found.a.id}` === b,
    );
    expect(latest?.status).toBe('rejected');
    expect(latest?.review?.decidedBy).toBe(USERS.supervisor.username);
    const labels = await db.executor.run(fixtureQueries.labelCounts, {});
    expect(labels.find((row) => row.label === 'IdentityReview')?.count).toBe(2);

    await agent
      .post('/api/shared/same-person/reviews')
      .send({ a, b: 'Person:nobody', decision: 'confirmed' })
      .expect(404);
    await agent
      .post('/api/shared/same-person/reviews')
      .send({ a, b, decision: 'merged' })
      .expect(400);
  });
});
