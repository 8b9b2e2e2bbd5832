/**
 * The workspace as an analyst reads and handles it, and the administration page, end to end in
 * Chromium: an administrator creates a user, is told why a duplicate is refused, and revokes a
 * token; on a generated demo scenario, with the browser in Shanghai's time zone, an account's
 * details name its holder in Chinese (the web font loaded), show times with their offset, the
 * source organisation and file, and keep the internal fields in a closed "Provenance" fold; the
 * timeline is headed with the offset; `/` empties the search box; sixty wheel notches zoom about
 * 10×; PNG exports come in screen, 2× and print sizes. Screenshots: tests/artifacts/ws-*.png.
 */
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeScenario, type Truth } from '../../seed/index';
import { PROJECT_ROOT } from '../../server/config';
import { loadScenario } from '../../server/ingest/scenario';
import { useTestDatabase } from '../integration/support/testDatabase';
import { PASSWORD, USERS, useTestApp } from '../integration/support/testApp';
import { launchBrowser } from './browser';
import { buildClient, serve } from './serve';

const ARTIFACTS = path.join(PROJECT_ROOT, 'tests', 'artifacts');
/** How long to wait for an answer on a busy machine. */
const WAIT = { timeout: 20_000 };
const clientDir = path.join(os.tmpdir(), `ringtrace-client-ux-${process.pid}`);
const scenarioDir = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-ux-scenario-'));

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

async function signIn(username: string, timezoneId = 'Asia/Shanghai'): Promise<Page> {
  const page = await browser.newPage({
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    timezoneId,
  });
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(baseUrl);
  await page.locator('#login-form').getByLabel('Username').fill(username);
  await page.locator('#login-form').getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#who').waitFor({ state: 'visible' });
  return page;
}

/** Width and height of a PNG, from its header. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

async function exportPng(page: Page, choice: string): Promise<Buffer> {
  await page.locator('#ws-export-format').selectOption(choice);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('#ws-export').click(),
  ]);
  return readFileSync(await download.path());
}

describe('the administration page', () => {
  it('creates a user, says why a duplicate is refused, and revokes a token', async () => {
    // An investigator's script token, made the only way tokens are made: from their session.
    const investigator = await testApp.signIn(USERS.investigator.username);
    await investigator.agent
      .post('/api/tokens')
      .send({ name: 'nightly export', scopes: ['graph:read'] })
      .expect(201);

    const page = await signIn(USERS.administrator.username);
    const panel = page.locator('#admin-panel');
    await panel.waitFor({ state: 'visible' });
    expect(await page.locator('#nav-admin').getAttribute('aria-pressed')).toBe('true');
    const users = panel.locator('section[aria-labelledby="admin-users-title"]');
    await users.locator('tbody tr', { hasText: USERS.partner.username }).waitFor();

    // Create a user from the page.
    const form = panel.getByRole('form', { name: 'New user' });
    await form.getByLabel('Username').fill('li.wei');
    await form.getByLabel('Name', { exact: true }).fill('李伟');
    await form.getByLabel('Role').selectOption('station_officer');
    await form.getByLabel('Organisation').fill('310104000003');
    await form.getByLabel('Password').fill('a long and new passphrase');
    await form.getByRole('button', { name: 'Create user' }).click();
    await expect
      .poll(() => page.locator('#admin-message').innerText(), WAIT)
      .toBe('Created li.wei (station officer).');
    const row = users.locator('tbody tr', { hasText: 'li.wei' });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/李伟\s+station officer\s+310104000003\s+active/);

    // The same username again: the server's reason is shown.
    await form.getByLabel('Username').fill('li.wei');
    await form.getByLabel('Name', { exact: true }).fill('Li Wei');
    await form.getByLabel('Password').fill('another long passphrase');
    await form.getByRole('button', { name: 'Create user' }).click();
    await expect
      .poll(() => page.locator('#admin-message').innerText(), WAIT)
      .toMatch(/The username li\.wei is taken/);

    // Change the new user's name, then lock them.
    await row.getByRole('button', { name: 'Change…' }).click();
    const edit = panel.getByRole('form', { name: 'Change li.wei' });
    await edit.getByLabel('Name', { exact: true }).fill('李伟 (Xuhui)');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect
      .poll(() => page.locator('#admin-message').innerText(), WAIT)
      .toBe('Changed li.wei.');
    await row.getByRole('button', { name: 'Lock' }).click();
    await expect.poll(() => row.innerText(), WAIT).toMatch(/李伟 \(Xuhui\).*locked/s);

    // Revoke the investigator's token.
    const tokens = panel.locator('section[aria-labelledby="admin-tokens-title"]');
    const tokenRow = tokens.locator('tbody tr', { hasText: 'nightly export' });
    await tokenRow.waitFor();
    expect(await tokenRow.innerText()).toMatch(/ivy\.investigator\s+graph:read.*active/s);
    page.once('dialog', (dialog) => void dialog.accept());
    await tokenRow.getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => tokenRow.innerText(), WAIT).toMatch(/revoked 20\d\d-.*\(UTC\+08:00\)/);
    expect(await page.locator('#admin-message').innerText()).toBe(
      'Revoked “nightly export” of ivy.investigator.',
    );
    await page.screenshot({ path: path.join(ARTIFACTS, 'ws-admin.png'), fullPage: true });

    // The top bar's button hides and shows the page.
    await page.locator('#nav-admin').click();
    expect(await panel.isVisible()).toBe(false);
    await page.locator('#nav-admin').click();
    expect(await panel.isVisible()).toBe(true);
    await page.close();
  }, 120_000);
});

describe('the workspace, read as a detective reads it', () => {
  it('shows details in Chinese and local time, clears the search with /, zooms at pace and exports PNG sizes', async () => {
    await loadScenario(db.executor, scenarioDir, {
      workDir: mkdtempSync(path.join(os.tmpdir(), 'ringtrace-ux-work-')),
    });
    const hop = truth.victimPayments.flatMap((one) => one.paths.flat())[0];
    if (!hop) throw new Error('the scenario has no victim payment');
    const page = await signIn(USERS.investigator.username);
    await page.locator('#workspace-panel').waitFor({ state: 'visible' });

    // An account with a Chinese holder: search it and add it.
    await page.locator('#ws-search').fill(hop.toAccount);
    await page.locator('#ws-search').press('Enter');
    const result = page.locator('#ws-results li').first();
    await result.waitFor();
    await result.getByRole('button', { name: 'Add' }).click();

    // Its details: holder, bank, opened (with the offset), links, source file; internals folded.
    const details = page.locator('#ws-details');
    await expect
      .poll(() => details.innerText(), { timeout: 30_000 })
      .toMatch(/Source\s+\S+, bank-accounts file \S+/);
    const text = await details.innerText();
    const holder = /Holder\s+(.+)/.exec(text)?.[1]?.trim() ?? '';
    expect(holder).toMatch(/[\u4e00-\u9fff]/);
    expect(text).toMatch(/Bank\s+[A-Z]+/);
    expect(text).toMatch(/Opened\s+20\d\d-\d\d-\d\d \d\d:\d\d \(UTC\+08:00\)/);
    expect(text).toMatch(/Links\s+.*transfers? sent/);
    const fold = details.locator('details.ws-provenance');
    expect(await fold.getAttribute('open')).toBeNull();
    expect(await fold.locator('summary').innerText()).toBe('Provenance');
    expect(await fold.locator('table').isVisible()).toBe(false);
    expect(text).not.toMatch(/recordSourceId/);
    await fold.locator('summary').click();
    expect(await fold.innerText()).toMatch(/recordSourceId\s+\S+:[0-9a-f]{16,}/);
    expect(await fold.innerText()).toMatch(/recordLine\s+\d+/);

    // The Chinese web font is in, for the page and the canvas.
    await expect
      .poll(
        () =>
          page.evaluate(async (name) => {
            await document.fonts.ready;
            return document.fonts.check('16px "Noto Sans SC Subset"', name);
          }, holder),
        WAIT,
      )
      .toBe(true);
    const fontLoaded = await page.evaluate(() =>
      [...document.fonts].some(
        (face) => face.family.includes('Noto Sans SC Subset') && face.status === 'loaded',
      ),
    );
    expect(fontLoaded).toBe(true);
    expect(
      await page.evaluate(() =>
        String(window.ringtraceWorkspace?.canvas.cy.nodes().first().style('font-family')),
      ),
    ).toContain('Noto Sans SC Subset');

    // The holder on the canvas too: their name as the label, drawn with the web font.
    await page.locator('#ws-search').fill(holder);
    await page.locator('#ws-search').press('Enter');
    const person = page.locator('#ws-results li', { hasText: holder }).first();
    await person.waitFor();
    await person.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => details.locator('h4').first().innerText(), WAIT).toBe(holder);
    await expect.poll(() => details.innerText(), WAIT).toMatch(/Provenance/);
    expect(await details.innerText()).toMatch(new RegExp(`Name\\s+${holder}`));
    // The search box shows what was typed in Chinese with the same font.
    expect(
      await page.locator('#ws-search').evaluate((box) => getComputedStyle(box).fontFamily),
    ).toContain('Noto Sans SC Subset');

    // The account again, as a detective reads it: holder, times, source; the canvas fitted.
    await page.evaluate((id) => {
      const cy = window.ringtraceWorkspace?.canvas.cy;
      cy?.$(':selected').unselect();
      cy?.$id(id).select();
      cy?.fit(undefined, 160);
    }, `BankAccount:${hop.toAccount}`);
    await expect.poll(() => details.innerText(), WAIT).toMatch(/Holder[\s\S]*Provenance/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'ws-details-chinese.png') });

    // The timeline of the account, headed with the offset.
    await page.evaluate((id) => {
      const cy = window.ringtraceWorkspace?.canvas.cy;
      cy?.$(':selected').unselect();
      cy?.$id(id).select();
    }, `BankAccount:${hop.toAccount}`);
    await page.locator('#ws-timeline-run').click();
    const timeline = page.locator('#ws-timeline table');
    await timeline.waitFor();
    expect(await timeline.locator('th').first().innerText()).toBe('Time (UTC+08:00)');
    await page
      .locator('#ws-timeline')
      .screenshot({ path: path.join(ARTIFACTS, 'ws-timeline.png') });

    // `/` starts a new search: the box is emptied and focused.
    await page.locator('#ws-search').fill('an old search');
    await page.locator('#ws-canvas').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('/');
    expect(await page.locator('#ws-search').inputValue()).toBe('');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('ws-search');

    // Sixty wheel notches zoom in about 10×.
    const canvasBox = await page.locator('#ws-canvas').boundingBox();
    if (!canvasBox) throw new Error('no canvas');
    await page.evaluate(() => window.ringtraceWorkspace?.canvas.cy.zoom(0.2));
    await page.mouse.move(canvasBox.x + canvasBox.width / 2, canvasBox.y + canvasBox.height / 2);
    const before = await page.evaluate(() => window.ringtraceWorkspace?.canvas.cy.zoom() ?? 0);
    for (let notch = 0; notch < 60; notch += 1) {
      await page.mouse.wheel(0, -100);
      await page.waitForTimeout(10);
    }
    const after = await page.evaluate(() => window.ringtraceWorkspace?.canvas.cy.zoom() ?? 0);
    const pace = after / before;
    console.info(
      `60 wheel notches: zoom ${before.toFixed(3)} -> ${after.toFixed(3)} (×${pace.toFixed(1)})`,
    );
    expect(pace).toBeGreaterThan(6);
    expect(pace).toBeLessThan(16);

    // PNG exports: screen, 2× and print sizes.
    await page.evaluate(() => window.ringtraceWorkspace?.canvas.cy.fit(undefined, 40));
    const screen = pngSize(await exportPng(page, 'png'));
    const double = pngSize(await exportPng(page, 'png-2x'));
    const print = pngSize(await exportPng(page, 'png-print'));
    console.info(
      `PNG sizes: screen ${screen.width}×${screen.height}, 2× ${double.width}×${double.height}, print ${print.width}×${print.height}`,
    );
    expect(screen.width).toBeLessThanOrEqual(Math.ceil(canvasBox.width));
    expect(double.width).toBeGreaterThanOrEqual(screen.width);
    expect(Math.max(print.width, print.height)).toBeLessThanOrEqual(3508);
    expect(Math.min(print.width, print.height)).toBeLessThanOrEqual(2480);
    await page.close();
  }, 300_000);
});
