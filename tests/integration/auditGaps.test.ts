/**
 * Gaps the audit trail used to have: a request that fails with a 5xx after committing data, the
 * full list of entities a timeline read, the graph summary, token listings, 401s (bounded per
 * address) and CSRF refusals, exports (recorded by the server before the client writes the file),
 * and the anchor supervisors copy out of Ringtrace (`GET /api/audit/checkpoints`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../server/audit/chain';
import { closeApp, createApp } from '../../server/app';
import { PROJECT_ROOT } from '../../server/config';
import type { Executor } from '../../server/db/executor';
import type { QueryDefinition } from '../../server/db/query';
import { RingtraceError } from '../../server/errors';
import { useTestDatabase } from './support/testDatabase';
import { PASSWORD, USERS, testAppOptions, useTestApp } from './support/testApp';

const db = useTestDatabase();
const testApp = useTestApp(db);

interface Page {
  entries: AuditEntry[];
  nextBefore: number | null;
}

async function trail(action: string, limit = 100): Promise<AuditEntry[]> {
  const { agent } = await testApp.signIn(USERS.supervisor.username);
  const page = (await agent.get('/api/audit').query({ action, limit }).expect(200)).body as Page;
  return page.entries;
}

/** The test executor, except that `failAfter` commits and then throws `error`. */
function failingAfter(failAfter: string, error: () => Error): Executor {
  const target = db.executor;
  const run = async <P, R>(query: QueryDefinition<P, R>, params: P): Promise<R[]> => {
    const rows = await target.run(query, params);
    if (query.name === failAfter) throw error();
    return rows;
  };
  return new Proxy(target, {
    get(object, key) {
      if (key === 'run') return run;
      if (key === 'first') {
        return async <P, R>(query: QueryDefinition<P, R>, params: P) =>
          (await run(query, params))[0];
      }
      const value: unknown = Reflect.get(object, key, object);
      return typeof value === 'function' ? (value as () => unknown).bind(object) : value;
    },
  });
}

describe('the audit trail records what it used to miss', () => {
  it.each([
    ['database-unavailable', () => new RingtraceError('database-unavailable', 'down'), 503],
    ['an unexpected error', () => new TypeError('boom'), 500],
  ] as const)(
    'a write that fails with a 5xx after committing (%s)',
    async (_name, error, status) => {
      const app = createApp(testAppOptions(failingAfter('workspaces/createWorkspace', error)));
      try {
        const agent = request.agent(app);
        const login = await agent
          .post('/api/auth/login')
          .send({ username: USERS.investigator.username, password: PASSWORD })
          .expect(200);
        agent.set('x-csrf-token', (login.body as { csrfToken: string }).csrfToken);
        await agent
          .post('/api/workspaces')
          .send({ name: 'Case 5xx', document: { version: 1, nodes: [], edges: [] } })
          .expect(status);
        // The workspace was committed before the failure...
        expect(
          ((await agent.get('/api/workspaces').expect(200)).body as { workspaces: unknown[] })
            .workspaces,
        ).toHaveLength(1);
      } finally {
        await closeApp(app);
      }
      // ...and the failed request is in the trail.
      const saves = await trail('workspace.save');
      expect(saves[0]).toMatchObject({
        actor: USERS.investigator.username,
        outcome: `failed:${status}`,
      });
    },
  );

  it('a timeline read names every entity read, not the first 200 characters', async () => {
    const entities = Array.from(
      { length: 40 },
      (_, index) => `BankAccount:ICBC:62220000000000${String(index).padStart(4, '0')}`,
    );
    const { agent } = await testApp.signIn(USERS.investigator.username);
    await agent
      .get('/api/timeline')
      .query({ entities: entities.join(',') })
      .expect(200);
    const [entry] = await trail('timeline');
    expect(entry?.params.entities).toEqual(entities);
    expect(entry?.target).toBe(entities.join(','));
  });

  it('the graph summary and token listings', async () => {
    const { agent } = await testApp.signIn(USERS.investigator.username);
    await agent.get('/api/graph/summary').expect(200);
    await agent.get('/api/tokens').expect(200);
    await agent.get('/api/tokens').query({ all: 'true' }).expect(403);
    expect(await trail('graph.summary')).toMatchObject([
      { actor: USERS.investigator.username, outcome: 'ok' },
    ]);
    expect(await trail('tokens.list')).toMatchObject([
      { outcome: 'failed:403', params: {} },
      {
        actor: USERS.investigator.username,
        target: `User:${USERS.investigator.username}`,
        outcome: 'ok',
        params: { all: false },
      },
    ]);
  });

  it('401s, with the address and reason, bounded per address', async () => {
    await request(testApp.app).get('/api/graph/summary').expect(401);
    await request(testApp.app)
      .get('/api/graph/summary')
      .set('authorization', 'Bearer rt_notatoken')
      .expect(401);
    const refused = await trail('graph.summary');
    expect(refused).toMatchObject([
      {
        actor: 'anonymous',
        outcome: 'failed:401',
        params: { reason: expect.stringMatching(/token/) },
      },
      {
        actor: 'anonymous',
        outcome: 'failed:401',
        params: { reason: expect.stringMatching(/Sign in/) },
      },
    ]);
    expect(refused[0]?.params.address).toEqual(expect.any(String));

    // A probe from one address is recorded at most 30 times a minute.
    for (let probe = 0; probe < 40; probe += 1) {
      await request(testApp.app).get('/api/search').query({ q: 'x' }).expect(401);
    }
    const probes = (await trail('search', 500)).filter((entry) => entry.outcome === 'failed:401');
    expect(probes.length).toBe(28);
  });

  it('CSRF refusals', async () => {
    const { agent } = await testApp.signIn(USERS.investigator.username);
    await agent
      .post('/api/workspaces')
      .set('x-csrf-token', 'forged')
      .send({ name: 'x', document: {} })
      .expect(403);
    expect(await trail('workspace.save')).toMatchObject([
      { actor: USERS.investigator.username, outcome: 'denied:csrf' },
    ]);
  });

  it('exports: the server records them before the client writes the file', async () => {
    const { agent } = await testApp.signIn(USERS.investigator.username);
    const answer = await agent
      .post('/api/exports')
      .send({
        format: 'graphml',
        nodes: 2,
        edges: 1,
        investigationId: 'w-7',
        investigationName: 'Case 7',
        entities: ['Person:P-1', 'BankAccount:ICBC:1'],
      })
      .expect(201);
    expect(answer.body).toMatchObject({ format: 'graphml', nodes: 2, edges: 1 });
    await agent.post('/api/exports').send({ format: 'exe', nodes: 1, edges: 0 }).expect(400);
    const { agent: partner } = await testApp.signIn(USERS.partner.username);
    await partner.post('/api/exports').send({ format: 'png', nodes: 1, edges: 0 }).expect(403);

    expect(await trail('export.create')).toMatchObject([
      { actor: USERS.partner.username, outcome: 'denied' },
      { actor: USERS.investigator.username, outcome: 'failed:400' },
      {
        actor: USERS.investigator.username,
        target: 'Workspace:w-7',
        outcome: 'ok',
        resultSize: 3,
        params: {
          format: 'graphml',
          nodes: 2,
          edges: 1,
          investigationName: 'Case 7',
          entities: ['Person:P-1', 'BankAccount:ICBC:1'],
        },
      },
    ]);
  });
});

describe('GET /api/audit/checkpoints', () => {
  it('gives supervisors the key and the checkpoints that verify an exported trail offline', async () => {
    const { agent } = await testApp.signIn(USERS.supervisor.username);
    await agent.get('/api/graph/summary').expect(200);
    const answer = (await agent.get('/api/audit/checkpoints').expect(200)).body as {
      anchored: boolean;
      publicKeyPem: string;
      keyId: string;
      checkpoints: { seq: number }[];
      nextBefore: number | null;
    };
    expect(answer.anchored).toBe(true);
    expect(answer.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(answer.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(answer.checkpoints.length).toBeGreaterThanOrEqual(1);
    const seqs = answer.checkpoints.map((checkpoint) => checkpoint.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));

    const exported = await agent.get('/api/audit/export').buffer(true).expect(200);
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-anchor-copy-'));
    const files = {
      trail: path.join(scratch, 'trail.jsonl'),
      checkpoints: path.join(scratch, 'checkpoints.jsonl'),
      key: path.join(scratch, 'key.pem'),
    };
    writeFileSync(files.trail, exported.text);
    writeFileSync(
      files.checkpoints,
      answer.checkpoints.map((checkpoint) => JSON.stringify(checkpoint)).join('\n'),
    );
    writeFileSync(files.key, answer.publicKeyPem);
    const verify = (trailFile: string) =>
      spawnSync(
        'npx',
        [
          'tsx',
          'server/cli/auditVerify.ts',
          trailFile,
          '--checkpoints',
          files.checkpoints,
          '--public-key',
          files.key,
        ],
        { cwd: PROJECT_ROOT, encoding: 'utf8' },
      );
    const intact = verify(files.trail);
    expect(intact.status, intact.stdout + intact.stderr).toBe(0);
    // A trail cut short of the latest checkpoint fails against the copied anchor.
    const newest = answer.checkpoints[0]?.seq ?? 0;
    const lines = exported.text.trim().split('\n');
    writeFileSync(files.trail, `${lines.slice(0, newest - 1).join('\n')}\n`);
    expect(verify(files.trail).status).not.toBe(0);

    const first = (await agent.get('/api/audit/checkpoints').query({ limit: 1 }).expect(200))
      .body as typeof answer;
    expect(first.checkpoints).toHaveLength(1);
    if (first.nextBefore !== null) {
      const older = (
        await agent
          .get('/api/audit/checkpoints')
          .query({ limit: 1, before: first.nextBefore })
          .expect(200)
      ).body as typeof answer;
      expect(older.checkpoints[0]?.seq ?? 0).toBeLessThan(first.checkpoints[0]?.seq ?? 0);
    }
    const { agent: investigator } = await testApp.signIn(USERS.investigator.username);
    await investigator.get('/api/audit/checkpoints').expect(403);
    expect((await trail('audit.checkpoints')).map((entry) => entry.outcome)).toEqual([
      'denied',
      'ok',
      'ok',
      'ok',
    ]);
  });
});
