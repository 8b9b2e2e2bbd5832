/**
 * The workspace canvas end to end, on a few hand-made transfers: a double-click is two clicks on
 * the same node (a click on one node and a quick Shift-click on another only selects both), and
 * new content (a trace, a ring) goes beside what is on the canvas while what is there stays put.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config';
import { loadFile } from '../../server/ingest/loader';
import { fixtureQueries, useTestDatabase } from '../integration/support/testDatabase';
import { PASSWORD, USERS, useTestApp } from '../integration/support/testApp';
import { launchBrowser } from './browser';
import { buildClient, serve } from './serve';

const ARTIFACTS = path.join(PROJECT_ROOT, 'tests', 'artifacts');
const clientDir = path.join(os.tmpdir(), `ringtrace-client-canvas-${process.pid}`);

const db = useTestDatabase();
const testApp = useTestApp(db, { clientDir });
let browser: Browser;
let baseUrl: string;

const VICTIM = 'ICBC:6222000000000000';
const MULE = 'ABC:6228000000000001';

const MULES = Array.from(
  { length: 40 },
  (_, i) => `ABC:62280000000002${String(i).padStart(2, '0')}`,
);

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
  // Forty mules a herder paid the week before: a ring large enough to cover the picture if it
  // were drawn where the ring view starts.
  ...MULES.map(
    (account, i) =>
      `R${i},CCB,6217000000000900,ABC,${account.split(':')[1] ?? ''},10.00,CNY,2026-09-20T10:00:00Z`,
  ),
].join('\n');

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  await buildClient(clientDir);
  browser = await launchBrowser();
}, 180_000);

beforeEach(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-canvas-'));
  const file = path.join(dir, 'transfers.csv');
  writeFileSync(file, `${TRANSFERS}\n`);
  await loadFile(db.executor, file, { kind: 'bank-transfers', organisation: 'ICBC', workDir: dir });
  const served = await serve(testApp.app);
  baseUrl = served.baseUrl;
  return served.stop;
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

type Box = { x1: number; y1: number; x2: number; y2: number };

/** Every node's model position, and the drawn box (labels included) of the nodes given. */
function canvasState(
  page: Page,
  ids: string[] | null,
): Promise<{ positions: Record<string, { x: number; y: number }>; boxes: Record<string, Box> }> {
  return page.evaluate((only) => {
    const nodes = window.ringtraceWorkspace?.canvas.cy.nodes(':childless');
    if (!nodes) return { positions: {}, boxes: {} };
    const positions = Object.fromEntries(nodes.map((node) => [node.id(), { ...node.position() }]));
    const boxes = Object.fromEntries(
      nodes
        .filter((node) => only === null || only.includes(node.id()))
        .map((node) => {
          const box = node.boundingBox();
          return [node.id(), { x1: box.x1, y1: box.y1, x2: box.x2, y2: box.y2 }];
        }),
    );
    return { positions, boxes };
  }, ids);
}

function union(boxes: Box[]): Box {
  return {
    x1: Math.min(...boxes.map((box) => box.x1)),
    y1: Math.min(...boxes.map((box) => box.y1)),
    x2: Math.max(...boxes.map((box) => box.x2)),
    y2: Math.max(...boxes.map((box) => box.y2)),
  };
}

const overlaps = (a: Box, b: Box) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

describe('the workspace canvas', () => {
  it('draws a trace added after an expansion beside it, and leaves the expansion where it was', async () => {
    const page = await signIn();
    await addAccount(page, VICTIM);
    await page.waitForTimeout(300);
    const victim = await onPage(page, `BankAccount:${VICTIM}`);
    await page.mouse.dblclick(victim.x, victim.y);
    await page.locator('#ws-expand').waitFor({ state: 'visible' });
    // Who paid whom is ticked; the single transfers are one tick away.
    const boxes = (ticked: boolean) =>
      page
        .locator(`#ws-expand-rels input${ticked ? ':checked' : ':not(:checked)'}`)
        .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
    expect(await boxes(true)).toContain('TRANSFERRED');
    expect(await boxes(true)).not.toContain('SENT');
    expect(await boxes(false)).toContain('SENT');
    await page.locator('#ws-expand-form').getByRole('button', { name: 'Expand' }).click();
    await expect
      .poll(() => page.locator('#ws-message').innerText(), { timeout: 60_000 })
      .toMatch(/^\d+ added/);
    const expanded = await canvasState(page, null);
    const before = Object.keys(expanded.positions);
    expect(before).toContain(`BankAccount:${MULE}`);
    expect(before.length).toBeGreaterThanOrEqual(6);

    await page.locator('#ws-trace-mode').selectOption('forward-transfer');
    await page.locator('#ws-trace-id').fill('ICBC:H1');
    await page.locator('#ws-trace-depth').fill('4');
    await page.locator('#ws-trace-window').fill('2');
    await page.getByRole('button', { name: 'Trace money' }).click();
    await expect
      .poll(() => page.locator('#ws-message').innerText(), { timeout: 60_000 })
      .toMatch(/traced through 4 transfers/);

    const traced = await canvasState(page, null);
    const added = Object.keys(traced.positions).filter((id) => !before.includes(id));
    expect(added.sort()).toEqual(
      [
        'BankAccount:BOC:6216000000000003',
        'BankAccount:CCB:6217000000000002',
        'BankAccount:CMB:6214000000000004',
      ].sort(),
    );
    // What was there stays put, and the trace's new accounts are drawn clear of it.
    for (const id of before) expect(traced.positions[id], id).toEqual(expanded.positions[id]);
    const there = union(Object.values(expanded.boxes));
    for (const id of added) {
      expect(overlaps(traced.boxes[id] as Box, there), `${id} over the expansion`).toBe(false);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, 'workspace-trace-beside-expansion.png') });

    // A ring whose members include accounts already drawn (a shop of the expansion, the last
    // mule of the trace): they stay where they are; its other members go beside the picture.
    await db.executor.run(fixtureQueries.createListedRing, {
      runId: 'canvas-run',
      members: [
        { type: 'BankAccount', id: 'CMB:6214000000000004', role: 'mule_herder' },
        { type: 'BankAccount', id: 'CCB:6217000000000101', role: 'mule' },
        { type: 'BankAccount', id: 'PSBC:6210000000000005', role: 'mule' },
        { type: 'BankAccount', id: 'ICBC:6222000000000006', role: 'cash_out' },
        ...MULES.map((id) => ({ type: 'BankAccount', id, role: 'mule' })),
      ],
    });
    await page.getByText('Rings', { exact: true }).click();
    await page.locator('#ws-rings-load').click();
    await page.locator('#ws-rings li').first().getByRole('button', { name: 'Show' }).click();
    await expect
      .poll(() => page.locator('#ws-message').innerText(), { timeout: 60_000 })
      .toMatch(/^Ring .*: 44 members/);
    const ringed = await canvasState(page, null);
    const drawn = Object.keys(traced.positions);
    const members = Object.keys(ringed.positions).filter((id) => !drawn.includes(id));
    expect(members.sort()).toEqual(
      [
        'BankAccount:ICBC:6222000000000006',
        'BankAccount:PSBC:6210000000000005',
        ...MULES.map((id) => `BankAccount:${id}`),
      ].sort(),
    );
    for (const id of drawn) expect(ringed.positions[id], id).toEqual(traced.positions[id]);
    const picture = union(Object.values(traced.boxes));
    for (const id of members) {
      expect(overlaps(ringed.boxes[id] as Box, picture), `${id} over the picture`).toBe(false);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, 'workspace-ring-beside-trace.png') });
    await page.close();
  }, 180_000);

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
