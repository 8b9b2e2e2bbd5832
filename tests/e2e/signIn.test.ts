/**
 * End to end in a real browser: the built client served by the app, signing in, the status panel,
 * and the panels each role may see. Screenshots go to tests/artifacts/.
 */
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config';
import { useTestDatabase } from '../integration/support/testDatabase';
import { PASSWORD, USERS, useTestApp } from '../integration/support/testApp';
import { launchBrowser } from './browser';
import { buildClient, serve } from './serve';

const ARTIFACTS = path.join(PROJECT_ROOT, 'tests', 'artifacts');
const clientDir = path.join(os.tmpdir(), `ringtrace-client-${process.pid}`);

const db = useTestDatabase();
const testApp = useTestApp(db, { clientDir });
let browser: Browser;
let baseUrl: string;

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

async function signIn(username: string) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(baseUrl);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#who').waitFor({ state: 'visible' });
  return page;
}

describe('the client in a browser', () => {
  it('asks to sign in and shows the system status with Neo4j, GDS and APOC', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(baseUrl);
    await expect
      .poll(() => page.locator('#health-summary').textContent())
      .toBe('All systems ready.');
    const details = await page.locator('#health-details').innerText();
    expect(details).toMatch(/Neo4j\s+5\.26\.\d+ community/);
    expect(details).toMatch(/Graph Data Science\s+loaded \(2\.13\./);
    expect(details).toMatch(/APOC\s+loaded/);
    expect(await page.locator('#login-panel').isVisible()).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'sign-in.png') });
    await page.close();
  });

  it('shows an administrator the users and the audit trail, with their own sign-in in it', async () => {
    const page = await signIn(USERS.administrator.username);
    const usersTable = page.locator('#admin-panel section[aria-labelledby="admin-users-title"]');
    await usersTable.locator('tbody tr').first().waitFor();
    const users = await usersTable.innerText();
    expect(users).toContain(USERS.partner.username);
    await expect
      .poll(() => page.locator('#audit-rows').innerText())
      .toMatch(new RegExp(`${USERS.administrator.username}\\s+auth\\.login`));
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await expect.poll(() => page.locator('#audit-verdict').textContent()).toMatch(/Chain intact/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'administrator.png') });
    await page.close();
  });

  it('hides the audit trail and users from an investigator, and signs out', async () => {
    const page = await signIn(USERS.investigator.username);
    expect(await page.locator('#who').textContent()).toMatch(/investigator/);
    expect(await page.locator('#audit-panel').isVisible()).toBe(false);
    expect(await page.locator('#admin-panel').isVisible()).toBe(false);
    expect(await page.locator('#nav-admin').isVisible()).toBe(false);
    await expect.poll(() => page.locator('#graph-counts').innerText()).toMatch(/People\s+0/);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('#login-panel').waitFor({ state: 'visible' });
    await page.close();
  });

  it('says why a sign-in failed', async () => {
    const page = await browser.newPage();
    await page.goto(baseUrl);
    await page.getByLabel('Username').fill(USERS.investigator.username);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.locator('#login-error').textContent())
      .toBe('Wrong username or password.');
    await page.close();
  });
});
