import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config';
import type { FileKind } from '../../server/ingest/kinds';
import { loadFile } from '../../server/ingest/loader';
import { UserService } from '../../server/services/users';
import { graphCounts, useTestDatabase } from './support/testDatabase';
import { PASSWORD, USERS, useTestApp } from './support/testApp';

const db = useTestDatabase();
const testApp = useTestApp(db);
const FIXTURES = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'ingest');

beforeEach(async () => {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-search-'));
  const files: [FileKind, string, string][] = [
    ['bank-accounts', 'bank-accounts.csv', 'ICBC'],
    ['bank-transfers', 'transfers.csv', 'ICBC'],
    ['telecom-cdr', 'cdr.csv', 'CMCC'],
    ['platform-accounts', 'platform-accounts.csv', 'WECHAT'],
    ['police-reports', 'reports.csv', 'POLICE'],
  ];
  for (const [kind, file, organisation] of files) {
    await loadFile(db.executor, path.join(FIXTURES, file), { kind, organisation, workDir });
  }
});

interface Hit {
  type: string;
  id: string;
  label: string;
  summary: string;
}

async function searchAs(username: string, q: string): Promise<Hit[]> {
  const { agent } = await testApp.signIn(username);
  const response = await agent.get('/api/search').query({ q }).expect(200);
  return (response.body as { hits: Hit[] }).hits;
}

describe('GET /api/search', () => {
  it('finds a phone number written in any common format, with a one-line summary', async () => {
    for (const q of ['138 0013 8000', '+86-138-0013-8000', '13800138000']) {
      const [first] = await searchAs(USERS.investigator.username, q);
      expect(first).toMatchObject({ type: 'PhoneNumber', id: '+8613800138000' });
      expect(first?.summary).toBe('3 calls made, 0 received, named in 2 reports');
    }
  });

  it('finds handsets by IMEI, accounts by number with or without the bank, cases and people', async () => {
    const investigator = USERS.investigator.username;
    expect((await searchAs(investigator, '49-015420-323751-8'))[0]).toMatchObject({
      type: 'Device',
      summary: 'handset (TAC 49015420), 2 SIMs seen in it',
    });
    expect((await searchAs(investigator, '6228480000002222'))[0]).toMatchObject({
      type: 'BankAccount',
      id: 'ABC:6228480000002222',
    });
    expect((await searchAs(investigator, 'abc:6228480000002222'))[0]?.summary).toBe(
      '2 transfers out, 2 in, named in 2 reports',
    );
    for (const q of [
      'BOC 6216610000004444',
      'BOC6216610000004444',
      'boc 6216 6100 0000 4444',
      'boc6216610000004444',
    ]) {
      expect((await searchAs(investigator, q))[0], q).toMatchObject({
        type: 'BankAccount',
        id: 'BOC:6216610000004444',
        label: 'BOC 6216610000004444',
      });
    }
    expect((await searchAs(investigator, 'a2026-001'))[0]).toMatchObject({ type: 'Case' });
    expect((await searchAs(investigator, '@safe_officer_01'))[0]).toMatchObject({
      type: 'PlatformAccount',
      id: 'wechat:safe_officer_01',
    });
    const people = await searchAs(investigator, 'Zhao');
    expect(people.map((hit) => [hit.type, hit.label])).toEqual([['Person', 'Zhao Lei']]);
  });

  it('says one of a thing in the singular in its summaries', async () => {
    const investigator = USERS.investigator.username;
    expect((await searchAs(investigator, 'Zhao'))[0]?.summary).toBe(
      'holds 2 accounts, reported 0 cases',
    );
    expect((await searchAs(investigator, 'Wang Fang'))[0]?.summary).toMatch(/, reported 1 case$/);
    expect((await searchAs(investigator, '138 0013 8001'))[0]?.summary).toMatch(
      /, named in 1 report$/,
    );
    expect((await searchAs(investigator, 'BOC 6216610000004444'))[0]?.summary).toBe(
      '0 transfers out, 1 in, named in 0 reports',
    );
  });

  it('shows a partner only its own accounts', async () => {
    expect(await searchAs(USERS.partner.username, '6228480000002222')).toEqual([]);
    expect((await searchAs(USERS.partner.username, '6222020200001111'))[0]).toMatchObject({
      id: 'ICBC:6222020200001111',
    });
    expect(await searchAs(USERS.partner.username, 'Zhao')).toEqual([]);
  });

  it("shows a telecom partner its own subscribers' numbers, not the numbers they called", async () => {
    await new UserService(db.executor).create(
      {
        username: 'cmcc.feed',
        displayName: 'CMCC feed',
        role: 'partner',
        organisation: 'CMCC',
        sector: 'telecom',
        password: PASSWORD,
      },
      'test',
    );
    expect((await searchAs('cmcc.feed', '138 0013 8000'))[0]).toMatchObject({
      type: 'PhoneNumber',
      id: '+8613800138000',
    });
    expect(await searchAs('cmcc.feed', '13912345678')).toEqual([]);
    expect(await searchAs(USERS.partner.username, '138 0013 8000')).toEqual([]);
  });

  it('refuses too short a search, and treats injection attempts as plain text', async () => {
    const { agent } = await testApp.signIn(USERS.investigator.username);
    const short = await agent.get('/api/search').query({ q: 'a' }).expect(400);
    expect((short.body as { detail: string }).detail).toMatch(/at least 2 characters/);
    // The audit trail grows with every search; everything else must stay as it was.
    const domain = async () => {
      const counts = await graphCounts(db.executor);
      return Object.entries(counts.labels).filter(([label]) => !label.startsWith('Audit'));
    };
    const before = await domain();
    for (const q of ["x' OR 1=1 //", "') MATCH (n) DETACH DELETE n //", '$ids', '{id: 1}']) {
      const response = await agent.get('/api/search').query({ q }).expect(200);
      expect(response.body).toEqual({ hits: [] });
    }
    expect(await domain()).toEqual(before);
  });
});
