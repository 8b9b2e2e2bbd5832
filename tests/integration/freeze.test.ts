/**
 * Stop-payment requests against the real server and Neo4j: the whole life of a hold (requested,
 * held, renewed once, lapsed; held, frozen, released) with its timers driven by an injected clock;
 * a bank sees and answers only its own bank's requests; secured money against a constructed trace;
 * bad requests refused with nothing changed; two requests at once make one; the centre's policy
 * follows a victim's money from a watched account onwards, and asks nothing twice when a batch is
 * scored again or the server restarts.
 */
import { describe, expect, it } from 'vitest';
import { closeApp, createApp, freezeOf } from '../../server/app';
import { DEFAULTS } from '../../server/config';
import type {
  MoneySummary,
  StopPage,
  StopReceipt,
  StopRequest,
} from '../../server/contract/freeze';
import type { Alert, AlertPage } from '../../server/contract/warning';
import { UserService } from '../../server/services/users';
import { useTestDatabase } from './support/testDatabase';
import { PASSWORD, USERS, testAppOptions, useTestApp, type SignedIn } from './support/testApp';
import request from 'supertest';

const db = useTestDatabase();
let now = new Date('2026-11-02T03:00:00Z');
const testApp = useTestApp(db, {
  clock: () => now,
  freeze: { ...DEFAULTS.freeze, autoStop: [] },
});

const STATION = '310104000003';
const VICTIM = { id: '310104198501012345', name: '张三', account: '6222000000000011' };
const MULE = 'CCB:6217000000000002';
const NEXT = 'ICBC:6222000000000077';
const CCB_COMMISSIONER = 'ccb.commissioner';

type Event = { kind: string; record: Record<string, string> };
const ndjson = (events: Event[]) => events.map((event) => JSON.stringify(event)).join('\n');

async function post(signedIn: SignedIn, events: Event[], query: string): Promise<void> {
  await signedIn.agent
    .post(`/api/events${query}`)
    .set('content-type', 'application/x-ndjson')
    .send(ndjson(events))
    .expect(200);
}

const transfer = (id: string, from: string, to: string, amount: string, at: string): Event => {
  const [fromBank = '', fromAccount = ''] = from.split(':');
  const [toBank = '', toAccount = ''] = to.split(':');
  return {
    kind: 'bank-transfers',
    record: {
      transfer_id: id,
      from_bank: fromBank,
      from_account: fromAccount,
      to_bank: toBank,
      to_account: toAccount,
      amount,
      currency: 'CNY',
      time: at,
    },
  };
};

const accounts: Event[] = [
  {
    kind: 'bank-accounts',
    record: {
      bank: 'ICBC',
      account: VICTIM.account,
      holder_id: VICTIM.id,
      holder_name: VICTIM.name,
    },
  },
  { kind: 'bank-accounts', record: { bank: 'CCB', account: '6217000000000002' } },
  { kind: 'bank-accounts', record: { bank: 'ICBC', account: '6222000000000077' } },
];

const report = (caseNumber: string, at: string): Event => ({
  kind: 'police-reports',
  record: {
    case_number: caseNumber,
    reported_at: at,
    station_id: STATION,
    scam_type: 'fake_police',
    victim_id: VICTIM.id,
    victim_name: VICTIM.name,
    named_accounts: MULE,
  },
});

/** The victim pays the mule 50,000.00; the mule passes 30,000.00 on ten minutes later. */
const PAYMENT = 'ICBC:T-PAY';
async function buildTrace(police: SignedIn, live = false): Promise<void> {
  await post(police, accounts, '?history=true');
  await post(police, [report('K-1', '2026-11-02T08:00:00+08:00')], '?history=true');
  await post(
    police,
    [
      transfer('T-PAY', `ICBC:${VICTIM.account}`, MULE, '50000.00', '2026-11-02T10:00:00+08:00'),
      transfer('T-ON', MULE, NEXT, '30000.00', '2026-11-02T10:10:00+08:00'),
    ],
    live ? '?org=ICBC' : '?org=ICBC&history=true',
  );
}

async function commissioner(bank: string, username: string): Promise<SignedIn> {
  await new UserService(db.executor)
    .create(
      {
        username,
        displayName: `${bank} commissioner`,
        role: 'partner',
        organisation: bank,
        sector: 'bank',
        password: PASSWORD,
      },
      'test',
    )
    .catch(() => undefined);
  return testApp.signIn(username);
}

async function ask(
  signedIn: SignedIn,
  body: Record<string, unknown>,
  status: number,
): Promise<StopReceipt & { detail?: string }> {
  const response = await signedIn.agent.post('/api/stops').send(body).expect(status);
  return response.body as StopReceipt & { detail?: string };
}

const stopOn = (account: string, amountMinor: number) => ({
  account,
  amountMinor,
  transfers: [PAYMENT],
  legalBasis: 'Case K-1',
  caseId: 'K-1',
  origin: 'trace',
});

async function centreAlerts(police: SignedIn): Promise<Alert[]> {
  const response = await police.agent.get('/api/alerts?status=all').expect(200);
  return (response.body as AlertPage).alerts;
}

const HOUR = 3_600_000;

describe('stop-payment requests', () => {
  it('takes a hold through its whole life: requested, held, warned, renewed once, lapsed; and held, frozen, released', async () => {
    now = new Date('2026-11-02T03:00:00Z');
    const police = await testApp.signIn(USERS.investigator.username);
    await buildTrace(police);

    // More than was traced into the account, an unknown account, a transfer that never reached it.
    const above = await ask(police, stopOn(NEXT, 3_000_001), 400);
    expect(above.detail).toContain('At most 30,000.00 CNY');
    expect((await ask(police, stopOn('ICBC:999', 100), 404)).detail).toContain('No bank account');
    await ask(police, { ...stopOn(NEXT, 100), transfers: ['ICBC:NOPE'] }, 404);

    // Two investigators at once: one request.
    const supervisor = await testApp.signIn(USERS.supervisor.username);
    const [first, second] = await Promise.all([
      police.agent.post('/api/stops').send(stopOn(NEXT, 3_000_000)),
      supervisor.agent.post('/api/stops').send(stopOn(NEXT, 3_000_000)),
    ]);
    const receipts = [first.body as StopReceipt, second.body as StopReceipt];
    expect([first.status, second.status].sort()).toEqual([200, 201]);
    expect(receipts[0]?.stop.id).toBe(receipts[1]?.stop.id);
    expect(receipts.filter((r) => r.created)).toHaveLength(1);
    const stop = receipts[0]?.stop as StopRequest;
    expect(stop.status).toBe('requested');
    expect(stop.account).toMatchObject({ id: NEXT, bank: 'ICBC' });

    // The bank's side: ICBC sees it; CCB neither sees nor answers it.
    const icbc = await testApp.signIn(USERS.partner.username);
    const ccb = await commissioner('CCB', CCB_COMMISSIONER);
    const polled = (await icbc.agent.get('/api/stops?since=0').expect(200)).body as StopPage;
    expect(polled.stops.map((s) => s.id)).toEqual([stop.id]);
    expect(polled.cursor).toBe(stop.seq);
    const none = (await ccb.agent.get('/api/stops').expect(200)).body as StopPage;
    expect(none.stops).toEqual([]);
    await ccb.agent
      .post(`/api/stops/${stop.id}/answer`)
      .send({ outcome: 'held', heldMinor: 100, bankReference: 'X' })
      .expect(404);
    // The police do not answer for the bank.
    await police.agent
      .post(`/api/stops/${stop.id}/answer`)
      .send({ outcome: 'held', heldMinor: 100, bankReference: 'X' })
      .expect(403);
    // More than asked for cannot be held.
    await icbc.agent
      .post(`/api/stops/${stop.id}/answer`)
      .send({ outcome: 'held', heldMinor: 3_000_001, bankReference: 'X' })
      .expect(400);

    now = new Date('2026-11-02T03:20:00Z');
    const held = (
      await icbc.agent
        .post(`/api/stops/${stop.id}/answer`)
        .send({ outcome: 'held', heldMinor: 2_500_000, bankReference: 'ICBC-H-1' })
        .expect(200)
    ).body as StopRequest;
    expect(held.status).toBe('held');
    expect(held.holdUntil).toBe('2026-11-04T03:20:00.000Z');
    expect(held.secured).toEqual([
      {
        transferId: PAYMENT,
        victimId: VICTIM.id,
        victimName: VICTIM.name,
        caseId: 'K-1',
        amountMinor: 2_500_000,
      },
    ]);
    // Nothing after is answered twice; the cursor shows the change to the bank.
    await icbc.agent.post(`/api/stops/${stop.id}/answer`).send({ outcome: 'empty' }).expect(409);
    const changes = (await icbc.agent.get(`/api/stops?since=${polled.cursor}`).expect(200))
      .body as StopPage;
    expect(changes.stops.map((s) => s.status)).toEqual(['held']);

    // The case's money: 50,000 paid; 25,000 secured; 20,000 still at the mule; 5,000 lost.
    const money = (await police.agent.get('/api/money?case=K-1').expect(200)).body as MoneySummary;
    expect(money.totals).toEqual([
      {
        currency: 'CNY',
        paidMinor: 5_000_000,
        securedMinor: 2_500_000,
        movingMinor: 2_000_000,
        lostMinor: 500_000,
      },
    ]);
    expect(money.holds).toEqual([
      { stopId: stop.id, account: NEXT, status: 'held', securedMinor: 2_500_000, currency: 'CNY' },
    ]);

    // Six hours before the end, the investigator is warned; renewed once; not twice.
    const freeze = freezeOf(testApp.app);
    now = new Date(Date.parse('2026-11-04T03:20:00Z') - 5 * HOUR);
    expect(await freeze?.tick()).toBe(1);
    expect((await centreAlerts(police)).map((a) => a.rule)).toContain('hold_ending');
    const renewed = (await police.agent.post(`/api/stops/${stop.id}/renew`).expect(200))
      .body as StopRequest;
    expect(renewed.holdUntil).toBe('2026-11-06T03:20:00.000Z');
    expect(renewed.renewals).toBe(1);
    const twice = await police.agent.post(`/api/stops/${stop.id}/renew`).expect(409);
    expect((twice.body as { detail: string }).detail).toContain('already renewed once');

    // Not frozen in time: it lapses, loudly, and its money no longer counts as secured.
    now = new Date('2026-11-06T03:21:00Z');
    await freeze?.tick();
    const lapsed = (await police.agent.get(`/api/stops/${stop.id}`).expect(200))
      .body as StopRequest;
    expect(lapsed.status).toBe('lapsed');
    expect(lapsed.securedMinor).toBe(0);
    const lapseAlert = (await centreAlerts(police)).find((a) => a.rule === 'hold_lapsed');
    expect(lapseAlert?.severity).toBe('urgent');
    expect(lapseAlert?.subject.id).toBe(NEXT);

    // The mule's account: held by CCB, frozen with a legal basis, released early.
    const onMule = await ask(police, stopOn(MULE, 2_000_000), 201);
    await ccb.agent
      .post(`/api/stops/${onMule.stop.id}/answer`)
      .send({ outcome: 'held', heldMinor: 2_000_000, bankReference: 'CCB-9' })
      .expect(200);
    const frozen = (
      await police.agent
        .post(`/api/stops/${onMule.stop.id}/freeze`)
        .send({ legalBasis: 'Freeze order 2026-117' })
        .expect(200)
    ).body as StopRequest;
    expect(frozen).toMatchObject({ status: 'frozen', freezeBasis: 'Freeze order 2026-117' });
    expect(frozen.holdUntil).toBeNull();
    await police.agent.post(`/api/stops/${onMule.stop.id}/renew`).expect(409);
    const released = (
      await police.agent
        .post(`/api/stops/${onMule.stop.id}/release`)
        .send({ reason: 'Funds returned to the victim' })
        .expect(200)
    ).body as StopRequest;
    expect(released).toMatchObject({ status: 'released', releasedBy: USERS.investigator.username });

    // Every step is in the audit trail.
    const supervisorAudit = await supervisor.agent
      .get('/api/audit?action=stops.answer')
      .expect(200);
    expect(JSON.stringify(supervisorAudit.body)).toContain(stop.id);
  });

  it('escalates a request the bank leaves unanswered, and records an empty account and a refusal', async () => {
    now = new Date('2026-11-02T03:00:00Z');
    const police = await testApp.signIn(USERS.investigator.username);
    await buildTrace(police);
    // A hostile list of accounts is refused, not sent to the database.
    await police.agent.get(`/api/stops?accounts=${':'.repeat(5_000)}`).expect(400);
    const onNext = await ask(police, stopOn(NEXT, 1_000_000), 201);
    const onMule = await ask(police, stopOn(MULE, 1_000_000), 201);
    const freeze = freezeOf(testApp.app);
    now = new Date('2026-11-02T03:29:00Z');
    expect(await freeze?.tick()).toBe(0);
    now = new Date('2026-11-02T03:31:00Z');
    expect(await freeze?.tick()).toBe(2);
    const late = (await centreAlerts(police)).filter((a) => a.rule === 'stop_unanswered');
    expect(late.map((a) => a.subject.id).sort()).toEqual([MULE, NEXT].sort());
    expect(late[0]?.reasons.join(' ')).toContain('has not answered');

    const icbc = await testApp.signIn(USERS.partner.username);
    const ccb = await commissioner('CCB', CCB_COMMISSIONER);
    const empty = (
      await icbc.agent.post(`/api/stops/${onNext.stop.id}/answer`).send({ outcome: 'empty' })
    ).body as StopRequest;
    expect(empty).toMatchObject({ status: 'empty', heldMinor: 0, escalated: true });
    await ccb.agent
      .post(`/api/stops/${onMule.stop.id}/answer`)
      .send({ outcome: 'refused' })
      .expect(400);
    const refused = (
      await ccb.agent
        .post(`/api/stops/${onMule.stop.id}/answer`)
        .send({ outcome: 'refused', reason: 'No court order attached' })
        .expect(200)
    ).body as StopRequest;
    expect(refused).toMatchObject({ status: 'refused', refusalReason: 'No court order attached' });
    // A closed request leaves the account free for a new one.
    expect((await ask(police, stopOn(NEXT, 500_000), 201)).created).toBe(true);
  });
});

describe('the centre’s stop-payment policy', () => {
  it('asks for a stop when a victim pays a watched account, follows the money on, and asks nothing twice after a restart', async () => {
    now = new Date('2026-11-02T03:00:00Z');
    const options = testAppOptions(db.executor, { clock: () => now });
    const app = createApp(options);
    const signIn = async (target: typeof app, username: string = USERS.investigator.username) => {
      const agent = request.agent(target);
      const response = await agent
        .post('/api/auth/login')
        .send({ username, password: PASSWORD })
        .expect(200);
      agent.set('x-csrf-token', (response.body as { csrfToken: string }).csrfToken);
      return { agent, csrfToken: '' };
    };
    const police = await signIn(app);
    await buildTrace(police, true);
    const list = async (signedIn: SignedIn) =>
      ((await signedIn.agent.get('/api/stops?status=all').expect(200)).body as StopPage).stops;

    const stops = await list(police);
    const byAccount = new Map(stops.map((s) => [s.account.id, s]));
    expect(stops).toHaveLength(2);
    expect(byAccount.get(MULE)).toMatchObject({
      origin: 'policy',
      amountMinor: 5_000_000,
      transfers: [PAYMENT],
      eventAt: '2026-11-02T02:00:00.000Z',
      status: 'requested',
    });
    // The money moved on ten minutes later: followed, for what left.
    expect(byAccount.get(NEXT)).toMatchObject({
      origin: 'policy',
      amountMinor: 3_000_000,
      transfers: [PAYMENT],
      eventAt: '2026-11-02T02:10:00.000Z',
    });
    expect(byAccount.get(NEXT)?.legalBasis).toContain(`Money moved on from ${MULE}`);
    await closeApp(app);

    // Another server on the same graph; the same events again: nothing new.
    const again = createApp(testAppOptions(db.executor, { clock: () => now }));
    const police2 = await signIn(again);
    await post(
      police2,
      [
        transfer('T-PAY', `ICBC:${VICTIM.account}`, MULE, '50000.00', '2026-11-02T10:00:00+08:00'),
        transfer('T-ON', MULE, NEXT, '30000.00', '2026-11-02T10:10:00+08:00'),
      ],
      '?org=ICBC',
    );
    const after = await list(police2);
    expect(after.map((s) => s.id).sort()).toEqual(stops.map((s) => s.id).sort());
    // New money moving on from the stopped account is followed by the new server too.
    await post(
      police2,
      [transfer('T-ON2', NEXT, 'ABC:6228000000000123', '29000.00', '2026-11-02T10:20:00+08:00')],
      '?org=ICBC',
    );
    const followed = (await list(police2)).find((s) => s.account.id === 'ABC:6228000000000123');
    expect(followed).toMatchObject({ origin: 'policy', amountMinor: 2_900_000, hop: 2 });
    // Only the request's own money is followed: 30,000 left NEXT's stop, 29,000 of it went to ABC,
    // the next payment carries the last 1,000, and a third is the account's own business.
    await post(
      police2,
      [
        transfer('T-ON3', NEXT, 'ABC:6228000000000124', '5000.00', '2026-11-02T10:30:00+08:00'),
        transfer('T-ON4', NEXT, 'ABC:6228000000000125', '5000.00', '2026-11-02T10:40:00+08:00'),
      ],
      '?org=ICBC',
    );
    const accountsAsked = new Map((await list(police2)).map((s) => [s.account.id, s.amountMinor]));
    expect(accountsAsked.get('ABC:6228000000000124')).toBe(100_000);
    expect(accountsAsked.has('ABC:6228000000000125')).toBe(false);

    // CCB holds the mule's account; a second victim then pays into it: the hold holds what was
    // there when CCB answered, so the new money is asked for in a new request, beside the hold.
    await commissioner('CCB', CCB_COMMISSIONER);
    const ccb = await signIn(again, CCB_COMMISSIONER);
    const onMule = (await list(police2)).find((s) => s.account.id === MULE) as StopRequest;
    await ccb.agent
      .post(`/api/stops/${onMule.id}/answer`)
      .send({ outcome: 'held', heldMinor: 2_000_000, bankReference: 'CCB-7' })
      .expect(200);
    const polled = (await ccb.agent.get('/api/stops?since=0').expect(200)).body as StopPage;
    await post(
      police2,
      [
        {
          kind: 'bank-accounts',
          record: { bank: 'ICBC', account: '6222000000000012', holder_id: '310104199001011234' },
        },
      ],
      '?history=true',
    );
    await post(
      police2,
      [transfer('T-PAY2', 'ICBC:6222000000000012', MULE, '8000.00', '2026-11-02T11:00:00+08:00')],
      '?org=ICBC',
    );
    const onMuleNow = (await list(police2)).filter((s) => s.account.id === MULE);
    expect(onMuleNow.map((s) => [s.status, s.amountMinor, s.transfers]).sort()).toEqual([
      ['held', 5_000_000, [PAYMENT]],
      ['requested', 800_000, ['ICBC:T-PAY2']],
    ]);
    // The bank's next poll brings exactly the new request.
    const next = (await ccb.agent.get(`/api/stops?since=${polled.cursor}`).expect(200))
      .body as StopPage;
    expect(next.stops.map((s) => s.transfers)).toEqual([['ICBC:T-PAY2']]);
    await closeApp(again);
  });
});
