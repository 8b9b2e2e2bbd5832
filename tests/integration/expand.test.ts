import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config';
import type { FileKind } from '../../server/ingest/kinds';
import { loadFile } from '../../server/ingest/loader';
import { useTestDatabase } from './support/testDatabase';
import { USERS, useTestApp } from './support/testApp';

const db = useTestDatabase();
const testApp = useTestApp(db);
const FIXTURES = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'ingest');
const MULE = '/api/entities/BankAccount/ABC:6228480000002222';

beforeEach(async () => {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-expand-'));
  const files: [FileKind, string][] = [
    ['bank-transfers', 'transfers.csv'],
    ['police-reports', 'reports.csv'],
  ];
  for (const [kind, file] of files) {
    await loadFile(db.executor, path.join(FIXTURES, file), { kind, organisation: 'ICBC', workDir });
  }
});

interface Neighbour {
  relationship: string;
  outgoing: boolean;
  type: string;
  id: string;
  degree: number;
}

describe('guarded expansion', () => {
  it('counts neighbours by relationship and kind before fetching any', async () => {
    const { agent } = await testApp.signIn(USERS.investigator.username);
    const response = await agent.get(`${MULE}/neighbours/counts`).expect(200);
    const body = response.body as {
      total: number;
      counts: { relationship: string; outgoing: boolean; neighbourType: string; count: number }[];
    };
    expect(body.counts).toEqual(
      expect.arrayContaining([
        { relationship: 'SENT', outgoing: true, neighbourType: 'Transfer', count: 2 },
        { relationship: 'TO', outgoing: false, neighbourType: 'Transfer', count: 2 },
        { relationship: 'NAMES', outgoing: false, neighbourType: 'Case', count: 2 },
        { relationship: 'TRANSFERRED', outgoing: false, neighbourType: 'BankAccount', count: 1 },
      ]),
    );
    expect(body.total).toBe(body.counts.reduce((sum, row) => sum + row.count, 0));
  });

  it('pages neighbours by filter and time window, and says what was left out', async () => {
    const { agent } = await testApp.signIn(USERS.investigator.username);
    const outgoing = await agent
      .get(`${MULE}/neighbours`)
      .query({ relationships: 'TRANSFERRED', limit: 1 })
      .expect(200);
    const page = outgoing.body as { neighbours: Neighbour[]; total: number; leftOut: number };
    expect(page.total).toBe(3);
    expect(page.neighbours).toHaveLength(1);
    expect(page.leftOut).toBe(2);

    const windowed = await agent
      .get(`${MULE}/neighbours`)
      .query({
        types: 'Transfer',
        from: '2026-10-04T00:00:00+08:00',
        to: '2026-10-05T00:00:00+08:00',
      })
      .expect(200);
    expect((windowed.body as { neighbours: Neighbour[] }).neighbours.map((n) => n.id)).toEqual([
      'ICBC:T4',
    ]);
  });

  it("expands two hops over identity links: where the victim's mule passed the money on", async () => {
    const { agent } = await testApp.signIn(USERS.investigator.username);
    const victim = '/api/entities/BankAccount/ICBC:6222020200001111';
    const response = await agent
      .get(`${victim}/neighbours`)
      .query({ hops: 2, relationships: 'TRANSFERRED' })
      .expect(200);
    const page = response.body as {
      firstHop: number;
      neighbours: { type: string; id: string; via: number; through: string[] }[];
      capped: boolean;
    };
    expect(page.firstHop).toBe(1);
    expect(page.neighbours.map((n) => n.id).sort()).toEqual([
      'BOC:6216610000004444',
      'CCB:6217000000003333',
    ]);
    expect(page.neighbours[0]?.through).toEqual(['BankAccount:ABC:6228480000002222']);
    expect(page.capped).toBe(false);
    await agent.get(`${victim}/neighbours`).query({ hops: 2, relationships: 'SENT' }).expect(400);
    await agent.get(`${victim}/neighbours`).query({ hops: 3 }).expect(400);
  });

  it('refuses unknown relationship types, a reversed window and an unknown entity', async () => {
    const { agent } = await testApp.signIn(USERS.investigator.username);
    const badType = await agent
      .get(`${MULE}/neighbours`)
      .query({ relationships: 'SENT,DELETE_EVERYTHING' })
      .expect(400);
    expect((badType.body as { detail: string }).detail).toMatch(/query\.relationships/);
    const reversed = await agent
      .get(`${MULE}/neighbours`)
      .query({ from: '2026-10-05T00:00:00Z', to: '2026-10-04T00:00:00Z' })
      .expect(400);
    expect((reversed.body as { detail: string }).detail).toMatch(/"from" must be before "to"/);
    await agent.get('/api/entities/BankAccount/NOPE:1/neighbours/counts').expect(404);
    await agent.get('/api/entities/BankAccount/NOPE:1/neighbours').expect(404);
  });
});
