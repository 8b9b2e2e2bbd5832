/**
 * The alert inbox and the centre's dashboard end to end, in Chromium against the real server and
 * Neo4j: a police report names a mule account (history), the partner bank's records say who holds
 * a payer's account; with the station officer's inbox open, the bank's system posts a transfer
 * from the payer into the watched account. The alert appears without a reload, with its reason,
 * the payer's name and number; the officer acknowledges it and closes it as warned, the API agrees,
 * "Open in workspace" puts the subject and evidence on the canvas, and the centre's dashboard
 * counts it. Screenshots go to tests/artifacts/.
 */
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config';
import type { CreatedToken } from '../../server/contract';
import type { Alert, AlertDashboard, EventsReceipt } from '../../server/contract/warning';
import { useTestDatabase } from '../integration/support/testDatabase';
import { PASSWORD, USERS, useTestApp, type SignedIn } from '../integration/support/testApp';
import { launchBrowser } from './browser';
import { buildClient, serve } from './serve';

const ARTIFACTS = path.join(PROJECT_ROOT, 'tests', 'artifacts');
const clientDir = path.join(os.tmpdir(), `ringtrace-client-alerts-${process.pid}`);

const db = useTestDatabase();
const testApp = useTestApp(db, { clientDir });
let browser: Browser;
let baseUrl: string;

/** The officer's station (`USERS.station_officer.organisation`) and a payer of its area. */
const STATION = USERS.station_officer.organisation ?? '';
const PAYER = {
  id: `${STATION.slice(0, 6)}198703154321`,
  name: 'Zhou Lan',
  bank: 'ICBC',
  account: '6222000000007788',
  phone: '+8613955556666',
};
const MULE = { bank: 'CCB', account: '6217000000004455' };

type Event = { kind: string; record: Record<string, string> };

/** How long a poll waits for the server (Vitest's default is one second). */
const WAIT = { timeout: 15_000, interval: 100 };

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

async function postEvents(
  auth: { bearer: string } | SignedIn,
  events: Event[],
  query = '',
): Promise<EventsReceipt> {
  const body = events.map((event) => JSON.stringify(event)).join('\n');
  if ('bearer' in auth) {
    const response = await fetch(`${baseUrl}/api/events${query}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${auth.bearer}`,
        'content-type': 'application/x-ndjson',
      },
      body,
    });
    expect(response.status).toBe(200);
    return (await response.json()) as EventsReceipt;
  }
  const response = await auth.agent
    .post(`/api/events${query}`)
    .set('content-type', 'application/x-ndjson')
    .send(body)
    .expect(200);
  return response.body as EventsReceipt;
}

/** The history: a report at the officer's station names the mule account; the bank's holder. */
async function loadHistory(): Promise<{ bearer: string }> {
  const police = await testApp.signIn(USERS.investigator.username);
  const reported = await postEvents(
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
          victim_name: 'Qian Hui',
          named_accounts: `${MULE.bank}:${MULE.account}`,
        },
      },
    ],
    '?history=true',
  );
  expect(reported).toMatchObject({ loaded: 1, rejected: 0 });
  const partner = await testApp.signIn(USERS.partner.username);
  const token = (
    await partner.agent
      .post('/api/tokens')
      .send({ name: 'core banking feed', scopes: ['data:submit'] })
      .expect(201)
  ).body as CreatedToken;
  const bank = { bearer: token.token };
  const accounts = await postEvents(bank, [
    {
      kind: 'bank-accounts',
      record: {
        bank: PAYER.bank,
        account: PAYER.account,
        holder_id: PAYER.id,
        holder_name: PAYER.name,
        holder_phone: PAYER.phone,
      },
    },
  ]);
  expect(accounts).toMatchObject({ loaded: 1, rejected: 0, alerts: [] });
  return bank;
}

async function signIn(username: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => console.error('page error:', error.message));
  page.on('response', (response) => {
    if (response.status() >= 400) {
      console.error('answer:', response.request().method(), response.url(), response.status());
    }
  });
  page.on('requestfailed', (request) =>
    console.error('request failed:', request.url(), request.failure()?.errorText),
  );
  await page.goto(baseUrl);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#who').waitFor({ state: 'visible' });
  return page;
}

function nodeIds(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (window.ringtraceWorkspace?.canvas.cy.nodes() ?? []).map((node) => node.id()),
  );
}

describe('the alert inbox and the dashboard', () => {
  it('shows a station officer a payment into a watched account live, and records the outcome', async () => {
    const bank = await loadHistory();
    const page = await signIn(USERS.station_officer.username);

    // A station officer lands on their inbox, connected to the stream, with nothing open yet.
    await page.locator('#alerts-panel').waitFor({ state: 'visible' });
    expect(await page.locator('#workspace-panel').isVisible()).toBe(false);
    expect(await page.locator('#nav-dashboard').isVisible()).toBe(false);
    await expect.poll(() => page.locator('#al-live').textContent(), WAIT).toContain('Live');
    await expect.poll(() => page.locator('#al-list').innerText(), WAIT).toMatch(/No open alerts/);

    // The bank's system sends the payment as it happens.
    const sent = Date.now();
    const receipt = await postEvents(bank, [
      {
        kind: 'bank-transfers',
        record: {
          transfer_id: 'TX-20261204-0001',
          from_bank: PAYER.bank,
          from_account: PAYER.account,
          to_bank: MULE.bank,
          to_account: MULE.account,
          amount: '48000.00',
          currency: 'CNY',
          time: new Date(sent - 60_000).toISOString(),
          channel: 'mobile',
        },
      },
    ]);
    expect(receipt.alerts).toEqual([
      expect.objectContaining({ rule: 'paying_suspected_mule', severity: 'high' }),
    ]);
    const alertId = receipt.alerts[0]?.id ?? '';
    const raised = Date.now();

    // It appears in the inbox without a reload, within a couple of seconds of being raised.
    const row = page.locator(`li[data-alert-id="${alertId}"]`);
    await row.waitFor({ timeout: 3_000 });
    console.info(
      `alert raised ${raised - sent} ms after the transfer was sent, shown ${Date.now() - raised} ms later`,
    );
    const text = await row.innerText();
    expect(text).toContain(PAYER.name);
    expect(text).toContain('+86 139 5555 6666');
    expect(text).toContain(`${MULE.bank}:${MULE.account} is watched`);
    expect(text).toContain('48,000.00 CNY');
    expect(text).toContain('Tianping Road Station');
    await page.screenshot({ path: path.join(ARTIFACTS, 'alerts-inbox.png') });

    // Acknowledge, then close with the outcome "warned" and a note.
    await row.getByRole('button', { name: 'Acknowledge' }).click();
    await expect.poll(() => row.getAttribute('data-status'), WAIT).toBe('acknowledged');
    await row.getByLabel('Outcome').selectOption('warned');
    await row.getByLabel('Note').fill('Reached her by phone before she sent more; she is safe.');
    await row.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => row.getAttribute('data-status'), WAIT).toBe('closed');
    expect(await row.innerText()).toMatch(/Outcome: Person reached and warned/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'alerts-inbox-closed.png') });

    // The API says the same.
    const officer = await testApp.signIn(USERS.station_officer.username);
    const stored = (await officer.agent.get(`/api/alerts/${alertId}`).expect(200)).body as Alert;
    expect(stored).toMatchObject({
      status: 'closed',
      outcome: 'warned',
      outcomeNote: 'Reached her by phone before she sent more; she is safe.',
      acknowledgedBy: USERS.station_officer.username,
      closedBy: USERS.station_officer.username,
      station: { id: STATION },
      contact: { name: PAYER.name, phone: PAYER.phone },
    });

    // The closed list holds it after a reload of the list.
    await page.locator('#al-filter').selectOption('closed');
    await expect.poll(() => page.locator('#al-list').innerText(), WAIT).toContain(PAYER.name);

    // One click opens the subject and its evidence in the workspace.
    await page
      .locator(`li[data-alert-id="${alertId}"]`)
      .getByRole('button', { name: 'Open in workspace' })
      .click();
    await page.locator('#workspace-panel').waitFor({ state: 'visible' });
    const wanted = [stored.subject, ...stored.evidence].map((ref) => `${ref.type}:${ref.id}`);
    await expect.poll(() => nodeIds(page), WAIT).toEqual(expect.arrayContaining(wanted));
    // The identities among them are linked by the shortest paths between them.
    await expect
      .poll(
        () => page.evaluate(() => window.ringtraceWorkspace?.canvas.cy.edges().length ?? 0),
        WAIT,
      )
      .toBeGreaterThan(0);
    await page.locator('#ws-busy').waitFor({ state: 'hidden' });
    await page.screenshot({ path: path.join(ARTIFACTS, 'alerts-workspace.png') });
    await page.close();

    // The centre's dashboard counts it.
    const centre = await signIn(USERS.investigator.username);
    await centre.locator('#nav-dashboard').click();
    await centre.locator('#db-body .db-card').first().waitFor();
    const dashboard = (
      await (
        await testApp.signIn(USERS.investigator.username)
      ).agent
        .get('/api/alerts/dashboard?hours=24')
        .expect(200)
    ).body as AlertDashboard;
    expect(dashboard.outcomes).toContainEqual({ outcome: 'warned', count: 1 });
    const body = await centre.locator('#db-body').innerText();
    expect(body).toMatch(/1\s+alerts in the last 24 h/);
    expect(body).toContain('Tianping Road Station');
    await centre.screenshot({ path: path.join(ARTIFACTS, 'alerts-dashboard.png'), fullPage: true });
    await centre.close();
  });
});
