/**
 * Early warning against the real server and Neo4j: each rule fires on a constructed case and
 * stays silent on a busy legitimate number and a busy legitimate merchant; alerts are routed to
 * the person's station and a station officer sees only theirs; a replayed batch changes nothing;
 * acknowledging, closing and escalating; the audit records; the alert stream and its resume.
 */
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { closeApp, createApp, warningOf } from '../../server/app';
import type { Alert, AlertPage, EventsReceipt, WatchList } from '../../server/contract/warning';
import { fixtureQueries, useTestDatabase } from './support/testDatabase';
import { PASSWORD, USERS, testAppOptions, useTestApp, type SignedIn } from './support/testApp';

const db = useTestDatabase();
let now = new Date('2026-11-02T02:00:00Z');
const testApp = useTestApp(db, { clock: () => now });

const STATION = '310104000003';
const PAYER = {
  id: '310104198501012345',
  name: '张三',
  account: '6222000000000011',
  phone: '+8613911112222',
};
const FRIEND = {
  id: '310104199203034567',
  name: '李四',
  account: '6222000000000022',
  phone: '+8613922223333',
};
const MULE = 'CCB:6217000000000002';
const SCAM_NUMBER = '+8613800138000';
const MERCHANT = 'BOC:6216000000000099';
const CALL_CENTRE = '+8602161234567';

type Event = { kind: string; record: Record<string, string> };

const ndjson = (events: Event[]) => events.map((event) => JSON.stringify(event)).join('\n');

async function post(
  signedIn: SignedIn,
  events: Event[] | string,
  query = '',
  status = 200,
): Promise<EventsReceipt> {
  const response = await signedIn.agent
    .post(`/api/events${query}`)
    .set('content-type', 'application/x-ndjson')
    .send(typeof events === 'string' ? events : ndjson(events))
    .expect(status);
  return response.body as EventsReceipt;
}

const account = (holder: typeof PAYER): Event => ({
  kind: 'bank-accounts',
  record: {
    bank: 'ICBC',
    account: holder.account,
    holder_id: holder.id,
    holder_name: holder.name,
    holder_phone: holder.phone,
  },
});

const report = (caseNumber: string, at: string, extra: Record<string, string> = {}): Event => ({
  kind: 'police-reports',
  record: {
    case_number: caseNumber,
    reported_at: at,
    station_id: STATION,
    station_name: '徐汇公安分局天平路派出所',
    scam_type: 'fake_police',
    named_accounts: MULE,
    named_numbers: SCAM_NUMBER,
    ...extra,
  },
});

let transferCount = 0;
const transfer = (from: string, to: string, amount: string, at: string): Event => {
  const [fromBank = '', fromAccount = ''] = from.split(':');
  const [toBank = '', toAccount = ''] = to.split(':');
  transferCount += 1;
  return {
    kind: 'bank-transfers',
    record: {
      transfer_id: `T${transferCount}-${at}`,
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

let callCount = 0;
const call = (
  from: string,
  to: string,
  seconds: number,
  at: string,
  extra: Record<string, string> = {},
): Event => {
  callCount += 1;
  return {
    kind: 'telecom-cdr',
    record: {
      record_id: `C${callCount}-${at}`,
      calling_number: from,
      called_number: to,
      start_time: at,
      duration_s: String(seconds),
      ...extra,
    },
  };
};

/** The watched world: a report names the mule account and the scam number; two people. */
async function setUp(): Promise<SignedIn> {
  const police = await testApp.signIn(USERS.investigator.username);
  await post(police, [account(PAYER), account(FRIEND)], '?org=ICBC');
  await post(police, [report('K-1', '2026-11-01T09:00:00+08:00')], '?history=true');
  return police;
}

async function alerts(signedIn: SignedIn, query = ''): Promise<Alert[]> {
  const response = await signedIn.agent.get(`/api/alerts${query}`).expect(200);
  return (response.body as AlertPage).alerts;
}

describe('early warning', () => {
  it('alerts the payer’s station when a person pays a watched account, once per event, and not for a busy merchant', async () => {
    const police = await setUp();
    const payment = transfer(
      `ICBC:${PAYER.account}`,
      MULE,
      '25000.00',
      '2026-11-02T10:00:00+08:00',
    );
    const receipt = await post(police, [payment], '?org=ICBC');
    expect(receipt.loaded).toBe(1);
    expect(receipt.alerts).toHaveLength(1);
    expect(receipt.alerts[0]?.rule).toBe('paying_suspected_mule');

    const [raised] = await alerts(police);
    expect(raised?.station?.id).toBe(STATION);
    expect(raised?.contact).toEqual({ personId: PAYER.id, name: PAYER.name, phone: PAYER.phone });
    expect(raised?.proposedStop).toEqual({
      account: MULE,
      amountMinor: 2_500_000,
      currency: 'CNY',
    });
    expect(raised?.reasons.join(' ')).toContain('named in report K-1');
    expect(raised?.evidence).toContainEqual({ type: 'BankAccount', id: MULE });

    // The same batch again changes nothing.
    const again = await post(police, [payment], '?org=ICBC');
    expect(again.loaded).toBe(0);
    expect(again.duplicates).toBe(1);
    expect(again.alerts).toEqual([]);
    expect((await alerts(police))[0]?.occurrences).toBe(1);

    // A second payment the same day is merged into the same alert.
    await post(
      police,
      [transfer(`ICBC:${PAYER.account}`, MULE, '5000.00', '2026-11-02T10:20:00+08:00')],
      '?org=ICBC',
    );
    const merged = await alerts(police);
    expect(merged).toHaveLength(1);
    expect(merged[0]?.occurrences).toBe(2);
    expect(merged[0]?.amount?.amountMinor).toBe(3_000_000);

    // Many people paying a merchant nobody reported: silence.
    const shoppers = Array.from({ length: 40 }, (_, i) =>
      transfer(
        `ICBC:62220000001${String(i).padStart(5, '0')}`,
        MERCHANT,
        '88.00',
        `2026-11-02T1${i % 10}:00:00+08:00`,
      ),
    );
    expect((await post(police, shoppers, '?org=ICBC')).alerts).toEqual([]);
  });

  it('scores the rows of an uploaded file as it scores live events', async () => {
    const police = await setUp();
    const csv =
      'transfer_id,from_bank,from_account,to_bank,to_account,amount,currency,time\n' +
      `F-1,ICBC,${PAYER.account},CCB,6217000000000002,7000.00,CNY,2026-11-02T10:00:00+08:00\n`;
    await police.agent
      .post('/api/ingest/bank-transfers?org=ICBC')
      .set('content-type', 'text/csv')
      .send(csv)
      .expect(200);
    const [raised] = await alerts(police);
    expect(raised?.rule).toBe('paying_suspected_mule');
    expect(raised?.evidence).toContainEqual({ type: 'Transfer', id: 'ICBC:F-1' });
  });

  it('warns the station of a person a reported number talks to, once a day, and not for short calls or a busy legitimate number', async () => {
    const police = await setUp();
    // Five minutes once: a stranger may talk that long to a cold caller.
    const first = await post(
      police,
      [call(SCAM_NUMBER, PAYER.phone, 420, '2026-11-02T09:00:00+08:00')],
      '?org=CMCC',
    );
    expect(first.alerts).toEqual([]);
    // Called again the same day: worked on.
    const second = await post(
      police,
      [call(SCAM_NUMBER, PAYER.phone, 300, '2026-11-02T15:00:00+08:00')],
      '?org=CMCC',
    );
    expect(second.alerts.map((a) => a.rule)).toEqual(['being_worked_on']);
    // Kept on the line half an hour: worked on at once.
    await post(
      police,
      [call(SCAM_NUMBER, PAYER.phone, 1_800, '2026-11-02T17:00:00+08:00')],
      '?org=CMCC',
    );
    const [worked] = await alerts(police);
    expect(worked?.occurrences).toBe(2);
    expect(worked?.evidence.filter((e) => e.type === 'Call')).toHaveLength(3);
    expect(worked?.severity).toBe('prevention');
    expect(worked?.contact?.phone).toBe(PAYER.phone);
    expect(worked?.station?.id).toBe(STATION);

    // A call cut short is a scam caller dialling strangers, not a person worked on.
    expect(
      (
        await post(
          police,
          [call(SCAM_NUMBER, FRIEND.phone, 12, '2026-11-02T09:30:00+08:00')],
          '?org=CMCC',
        )
      ).alerts,
    ).toEqual([]);
    // A call centre calling hundreds of people at length: nobody reported it, so no alert.
    const busy = Array.from({ length: 60 }, (_, i) =>
      call(CALL_CENTRE, `+86139000${String(i).padStart(5, '0')}`, 240, '2026-11-02T11:00:00+08:00'),
    );
    expect((await post(police, busy, '?org=CMCC')).alerts).toEqual([]);
  });

  it('marks as urgent a payment to someone new by a person a watched number just talked to', async () => {
    const police = await setUp();
    const usual = 'ABC:6228000000000077';
    await post(
      police,
      [transfer(`ICBC:${PAYER.account}`, usual, '300.00', '2026-10-20T10:00:00+08:00')],
      '?org=ICBC&history=true',
    );
    await post(
      police,
      [call(SCAM_NUMBER, PAYER.phone, 600, '2026-11-02T09:00:00+08:00')],
      '?org=CMCC',
    );
    // An old payee: not urgent.
    expect(
      (
        await post(
          police,
          [transfer(`ICBC:${PAYER.account}`, usual, '300.00', '2026-11-02T11:00:00+08:00')],
          '?org=ICBC',
        )
      ).alerts,
    ).toEqual([]);
    // A new one: urgent.
    const fresh = 'ABC:6228000000000088';
    const receipt = await post(
      police,
      [transfer(`ICBC:${PAYER.account}`, fresh, '48000.00', '2026-11-02T12:00:00+08:00')],
      '?org=ICBC',
    );
    expect(receipt.alerts.map((a) => a.rule)).toEqual(['urgent_new_payee']);
    const [urgent] = await alerts(police, '?rule=urgent_new_payee');
    expect(urgent?.severity).toBe('urgent');
    expect(urgent?.reasons.join(' ')).toContain(SCAM_NUMBER);
    expect(urgent?.proposedStop?.account).toBe(fresh);
    // Urgent sorts first.
    expect((await alerts(police))[0]?.rule).toBe('urgent_new_payee');
    // Three days later the contact is forgotten.
    expect(
      (
        await post(
          police,
          [
            transfer(
              `ICBC:${PAYER.account}`,
              'ABC:6228000000000099',
              '100.00',
              '2026-11-06T12:00:00+08:00',
            ),
          ],
          '?org=ICBC',
        )
      ).alerts,
    ).toEqual([]);
  });

  it('traces a new report’s payment at once and alerts every account still holding the money', async () => {
    const police = await setUp();
    const victimAccount = `ICBC:${FRIEND.account}`;
    const second = 'CMB:6214000000000055';
    await post(
      police,
      [
        transfer(victimAccount, 'CCB:6217000000000033', '100000.00', '2026-11-02T10:00:00+08:00'),
        transfer('CCB:6217000000000033', second, '99000.00', '2026-11-02T10:05:00+08:00'),
      ],
      '?org=ICBC',
    );
    const receipt = await post(police, [
      report('K-2', '2026-11-02T18:00:00+08:00', {
        victim_id: FRIEND.id,
        victim_name: FRIEND.name,
        named_accounts: 'CCB:6217000000000033',
        named_numbers: '',
      }),
    ]);
    expect(receipt.alerts.map((a) => a.rule)).toContain('traced_money_held');
    const held = await alerts(police, '?rule=traced_money_held');
    const onSecond = held.find((a) => a.subject.id === second);
    expect(onSecond?.amount?.amountMinor).toBe(9_900_000);
    expect(onSecond?.station?.id).toBe(STATION);
    expect(onSecond?.evidence).toContainEqual({ type: 'Case', id: 'K-2' });
    // The traced account is now watched (its own alert proposes the stop).
    const watch = await police.agent.get('/api/watch?reason=traced_money').expect(200);
    expect((watch.body as WatchList).entries.map((e) => e.id)).toContain(second);
  });

  it('watches a SIM that turns up in a ring caller’s handset, and warns on its calls', async () => {
    const police = await setUp();
    const gateway = '356938035643809';
    await post(
      police,
      [
        {
          kind: 'telecom-sightings',
          record: {
            record_id: 'S1',
            imsi: '460001234567890',
            imei: gateway,
            msisdn: '+8613700000001',
            seen_at: '2026-11-01T08:00:00+08:00',
          },
        },
      ],
      '?org=CMCC&history=true',
    );
    await db.executor.run(fixtureQueries.createRingRun, {
      runId: 'run-1',
      members: [{ type: 'Device', id: gateway, role: 'caller' }],
    });
    // A finished run is seen by the watch state's refresh (every few seconds).
    expect(await warningOf(testApp.app)?.refreshIfChanged()).toBe(true);
    // A fresh SIM in the gateway: watched, tied to the ring, no alert.
    const sighting = await post(
      police,
      [
        {
          kind: 'telecom-sightings',
          record: {
            record_id: 'S2',
            imsi: '460009876543210',
            imei: gateway,
            msisdn: '+8613700000002',
            seen_at: '2026-11-02T08:00:00+08:00',
          },
        },
      ],
      '?org=CMCC',
    );
    expect(sighting.alerts).toEqual([]);
    const tied = (await police.agent.get('/api/watch?reason=tied_to_ring').expect(200))
      .body as WatchList;
    expect(tied.entries.map((e) => e.id)).toEqual(
      expect.arrayContaining(['460009876543210', '+8613700000002']),
    );
    // Its number calls a person at length: a prevention alert.
    const calls = await post(
      police,
      [call('+8613700000002', PAYER.phone, 900, '2026-11-02T09:00:00+08:00')],
      '?org=CMCC',
    );
    expect(calls.alerts.map((a) => a.rule)).toEqual(['being_worked_on']);
  });

  it('shows a station officer only their station’s alerts, and records acknowledgement, outcome and views in the audit trail', async () => {
    const police = await setUp();
    await post(
      police,
      [transfer(`ICBC:${PAYER.account}`, MULE, '25000.00', '2026-11-02T10:00:00+08:00')],
      '?org=ICBC',
    );
    // Nobody's station is known for this payer: the centre's alert.
    await post(
      police,
      [transfer('ICBC:6222000000000044', MULE, '1000.00', '2026-11-02T10:30:00+08:00')],
      '?org=ICBC',
    );
    const all = await alerts(police);
    const mine = all.find((a) => a.station?.id === STATION);
    const centre = all.find((a) => a.station === null);
    expect(mine && centre).toBeTruthy();

    const officer = await testApp.signIn(USERS.station_officer.username);
    expect((await alerts(officer)).map((a) => a.id)).toEqual([mine?.id]);
    await officer.agent.get(`/api/alerts/${centre?.id}`).expect(404);
    await officer.agent.post(`/api/alerts/${centre?.id}/acknowledge`).expect(404);
    await officer.agent.get('/api/alerts/dashboard').expect(403);

    await officer.agent
      .post(`/api/alerts/${mine?.id}/outcome`)
      .send({ outcome: 'warned' })
      .expect(409);
    const acknowledged = (
      await officer.agent.post(`/api/alerts/${mine?.id}/acknowledge`).expect(200)
    ).body as Alert;
    expect(acknowledged.status).toBe('acknowledged');
    expect(acknowledged.acknowledgedBy).toBe(USERS.station_officer.username);
    await officer.agent.post(`/api/alerts/${mine?.id}/acknowledge`).expect(409);
    const closed = (
      await officer.agent
        .post(`/api/alerts/${mine?.id}/outcome`)
        .send({ outcome: 'warned', note: 'Reached her by phone; she had not paid.' })
        .expect(200)
    ).body as Alert;
    expect(closed.status).toBe('closed');
    expect(closed.outcome).toBe('warned');
    expect(await alerts(officer)).toEqual([]);
    expect((await alerts(officer, '?status=closed')).map((a) => a.id)).toEqual([mine?.id]);

    const supervisor = await testApp.signIn(USERS.supervisor.username);
    const audit = await supervisor.agent.get('/api/audit?action=alerts.').expect(200);
    const entries = (
      audit.body as {
        entries: { actor: string; action: string; target: string | null; outcome: string }[];
      }
    ).entries;
    const of = (action: string) =>
      entries.filter((e) => e.action === action && e.actor === USERS.station_officer.username);
    expect(of('alerts.list').length).toBeGreaterThan(0);
    expect(of('alerts.acknowledge').map((e) => e.target)).toContain(`Alert:${mine?.id}`);
    expect(of('alerts.outcome').map((e) => e.target)).toContain(`Alert:${mine?.id}`);
    expect(of('alerts.view').map((e) => e.outcome)).toContain('failed:404');
  });

  it('loses no alert and repeats none across a restart, even one between writing a batch and scoring it', async () => {
    const police = await setUp();
    const warning = warningOf(testApp.app);
    if (!warning) throw new Error('no early warning');
    const batch = [
      transfer(`ICBC:${PAYER.account}`, MULE, '25000.00', '2026-11-02T10:00:00+08:00'),
    ];
    // The server stops after the batch is written and before it is scored.
    const scoreEvents = warning.scoreEvents.bind(warning);
    warning.scoreEvents = () => Promise.reject(new Error('the server stopped'));
    await post(police, batch, '?org=ICBC', 500);
    warning.scoreEvents = scoreEvents;
    expect(await alerts(police)).toEqual([]);

    // A new server on the same graph; the partner sends the batch again.
    const restarted = createApp(testAppOptions(db.executor));
    try {
      const agent = request.agent(restarted);
      const login = await agent
        .post('/api/auth/login')
        .send({ username: USERS.investigator.username, password: PASSWORD })
        .expect(200);
      agent.set('x-csrf-token', (login.body as { csrfToken: string }).csrfToken);
      const again = await post({ agent, csrfToken: '' }, batch, '?org=ICBC');
      expect(again.loaded).toBe(0);
      expect(again.alerts.map((a) => a.rule)).toEqual(['paying_suspected_mule']);
      const thrice = await post({ agent, csrfToken: '' }, batch, '?org=ICBC');
      expect(thrice.alerts).toEqual([]);
      const listed = (await agent.get('/api/alerts').expect(200)).body as AlertPage;
      expect(listed.alerts.map((a) => a.occurrences)).toEqual([1]);
      // The restarted server built its watch state from the graph: a new payment still alerts.
      const next = await post(
        { agent, csrfToken: '' },
        [transfer(`ICBC:${FRIEND.account}`, MULE, '900.00', '2026-11-02T11:00:00+08:00')],
        '?org=ICBC',
      );
      expect(next.alerts).toHaveLength(1);
    } finally {
      await closeApp(restarted);
    }
  });

  it('escalates to the centre an alert nobody acknowledged in time', async () => {
    const police = await setUp();
    await post(
      police,
      [transfer(`ICBC:${PAYER.account}`, MULE, '25000.00', '2026-11-02T10:00:00+08:00')],
      '?org=ICBC',
    );
    const warning = warningOf(testApp.app);
    expect(await warning?.escalateDue()).toBe(0);
    now = new Date(now.getTime() + 16 * 60_000);
    expect(await warning?.escalateDue()).toBe(1);
    const [escalated] = await alerts(police);
    expect(escalated?.escalated).toBe(true);
    expect(await warning?.escalateDue()).toBe(0);
  });

  it('rejects a malformed event with its index while the rest load, and refuses an oversize batch whole', async () => {
    const police = await setUp();
    const body = [
      JSON.stringify(
        transfer(
          `ICBC:${PAYER.account}`,
          'ABC:6228000000000001',
          '10.00',
          '2026-11-02T10:00:00+08:00',
        ),
      ),
      '{"kind": "bank-transfers", "record": ',
      JSON.stringify({ kind: 'fax', record: {} }),
      JSON.stringify(
        transfer(
          `ICBC:${PAYER.account}`,
          'ABC:6228000000000001',
          'ten',
          '2026-11-02T10:00:00+08:00',
        ),
      ),
      JSON.stringify(call(SCAM_NUMBER, PAYER.phone, 5, '2026-11-02T10:00:00+08:00')),
    ].join('\n');
    const receipt = await post(police, body, '?org=ICBC');
    expect(receipt.loaded).toBe(2);
    expect(receipt.rejects.map((r) => r.index)).toEqual([1, 2, 3]);
    expect(receipt.rejects[1]?.reason).toContain('kind must be one of');
    expect(receipt.rejects[2]?.reason).toContain('amount');

    const partner = await testApp.signIn(USERS.partner.username);
    const refused = await post(partner, [report('K-9', '2026-11-02T10:00:00+08:00')], '', 200);
    expect(refused.rejects[0]?.reason).toContain('may send only');
    const big = Array.from({ length: 5_001 }, (_, i) =>
      JSON.stringify(
        transfer(
          'ICBC:1',
          'ICBC:2',
          '1',
          `2026-11-02T10:00:${String(i % 60).padStart(2, '0')}+08:00`,
        ),
      ),
    ).join('\n');
    await post(police, big, '?org=ICBC', 413);
    await police.agent
      .post('/api/events')
      .set('content-type', 'application/json')
      .send({ kind: 'x' })
      .expect(400);
  });

  it('streams new alerts as server-sent events and sends a reconnecting client what it missed', async () => {
    const police = await setUp();
    const server = testApp.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: USERS.investigator.username, password: PASSWORD }),
    });
    const cookie = login.headers
      .getSetCookie()
      .map((text) => text.split(';')[0])
      .join('; ');
    try {
      const controller = new AbortController();
      const response = await fetch(`http://127.0.0.1:${port}/api/alerts/stream`, {
        headers: { cookie },
        signal: controller.signal,
      });
      expect(response.headers.get('content-type')).toContain('text/event-stream');
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      const started = Date.now();
      const posted = post(
        police,
        [transfer(`ICBC:${PAYER.account}`, MULE, '25000.00', '2026-11-02T10:00:00+08:00')],
        '?org=ICBC',
      );
      while (!text.includes('event: alert') && Date.now() - started < 5_000) {
        const { value } = await reader.read();
        text += decoder.decode(value);
      }
      await posted;
      expect(Date.now() - started).toBeLessThan(2_000);
      const seq = Number(/id: (\d+)/.exec(text)?.[1]);
      expect(text).toContain('paying_suspected_mule');
      controller.abort();

      // Missed while away: an acknowledgement. Resume after the last id seen.
      const [raised] = await alerts(police);
      await police.agent.post(`/api/alerts/${raised?.id}/acknowledge`).expect(200);
      const resumed = new AbortController();
      const again = await fetch(`http://127.0.0.1:${port}/api/alerts/stream`, {
        headers: { cookie, 'last-event-id': String(seq) },
        signal: resumed.signal,
      });
      const second = again.body!.getReader();
      let missed = '';
      while (!missed.includes('"acknowledged"'))
        missed += decoder.decode((await second.read()).value);
      expect(Number(/id: (\d+)/.exec(missed)?.[1])).toBeGreaterThan(seq);
      resumed.abort();
    } finally {
      server.close();
    }
  });
});
