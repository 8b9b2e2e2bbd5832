/**
 * The workspace canvas end to end, on a few hand-made transfers: a double-click is two clicks on
 * the same node (a click on one node and a quick Shift-click on another only selects both), and
 * new content goes beside what is on the canvas while what is there stays put.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config';
import { loadFile } from '../../server/ingest/loader';
import { useTestDatabase } from '../integration/support/testDatabase';
import { PASSWORD, USERS, useTestApp } from '../integration/support/testApp';
import { launchBrowser } from './browser';

const ARTIFACTS = path.join(PROJECT_ROOT, 'tests', 'artifacts');
const clientDir = path.join(os.tmpdir(), `ringtrace-client-canvas-${process.pid}`);

const db = useTestDatabase();
const testApp = useTestApp(db, { clientDir });
let browser: Browser;
let server: Server;
let baseUrl: string;

const VICTIM = 'ICBC:6222000000000000';
const MULE = 'ABC:6228000000000001';

/**
 * The victim paid four shops over the week before, then 1,000.00 into a chain of mules (H1..H6,
 * ten minutes apart).
 */
const TRANSFERS = [
  'transfer_id,from_bank,from_account,to_bank,to_account,amount,currency,time',
  'Q1,ICBC,6222000000000000,CCB,6217000000000101,80.00,CNY,2026-09-28T10:00:00Z',
  'Q2,ICBC,6222000000000000,CCB,6217000000000102,120.00,CNY,2026-09-29T10:00:00Z',
  'Q3,ICBC,6222000000000000,BOC,6216000000000103,45.50,CNY,2026-09-30T10:00:00Z',
  'Q4,ICBC,6222000000000000,BOC,6216000000000104,60.00,CNY,2026-10-01T10:00:00Z',
  'H1,ICBC,6222000000000000,ABC,6228000000000001,1000.00,CNY,2026-10-03T10:00:00Z',
  'H2,ABC,6228000000000001,CCB,6217000000000002,1000.00,CNY,2026-10-03T10:10:00Z',
  'H3,CCB,6217000000000002,BOC,6216000000000003,600.00,CNY,2026-10-03T10:20:00Z',
  'H4,BOC,6216000000000003,CMB,6214000000000004,600.00,CNY,2026-10-03T10:30:00Z',
  'H5,CMB,6214000000000004,PSBC,6210000000000005,500.00,CNY,2026-10-03T10:40:00Z',
  'H6,PSBC,6210000000000005,ICBC,6222000000000006,500.00,CNY,2026-10-03T10:50:00Z',
].join('\n');

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  await build({
    configFile: path.join(PROJECT_ROOT, 'vite.config.ts'),
    build: { outDir: clientDir, emptyOutDir: true },
    logLevel: 'warn',
  });
  browser = await launchBrowser();
}, 180_000);

beforeEach(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-canvas-'));
  const file = path.join(dir, 'transfers.csv');
  writeFileSync(file, `${TRANSFERS}\n`);
  await loadFile(db.executor, file, { kind: 'bank-transfers', organisation: 'ICBC', workDir: dir });
  await new Promise<void>((resolve) => {
    server = testApp.app.listen(0, '127.0.0.1', () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

async function signIn(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(baseUrl);
  await page.getByLabel('Username').fill(USERS.investigator.username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#workspace-panel').waitFor({ state: 'visible' });
  return page;
}

/** Searches an account and adds the first result to the canvas. */
async function addAccount(page: Page, account: string): Promise<void> {
  await page.locator('#ws-search').fill(account);
  await page.locator('#ws-search').press('Enter');
  const result = page.locator('#ws-results li', { hasText: account.split(':')[1] ?? account });
  await result.first().getByRole('button', { name: 'Add' }).click();
  await expect
    .poll(() =>
      page.evaluate(
        (id) => window.ringtraceWorkspace?.canvas.cy.$id(`BankAccount:${id}`).length ?? 0,
        account,
      ),
    )
    .toBe(1);
}

/** Where a node is drawn, in page coordinates. */
async function onPage(page: Page, id: string): Promise<{ x: number; y: number }> {
  const at = await page.evaluate(
    (key) => window.ringtraceWorkspace?.canvas.cy.$id(key).renderedPosition(),
    id,
  );
  const box = await page.locator('#ws-canvas').boundingBox();
  if (!at || !box) throw new Error(`${id} is not drawn`);
  return { x: box.x + at.x, y: box.y + at.y };
}

describe('the workspace canvas', () => {
  it('opens Expand on two clicks on one node, not on a click then a quick Shift-click on another', async () => {
    const page = await signIn();
    await addAccount(page, VICTIM);
    await addAccount(page, MULE);
    await page.waitForTimeout(300);
    const victim = await onPage(page, `BankAccount:${VICTIM}`);
    const mule = await onPage(page, `BankAccount:${MULE}`);

    await page.mouse.click(victim.x, victim.y);
    await page.waitForTimeout(60);
    await page.keyboard.down('Shift');
    await page.mouse.click(mule.x, mule.y);
    await page.keyboard.up('Shift');
    await page.waitForTimeout(800);
    expect(await page.locator('#ws-expand').isHidden()).toBe(true);
    const selected = await page.evaluate(() =>
      (window.ringtraceWorkspace?.canvas.cy.$('node:selected') ?? []).map((node) => node.id()),
    );
    expect(selected.sort()).toEqual([`BankAccount:${MULE}`, `BankAccount:${VICTIM}`].sort());

    await page.waitForTimeout(400);
    await page.mouse.dblclick(mule.x, mule.y);
    await page.locator('#ws-expand').waitFor({ state: 'visible' });
    expect(await page.locator('#ws-expand-title').innerText()).toContain('6228000000000001');
    await page.close();
  }, 120_000);
});
