/**
 * Tracing a victim's money forward on a generated scenario, checked against its ground truth:
 * every hop of the victim's payment is found carrying traced money, and the money is found where
 * the truth says it went.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeScenario, type Truth } from '../../seed/index';
import { loadFile } from '../../server/ingest/loader';
import { loadScenario } from '../../server/ingest/scenario';
import { useTestDatabase } from './support/testDatabase';
import { USERS, useTestApp } from './support/testApp';

const db = useTestDatabase();
const testApp = useTestApp(db);

interface Trace {
  method: string;
  hops: { id: string; tracedMinor: number; amountMinor: number; depth: number | null }[];
  holdings: { account: string; tracedMinor: number; depth: number | null }[];
  beyondDepth: { account: string; tracedMinor: number; transfers: number }[];
}

/**
 * A chain of six hops from the victim V: A1 passes it all on, A2 keeps 400.00 and passes 600.00,
 * A3 passes it on, A4 keeps 100.00 and pays 500.00 to A5, which pays it to A6.
 */
const CHAIN = [
  'transfer_id,from_bank,from_account,to_bank,to_account,amount,currency,time',
  'H1,ICBC,6222000000000000,ABC,6228000000000001,1000.00,CNY,2026-10-03T10:00:00Z',
  'H2,ABC,6228000000000001,CCB,6217000000000002,1000.00,CNY,2026-10-03T10:10:00Z',
  'H3,CCB,6217000000000002,BOC,6216000000000003,600.00,CNY,2026-10-03T10:20:00Z',
  'H4,BOC,6216000000000003,CMB,6214000000000004,600.00,CNY,2026-10-03T10:30:00Z',
  'H5,CMB,6214000000000004,PSBC,6210000000000005,500.00,CNY,2026-10-03T10:40:00Z',
  'H6,PSBC,6210000000000005,ICBC,6222000000000006,500.00,CNY,2026-10-03T10:50:00Z',
].join('\n');

async function loadChain(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-chain-'));
  const file = path.join(dir, 'chain.csv');
  writeFileSync(file, `${CHAIN}\n`);
  await loadFile(db.executor, file, { kind: 'bank-transfers', organisation: 'ICBC', workDir: dir });
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

  it('answers at most `depth` hops, and says what left the last hop rather than calling it held', async () => {
    await loadChain();
    const { agent } = await testApp.signIn(USERS.investigator.username);
    const trace = async (depth: number) =>
      (
        await agent
          .get('/api/trace/forward')
          .query({ transfer: 'ICBC:H1', depth, windowHours: 2, method: 'fifo' })
          .expect(200)
      ).body as Trace;

    const four = await trace(4);
    expect(four.hops.map((hop) => [hop.id, hop.depth, hop.tracedMinor])).toEqual([
      ['ICBC:H1', 1, 100000],
      ['ABC:H2', 2, 100000],
      ['CCB:H3', 3, 60000],
      ['BOC:H4', 4, 60000],
    ]);
    // A4 paid 500.00 on at hop 5: that money is not held in A4, and not followed into A5.
    expect(four.holdings).toEqual([
      { account: 'CCB:6217000000000002', tracedMinor: 40000, currency: 'CNY', depth: 2 },
      { account: 'CMB:6214000000000004', tracedMinor: 10000, currency: 'CNY', depth: 4 },
    ]);
    expect(four.beyondDepth).toEqual([
      { account: 'CMB:6214000000000004', tracedMinor: 50000, currency: 'CNY', transfers: 1 },
    ]);

    const six = await trace(6);
    expect(six.hops.map((hop) => hop.depth)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(six.holdings.map((holding) => [holding.account, holding.tracedMinor])).toEqual([
      ['ICBC:6222000000000006', 50000],
      ['CCB:6217000000000002', 40000],
      ['CMB:6214000000000004', 10000],
    ]);
    expect(six.beyondDepth).toEqual([]);
  });

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
