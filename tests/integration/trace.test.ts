/**
 * Tracing a victim's money forward on a generated scenario, checked against its ground truth:
 * every hop of the victim's payment is found carrying traced money, and the money is found where
 * the truth says it went.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeScenario, type Truth } from '../../seed/index';
import { loadScenario } from '../../server/ingest/scenario';
import { useTestDatabase } from './support/testDatabase';
import { USERS, useTestApp } from './support/testApp';

const db = useTestDatabase();
const testApp = useTestApp(db);

interface Trace {
  method: string;
  hops: { id: string; tracedMinor: number; amountMinor: number }[];
  holdings: { account: string; tracedMinor: number }[];
}

describe('GET /api/trace/forward', () => {
  it("follows victims' payments through the mule layers to where the truth says they went", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-trace-'));
    await writeScenario({ size: 'demo', seed: 5, outDir: dir });
    await loadScenario(db.executor, dir, {
      workDir: mkdtempSync(path.join(os.tmpdir(), 'ringtrace-work-')),
    });
    const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Truth;
    const { agent } = await testApp.signIn(USERS.investigator.username);

    const payments = truth.victimPayments.filter((payment) => payment.paths.length > 0).slice(0, 5);
    expect(payments.length).toBeGreaterThan(0);
    for (const payment of payments) {
      const firstHop = payment.paths[0]?.[0];
      if (!firstHop) continue;
      const bank = firstHop.fromAccount.split(':')[0] ?? '';
      const depth = Math.min(6, Math.max(...payment.paths.map((hops) => hops.length)));
      const response = await agent
        .get('/api/trace/forward')
        .query({
          transfer: `${bank}:${firstHop.transferId}`,
          depth,
          windowHours: 2,
          method: 'fifo',
        })
        .expect(200);
      const trace = response.body as Trace;
      const traced = new Map(trace.hops.map((hop) => [hop.id, hop.tracedMinor]));
      for (const hop of payment.paths.flat()) {
        const id = `${hop.fromAccount.split(':')[0] ?? ''}:${hop.transferId}`;
        expect(traced.get(id) ?? 0, `${payment.victim} hop ${id}`).toBeGreaterThan(0);
      }
      const holding = trace.holdings.reduce((sum, entry) => sum + entry.tracedMinor, 0);
      expect(holding).toBe(firstHop.amountMinor);
      const leaves = new Set(payment.paths.map((hops) => hops[hops.length - 1]?.toAccount));
      const heldAtLeaves = trace.holdings
        .filter((entry) => leaves.has(entry.account))
        .reduce((sum, entry) => sum + entry.tracedMinor, 0);
      expect(heldAtLeaves / firstHop.amountMinor).toBeGreaterThan(0.5);
    }
  }, 300_000);

  it('refuses an unknown transfer, a depth over the limit and an unknown rule', async () => {
    const { agent } = await testApp.signIn(USERS.investigator.username);
    await agent.get('/api/trace/forward').query({ transfer: 'ICBC:nope' }).expect(404);
    const deep = await agent
      .get('/api/trace/forward')
      .query({ transfer: 'x', depth: 9 })
      .expect(400);
    expect((deep.body as { detail: string }).detail).toMatch(/query\.depth/);
    await agent.get('/api/trace/forward').query({ transfer: 'x', method: 'lifo' }).expect(400);
  });
});
