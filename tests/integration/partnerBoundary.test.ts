/**
 * The partner trust boundary, tried as a hostile partner would against the real server: a partner
 * loads only its own records, in its own namespace, only of its sector's kinds, and sees only its
 * own accounts and subscribers, without the police-only facts about them.
 */
import { describe, expect, it } from 'vitest';
import type { Sector } from '../../server/auth/sectors';
import { UserService } from '../../server/services/users';
import { useTestDatabase } from './support/testDatabase';
import { PASSWORD, USERS, useTestApp } from './support/testApp';

const db = useTestDatabase();
const testApp = useTestApp(db);

interface Summary {
  loaded: number;
  duplicates: number;
  rejected: number;
  rejects: { line: number; reason: string }[];
}

const VICTIM = 'ICBC:6222000000000001';
const MULE = 'CCB:6217000000000002';
const REPORTED_NUMBER = '+8613800138000';

async function partner(username: string, organisation: string, sector: Sector): Promise<void> {
  await new UserService(db.executor).create(
    { username, displayName: username, role: 'partner', organisation, sector, password: PASSWORD },
    'test',
  );
}

async function upload(username: string, kind: string, csv: string, query = ''): Promise<Summary> {
  const { agent } = await testApp.signIn(username);
  const response = await agent
    .post(`/api/ingest/${kind}${query}`)
    .set('content-type', 'text/csv')
    .send(csv)
    .expect(200);
  return response.body as Summary;
}

async function refusal(username: string, kind: string, csv: string): Promise<string> {
  const { agent } = await testApp.signIn(username);
  const response = await agent
    .post(`/api/ingest/${kind}`)
    .set('content-type', 'text/csv')
    .send(csv)
    .expect(403);
  return (response.body as { detail: string }).detail;
}

async function searchAs(username: string, q: string) {
  const { agent } = await testApp.signIn(username);
  const response = await agent.get('/api/search').query({ q }).expect(200);
  return (response.body as { hits: { type: string; id: string; summary: string }[] }).hits;
}

const TRANSFERS = 'transfer_id,from_bank,from_account,to_bank,to_account,amount,currency,time\n';

describe('forged record ids', () => {
  it("keeps a bank's transfer ids in its own namespace: a forgery cannot displace another bank's transfer", async () => {
    await partner('abc.feed', 'ABC', 'bank');
    // ABC claims transfer T-98 out of an ICBC victim's account: once to its own account, once
    // between two other banks' accounts.
    const forged = await upload(
      'abc.feed',
      'bank-transfers',
      TRANSFERS +
        `T-98,ICBC,6222000000000001,ABC,6228000000000009,1.00,CNY,2026-10-03T21:15:00+08:00\n` +
        `T-98,ICBC,6222000000000001,CCB,6217000000000002,1.00,CNY,2026-10-03T21:15:00+08:00\n`,
    );
    expect(forged).toMatchObject({ loaded: 1, rejected: 1 });
    expect(forged.rejects).toEqual([
      {
        line: 3,
        reason:
          'transfer between ICBC and CCB accounts: ABC reports only transfers to or from its own accounts',
      },
    ]);

    // ICBC's real transfer with the same id is not a duplicate of ABC's record.
    const real = await upload(
      USERS.partner.username,
      'bank-transfers',
      TRANSFERS +
        `T-98,ICBC,6222000000000001,CCB,6217000000000002,98000.00,CNY,2026-10-03T21:15:00+08:00\n`,
    );
    expect(real).toMatchObject({ loaded: 1, duplicates: 0, rejected: 0 });

    const { agent } = await testApp.signIn(USERS.investigator.username);
    const trace = await agent
      .get('/api/trace/forward')
      .query({ transfer: 'ICBC:T-98' })
      .expect(200);
    expect(trace.body).toMatchObject({
      transfer: { id: 'ICBC:T-98', from: VICTIM, to: MULE, amountMinor: 9_800_000 },
      holdings: [{ account: MULE, tracedMinor: 9_800_000 }],
    });
    // ABC's own record of the transfer it received stays, under ABC's id.
    await agent.get('/api/trace/forward').query({ transfer: 'ABC:T-98' }).expect(200);
  });

  it("rejects a bank's row about another bank's account, and loads its own", async () => {
    await partner('abc.feed', 'ABC', 'bank');
    const summary = await upload(
      'abc.feed',
      'bank-accounts',
      'bank,account,holder_id,holder_name\n' +
        'ICBC,6222000000000001,P-MALLORY,Mallory\n' +
        'ABC,6228000000000009,P-LI,Li Na\n',
    );
    expect(summary).toMatchObject({ loaded: 1, rejected: 1 });
    expect(summary.rejects).toEqual([
      {
        line: 2,
        reason: `account ${VICTIM} belongs to ICBC, not to ABC: a partner loads only its own records`,
      },
    ]);
    const { agent } = await testApp.signIn(USERS.investigator.username);
    await agent.get('/api/entities/Person/P-MALLORY').expect(404);
    await agent.get('/api/entities/Person/P-LI').expect(200);
  });

  it("keeps a platform's logins and messages in its own namespace and rejects other platforms' rows", async () => {
    await partner('wechat.feed', 'wechat', 'platform');
    await partner('qq.feed', 'qq', 'platform');
    const forged = await upload(
      'wechat.feed',
      'platform-logins',
      'record_id,platform,handle,time,ip\n' +
        'L-1,qq,victim_qq,2026-10-03T20:00:00+08:00,203.0.113.9\n' +
        'L-1,wechat,safe_officer,2026-10-03T20:00:00+08:00,203.0.113.9\n',
    );
    expect(forged).toMatchObject({ loaded: 1, rejected: 1 });
    expect(forged.rejects[0]).toEqual({
      line: 2,
      reason:
        'account qq:victim_qq belongs to qq, not to wechat: a partner loads only its own records',
    });
    const messages = await upload(
      'wechat.feed',
      'platform-messages',
      'record_id,platform,from_handle,to_handle,time\n' + 'M-1,qq,a,b,2026-10-03T20:00:00+08:00\n',
    );
    expect(messages).toMatchObject({ loaded: 0, rejected: 1 });
    // qq's own login L-1 is its record, not a duplicate of anything wechat sent.
    const real = await upload(
      'qq.feed',
      'platform-logins',
      'record_id,platform,handle,time\nL-1,qq,victim_qq,2026-10-03T21:00:00+08:00\n',
    );
    expect(real).toMatchObject({ loaded: 1, duplicates: 0 });
  });

  it("leaves police uploads as they were: any bank's transfers, ids from the sending bank", async () => {
    const summary = await upload(
      USERS.investigator.username,
      'bank-transfers',
      TRANSFERS + `T-7,ABC,6228000000000009,CCB,6217000000000002,10.00,CNY,2026-10-03T21:15:00Z\n`,
      '?org=ICBC',
    );
    expect(summary).toMatchObject({ loaded: 1, rejected: 0 });
    const { agent } = await testApp.signIn(USERS.investigator.username);
    await agent.get('/api/trace/forward').query({ transfer: 'ABC:T-7' }).expect(200);
  });
});

describe('widening what a partner sees', () => {
  const REPORT =
    'case_number,reported_at,station_id,scam_type,named_numbers\n' +
    'A2026-9,2026-10-04T09:00:00+08:00,ST-1,fake_police,13800138000\n';
  const CDR = (number: string) =>
    'record_id,calling_number,called_number,start_time,duration_s\n' +
    `C-1,${number},13912345678,2026-10-03T20:50:00+08:00,60\n`;

  it('lets each partner upload only its sector kinds, with a 403 that says what it may upload', async () => {
    await partner('cmcc.feed', 'CMCC', 'telecom');
    await partner('wechat.feed', 'wechat', 'platform');
    expect(await refusal(USERS.partner.username, 'telecom-cdr', CDR('13800138000'))).toBe(
      'A partner that is a bank uploads only bank-transfers, bank-accounts files, not telecom-cdr.',
    );
    expect(await refusal('cmcc.feed', 'bank-transfers', TRANSFERS)).toMatch(
      /telecom operator uploads only telecom-cdr, telecom-sightings files/,
    );
    expect(await refusal('wechat.feed', 'police-reports', REPORT)).toMatch(
      /platform uploads only platform-accounts, platform-logins, platform-messages files/,
    );
    expect(await refusal('cmcc.feed', 'police-reports', REPORT)).toMatch(/not police-reports/);
  });

  it('shows a reported number to its own operator, not to a bank that mentioned it, and never the report count', async () => {
    await partner('cmcc.feed', 'CMCC', 'telecom');
    await partner('cucc.feed', 'CUCC', 'telecom');
    await upload(USERS.investigator.username, 'police-reports', REPORT);

    // The attack: a bank sends a one-row call record naming the reported number.
    await refusal(USERS.partner.username, 'telecom-cdr', CDR('13800138000'));
    const { agent: bank } = await testApp.signIn(USERS.partner.username);
    await bank.get(`/api/entities/PhoneNumber/${REPORTED_NUMBER}`).expect(404);
    expect(await searchAs(USERS.partner.username, '13800138000')).toEqual([]);

    // Another operator mentions it first; that does not take it from the operator whose
    // subscriber it is.
    await upload('cucc.feed', 'telecom-cdr', CDR('13800138000'));
    await upload(
      'cmcc.feed',
      'telecom-sightings',
      'record_id,imsi,imei,msisdn,seen_at\n' +
        'S-1,460001234567890,490154203237518,13800138000,2026-10-01T08:00:00+08:00\n',
    );
    const { agent: operator } = await testApp.signIn('cmcc.feed');
    const own = await operator.get(`/api/entities/PhoneNumber/${REPORTED_NUMBER}`).expect(200);
    expect(own.body).toMatchObject({ id: REPORTED_NUMBER });
    expect(JSON.stringify(own.body)).not.toMatch(/operator|CUCC/);
    const [hit] = await searchAs('cmcc.feed', '13800138000');
    expect(hit).toMatchObject({ type: 'PhoneNumber', id: REPORTED_NUMBER });
    expect(hit?.summary).not.toMatch(/report/);
    // The number CUCC's subscriber called is only mentioned: CUCC does not see it.
    await (
      await testApp.signIn('cucc.feed')
    ).agent
      .get('/api/entities/PhoneNumber/+8613912345678')
      .expect(404);

    // The police still see the report count.
    const [police] = await searchAs(USERS.investigator.username, '13800138000');
    expect(police?.summary).toMatch(/named in 1 report$/);
  });

  it('shows a bank its own account without the reports that name it or the police source', async () => {
    await upload(
      USERS.investigator.username,
      'bank-accounts',
      'bank,account,opened_at\nICBC,6222000000000001,2019-05-01T10:00:00+08:00\n',
    );
    await upload(
      USERS.investigator.username,
      'police-reports',
      'case_number,reported_at,station_id,scam_type,named_accounts\n' +
        `A2026-10,2026-10-04T09:00:00+08:00,ST-1,safety_deposit,${VICTIM}\n`,
    );
    const [hit] = await searchAs(USERS.partner.username, '6222000000000001');
    expect(hit).toMatchObject({ type: 'BankAccount', id: VICTIM });
    expect(hit?.summary).toBe('0 transfers out, 0 in');
    const [police] = await searchAs(USERS.investigator.username, '6222000000000001');
    expect(police?.summary).toBe('0 transfers out, 0 in, named in 1 report');

    const { agent: bank } = await testApp.signIn(USERS.partner.username);
    const own = (await bank.get(`/api/entities/BankAccount/${VICTIM}`).expect(200)).body as {
      properties: Record<string, unknown>;
    };
    expect(own.properties).toMatchObject({ bank: 'ICBC', number: '6222000000000001' });
    expect(own.properties).not.toHaveProperty('recordSourceId');
    const { agent: investigator } = await testApp.signIn(USERS.investigator.username);
    const full = (await investigator.get(`/api/entities/BankAccount/${VICTIM}`).expect(200))
      .body as { properties: Record<string, unknown> };
    expect(full.properties.recordSourceId).toMatch(/^police:/);
  });
});

describe('partner accounts carry a sector', () => {
  it('requires a valid sector and a matching organisation for a partner, and shows it', async () => {
    const { agent } = await testApp.signIn(USERS.administrator.username);
    const base = { displayName: 'Feed', role: 'partner', password: PASSWORD };
    const missing = await agent
      .post('/api/users')
      .send({ ...base, username: 'boc.feed', organisation: 'BOC' })
      .expect(400);
    expect((missing.body as { detail: string }).detail).toMatch(/needs its sector/);
    await agent
      .post('/api/users')
      .send({ ...base, username: 'boc.feed', organisation: 'BOC', sector: 'insurance' })
      .expect(400);
    const lowercase = await agent
      .post('/api/users')
      .send({ ...base, username: 'boc.feed', organisation: 'boc', sector: 'bank' })
      .expect(400);
    expect((lowercase.body as { detail: string }).detail).toMatch(/bank code/);
    await agent
      .post('/api/users')
      .send({
        ...base,
        role: 'investigator',
        username: 'ivy.two',
        organisation: null,
        sector: 'bank',
      })
      .expect(400);
    const created = await agent
      .post('/api/users')
      .send({ ...base, username: 'boc.feed', organisation: 'BOC', sector: 'bank' })
      .expect(201);
    expect(created.body).toMatchObject({ organisation: 'BOC', sector: 'bank' });

    const { agent: feed } = await testApp.signIn('boc.feed');
    const session = await feed.get('/api/auth/session').expect(200);
    expect(session.body).toMatchObject({ user: { organisation: 'BOC', sector: 'bank' } });
  });
});
