/**
 * The workspace as a full-window tool, end to end in Chromium on the demo scenario: the canvas
 * takes the window below the top bar at 1440×900 and 1280×800, the side panels fold away, a long
 * message does not push the canvas down, the timeline's time column does not wrap; a fitted money
 * flow's labels are readable and its freezable marks graded by the money held; a ring of 200+
 * members is drawn in bands by role with role colours, and the rings list names the ringleader.
 * Screenshots: tests/artifacts/ux-*.png.
 */
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeScenario, type Truth } from '../../seed/index';
import { PROJECT_ROOT } from '../../server/config';
import { loadScenario } from '../../server/ingest/scenario';
import { fixtureQueries, useTestDatabase } from '../integration/support/testDatabase';
import { PASSWORD, USERS, useTestApp } from '../integration/support/testApp';
import { launchBrowser } from './browser';
import { buildClient, serve } from './serve';

const ARTIFACTS = path.join(PROJECT_ROOT, 'tests', 'artifacts');
const WAIT = { timeout: 30_000 };
const clientDir = path.join(os.tmpdir(), `ringtrace-client-layout-${process.pid}`);
const scenarioDir = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-layout-scenario-'));

const db = useTestDatabase();
const testApp = useTestApp(db, { clientDir });
let browser: Browser;
let baseUrl: string;
let truth: Truth;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  await buildClient(clientDir);
  await writeScenario({ size: 'demo', seed: 7, outDir: scenarioDir });
  truth = JSON.parse(readFileSync(path.join(scenarioDir, 'truth.json'), 'utf8')) as Truth;
  browser = await launchBrowser();
}, 180_000);

beforeEach(async () => {
  const served = await serve(testApp.app);
  baseUrl = served.baseUrl;
  return served.stop;
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

async function signIn(width: number, height: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height } });
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(baseUrl);
  await page.locator('#login-form').getByLabel('Username').fill(USERS.investigator.username);
  await page.locator('#login-form').getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#workspace-panel').waitFor({ state: 'visible' });
  await page.locator('#login-panel').waitFor({ state: 'hidden' });
  await page.evaluate(() => window.scrollTo({ top: 0 }));
  return page;
}

async function canvasBox(page: Page) {
  const box = await page.locator('#ws-canvas').boundingBox();
  if (!box) throw new Error('no canvas');
  return box;
}

/** The canvas fills the window below the top bar, with room for the side panels only. */
async function expectFullWindow(page: Page, width: number, height: number): Promise<void> {
  const box = await canvasBox(page);
  expect(box.y).toBeLessThan(width >= 1440 ? 95 : 125);
  expect(box.y + box.height).toBeGreaterThan(height - 90);
  expect(box.width).toBeGreaterThan(width - 620);
  // Nothing scrolls to reach the canvas: the page is the window.
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
}

/** On-screen label sizes (px) of the given nodes, at the view's zoom; 0 where none is drawn. */
function labelPixels(page: Page, selector: string): Promise<number[]> {
  return page.evaluate((sel) => {
    const cy = window.ringtraceWorkspace?.canvas.cy;
    if (!cy) return [];
    return cy.$(sel).map((one) => parseFloat(String(one.style('font-size'))) * cy.zoom());
  }, selector);
}

describe('the workspace as a full-window tool', () => {
  it('fills the window, folds its panels, and reads at a glance (1440×900)', async () => {
    await loadScenario(db.executor, scenarioDir, {
      workDir: mkdtempSync(path.join(os.tmpdir(), 'ringtrace-layout-work-')),
    });
    const page = await signIn(1440, 900);
    await expectFullWindow(page, 1440, 900);

    // The side panels fold away and come back; the canvas takes their room.
    const wide = (await canvasBox(page)).width;
    await page.locator('#ws-toggle-left').click();
    await page.locator('#ws-toggle-right').click();
    await expect.poll(async () => (await canvasBox(page)).width).toBeGreaterThan(wide + 500);
    expect(await page.locator('#ws-toggle-left').getAttribute('aria-pressed')).toBe('false');
    await page.locator('#ws-toggle-left').click();
    await page.locator('#ws-toggle-right').click();
    await expect.poll(async () => (await canvasBox(page)).width).toBeLessThan(wide + 5);

    // An expansion: an account of a victim's payment and its neighbours.
    const payment = [...truth.victimPayments].sort(
      (a, b) =>
        Math.abs(a.paths.flat().length - 14) - Math.abs(b.paths.flat().length - 14) ||
        b.paths.flat().length - a.paths.flat().length,
    )[0];
    const firstHop = payment?.paths[0]?.[0];
    if (!payment || !firstHop) throw new Error('the scenario has no victim payment');
    await page.locator('#ws-search').fill(firstHop.toAccount);
    await page.locator('#ws-search').press('Enter');
    await page.locator('#ws-results li').first().getByRole('button', { name: 'Add' }).click();
    await page.evaluate((id) => {
      const cy = window.ringtraceWorkspace?.canvas.cy;
      cy?.$(':selected').unselect();
      cy?.$id(id).select();
    }, `BankAccount:${firstHop.toAccount}`);
    await page.locator('#ws-expand-selected').click();
    await page.locator('#ws-expand-form').getByRole('button', { name: 'Expand' }).click();
    await expect.poll(() => page.locator('#ws-message').innerText(), WAIT).toMatch(/added/);
    // The account reads as its bank and last digits; a person by name, not an ID number.
    const labels = await page.evaluate(
      () =>
        window.ringtraceWorkspace?.canvas.cy
          .nodes()
          .map((node) => ({ type: String(node.data('type')), label: String(node.data('display')) }))
          .filter((one) => one.type === 'BankAccount' || one.type === 'Person') ?? [],
    );
    for (const { type, label } of labels) {
      if (type === 'BankAccount') expect(label).toMatch(/^([^ ]+ )?[A-Z]+ …\d{4}/);
      else expect(label).not.toMatch(/^\d{15,}/);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, 'ux-workspace-expansion.png') });

    // A money flow, fitted: every label readable, the freezable marks graded by the money held.
    await page.getByText('Saved investigations', { exact: true }).click();
    await page.locator('#ws-new').click();
    const bank = firstHop.fromAccount.split(':')[0] ?? '';
    await page.locator('#ws-trace-mode').selectOption('forward-transfer');
    await page.locator('#ws-trace-id').fill(`${bank}:${firstHop.transferId}`);
    await page.locator('#ws-trace-window').fill('72');
    await page.getByRole('button', { name: 'Trace money' }).click();
    await expect.poll(() => page.locator('#ws-message').innerText(), WAIT).toMatch(/traced/);
    const before = await canvasBox(page);
    await page.evaluate(() => window.ringtraceWorkspace?.canvas.fit());
    const sizes = await labelPixels(page, 'node');
    expect(sizes.length).toBeGreaterThan(2);
    for (const size of sizes) expect(size).toBeGreaterThanOrEqual(9);
    // The traced amounts on the transfers too.
    for (const size of await labelPixels(page, 'edge.flow')) expect(size).toBeGreaterThanOrEqual(8);
    const marks = await page.evaluate(
      () =>
        window.ringtraceWorkspace?.canvas.cy.$('node.holding').map((node) => ({
          held: Number(node.data('heldMinor')),
          width: parseFloat(String(node.style('border-width'))),
          display: String(node.data('display')),
        })) ?? [],
    );
    expect(marks.length).toBeGreaterThan(0);
    for (const mark of marks) expect(mark.display).toMatch(/\n[\d,]+\.\d\d\s[A-Z]{3}\sheld/);
    const sorted = [...marks].sort((a, b) => a.held - b.held);
    const least = sorted[0];
    const most = sorted[sorted.length - 1];
    if (least && most && most.held > 20 * least.held) {
      expect(most.width).toBeGreaterThan(least.width);
    }
    // A long message lies over the canvas: the canvas does not move.
    await page.evaluate(() =>
      window.ringtraceWorkspace?.say('A long message about the trace. '.repeat(20).trim(), 'info'),
    );
    expect(await canvasBox(page)).toEqual(before);
    await page.evaluate(() => window.ringtraceWorkspace?.canvas.fit());
    await page.screenshot({ path: path.join(ARTIFACTS, 'ux-money-flow.png') });

    // The timeline of the flow's accounts, docked under the canvas: the time column on one line.
    await page.evaluate(() => {
      const cy = window.ringtraceWorkspace?.canvas.cy;
      cy?.$(':selected').unselect();
      cy?.$('node.holding').select();
    });
    await page.locator('#ws-timeline-run').click();
    const timeline = page.locator('#ws-timeline table');
    await timeline.waitFor();
    const cell = timeline.locator('tr').nth(1).locator('td').first();
    const fontSize = await cell.evaluate((td) => parseFloat(getComputedStyle(td).fontSize));
    expect((await cell.boundingBox())?.height ?? 99).toBeLessThan(fontSize * 2.2);
    await page.screenshot({ path: path.join(ARTIFACTS, 'ux-timeline.png') });
    await page.locator('#ws-timeline-close').click();

    // A ring of 200+ members from the scenario, as an analysis run writes it.
    const ring = [...truth.rings].sort((a, b) => b.members.length - a.members.length)[0];
    if (!ring || ring.members.length < 200) throw new Error('the scenario has no ring of 200');
    await db.executor.run(fixtureQueries.createListedRing, {
      runId: 'layout-run',
      members: ring.members.map((member) => {
        const at = member.entity.indexOf(':');
        return {
          type: member.entity.slice(0, at),
          id: member.entity.slice(at + 1),
          role: member.role,
        };
      }),
    });
    await page.locator('#ws-new').click();
    await page.getByText('Money flow', { exact: true }).click();
    await page.getByText('Saved investigations', { exact: true }).click();
    await page.getByText('Rings', { exact: true }).click();
    await page.locator('#ws-rings-load').click();
    const first = page.locator('#ws-rings li').first();
    await first.waitFor();
    const title = await first.locator('.ring-title').innerText();
    expect(title).toMatch(/ · R1$/);
    expect(title).not.toMatch(/^No ringleader/);
    await page.locator('#ws-left').screenshot({ path: path.join(ARTIFACTS, 'ux-rings-list.png') });
    await first.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => page.locator('#ws-message').innerText(), WAIT).toMatch(/members/);
    const view = await page.evaluate(() => {
      const cy = window.ringtraceWorkspace?.canvas.cy;
      if (!cy) return null;
      const members = cy.nodes('.member');
      // The ring's centre: the middle of its ringleaders' band.
      const leaders = members.filter('[role = "ringleader"]').nodes();
      const centre = {
        x: leaders.reduce((sum, node) => sum + node.position('x'), 0) / leaders.length,
        y: leaders.reduce((sum, node) => sum + node.position('y'), 0) / leaders.length,
      };
      const distance = (role: string) =>
        members
          .filter(`[role = "${role}"]`)
          .nodes()
          .map((node) => Math.hypot(node.position('x') - centre.x, node.position('y') - centre.y));
      const colours = new Map<string, string>();
      members.forEach((node) => {
        colours.set(String(node.data('role')), String(node.style('background-color')));
      });
      const opacity = (selector: string) =>
        cy.edges(selector).map((edge) => parseFloat(String(edge.style('opacity'))));
      return {
        count: members.length,
        colours: [...colours.values()],
        roles: [...colours.keys()],
        mules: distance('mule'),
        inner: [...distance('organiser'), ...distance('caller'), ...distance('mule_herder')],
        same: opacity('.same-role'),
        cross: opacity('.cross-role'),
      };
    });
    if (!view) throw new Error('no canvas');
    expect(view.count).toBeGreaterThanOrEqual(200);
    // A colour per role, and the mules' band outside every inner band.
    expect(new Set(view.colours).size).toBe(view.roles.length);
    expect(Math.min(...view.mules)).toBeGreaterThan(Math.max(...view.inner));
    if (view.same.length && view.cross.length) {
      expect(Math.max(...view.cross)).toBeLessThan(Math.min(...view.same));
    }
    // Fitted, the leaders' labels are readable; the mules' are hidden, not shrunk to a blur.
    const leader = await labelPixels(page, 'node.member[role = "ringleader"]');
    expect(Math.min(...leader)).toBeGreaterThanOrEqual(10);
    await page.screenshot({ path: path.join(ARTIFACTS, 'ux-ring.png') });
    await page.close();
  }, 420_000);

  it('is usable at 1280×800', async () => {
    const page = await signIn(1280, 800);
    await page.screenshot({ path: path.join(ARTIFACTS, 'ux-workspace-1280.png') });
    await expectFullWindow(page, 1280, 800);
    // The toolbar keeps to two lines at most.
    const toolbar = await page.locator('.ws-toolbar').boundingBox();
    expect(toolbar?.height ?? 999).toBeLessThan(70);
    await page.screenshot({ path: path.join(ARTIFACTS, 'ux-workspace-1280.png') });
    await page.close();
  }, 120_000);
});
