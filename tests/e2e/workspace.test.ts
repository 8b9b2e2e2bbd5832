/**
 * The investigator's workspace end to end, on a generated demo scenario: search an account from
 * the ground truth, add it, expand it (counts, then the chosen kinds), run a ring analysis and
 * open a ring, trace a victim's payment forward from the truth's victim transfer and a mule's
 * money backward to the victim, and export the view as PNG and GraphML — the
 * GraphML holds the nodes on screen and the PNG is a real, non-blank picture.
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
const clientDir = path.join(os.tmpdir(), `ringtrace-client-ws-${process.pid}`);
const scenarioDir = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-ws-scenario-'));

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

async function signIn(): Promise<Page> {
  const page = await browser.newPage({
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
  });
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(baseUrl);
  await page.getByLabel('Username').fill(USERS.investigator.username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#workspace-panel').waitFor({ state: 'visible' });
  return page;
}

/** Ids of the nodes on the canvas. */
function nodeIds(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (window.ringtraceWorkspace?.canvas.cy.nodes() ?? []).map((node) => node.id()),
  );
}

async function downloadText(page: Page, format: string): Promise<{ name: string; bytes: Buffer }> {
  await page.locator('#ws-export-format').selectOption(format);
  // The server records the export (audit trail) before the browser writes the file.
  const [download, recorded] = await Promise.all([
    page.waitForEvent('download'),
    page.waitForResponse((response) => response.url().endsWith('/api/exports')),
    page.locator('#ws-export').click(),
  ]);
  expect(recorded.status()).toBe(201);
  expect(recorded.request().postDataJSON()).toMatchObject({ format });
  const file = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(file) };
}

/** Share of pixels of a PNG that are not near-white, measured in the page. */
function inkShare(
  page: Page,
  png: Buffer,
): Promise<{ width: number; height: number; ink: number }> {
  return page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    context.drawImage(bitmap, 0, 0);
    const pixels = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let ink = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      if ((pixels[i] ?? 255) < 230 || (pixels[i + 1] ?? 255) < 230 || (pixels[i + 2] ?? 255) < 230)
        ink += 1;
    }
    return { width: bitmap.width, height: bitmap.height, ink: ink / (pixels.length / 4) };
  }, png.toString('base64'));
}

describe('the investigation workspace', () => {
  it('searches, adds, expands, opens a ring, traces a victim payment and exports what is on screen', async () => {
    const payment = truth.victimPayments.find(
      (one) => one.paths.length > 0 && one.paths[0]?.length,
    );
    const firstHop = payment?.paths[0]?.[0];
    if (!payment || !firstHop) throw new Error('the scenario has no traced victim payment');
    await loadScenario(db.executor, scenarioDir, {
      workDir: mkdtempSync(path.join(os.tmpdir(), 'ringtrace-ws-work-')),
    });
    const page = await signIn();

    // Search the mule account that received the victim's money, and add it.
    await page.locator('#ws-search').fill(firstHop.toAccount);
    await page.locator('#ws-search').press('Enter');
    const result = page.locator('#ws-results li').first();
    await result.waitFor();
    expect(await result.innerText()).toContain(firstHop.toAccount.split(':')[1]);
    await result.getByRole('button', { name: 'Add' }).click();
    await expect
      .poll(() => nodeIds(page), { timeout: 30_000 })
      .toEqual([`BankAccount:${firstHop.toAccount}`]);

    // Expand it: double-click opens the counts, then the chosen kinds are added around it.
    await page.waitForTimeout(300);
    const at = await page.evaluate((id) => {
      const node = window.ringtraceWorkspace?.canvas.cy.$id(id);
      return node?.renderedPosition();
    }, `BankAccount:${firstHop.toAccount}`);
    const box = await page.locator('#ws-canvas').boundingBox();
    if (!at || !box) throw new Error('node not drawn');
    await page.mouse.dblclick(box.x + at.x, box.y + at.y);
    await page.locator('#ws-expand').waitFor({ state: 'visible' });
    expect(await page.locator('#ws-expand-rels').innerText()).toMatch(/TRANSFERRED|SENT|TO/);
    await page.locator('#ws-expand-form').getByRole('button', { name: 'Expand' }).click();
    await expect
      .poll(() => page.locator('#ws-message').innerText(), { timeout: 60_000 })
      .toMatch(/added|:/);
    expect(await page.locator('#ws-message').innerText()).toMatch(/^\d+ added/);
    expect((await nodeIds(page)).length).toBeGreaterThan(1);
    await page.screenshot({ path: path.join(ARTIFACTS, 'workspace-expand.png') });

    // Run a ring analysis from the workspace and open the first ring: its members come onto the
    // canvas inside the ring, each with its role.
    await page.getByText('Rings', { exact: true }).click();
    await page.locator('#ws-analysis-run').click();
    await expect
      .poll(() => page.locator('#ws-analysis-status').innerText(), { timeout: 170_000 })
      .toMatch(/Weighed|failed/);
    expect(await page.locator('#ws-analysis-status').innerText()).toMatch(
      /: [1-9][\d,]* rings? \(.*(mule chain|calling ring)/,
    );
    const firstRing = page.locator('#ws-rings li').first();
    await firstRing.waitFor();
    const shownBefore = (await nodeIds(page)).length;
    await firstRing.getByRole('button', { name: 'Show' }).click();
    await expect
      .poll(() => page.locator('#ws-message').innerText(), { timeout: 60_000 })
      .toMatch(/^Ring .*: \d+ members/);
    expect((await nodeIds(page)).length).toBeGreaterThan(shownBefore);
    const shownMembers = await page.evaluate(() =>
      (window.ringtraceWorkspace?.canvas.cy.nodes() ?? [])
        .map((node) => ({ id: node.id(), role: node.data('role') as string | undefined }))
        .filter((node) => node.role !== undefined)
        .map((node) => node.id),
    );
    expect(shownMembers.length).toBeGreaterThan(0);
    const ringMembers = new Set(truth.rings.flatMap((ring) => ring.members.map((m) => m.entity)));
    expect(shownMembers.filter((id) => ringMembers.has(id)).length).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'workspace-ring.png') });

    // Trace the victim's payment forward from the truth's victim transfer.
    const bank = firstHop.fromAccount.split(':')[0] ?? '';
    await page.locator('#ws-trace-mode').selectOption('forward-transfer');
    await page.locator('#ws-trace-id').fill(`${bank}:${firstHop.transferId}`);
    await page.locator('#ws-trace-window').fill('2');
    await page.getByRole('button', { name: 'Trace money' }).click();
    await expect
      .poll(() => page.locator('#ws-message').innerText(), { timeout: 60_000 })
      .toMatch(/traced through/);
    const ids = await nodeIds(page);
    for (const hop of payment.paths.flat()) {
      expect(ids).toContain(`BankAccount:${hop.toAccount}`);
    }
    const holding = await page.evaluate(
      () => window.ringtraceWorkspace?.canvas.cy.$('node.holding').length ?? 0,
    );
    expect(holding).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'workspace-trace.png') });

    // Exports hold what is on screen.
    const shown = await page.evaluate(() =>
      (window.ringtraceWorkspace?.canvas.snapshot().nodes ?? []).map((node) => node.data.id),
    );
    const graphml = await downloadText(page, 'graphml');
    expect(graphml.name).toMatch(/\.graphml$/);
    const xml = graphml.bytes.toString('utf8');
    expect(xml).toContain('<key id="n_type" for="node" attr.name="type" attr.type="string"/>');
    const exportedIds = [...xml.matchAll(/<node id="([^"]+)">/g)].map((match) => match[1]);
    expect(new Set(exportedIds)).toEqual(new Set(shown));

    const png = await downloadText(page, 'png');
    expect(png.bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const picture = await inkShare(page, png.bytes);
    expect(picture.width).toBeGreaterThan(200);
    expect(picture.ink).toBeGreaterThan(0.005);

    // Path finder between the victim's account and the first mule account.
    const lastHop = payment.paths[0]?.[payment.paths[0].length - 1];
    await page.evaluate(
      (ids) => {
        const cy = window.ringtraceWorkspace?.canvas.cy;
        cy?.$(':selected').unselect();
        for (const id of ids) cy?.$id(id).select();
      },
      [
        `BankAccount:${firstHop.fromAccount}`,
        `BankAccount:${lastHop?.toAccount ?? firstHop.toAccount}`,
      ],
    );
    await page.getByText('Path finder', { exact: true }).click();
    await page.locator('#ws-paths-rels').fill('TRANSFERRED');
    await page.getByRole('button', { name: 'Find paths' }).click();
    await expect
      .poll(() => page.locator('#ws-message').innerText(), { timeout: 60_000 })
      .toMatch(/paths? \(\d+ links\) shown|No path found|does not offer/);

    // Save the investigation, start a new one, and reopen it as it was.
    const before = (await nodeIds(page)).sort();
    await page.getByText('Saved investigations', { exact: true }).click();
    await page.locator('#ws-notes').fill('Victim payment followed to the cash-out accounts.');
    await page.locator('#ws-save-name').fill('Demo victim trace');
    await page.locator('#ws-save-form').getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.locator('#ws-message').innerText(), { timeout: 30_000 })
      .toMatch(/^Saved “Demo victim trace”/);
    await page.locator('#ws-new').click();
    expect(await nodeIds(page)).toEqual([]);
    const saved = page.locator('#ws-saved li', { hasText: 'Demo victim trace' });
    await saved.getByRole('button', { name: 'Open' }).click();
    await expect
      .poll(async () => (await nodeIds(page)).sort(), { timeout: 30_000 })
      .toEqual(before);
    expect(await page.locator('#ws-notes').inputValue()).toMatch(/cash-out/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'workspace-reopened.png') });

    // On a new investigation, trace backward from a mule at the end of a victim's money: the
    // mule, the victim's account the money came from, and the transfers between are drawn.
    await page.locator('#ws-new').click();
    const chain = truth.victimPayments.flatMap((one) => one.paths).find((hops) => hops.length >= 3);
    const chainEnd = chain?.[chain.length - 1];
    const chainStart = chain?.[0];
    if (!chain || !chainEnd || !chainStart)
      throw new Error('the scenario has no multi-hop payment');
    await page.locator('#ws-trace-mode').selectOption('backward-account');
    await page.locator('#ws-trace-id').fill(chainEnd.toAccount);
    await page
      .locator('#ws-trace-at')
      .fill(new Date(Date.parse(chainEnd.time) + 60_000).toISOString());
    await page.locator('#ws-trace-depth').fill('6');
    await page.locator('#ws-trace-window').fill('3');
    await page.getByRole('button', { name: 'Trace money' }).click();
    await expect
      .poll(() => page.locator('#ws-message').innerText(), { timeout: 60_000 })
      .toMatch(/received by .* traced back through \d+ transfers/);
    const backward = await page.evaluate(() => {
      const cy = window.ringtraceWorkspace?.canvas.cy;
      return {
        traced: (cy?.$('node.traced-account') ?? []).map((node) => node.id()),
        origins: (cy?.$('node.origin') ?? []).map((node) => node.id()),
        edges: (cy?.edges() ?? []).map((edge) => edge.id()),
      };
    });
    expect(backward.traced).toEqual([`BankAccount:${chainEnd.toAccount}`]);
    expect(backward.origins).toContain(`BankAccount:${chainStart.fromAccount}`);
    for (const hop of chain) {
      expect(backward.edges).toContain(
        `Transfer:${hop.fromAccount.split(':')[0] ?? ''}:${hop.transferId}`,
      );
    }
    await page.screenshot({ path: path.join(ARTIFACTS, 'workspace-trace-backward.png') });
    await page.close();
  }, 420_000);

  it('says clearly that there are no rings before any analysis has run', async () => {
    const page = await signIn();
    await page.getByText('Rings', { exact: true }).click();
    await page.locator('#ws-rings-load').click();
    await expect
      .poll(() => page.locator('#ws-message').innerText(), { timeout: 60_000 })
      .toMatch(/No rings in the latest run \(start an analysis first\)/);
    await page.close();
  });
});
