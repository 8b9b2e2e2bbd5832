/**
 * Freezing money in time, end to end in Chromium against the real server and Neo4j: a victim
 * (who reported the scam) paid a mule, who passed the money on to two accounts, one at ICBC and
 * one at CCB. The investigator traces the payment forward, sees both accounts still holding it and
 * asks both banks to hold it in one go (the case number prefilled as the legal basis). ICBC's
 * commissioner signs in, sees only ICBC's request, waiting, with the amount, legal basis and who
 * asked, and confirms it held. Back with the investigator, the trace shows the account held and
 * the money secured, the canvas marks it, the account's details list its stop, the stops page
 * lists both with what the hold secured (then renews and freezes it), and the centre's dashboard
 * counts the secured money. An alert proposing a stop is requested from the inbox, the amount
 * checked against what the payment brought in. Screenshots go to tests/artifacts/freeze-*.png.
 */
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULTS, PROJECT_ROOT } from '../../server/config';
import type { StopPage } from '../../server/contract/freeze';
import type { EventsReceipt } from '../../server/contract/warning';
import { UserService } from '../../server/services/users';
import { useTestDatabase } from '../integration/support/testDatabase';
import { PASSWORD, USERS, useTestApp, type SignedIn } from '../integration/support/testApp';
import { launchBrowser } from './browser';
import { buildClient, serve } from './serve';

const ARTIFACTS = path.join(PROJECT_ROOT, 'tests', 'artifacts');
const clientDir = path.join(os.tmpdir(), `ringtrace-client-freeze-${process.pid}`);

const db = useTestDatabase();
// The centre's policy asks nothing by itself here: the investigator asks, from the screen.
const testApp = useTestApp(db, { clientDir, freeze: { ...DEFAULTS.freeze, autoStop: [] } });
let browser: Browser;
let baseUrl: string;

/** How long a poll waits for the server and the page. */
const WAIT = { timeout: 15_000, interval: 100 };

const STATION = USERS.station_officer.organisation ?? '';
const CASE = 'K-2026-0901';
const VICTIM = {
  id: `${STATION.slice(0, 6)}196204035566`,
  name: 'Qian Hui',
  account: '6222000000009000',
};
const MULE = 'ABC:6228000000009001';
/** Where the money is still held: 6,000.00 at ICBC (the commissioner's bank), 4,000.00 at CCB. */
const HELD_AT_ICBC = 'ICBC:6222000000009002';
const HELD_AT_CCB = 'CCB:6217000000009003';
const PAYMENT = 'ICBC:T-FRZ-1';

type Event = { kind: string; record: Record<string, string> };

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  await buildClient(clientDir);
  browser = await launchBrowser();
}, 120_000);

beforeEach(async () => {
  const served = await serve(testApp.app);
  baseUrl = served.baseUrl;
  return served.stop;
});

afterAll(async () => {
  await browser?.close();
});

async function post(signedIn: SignedIn, events: Event[], query: string): Promise<EventsReceipt> {
  const response = await signedIn.agent
    .post(`/api/events${query}`)
    .set('content-type', 'application/x-ndjson')
    .send(events.map((event) => JSON.stringify(event)).join('\n'))
    .expect(200);
  expect(response.body).toMatchObject({ rejected: 0 });
  return response.body as EventsReceipt;
}

function transfer(id: string, from: string, to: string, amount: string, at: number): Event {
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
      time: new Date(at).toISOString(),
    },
  };
}

/** The records: the victim's account and report, the payment and the mule passing it on. */
async function loadRecords(): Promise<void> {
  const police = await testApp.signIn(USERS.investigator.username);
  const paidAt = Date.now() - 5 * 3600_000;
  await post(
    police,
    [
      {
        kind: 'bank-accounts',
        record: {
          bank: 'ICBC',
          account: VICTIM.account,
          holder_id: VICTIM.id,
          holder_name: VICTIM.name,
        },
      },
      {
        kind: 'bank-accounts',
        record: { bank: 'ICBC', account: HELD_AT_ICBC.split(':')[1] ?? '' },
      },
      { kind: 'bank-accounts', record: { bank: 'CCB', account: HELD_AT_CCB.split(':')[1] ?? '' } },
    ],
    '?history=true',
  );
  await post(
    police,
    [
      {
        kind: 'police-reports',
        record: {
          case_number: CASE,
          reported_at: new Date(paidAt + 2 * 3600_000).toISOString(),
          station_id: STATION,
          station_name: 'Tianping Road Station',
          scam_type: 'fake_police',
          loss_amount: '10000.00',
          currency: 'CNY',
          victim_id: VICTIM.id,
          victim_name: VICTIM.name,
          named_accounts: MULE,
        },
      },
    ],
    '?history=true',
  );
  await post(
    police,
    [
      transfer('T-FRZ-1', `ICBC:${VICTIM.account}`, MULE, '10000.00', paidAt),
      transfer('T-FRZ-2', MULE, HELD_AT_ICBC, '6000.00', paidAt + 10 * 60_000),
      transfer('T-FRZ-3', MULE, HELD_AT_CCB, '4000.00', paidAt + 15 * 60_000),
    ],
    '?org=ICBC&history=true',
  );
}

async function signIn(username: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 950 } });
  page.on('pageerror', (error) => console.error('page error:', error.message));
  page.on('response', (response) => {
    if (response.status() >= 400) {
      console.error('answer:', response.request().method(), response.url(), response.status());
    }
  });
  await page.goto(baseUrl);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#who').waitFor({ state: 'visible' });
  return page;
}

function shot(page: Page, name: string, fullPage = false): Promise<Buffer> {
  return page.screenshot({ path: path.join(ARTIFACTS, `freeze-${name}.png`), fullPage });
}

function holdingRow(page: Page, account: string) {
  return page.locator(`#fz-holdings tr[data-account="${account}"]`);
}

describe('freezing money in time', () => {
  it('asks the banks to hold traced money, the bank confirms, the trace shows it secured', async () => {
    await loadRecords();

    // The investigator traces the victim's payment forward.
    const police = await signIn(USERS.investigator.username);
    await police.locator('#workspace-panel').waitFor({ state: 'visible' });
    await police.locator('#ws-trace-mode').selectOption('forward-transfer');
    await police.locator('#ws-trace-id').fill(PAYMENT);
    await police.getByRole('button', { name: 'Trace money' }).click();
    await police.locator('#ws-trace-stops').waitFor({ state: 'visible' });
    await expect.poll(() => holdingRow(police, HELD_AT_ICBC).count(), WAIT).toBe(1);
    expect(await holdingRow(police, HELD_AT_ICBC).innerText()).toContain('6,000.00 CNY');
    expect(await holdingRow(police, HELD_AT_CCB).innerText()).toContain('4,000.00 CNY');
    expect(await holdingRow(police, HELD_AT_ICBC).getAttribute('data-stop')).toBe('none');

    // One action asks both banks; the case the victim reported is the legal basis.
    await police.locator('#fz-trace-request-all').click();
    const dialog = police.locator('#fz-request');
    await dialog.waitFor();
    await expect
      .poll(() => dialog.locator('input[name="legalBasis"]').inputValue(), WAIT)
      .toBe(`Case ${CASE}`);
    expect(await dialog.locator('input[name="caseId"]').inputValue()).toBe(CASE);
    expect(
      await dialog.locator(`tr[data-account="${HELD_AT_ICBC}"] input[name="amount"]`).inputValue(),
    ).toBe('6000.00');
    await shot(police, 'request');

    // ICBC's commissioner has the bank's page open, with nothing waiting yet.
    const bank = await signIn(USERS.partner.username);
    await bank.locator('#stops-panel').waitFor({ state: 'visible' });
    expect(await bank.locator('#workspace-panel').isVisible()).toBe(false);
    await expect
      .poll(() => bank.locator('#fz-bank-stops').innerText(), WAIT)
      .toContain('No stop-payment request to this bank yet');

    await dialog.getByRole('button', { name: 'Send 2 requests' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect
      .poll(() => holdingRow(police, HELD_AT_ICBC).getAttribute('data-stop'), WAIT)
      .toBe('requested');
    expect(await holdingRow(police, HELD_AT_CCB).getAttribute('data-stop')).toBe('requested');
    await shot(police, 'trace-requested');

    // ICBC's request appears on the commissioner's page without a reload (ICBC's only), waiting;
    // the commissioner confirms it held.
    const rows = bank.locator('#fz-bank-stops li[data-stop-id]');
    await expect.poll(() => rows.count(), WAIT).toBe(1);
    const row = rows.first();
    expect(await row.getAttribute('data-status')).toBe('requested');
    const text = await row.innerText();
    expect(text).toContain(HELD_AT_ICBC.split(':')[1]);
    expect(text).toContain('6,000.00 CNY');
    expect(text).toContain(`Case ${CASE}`);
    expect(text).toContain(USERS.investigator.username);
    expect(text).toMatch(/waiting (under a minute|\d+ min)/);
    expect(await bank.locator('#fz-bank-waiting').innerText()).toBe('1 waiting for your answer');
    await shot(bank, 'bank', true);
    // More than was asked cannot be held: the row says so, and nothing is sent.
    await row.getByLabel('Amount held').fill('7000.00');
    await row.getByLabel('Bank reference').fill('ICBC-HOLD-20261204-01');
    await row.getByRole('button', { name: 'Send answer' }).click();
    expect(await row.locator('.fz-row-problem').innerText()).toBe(
      'At most the amount asked can be held: 6,000.00 CNY.',
    );
    expect(await row.getAttribute('data-status')).toBe('requested');
    await row.getByLabel('Amount held').fill('6000.00');
    await row.getByRole('button', { name: 'Send answer' }).click();
    await expect.poll(() => row.getAttribute('data-status'), WAIT).toBe('held');
    expect(await bank.locator('#fz-bank-stops').innerText()).toContain('Held 6,000.00 CNY');
    await shot(bank, 'bank-answered', true);
    await bank.close();

    // The API agrees.
    const api = await testApp.signIn(USERS.investigator.username);
    const stops = (await api.agent.get('/api/stops?status=all').expect(200)).body as StopPage;
    expect(stops.stops.map((stop) => [stop.account.id, stop.status]).sort()).toEqual([
      [HELD_AT_CCB, 'requested'],
      [HELD_AT_ICBC, 'held'],
    ]);
    const confirmed = stops.stops.find((stop) => stop.account.id === HELD_AT_ICBC);
    expect(confirmed).toMatchObject({
      heldMinor: 600_000,
      bankReference: 'ICBC-HOLD-20261204-01',
      answeredBy: USERS.partner.username,
      legalBasis: `Case ${CASE}`,
      transfers: [PAYMENT],
      origin: 'trace',
    });

    // Back with the investigator: the trace shows the account held and the money secured.
    await police.locator('#ws-trace-stops').getByRole('button', { name: 'Refresh' }).click();
    await expect
      .poll(() => holdingRow(police, HELD_AT_ICBC).getAttribute('data-stop'), WAIT)
      .toBe('held');
    const heldRow = await holdingRow(police, HELD_AT_ICBC).innerText();
    expect(heldRow).toContain('Held 6,000.00 CNY');
    expect(heldRow).toMatch(/4[78] h( \d+ min)? left/);
    expect(await police.locator('#fz-trace-secured').innerText()).toContain('6,000.00 CNY');
    // The canvas marks the held account with a lock, the waiting one with an envelope.
    await expect
      .poll(
        () =>
          police.evaluate(
            (ids) =>
              ids.map((id) => window.ringtraceWorkspace?.canvas.cy.$id(id).data('stop') as unknown),
            [`BankAccount:${HELD_AT_ICBC}`, `BankAccount:${HELD_AT_CCB}`],
          ),
        WAIT,
      )
      .toEqual(['held', 'requested']);
    await shot(police, 'trace-held');

    // The account's details list its stop.
    await police.evaluate((id) => {
      const cy = window.ringtraceWorkspace?.canvas.cy;
      cy?.$(':selected').unselect();
      cy?.$id(id).select();
    }, `BankAccount:${HELD_AT_CCB}`);
    const details = police.locator('#ws-details .fz-account');
    await expect.poll(() => details.innerText(), WAIT).toContain('Requested 4,000.00 CNY');
    expect(await details.innerText()).toContain('CCB has not answered');
    // An account without a stop offers one, with the transfers it received to choose from.
    await police.evaluate((id) => {
      const cy = window.ringtraceWorkspace?.canvas.cy;
      cy?.$(':selected').unselect();
      cy?.$id(id).select();
    }, `BankAccount:${MULE}`);
    await police
      .locator('#ws-details .fz-account')
      .getByRole('button', { name: 'Request stop' })
      .click();
    const fromAccount = police.locator('#fz-request');
    await fromAccount.waitFor();
    expect(
      await fromAccount
        .locator('input[name="transfer"]')
        .evaluateAll((boxes) =>
          boxes.map((box) => [(box as HTMLInputElement).value, (box as HTMLInputElement).checked]),
        ),
    ).toEqual([[PAYMENT, true]]);
    expect(await fromAccount.locator('input[name="amount"]').inputValue()).toBe('10000.00');
    await fromAccount.getByRole('button', { name: 'Cancel' }).click();
    await fromAccount.waitFor({ state: 'detached' });

    // The stops page lists both, the hold with its time left and what it secured.
    await police.locator('#nav-stops').click();
    const list = police.locator('#fz-stops');
    await expect.poll(() => list.locator('li[data-stop-id]').count(), WAIT).toBe(2);
    const first = list.locator('li[data-stop-id]').first();
    expect(await first.getAttribute('data-status')).toBe('held');
    expect(await first.innerText()).toContain('Secures 6,000.00 CNY paid by Qian Hui');
    await shot(police, 'stops', true);

    // The hold is renewed once, then frozen with its legal basis; the freeze needs a basis first.
    await first.getByRole('button', { name: 'Renew 48 h' }).click();
    await expect.poll(() => first.innerText(), WAIT).toContain('renewed once');
    expect(await first.getByRole('button', { name: 'Renew 48 h' }).count()).toBe(0);
    const held = list.locator(`li[data-stop-id="${confirmed?.id ?? ''}"]`);
    await held.getByRole('button', { name: 'Freeze' }).click();
    expect(await held.innerText()).toContain('Give the legal basis of the freeze');
    await held.getByLabel('Legal basis of the freeze').fill('Court order (2026) Hu 0104 Xing 88');
    await held.getByRole('button', { name: 'Freeze' }).click();
    await expect.poll(() => held.getAttribute('data-status'), WAIT).toBe('frozen');
    expect(await held.innerText()).toContain('Frozen 6,000.00 CNY');
    expect(await held.innerText()).toContain('basis: Court order (2026) Hu 0104 Xing 88');
    await shot(police, 'stops-frozen', true);

    // The centre's dashboard counts the secured money.
    await police.locator('#nav-dashboard').click();
    await police.locator('#db-money').waitFor();
    const money = await police.locator('#db-money').innerText();
    expect(money).toContain('6,000.00 CNY');
    expect(money).toMatch(new RegExp(`${CASE}\\s+${VICTIM.name}\\s+10,000.00 CNY\\s+6,000.00 CNY`));
    await shot(police, 'dashboard', true);
    await police.close();
  }, 180_000);

  it('requests the stop an alert proposes, from the inbox; the bank refuses, saying why', async () => {
    // A victim's report names a mule account; later a payer sends money into it, live.
    const police = await testApp.signIn(USERS.investigator.username);
    const mule = 'CCB:6217000000009555';
    await post(
      police,
      [
        {
          kind: 'police-reports',
          record: {
            case_number: 'K-2026-0815',
            reported_at: new Date(Date.now() - 6 * 3600_000).toISOString(),
            station_id: STATION,
            station_name: 'Tianping Road Station',
            scam_type: 'fake_police',
            loss_amount: '30000.00',
            currency: 'CNY',
            victim_id: `${STATION.slice(0, 6)}195501011111`,
            victim_name: 'Zhou Lan',
            named_accounts: mule,
          },
        },
        {
          kind: 'bank-accounts',
          record: {
            bank: 'ICBC',
            account: '6222000000009777',
            holder_id: `${STATION.slice(0, 6)}198703154321`,
            holder_name: 'Sun Mei',
          },
        },
      ],
      '?history=true',
    );
    const bank = await testApp.signIn(USERS.partner.username);
    const receipt = await post(
      bank,
      [transfer('T-ALERT-1', 'ICBC:6222000000009777', mule, '48000.00', Date.now() - 60_000)],
      '',
    );
    expect(receipt.alerts).toEqual([expect.objectContaining({ rule: 'paying_suspected_mule' })]);
    const alertId = receipt.alerts[0]?.id ?? '';

    const page = await signIn(USERS.investigator.username);
    await page.locator('#nav-alerts').click();
    const row = page.locator(`li[data-alert-id="${alertId}"]`);
    await row.waitFor();
    await row.getByRole('button', { name: 'Request stop' }).click();
    const dialog = page.locator('#fz-request');
    await dialog.waitFor();
    expect(await dialog.locator('input[name="legalBasis"]').inputValue()).toBe(
      `Ringtrace alert ${alertId}`,
    );
    expect(await dialog.locator('input[name="amount"]').inputValue()).toBe('48000.00');
    // More than the payment brought in is refused before anything is sent.
    await dialog.locator('input[name="amount"]').fill('50000');
    await dialog.getByRole('button', { name: 'Send to CCB' }).click();
    expect(await dialog.locator('.fz-problem').innerText()).toContain(
      'At most 48000.00 CNY was traced into this account.',
    );
    await dialog.locator('input[name="amount"]').fill('48000.00');
    await dialog.getByRole('button', { name: 'Send to CCB' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => row.innerText(), WAIT).toContain('Stop: Requested 48,000.00 CNY');
    expect(await row.getByRole('button', { name: 'Request stop' }).count()).toBe(0);
    expect(await page.locator('#alerts-panel .al-message').innerText()).toContain(
      `Stop requested on ${mule}`,
    );
    await shot(page, 'alert');

    const api = await testApp.signIn(USERS.investigator.username);
    const stops = (await api.agent.get(`/api/stops?accounts=${mule}`).expect(200)).body as StopPage;
    expect(stops.stops).toEqual([
      expect.objectContaining({
        status: 'requested',
        origin: 'alert',
        alertId,
        amountMinor: 4_800_000,
        transfers: ['ICBC:T-ALERT-1'],
      }),
    ]);

    // CCB's commissioner refuses, with the reason; the investigator's stops page says why.
    await new UserService(db.executor).create(
      {
        username: 'ccb.commissioner',
        displayName: 'CCB commissioner',
        role: 'partner',
        organisation: 'CCB',
        sector: 'bank',
        password: PASSWORD,
      },
      'test',
    );
    const ccb = await signIn('ccb.commissioner');
    const request = ccb.locator('#fz-bank-stops li[data-stop-id]');
    await expect.poll(() => request.count(), WAIT).toBe(1);
    await request.getByLabel('Refused').check();
    await request.getByRole('button', { name: 'Send answer' }).click();
    expect(await request.locator('.fz-row-problem').innerText()).toBe(
      'Give the reason for refusing.',
    );
    await request.getByLabel('Reason').fill('The account was closed on 2026-11-30; no balance.');
    await request.getByRole('button', { name: 'Send answer' }).click();
    await expect.poll(() => request.getAttribute('data-status'), WAIT).toBe('refused');
    await ccb.close();

    await page.locator('#nav-stops').click();
    await page.locator('#fz-filter').selectOption('refused');
    const refused = page.locator('#fz-stops li[data-stop-id]');
    await expect.poll(() => refused.count(), WAIT).toBe(1);
    expect(await refused.innerText()).toContain(
      'Refused · The account was closed on 2026-11-30; no balance.',
    );
    await shot(page, 'refused');
    await page.close();
  }, 120_000);
});
