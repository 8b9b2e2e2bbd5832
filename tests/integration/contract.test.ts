/**
 * The API contract against the real server: every route that answers JSON is called with a real,
 * valid request on a generated scenario, and its answer must parse with the response schema the
 * route declares (`server/contract/`), so a field the server stops sending, or sends in another
 * shape, fails here and not in the client. Every route of the table declares what it answers,
 * and a JSON route added without a call here fails the last test.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Response } from 'supertest';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { writeScenario, type Truth, type TruthHop } from '../../seed/index';
import type { Role } from '../../server/auth/roles';
import { PROJECT_ROOT } from '../../server/config';
import { loadScenario } from '../../server/ingest/scenario';
import { apiRoutes } from '../../server/routes/index';
import { UserService } from '../../server/services/users';
import { useTestDatabase } from './support/testDatabase';
import { PASSWORD, USERS, useTestApp, type SignedIn } from './support/testApp';

const db = useTestDatabase({}, { emptyBefore: 'all' });
const testApp = useTestApp(db);
const FIXTURES = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'ingest');

let truth: Truth;
/** A victim's payment that went through at least three hops. */
let hops: TruthHop[] = [];

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-contract-'));
  await writeScenario({ size: 'demo', seed: 5, outDir: dir });
  await loadScenario(db.executor, dir, {
    workDir: mkdtempSync(path.join(os.tmpdir(), 'ringtrace-work-')),
  });
  truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Truth;
  hops =
    truth.victimPayments.flatMap((payment) => payment.paths).find((found) => found.length >= 3) ??
    [];
  expect(hops.length).toBeGreaterThanOrEqual(3);
}, 300_000);

const first = () => hops[0] as TruthHop;
const last = () => hops[hops.length - 1] as TruthHop;
const transferId = (hop: TruthHop) => `${hop.fromAccount.split(':')[0] ?? ''}:${hop.transferId}`;
const afterLast = () => new Date(Date.parse(last().time) + 60_000).toISOString();

/** What the calls learn and later calls use: ids of what they created. */
const found = { run: '', ring: '', workspace: '', alert: '', stop: '' };
const checked = new Set<string>();

/** Checks an answer against the route's declared schema; returns the parsed answer. */
function expectContract(key: string, response: Response): unknown {
  const route = apiRoutes.find((one) => `${one.method} ${one.path}` === key);
  if (!route) throw new Error(`No route ${key} in the table`);
  expect(response.status, `${key}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
  expect(response.headers['content-type'], key).toMatch(/^application\/json/);
  if (!(route.output instanceof z.ZodType)) throw new Error(`${key} declares no JSON answer`);
  const parsed = route.output.safeParse(response.body);
  expect(parsed.success ? [] : parsed.error.issues, key).toEqual([]);
  checked.add(key);
  return parsed.data;
}

const signIn = (role: Role): Promise<SignedIn> => testApp.signIn(USERS[role].username);

interface Call {
  readonly role: Role | 'anonymous';
  readonly call: (agent: SignedIn['agent']) => Promise<Response>;
  /** Reads what later calls need from the answer. */
  readonly keep?: (body: unknown) => void | Promise<void>;
}

/** A real request for every route that answers JSON, in an order that feeds later ones. */
const CALLS: Record<string, Call[]> = {
  'get /health': [{ role: 'anonymous', call: (agent) => agent.get('/api/health') }],
  'get /openapi.json': [{ role: 'anonymous', call: (agent) => agent.get('/api/openapi.json') }],
  'post /auth/login': [
    {
      role: 'anonymous',
      call: (agent) =>
        agent.post('/api/auth/login').send({
          username: USERS.investigator.username,
          password: PASSWORD,
        }),
    },
  ],
  'get /auth/session': [{ role: 'investigator', call: (agent) => agent.get('/api/auth/session') }],
  'get /users': [{ role: 'administrator', call: (agent) => agent.get('/api/users') }],
  'post /users': [
    {
      role: 'administrator',
      call: (agent) =>
        agent.post('/api/users').send({
          username: 'contract.user',
          displayName: 'Contract User',
          role: 'investigator',
          password: 'a long enough password for the contract',
        }),
    },
  ],
  'patch /users/:username': [
    {
      role: 'administrator',
      call: (agent) => agent.patch('/api/users/contract.user').send({ displayName: 'Renamed' }),
    },
  ],
  'post /tokens': [
    {
      role: 'investigator',
      call: (agent) => agent.post('/api/tokens').send({ name: 'contract', scopes: ['graph:read'] }),
    },
  ],
  'get /tokens': [{ role: 'investigator', call: (agent) => agent.get('/api/tokens') }],
  'get /graph/summary': [
    { role: 'investigator', call: (agent) => agent.get('/api/graph/summary') },
  ],
  'get /search': [
    {
      role: 'investigator',
      call: (agent) => agent.get('/api/search').query({ q: last().toAccount.split(':')[1] ?? '' }),
    },
  ],
  'get /entities/:type/:id': [
    {
      role: 'investigator',
      call: (agent) => agent.get(`/api/entities/BankAccount/${last().toAccount}`),
    },
  ],
  'get /entities/:type/:id/neighbours/counts': [
    {
      role: 'investigator',
      call: (agent) => agent.get(`/api/entities/BankAccount/${last().toAccount}/neighbours/counts`),
    },
  ],
  'get /entities/:type/:id/neighbours': [
    {
      role: 'investigator',
      call: (agent) => agent.get(`/api/entities/BankAccount/${last().toAccount}/neighbours`),
    },
    {
      role: 'investigator',
      call: (agent) =>
        agent.get(`/api/entities/BankAccount/${last().toAccount}/neighbours`).query({ hops: 2 }),
    },
  ],
  'get /timeline': [
    {
      role: 'investigator',
      call: (agent) =>
        agent.get('/api/timeline').query({ entities: `BankAccount:${last().toAccount}` }),
    },
  ],
  'get /trace/forward': [
    {
      role: 'investigator',
      call: (agent) =>
        agent.get('/api/trace/forward').query({ transfer: transferId(first()), windowHours: 3 }),
    },
    {
      role: 'investigator',
      call: (agent) =>
        agent.get('/api/trace/forward').query({
          account: first().toAccount,
          at: first().time,
          amountMinor: first().amountMinor,
        }),
    },
  ],
  'get /trace/backward': [
    {
      role: 'investigator',
      call: (agent) =>
        agent
          .get('/api/trace/backward')
          .query({ account: last().toAccount, at: afterLast(), depth: 6, windowHours: 3 }),
      keep: (body) => {
        const trace = body as { origins: { account: string }[]; hops: unknown[] };
        expect(trace.hops.length).toBeGreaterThan(0);
        expect(trace.origins.map((origin) => origin.account)).toContain(first().fromAccount);
      },
    },
  ],
  'get /paths': [
    {
      role: 'investigator',
      call: (agent) =>
        agent.get('/api/paths').query({
          entities: `BankAccount:${first().fromAccount},BankAccount:${last().toAccount}`,
        }),
    },
    {
      role: 'investigator',
      call: (agent) =>
        agent.get('/api/paths').query({
          entities: `BankAccount:${first().fromAccount},BankAccount:${last().toAccount}`,
          timeRespecting: 'true',
          relationships: 'TRANSFERRED',
          to: afterLast(),
        }),
    },
  ],
  'get /shared/handsets': [
    { role: 'investigator', call: (agent) => agent.get('/api/shared/handsets') },
  ],
  'get /shared/origins': [
    { role: 'investigator', call: (agent) => agent.get('/api/shared/origins') },
  ],
  'get /shared/reported': [
    { role: 'investigator', call: (agent) => agent.get('/api/shared/reported') },
  ],
  'get /shared/same-person': [
    { role: 'investigator', call: (agent) => agent.get('/api/shared/same-person') },
  ],
  'post /shared/same-person/reviews': [
    {
      role: 'investigator',
      call: async (agent) => {
        const listed = await agent.get('/api/shared/same-person').query({ limit: 1 }).expect(200);
        const { candidates } = listed.body as {
          candidates: { a: { type: string; id: string }; b: { type: string; id: string } }[];
        };
        const pair = candidates[0];
        if (!pair) throw new Error('No same-person candidate in the scenario');
        return agent.post('/api/shared/same-person/reviews').send({
          a: `${pair.a.type}:${pair.a.id}`,
          b: `${pair.b.type}:${pair.b.id}`,
          decision: 'confirmed',
        });
      },
    },
  ],
  'post /analysis/runs': [
    {
      role: 'investigator',
      call: (agent) => agent.post('/api/analysis/runs').send({ seed: 3 }),
      keep: async (body) => {
        found.run = (body as { id: string }).id;
        const { agent } = await signIn('investigator');
        for (let attempt = 0; attempt < 240; attempt += 1) {
          const run = (await agent.get(`/api/analysis/runs/${found.run}`).expect(200)).body as {
            status: string;
          };
          if (run.status === 'finished') return;
          if (run.status === 'failed') throw new Error(`Run ${found.run} failed`);
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
        throw new Error(`Run ${found.run} did not finish`);
      },
    },
  ],
  'get /analysis/runs': [
    { role: 'investigator', call: (agent) => agent.get('/api/analysis/runs') },
  ],
  'get /analysis/runs/:id': [
    { role: 'investigator', call: (agent) => agent.get(`/api/analysis/runs/${found.run}`) },
  ],
  'get /analysis/runs/:id/compare': [
    {
      role: 'investigator',
      call: (agent) =>
        agent.get(`/api/analysis/runs/${found.run}/compare`).query({ with: found.run }),
    },
  ],
  'get /rings': [
    {
      role: 'investigator',
      call: (agent) => agent.get('/api/rings').query({ run: found.run }),
      keep: (body) => {
        found.ring = (body as { rings: { id: string }[] }).rings[0]?.id ?? '';
        expect(found.ring).not.toBe('');
      },
    },
  ],
  'get /rings/:run/:ring': [
    { role: 'investigator', call: (agent) => agent.get(`/api/rings/${found.ring}`) },
  ],
  'get /analysis/risk': [
    {
      role: 'investigator',
      call: (agent) =>
        agent.get('/api/analysis/risk').query({ reported: `BankAccount:${last().toAccount}` }),
    },
  ],
  'post /analysis/risk': [
    {
      role: 'investigator',
      call: (agent) =>
        agent
          .post('/api/analysis/risk')
          .send({ reported: [`BankAccount:${last().toAccount}`], limit: 5 }),
    },
  ],
  'post /ingest/:kind': [
    {
      role: 'partner',
      call: (agent) =>
        agent
          .post('/api/ingest/bank-accounts')
          .set('content-type', 'text/csv')
          .send(readFileSync(path.join(FIXTURES, 'bank-accounts.csv'))),
    },
  ],
  'post /workspaces': [
    {
      role: 'investigator',
      call: (agent) =>
        agent.post('/api/workspaces').send({
          name: 'Contract',
          document: {
            version: 1,
            nodes: [{ data: { id: `BankAccount:${last().toAccount}` } }],
            edges: [],
          },
        }),
      keep: (body) => {
        found.workspace = (body as { id: string }).id;
      },
    },
  ],
  'get /workspaces': [{ role: 'investigator', call: (agent) => agent.get('/api/workspaces') }],
  'get /workspaces/:id': [
    { role: 'investigator', call: (agent) => agent.get(`/api/workspaces/${found.workspace}`) },
  ],
  'patch /workspaces/:id': [
    {
      role: 'investigator',
      call: (agent) =>
        agent.patch(`/api/workspaces/${found.workspace}`).send({ name: 'Contract, renamed' }),
    },
  ],
  'get /audit': [{ role: 'supervisor', call: (agent) => agent.get('/api/audit') }],
  'get /audit/verify': [{ role: 'supervisor', call: (agent) => agent.get('/api/audit/verify') }],
  'get /audit/checkpoints': [
    { role: 'supervisor', call: (agent) => agent.get('/api/audit/checkpoints') },
  ],
  'post /exports': [
    {
      role: 'investigator',
      call: (agent) =>
        agent.post('/api/exports').send({ format: 'graphml', nodes: 3, edges: 2, entities: [] }),
    },
  ],
  'post /evidence': [
    {
      role: 'investigator',
      call: (agent) =>
        agent
          .post('/api/evidence')
          .send({ from: { trace: transferId(first()) }, caseNumber: 'CONTRACT-1' }),
    },
  ],
  // Each test has an app of its own (and so its own evidence folder): make one, then read it.
  'get /evidence': [
    {
      role: 'investigator',
      call: async (agent) => {
        await agent
          .post('/api/evidence')
          .send({ from: { entities: [`BankAccount:${last().toAccount}`] }, caseNumber: 'C-2' })
          .expect(201);
        return agent.get('/api/evidence').query({ case: 'C-2' });
      },
    },
  ],
  'get /evidence/:id': [
    {
      role: 'investigator',
      call: async (agent) => {
        const made = await agent
          .post('/api/evidence')
          .send({ from: { entities: [`BankAccount:${last().toAccount}`] } })
          .expect(201);
        return agent.get(`/api/evidence/${(made.body as { id: string }).id}`);
      },
    },
  ],
  'post /events': [
    {
      role: 'investigator',
      call: (agent) => {
        const [bank = '', account = ''] = first().toAccount.split(':');
        const events = [
          {
            kind: 'police-reports',
            record: {
              case_number: 'CONTRACT-1',
              reported_at: afterLast(),
              station_id: '310104000003',
              scam_type: 'fake_police',
              named_accounts: first().toAccount,
            },
          },
          {
            kind: 'bank-transfers',
            record: {
              transfer_id: 'CONTRACT-T1',
              from_bank: 'ICBC',
              from_account: '6222000000009999',
              to_bank: bank,
              to_account: account,
              amount: '5000.00',
              currency: 'CNY',
              time: afterLast(),
            },
          },
        ];
        return agent
          .post('/api/events')
          .set('content-type', 'application/x-ndjson')
          .send(events.map((event) => JSON.stringify(event)).join('\n'));
      },
      keep: (body) => {
        found.alert = (body as { alerts: { id: string }[] }).alerts[0]?.id ?? '';
        expect(found.alert).not.toBe('');
      },
    },
  ],
  'get /alerts': [{ role: 'investigator', call: (agent) => agent.get('/api/alerts') }],
  'get /alerts/dashboard': [
    { role: 'investigator', call: (agent) => agent.get('/api/alerts/dashboard') },
  ],
  'get /alerts/:id': [
    { role: 'investigator', call: (agent) => agent.get(`/api/alerts/${found.alert}`) },
  ],
  'post /alerts/:id/acknowledge': [
    {
      role: 'investigator',
      call: (agent) => agent.post(`/api/alerts/${found.alert}/acknowledge`),
    },
  ],
  'post /alerts/:id/outcome': [
    {
      role: 'investigator',
      call: (agent) =>
        agent.post(`/api/alerts/${found.alert}/outcome`).send({ outcome: 'payment_stopped' }),
    },
  ],
  'get /watch': [{ role: 'investigator', call: (agent) => agent.get('/api/watch') }],
  'post /stops': [
    {
      role: 'investigator',
      // The policy may already have asked on this account (the payment above): then that request
      // is the answer.
      call: (agent) =>
        agent.post('/api/stops').send({
          account: first().toAccount,
          amountMinor: first().amountMinor,
          transfers: [transferId(first())],
          legalBasis: 'Case CONTRACT-1',
          origin: 'trace',
        }),
      keep: (body) => {
        found.stop = (body as { stop: { id: string } }).stop.id;
      },
    },
  ],
  'get /stops': [{ role: 'investigator', call: (agent) => agent.get('/api/stops') }],
  'get /stops/:id': [
    { role: 'investigator', call: (agent) => agent.get(`/api/stops/${found.stop}`) },
  ],
  'post /stops/:id/answer': [
    {
      role: 'anonymous',
      // The commissioner of the account's own bank answers.
      call: async (agent) => {
        const bank = first().toAccount.split(':')[0] ?? '';
        await new UserService(db.executor).create(
          {
            username: 'contract.bank',
            displayName: 'Contract bank',
            role: 'partner',
            organisation: bank,
            sector: 'bank',
            password: PASSWORD,
          },
          'test',
        );
        const login = await agent
          .post('/api/auth/login')
          .send({ username: 'contract.bank', password: PASSWORD })
          .expect(200);
        return agent
          .post(`/api/stops/${found.stop}/answer`)
          .set('x-csrf-token', (login.body as { csrfToken: string }).csrfToken)
          .send({ outcome: 'held', heldMinor: 100, bankReference: 'CONTRACT-H1' });
      },
    },
  ],
  'post /stops/:id/renew': [
    { role: 'investigator', call: (agent) => agent.post(`/api/stops/${found.stop}/renew`) },
  ],
  'post /stops/:id/freeze': [
    {
      role: 'investigator',
      call: (agent) =>
        agent.post(`/api/stops/${found.stop}/freeze`).send({ legalBasis: 'Freeze order C-1' }),
    },
  ],
  'post /stops/:id/release': [
    {
      role: 'investigator',
      call: (agent) =>
        agent.post(`/api/stops/${found.stop}/release`).send({ reason: 'Contract check' }),
    },
  ],
  'get /money': [
    { role: 'investigator', call: (agent) => agent.get('/api/money') },
    { role: 'investigator', call: (agent) => agent.get(`/api/money?ring=${found.ring}`) },
  ],
};

describe('every JSON answer against its declared schema', () => {
  it.each(Object.keys(CALLS))(
    '%s',
    async (key) => {
      for (const { role, call, keep } of CALLS[key] ?? []) {
        const agent =
          role === 'anonymous' ? request.agent(testApp.app) : (await signIn(role)).agent;
        const body = expectContract(key, await call(agent));
        await keep?.(body);
      }
    },
    180_000,
  );
});

describe('the route table', () => {
  it('has every JSON route called above with a real request', () => {
    const keys = apiRoutes
      .filter((route) => route.output instanceof z.ZodType)
      .map((route) => `${route.method} ${route.path}`)
      .sort();
    expect(Object.keys(CALLS).sort()).toEqual(keys);
    expect([...checked].sort()).toEqual(keys);
  });
});
