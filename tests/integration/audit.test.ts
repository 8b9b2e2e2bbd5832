import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../server/audit/chain';
import { PROJECT_ROOT } from '../../server/config';
import { fixtureQueries, useTestDatabase } from './support/testDatabase';
import { USERS, useTestApp } from './support/testApp';

const db = useTestDatabase();
const testApp = useTestApp(db);
const scratch = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-audit-'));

interface Page {
  entries: AuditEntry[];
  nextBefore: number | null;
}

function runVerifier(file: string, head?: string) {
  const args = ['tsx', 'server/cli/auditVerify.ts', file, ...(head ? ['--head', head] : [])];
  return spawnSync('npx', args, { cwd: PROJECT_ROOT, encoding: 'utf8' });
}

describe('the audit trail', () => {
  it('records sign-ins, views and administrative changes with who, what and result size', async () => {
    await db.executor.run(fixtureQueries.createBankAccount, { id: 'ICBC:6222001', bank: 'ICBC' });
    const { agent: investigator } = await testApp.signIn(USERS.investigator.username);
    await investigator.get('/api/entities/BankAccount/ICBC:6222001').expect(200);
    await investigator.get('/api/entities/BankAccount/ICBC:0000000').expect(404);
    const { agent: admin } = await testApp.signIn(USERS.administrator.username);
    await admin
      .post('/api/users')
      .send({
        username: 'new.detective',
        displayName: 'New Detective',
        role: 'investigator',
        password: 'a long enough password',
      })
      .expect(201);

    const { agent: supervisor } = await testApp.signIn(USERS.supervisor.username);
    const views = (
      await supervisor
        .get('/api/audit')
        .query({ actor: USERS.investigator.username, action: 'entity.' })
        .expect(200)
    ).body as Page;
    expect(views.entries.map((entry) => [entry.target, entry.outcome, entry.resultSize])).toEqual([
      ['BankAccount:ICBC:0000000', 'failed:404', 0],
      ['BankAccount:ICBC:6222001', 'ok', 1],
    ]);
    expect(views.entries[0]).toMatchObject({ role: 'investigator', action: 'entity.view' });

    const changes = (await supervisor.get('/api/audit').query({ action: 'users.' }).expect(200))
      .body as Page;
    expect(changes.entries[0]).toMatchObject({
      actor: USERS.administrator.username,
      action: 'users.create',
      target: 'User:new.detective',
      params: { role: 'investigator', organisation: null },
    });
    const logins = (await supervisor.get('/api/audit').query({ action: 'auth.login' }).expect(200))
      .body as Page;
    expect(logins.entries.map((entry) => entry.actor)).toEqual(
      expect.arrayContaining([USERS.investigator.username, USERS.administrator.username]),
    );
    // Secrets never reach the trail.
    expect(JSON.stringify(changes)).not.toMatch(/a long enough password/);
  });

  it('records refused access as denied', async () => {
    const { agent: partner } = await testApp.signIn(USERS.partner.username);
    await partner.get('/api/audit').expect(403);
    const { agent: supervisor } = await testApp.signIn(USERS.supervisor.username);
    const page = (
      await supervisor.get('/api/audit').query({ actor: USERS.partner.username }).expect(200)
    ).body as Page;
    expect(page.entries[0]).toMatchObject({ action: 'audit.search', outcome: 'denied' });
  });

  it('pages through the trail newest first', async () => {
    const { agent } = await testApp.signIn(USERS.supervisor.username);
    for (let view = 0; view < 5; view += 1) await agent.get('/api/entities/Person/P-404');
    const first = (await agent.get('/api/audit').query({ limit: 2 }).expect(200)).body as Page;
    expect(first.entries).toHaveLength(2);
    expect(first.nextBefore).toBe(first.entries[1]?.seq);
    const second = (
      await agent.get('/api/audit').query({ limit: 2, before: first.nextBefore }).expect(200)
    ).body as Page;
    expect(second.entries[0]?.seq).toBe((first.entries[1]?.seq ?? 0) - 1);
  });

  it('keeps one unbroken chain under concurrent requests', async () => {
    const { agent } = await testApp.signIn(USERS.investigator.username);
    await Promise.all(
      Array.from({ length: 20 }, (_, index) => agent.get(`/api/entities/Person/P-${index}`)),
    );
    const { agent: supervisor } = await testApp.signIn(USERS.supervisor.username);
    const result = (await supervisor.get('/api/audit/verify').expect(200)).body as {
      ok: boolean;
      entries: number;
    };
    expect(result).toMatchObject({ ok: true });
    expect(result.entries).toBeGreaterThanOrEqual(22);
  });

  it('catches an edited entry and a deleted entry', async () => {
    const { agent } = await testApp.signIn(USERS.supervisor.username);
    for (let view = 0; view < 4; view += 1) await agent.get('/api/entities/Person/P-1');
    expect((await agent.get('/api/audit/verify').expect(200)).body).toMatchObject({ ok: true });

    await db.executor.run(fixtureQueries.editAuditEntry, { seq: 2, actor: 'someone.else' });
    const edited = (await agent.get('/api/audit/verify').expect(200)).body as {
      ok: boolean;
      problems: { seq: number; problem: string }[];
    };
    expect(edited.ok).toBe(false);
    expect(edited.problems).toContainEqual({ seq: 2, problem: expect.stringMatching(/edited/) });

    await db.executor.run(fixtureQueries.editAuditEntry, {
      seq: 2,
      actor: USERS.supervisor.username,
    });
    await db.executor.run(fixtureQueries.deleteAuditEntry, { seq: 3 });
    const deleted = (await agent.get('/api/audit/verify').expect(200)).body as {
      ok: boolean;
      problems: { seq: number; problem: string }[];
    };
    expect(deleted.ok).toBe(false);
    expect(deleted.problems).toContainEqual({ seq: 4, problem: expect.stringMatching(/missing/) });
  });

  it('exports a trail that the documented command verifies offline, and catches tampering', async () => {
    const { agent } = await testApp.signIn(USERS.administrator.username);
    await agent.get('/api/users').expect(200);
    const exported = await agent.get('/api/audit/export').buffer(true).expect(200);
    const head = String(exported.headers['x-audit-head-hash']);
    const file = path.join(scratch, 'trail.jsonl');
    writeFileSync(file, exported.text);
    const lines = exported.text.trim().split('\n');
    expect(lines.length).toBe(Number(exported.headers['x-audit-head-seq']));

    const intact = runVerifier(file, head);
    expect(intact.status, intact.stderr).toBe(0);
    expect(intact.stdout).toMatch(new RegExp(`OK: ${lines.length} entries`));

    const forged = readFileSync(file, 'utf8').replace('"resultSize":1', '"resultSize":0');
    writeFileSync(file, forged);
    const tampered = runVerifier(file, head);
    expect(tampered.status).toBe(1);
    expect(tampered.stdout).toMatch(/TAMPERED/);

    writeFileSync(file, `${lines.slice(0, -1).join('\n')}\n`);
    const cut = runVerifier(file, head);
    expect(cut.status).toBe(1);
    expect(cut.stdout).toMatch(/does not match the head/);
  });
});
