/**
 * The whole HTTP app on the test Neo4j, rebuilt before each test (after the graph is emptied),
 * with one signed-up user per role. `signIn` returns a supertest agent that keeps the session
 * cookie and sends the CSRF token on state-changing requests.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { afterEach, beforeEach } from 'vitest';
import { RingtraceError } from '../../../server/errors';
import { closeApp, createApp, type AppOptions } from '../../../server/app';
import type { Role } from '../../../server/auth/roles';
import type { Sector } from '../../../server/auth/sectors';
import { loadConfig } from '../../../server/config';
import { loadAllQueries } from '../../../server/db/database';
import type { Executor } from '../../../server/db/executor';
import { schemaObjectName } from '../../../server/db/schema';
import { UserService } from '../../../server/services/users';
import { silentLogger, type TestDatabase } from './testDatabase';

export const PASSWORD = 'correct horse battery staple';

/** One user of each role; the partner belongs to bank ICBC, the station officer to station 310104000003. */
export const USERS: Record<Role, { username: string; organisation?: string; sector?: Sector }> = {
  investigator: { username: 'ivy.investigator' },
  supervisor: { username: 'sam.supervisor' },
  administrator: { username: 'ada.admin' },
  partner: { username: 'icbc.feed', organisation: 'ICBC', sector: 'bank' },
  station_officer: { username: 'sue.station', organisation: '310104000003' },
};

export interface SignedIn {
  readonly agent: ReturnType<typeof request.agent>;
  readonly csrfToken: string;
}

export interface TestApp {
  readonly app: Express;
  signIn(username: string, password?: string): Promise<SignedIn>;
}

export function schemaNames(): string[] {
  const { texts, schema } = loadAllQueries();
  return schema.map((statement) => schemaObjectName(texts.get(statement.name) ?? ''));
}

function anchorIn(dir: string) {
  return { keyFile: path.join(dir, 'key.pem'), checkpointDir: path.join(dir, 'checkpoints') };
}

/** App options on the test database, with a scratch folder for uploads and checkpoints. */
export function testAppOptions(
  executor: Executor,
  overrides: Partial<Omit<AppOptions, 'executor'>> = {},
): AppOptions {
  return {
    logger: silentLogger,
    executor,
    kind: 'local',
    schemaNames: schemaNames(),
    security: loadConfig({}).security,
    ingestDir: mkdtempSync(path.join(os.tmpdir(), 'ringtrace-ingest-')),
    auditJournalDir: mkdtempSync(path.join(os.tmpdir(), 'ringtrace-audit-')),
    auditAnchor: anchorIn(mkdtempSync(path.join(os.tmpdir(), 'ringtrace-anchor-'))),
    ...overrides,
  };
}

export function useTestApp(
  db: TestDatabase,
  overrides: Partial<Omit<AppOptions, 'executor' | 'logger'>> = {},
): TestApp {
  const state = {} as { app: Express };

  beforeEach(async () => {
    state.app = createApp(testAppOptions(db.executor, overrides));
    const users = new UserService(db.executor);
    for (const [role, user] of Object.entries(USERS) as [Role, (typeof USERS)[Role]][]) {
      await users
        .create(
          {
            username: user.username,
            displayName: user.username,
            role,
            organisation: user.organisation ?? null,
            sector: user.sector ?? null,
            password: PASSWORD,
          },
          'test',
        )
        .catch((error: unknown) => {
          // A file whose tests share one graph (`emptyBefore: 'all'`) keeps its users.
          if (!(error instanceof RingtraceError && error.kind === 'conflict')) throw error;
        });
    }
  });

  // The next test empties the graph: the audit records of this one go to Neo4j first.
  afterEach(async () => {
    if (state.app) await closeApp(state.app);
  });

  return {
    get app() {
      return state.app;
    },
    async signIn(username: string, password = PASSWORD) {
      const agent = request.agent(state.app);
      const response = await agent.post('/api/auth/login').send({ username, password }).expect(200);
      const csrfToken = (response.body as { csrfToken: string }).csrfToken;
      agent.set('x-csrf-token', csrfToken);
      return { agent, csrfToken };
    },
  };
}
