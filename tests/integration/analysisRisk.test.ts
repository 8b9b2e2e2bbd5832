/**
 * Report-based risk as an investigator uses it: thousands of reported identities in a POST body,
 * the whole ranking read page by page, answers that see data loaded a moment before (by an upload,
 * by another process, or by a change no stamp notices), Case nodes only when asked, and requests
 * too large refused with what to fix.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { Executor } from '../../server/db/executor';
import { defineQuery, loadQueries } from '../../server/db/query';
import { loadFile } from '../../server/ingest/loader';
import type { FileKind } from '../../server/ingest/kinds';
import { RISK_METHODS } from '../../server/analysis/rings/risk';
import { fixtureQueries, silentLogger, useTestDatabase } from './support/testDatabase';
import { USERS, useTestApp, type SignedIn } from './support/testApp';

// The tests share one network, loaded once; the one that loads more comes last.
const db = useTestDatabase({}, { emptyBefore: 'all' });
const testApp = useTestApp(db);

const VICTIMS = 700;
const MULES = 70;
const CASH_OUTS = 7;
const FIRST_CASES = 40;

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const victim = (i: number) => `ICBC:62220200${pad(i, 6)}`;
const mule = (i: number) => `ABC:62284800${pad(i, 6)}`;
const cashOut = (i: number) => `CCB:62170000${pad(i, 6)}`;
const at = (minutes: number) =>
  new Date(Date.UTC(2026, 9, 3, 12) + minutes * 60_000).toISOString().replace('.000Z', '+00:00');

/** Victims pay mules, mules pass it on to cash-out accounts; two accounts apart trade alone. */
function transfersCsv(): string {
  const lines = ['transfer_id,from_bank,from_account,to_bank,to_account,amount,currency,time'];
  const row = (id: string, from: string, to: string, amount: string, minutes: number) => {
    const [fromBank, fromNumber] = from.split(':');
    const [toBank, toNumber] = to.split(':');
    lines.push(
      `${id},${fromBank},${fromNumber},${toBank},${toNumber},${amount},CNY,${at(minutes)}`,
    );
  };
  for (let i = 0; i < VICTIMS; i += 1) row(`V${i}`, victim(i), mule(i % MULES), '1000.00', i);
  for (let j = 0; j < MULES; j += 1) {
    row(`M${j}`, mule(j), cashOut(j % CASH_OUTS), '9000.00', VICTIMS + j);
  }
  row('X1', 'BOC:621661000001', 'BOC:621661000002', '10.00', 5);
  return `${lines.join('\n')}\n`;
}

/** Police reports `prefix-0..count-1`, each naming a number and a mule account. */
function reportsCsv(prefix: string, count: number, phone: (i: number) => string): string {
  const lines = [
    'case_number,reported_at,station_id,station_name,scam_type,loss_amount,currency,victim_id,' +
      'victim_name,victim_phone,named_numbers,named_accounts,named_handles',
  ];
  for (let i = 0; i < count; i += 1) {
    lines.push(
      `${prefix}-${pad(i, 4)},${at(2_000 + i)},ST-${prefix},${prefix} Station,fake_police,` +
        `500.00,CNY,,,,${phone(i)},${mule(i % MULES)},`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const workDir = () => mkdtempSync(path.join(os.tmpdir(), 'ringtrace-risk-'));

/** Loads a file the way another process (the ingest command) would: no upload, no signal. */
async function loadDirectly(kind: FileKind, name: string, text: string) {
  const dir = workDir();
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return loadFile(db.executor, file, {
    kind,
    organisation: 'police',
    workDir: dir,
    fileName: name,
  });
}

beforeAll(async () => {
  await loadDirectly('bank-transfers', 'transfers.csv', transfersCsv());
  await loadDirectly(
    'police-reports',
    'first-reports.csv',
    reportsCsv('A', FIRST_CASES, (i) => `1360000${pad(i, 4)}`),
  );
}, 300_000);

interface Entry {
  rank: number;
  type: string;
  id: string;
  score: number;
}
interface RiskPage {
  ranking: Entry[];
  total: number;
  offset: number;
  limit: number;
  nextOffset: number | null;
  types: string[];
  reported: number;
  inGraph: number;
  notInGraph: string[];
  graphReadAt: string;
  graphAgeSeconds: number;
  method: string;
  methodReason: string;
}

async function risk(agent: SignedIn['agent'], body: object, status = 200): Promise<RiskPage> {
  const response = await agent.post('/api/analysis/risk').send(body);
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  return response.body as RiskPage;
}

const victims = Array.from({ length: VICTIMS }, (_, i) => `BankAccount:${victim(i)}`);

describe('POST /api/analysis/risk', () => {
  it('takes hundreds of reported identities and pages through the whole ranking', async () => {
    const { agent } = await testApp.signIn(USERS.investigator.username);
    const first = await risk(agent, {
      reported: [...victims, 'PhoneNumber:+8613000000000'],
      limit: 10,
    });
    expect(first).toMatchObject({
      reported: VICTIMS + 1,
      inGraph: VICTIMS,
      notInGraph: ['PhoneNumber:+8613000000000'],
      offset: 0,
      limit: 10,
      nextOffset: 10,
    });
    expect(Date.parse(first.graphReadAt)).toBeLessThanOrEqual(Date.now());
    expect(first.graphAgeSeconds).toBeGreaterThanOrEqual(0);
    // Enough reports to try each way of ranking on folds of them; the answer says which won.
    expect(RISK_METHODS).toContain(first.method);
    expect(first.methodReason).toMatch(/^held-back reports ranked best by /);

    const seen: Entry[] = [];
    let offset: number | null = 0;
    let pages = 0;
    while (offset !== null) {
      const page = await risk(agent, { reported: victims, limit: 10, offset });
      expect(page.total).toBe(first.total);
      expect(page.ranking[0]?.rank).toBe(offset + 1);
      seen.push(...page.ranking);
      offset = page.nextOffset;
      pages += 1;
    }
    expect(pages).toBe(Math.ceil(first.total / 10));
    expect(seen).toHaveLength(first.total);
    expect(new Set(seen.map((entry) => `${entry.type}:${entry.id}`)).size).toBe(first.total);
    expect(seen.map((entry) => entry.rank)).toEqual(seen.map((_, i) => i + 1));
    for (let i = 1; i < seen.length; i += 1) {
      expect(seen[i]!.score).toBeLessThanOrEqual(seen[i - 1]!.score);
    }
    // The mules and the cash-out accounts are in it; the victims reported are not.
    const keys = new Set(seen.map((entry) => `${entry.type}:${entry.id}`));
    for (let j = 0; j < MULES; j += 1) expect(keys.has(`BankAccount:${mule(j)}`)).toBe(true);
    for (let j = 0; j < CASH_OUTS; j += 1) expect(keys.has(`BankAccount:${cashOut(j)}`)).toBe(true);
    expect(victims.some((key) => keys.has(key))).toBe(false);
    const past = await risk(agent, { reported: victims, offset: first.total, limit: 10 });
    expect(past).toMatchObject({ ranking: [], nextOffset: null, total: first.total });

    // The same list in the query string, for a short list, answers the same ranking.
    const viaGet = await agent
      .get('/api/analysis/risk')
      .query({ reported: victims.slice(0, 300).join(','), limit: 5, offset: 5 })
      .expect(200);
    expect((viaGet.body as RiskPage).ranking.map((entry) => entry.rank)).toEqual([6, 7, 8, 9, 10]);
  });

  it('ranks Case nodes only when asked, and only the asked types', async () => {
    const { agent } = await testApp.signIn(USERS.investigator.username);
    const plain = await risk(agent, { reported: victims.slice(0, 100), limit: 1_000 });
    expect(plain.ranking.some((entry) => entry.type === 'Case')).toBe(false);
    expect(plain.types).not.toContain('Case');
    const withCases = await risk(agent, {
      reported: victims.slice(0, 100),
      limit: 1_000,
      includeCases: true,
    });
    expect(withCases.ranking.filter((entry) => entry.type === 'Case').length).toBeGreaterThan(0);
    expect(withCases.total).toBeGreaterThan(plain.total);

    const phones = await agent
      .get('/api/analysis/risk')
      .query({ reported: 'Case:A-0001', types: 'PhoneNumber', limit: 1_000 })
      .expect(200);
    const ranking = (phones.body as RiskPage).ranking;
    expect(ranking.length).toBeGreaterThan(0);
    expect(ranking.every((entry) => entry.type === 'PhoneNumber')).toBe(true);
    const cases = await agent
      .get('/api/analysis/risk')
      .query({ reported: victims[0], includeCases: 'true', types: 'Case', limit: 1_000 })
      .expect(200);
    expect((cases.body as RiskPage).ranking.every((entry) => entry.type === 'Case')).toBe(true);
  });

  it('is a read: an API token with graph:read may call it', async () => {
    const { agent } = await testApp.signIn(USERS.investigator.username);
    const created = await agent
      .post('/api/tokens')
      .send({ name: 'risk script', scopes: ['graph:read'] })
      .expect(201);
    const token = (created.body as { token: string }).token;
    const response = await request(testApp.app)
      .post('/api/analysis/risk')
      .set('authorization', `Bearer ${token}`)
      .send({ reported: victims.slice(0, 3) })
      .expect(200);
    expect((response.body as RiskPage).ranking.length).toBeGreaterThan(0);
  });

  it('says what to fix when a request is too large or wrong', async () => {
    const { agent } = await testApp.signIn(USERS.investigator.username);
    const many = Array.from({ length: 20_001 }, (_, i) => `PhoneNumber:+86139${pad(i, 8)}`);
    const tooMany = await agent.post('/api/analysis/risk').send({ reported: many }).expect(413);
    expect((tooMany.body as { detail: string }).detail).toMatch(/at most 20,000 in one request/);

    const huge = Array.from({ length: 15_000 }, (_, i) => `BankAccount:BANK:${pad(i, 60)}`);
    const tooBig = await agent.post('/api/analysis/risk').send({ reported: huge }).expect(413);
    expect((tooBig.body as { detail: string }).detail).toMatch(/1 MB/);

    const pageTooLong = await agent
      .post('/api/analysis/risk')
      .send({ reported: victims.slice(0, 2), limit: 5_000 })
      .expect(400);
    expect((pageTooLong.body as { detail: string }).detail).toMatch(/body\.limit/);
    const badItem = await agent
      .post('/api/analysis/risk')
      .send({ reported: ['Planet:1'] })
      .expect(400);
    expect((badItem.body as { detail: string }).detail).toMatch(/body\.reported\.0/);
    await agent.post('/api/analysis/risk').send({ reported: [] }).expect(400);
    await agent
      .post('/api/analysis/risk')
      .send({ reported: victims.slice(0, 2), cursor: 'x' })
      .expect(400);

    // Lists too long for a query string point to the POST.
    const manyCases = Array.from({ length: 600 }, (_, i) => `Case:A-${pad(i, 4)}`);
    const tooManyInQuery = await agent
      .get('/api/analysis/risk')
      .query({ reported: manyCases.join(',') })
      .expect(400);
    expect((tooManyInQuery.body as { detail: string }).detail).toMatch(
      /query\.reported: at most 500 identities; send longer lists as POST \/api\/analysis\/risk/,
    );
    const longQuery = await agent
      .get('/api/analysis/risk')
      .query({ reported: victims.slice(0, 350).join(',') })
      .expect(400);
    expect((longQuery.body as { detail: string }).detail).toMatch(
      /at most 10,000 characters; send longer lists as POST/,
    );

    const none = await risk(agent, { reported: ['BankAccount:NOPE:1'] }, 400);
    expect((none as unknown as { detail: string }).detail).toMatch(/None of the reported/);
  });

  it('sees reports loaded a moment before, however they were loaded', async () => {
    const { agent } = await testApp.signIn(USERS.investigator.username);
    const before = await risk(agent, { reported: victims, limit: 1 });

    // 387 reports uploaded through the API: the upload tells the analysis the graph changed.
    const upload = await agent
      .post('/api/ingest/police-reports?fileName=more-reports.csv')
      .set('content-type', 'text/csv')
      .send(reportsCsv('B', 387, (i) => `1390000${pad(i, 4)}`))
      .expect(200);
    expect((upload.body as { loaded: number }).loaded).toBe(387);
    const numbers = Array.from({ length: 387 }, (_, i) => `PhoneNumber:+861390000${pad(i, 4)}`);
    const named = await risk(agent, { reported: numbers, limit: 100, includeCases: true });
    expect(named).toMatchObject({ reported: 387, inGraph: 387, notInGraph: [] });
    expect(Date.parse(named.graphReadAt)).toBeGreaterThan(Date.parse(before.graphReadAt));
    const newCases = await risk(agent, { reported: numbers, limit: 1_000, types: ['Case'] });
    expect(newCases.ranking.filter((entry) => entry.id.startsWith('B-'))).toHaveLength(387);

    // Loaded by another process (the ingest command): the stamp of what is loaded changed.
    await loadDirectly(
      'police-reports',
      'later-reports.csv',
      reportsCsv('C', 5, (i) => `1350000${pad(i, 4)}`),
    );
    const later = await risk(agent, { reported: ['PhoneNumber:+8613500000003'], limit: 5 });
    expect(later).toMatchObject({ inGraph: 1, notInGraph: [] });

    // A change no stamp sees (a link between nodes already there): the identity the graph lacks
    // makes it read again once.
    await db.executor.run(fixtureQueries.createPhoneNumber, {
      id: '+8613400000001',
      raw: '13400000001',
      firstSeen: '2026-10-01T00:00:00+08:00',
      calls: 0,
    });
    const unlinked = await risk(agent, { reported: victims, limit: 1 });
    const nameInCase = defineQuery<{ case: string; phone: string }, never>('nameInCase', 'write');
    const fixtures = new Executor(db.driver, {
      database: db.settings.database,
      texts: loadQueries(path.join(import.meta.dirname, 'support', 'riskCypher'), [nameInCase]),
      logger: silentLogger,
    });
    await fixtures.run(nameInCase, { case: 'A-0001', phone: '+8613400000001' });
    const linked = await risk(agent, { reported: ['PhoneNumber:+8613400000001'], limit: 5 });
    expect(linked).toMatchObject({ inGraph: 1, notInGraph: [] });
    expect(Date.parse(linked.graphReadAt)).toBeGreaterThan(Date.parse(unlinked.graphReadAt));

    // An identity still absent after that read does not make every later request read again.
    const absent = ['PhoneNumber:+8613300000009', ...victims.slice(0, 5)];
    const once = await risk(agent, { reported: absent, limit: 1 });
    const again = await risk(agent, { reported: absent, limit: 1 });
    expect(once.notInGraph).toEqual(['PhoneNumber:+8613300000009']);
    expect(again.graphReadAt).toBe(once.graphReadAt);
  });
});
