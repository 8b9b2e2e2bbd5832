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
const ENTITIES = 'BankAccount:ABC:6228480000002222,PhoneNumber:+8613800138000';

beforeEach(async () => {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-timeline-'));
  const files: [FileKind, string][] = [
    ['bank-transfers', 'transfers.csv'],
    ['telecom-cdr', 'cdr.csv'],
    ['police-reports', 'reports.csv'],
  ];
  for (const [kind, file] of files) {
    await loadFile(db.executor, path.join(FIXTURES, file), { kind, organisation: 'CMCC', workDir });
  }
});

interface Event {
  kind: string;
  id: string;
  at: string;
  from: string | null;
  to: string | null;
  amountMinor: number | null;
}

describe('GET /api/timeline', () => {
  it("puts a number's calls, an account's transfers and the reports naming them in time order", async () => {
    const { agent } = await testApp.signIn(USERS.investigator.username);
    const response = await agent.get('/api/timeline').query({ entities: ENTITIES }).expect(200);
    const body = response.body as { events: Event[]; more: boolean };
    expect(body.events.map((event) => [event.kind, event.id])).toEqual([
      ['Call', 'CMCC:C1'],
      ['Call', 'CMCC:C2'],
      ['Call', 'CMCC:C3'],
      ['Transfer', 'ICBC:T1'],
      ['Transfer', 'ABC:T2'],
      ['Transfer', 'ABC:T3'],
      ['Transfer', 'ICBC:T4'],
      ['Case', 'A2026-001'],
      ['Case', 'A2026-002'],
    ]);
    expect(body.events[3]).toMatchObject({
      from: 'ICBC:6222020200001111',
      to: 'ABC:6228480000002222',
      amountMinor: 150000,
    });
    expect(body.more).toBe(false);
  });

  it('keeps to the time window and pages', async () => {
    const { agent } = await testApp.signIn(USERS.investigator.username);
    const windowed = await agent
      .get('/api/timeline')
      .query({
        entities: ENTITIES,
        from: '2026-10-03T21:10:00+08:00',
        to: '2026-10-04T00:00:00+08:00',
        limit: 2,
      })
      .expect(200);
    const page = windowed.body as { events: Event[]; more: boolean };
    expect(page.events.map((event) => event.id)).toEqual(['ICBC:T1', 'ABC:T2']);
    expect(page.more).toBe(true);
  });

  it('refuses entities without a timeline and a reversed window', async () => {
    const { agent } = await testApp.signIn(USERS.investigator.username);
    const wrong = await agent
      .get('/api/timeline')
      .query({ entities: 'Device:490154203237518' })
      .expect(400);
    expect((wrong.body as { detail: string }).detail).toMatch(/Device has no timeline/);
    await agent
      .get('/api/timeline')
      .query({ entities: ENTITIES, from: '2026-10-05T00:00:00Z', to: '2026-10-01T00:00:00Z' })
      .expect(400);
  });
});
