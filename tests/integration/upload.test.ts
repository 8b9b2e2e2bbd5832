import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config';
import { loadFile } from '../../server/ingest/loader';
import { shippedMapping } from '../../server/ingest/mapping';
import { fixtureQueries, graphCounts, useTestDatabase } from './support/testDatabase';
import { USERS, useTestApp } from './support/testApp';

const db = useTestDatabase();
const testApp = useTestApp(db);
const FIXTURES = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'ingest');
const AMLSIM = path.join(PROJECT_ROOT, '..', 'shared', 'data', 'amlsim-20k-fanin200');

describe('POST /api/ingest/:kind', () => {
  it("loads a partner's upload as from the partner's own organisation", async () => {
    const { agent } = await testApp.signIn(USERS.partner.username);
    const response = await agent
      .post('/api/ingest/bank-transfers?org=SOMEONE_ELSE&fileName=october.csv')
      .set('content-type', 'text/csv')
      .send(readFileSync(path.join(FIXTURES, 'transfers.csv')))
      .expect(200);
    expect(response.body).toMatchObject({
      file: 'october.csv',
      organisation: 'ICBC',
      rowsRead: 12,
      loaded: 2,
      rejected: 9,
      rejects: expect.arrayContaining([
        { line: 7, reason: 'amount "-50.00" is negative' },
        {
          line: 3,
          reason:
            'transfer between ABC and CCB accounts: ICBC reports only transfers to or from its ' +
            'own accounts',
        },
      ]),
    });
    expect(response.body).not.toHaveProperty('rejectsFile');
    const { agent: investigator } = await testApp.signIn(USERS.investigator.username);
    const summary = await investigator.get('/api/graph/summary').expect(200);
    expect(summary.body).toMatchObject({
      counts: { Transfer: 2, BankAccount: 2, Source: 1, Call: 0 },
    });
    const { agent: supervisor } = await testApp.signIn(USERS.supervisor.username);
    const audit = await supervisor.get('/api/audit?action=data.submit').expect(200);
    expect((audit.body as { entries: unknown[] }).entries[0]).toMatchObject({
      actor: USERS.partner.username,
      resultSize: 2,
      params: { kind: 'bank-transfers', organisation: 'ICBC', rejected: 9 },
    });
  });

  it('refuses police reports from a partner, and an unknown kind or mapping', async () => {
    const { agent } = await testApp.signIn(USERS.partner.username);
    await agent
      .post('/api/ingest/police-reports')
      .set('content-type', 'text/csv')
      .send(readFileSync(path.join(FIXTURES, 'reports.csv')))
      .expect(403);
    const unknownKind = await agent.post('/api/ingest/tax-returns').send('x').expect(400);
    expect((unknownKind.body as { detail: string }).detail).toMatch(/path\.kind/);
    const unknownMapping = await agent
      .post('/api/ingest/bank-transfers?mapping=nope')
      .set('content-type', 'text/csv')
      .send('a,b\n1,2\n')
      .expect(400);
    expect((unknownMapping.body as { detail: string }).detail).toMatch(/amlsim-transactions/);
    expect((await graphCounts(db.executor)).labels).toEqual(
      expect.not.objectContaining({ Case: expect.anything() }),
    );
  });

  it('refuses an empty body and a file of the wrong kind with a clear message', async () => {
    const { agent } = await testApp.signIn(USERS.investigator.username);
    await agent.post('/api/ingest/telecom-cdr').set('content-type', 'text/csv').expect(400);
    const wrong = await agent
      .post('/api/ingest/telecom-cdr')
      .set('content-type', 'text/csv')
      .send(readFileSync(path.join(FIXTURES, 'transfers.csv')))
      .expect(400);
    expect((wrong.body as { detail: string }).detail).toMatch(/lacks the telecom-cdr column/);
  });
});

describe('the AMLSim mapping (third-party sample)', () => {
  it('loads the accounts and transfers, leaving the ground truth out of the graph', async () => {
    const workDir = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-amlsim-'));
    const accounts = await loadFile(db.executor, path.join(AMLSIM, 'nodes.csv'), {
      kind: 'bank-accounts',
      organisation: 'AMLSIM',
      workDir,
      mapping: shippedMapping('amlsim-accounts'),
    });
    expect(accounts).toMatchObject({ rowsRead: 20_000, loaded: 20_000, rejected: 0 });
    const transfers = await loadFile(db.executor, path.join(AMLSIM, 'transactions.csv'), {
      kind: 'bank-transfers',
      organisation: 'AMLSIM',
      workDir,
      mapping: shippedMapping('amlsim-transactions'),
      batchSize: 10_000,
    });
    expect(transfers).toMatchObject({ rowsRead: 118_250, loaded: 118_250, rejected: 0 });
    const counts = await graphCounts(db.executor);
    expect(counts.labels).toMatchObject({ BankAccount: 20_000, Transfer: 118_250 });
    const account = await db.executor.first(fixtureQueries.nodeById, { id: 'AMLSIM:0' });
    expect(Object.keys(account?.props ?? {})).not.toContain('isFraud');
    // transactions.csv line 2: 360,18984,103.55,1 -> step 1 = one hour after the start.
    const first = await db.executor.first(fixtureQueries.nodeById, { id: 'AMLSIM:T2' });
    expect(first?.props).toMatchObject({
      amountMinor: 10355,
      currency: 'USD',
      time: '2026-01-01T01:00:00Z',
    });
  }, 240_000);
});
