/**
 * The Ringtrace app of a benchmark: started in this process on a database the benchmark opened,
 * listening on a free local port, with one signed-in user (created on first use). The benchmarks
 * then send real HTTP requests to `base` with `cookie` (and `csrfToken` on writes).
 */
import type { Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import { pino } from 'pino';
import { closeApp, createApp } from '../../server/app';
import type { Config } from '../../server/config';
import type { Database } from '../../server/db/database';
import { RingtraceError } from '../../server/errors';
import { UserService } from '../../server/services/users';

export interface BenchUser {
  readonly username: string;
  readonly password: string;
  readonly displayName: string;
}

export interface BenchApp {
  readonly app: Express;
  /** e.g. `http://127.0.0.1:40123` */
  readonly base: string;
  /** The session cookie (`name=value`). */
  readonly cookie: string;
  readonly csrfToken: string;
  /** Stops listening and closes the app (not the database). */
  close(): Promise<void>;
}

/** Creates the investigator `user` if missing, starts the app and signs in. */
export async function startBenchApp(
  database: Database,
  config: Config,
  user: BenchUser,
): Promise<BenchApp> {
  const { executor } = database;
  await new UserService(executor)
    .create(
      {
        username: user.username,
        displayName: user.displayName,
        role: 'investigator',
        organisation: null,
        sector: null,
        password: user.password,
      },
      'bench',
    )
    .catch((error: unknown) => {
      if (!(error instanceof RingtraceError && error.kind === 'conflict')) throw error;
    });
  const app = createApp({
    logger: pino({ level: 'silent' }),
    executor,
    kind: database.kind,
    schemaNames: database.schemaNames,
    security: config.security,
    warning: config.warning,
    ingestDir: mkdtempSync(path.join(os.tmpdir(), 'ringtrace-bench-')),
    auditJournalDir: mkdtempSync(path.join(os.tmpdir(), 'ringtrace-bench-audit-')),
  });
  let server: Server | undefined;
  try {
    const listening = app.listen(0, '127.0.0.1');
    server = listening;
    await new Promise<void>((resolve) => listening.once('listening', () => resolve()));
    const base = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: user.username, password: user.password }),
    });
    if (!login.ok) throw new Error(`Sign-in failed: ${login.status} ${await login.text()}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const open = server;
    return {
      app,
      base,
      cookie,
      csrfToken,
      async close() {
        const closed = new Promise<void>((resolve) => open.close(() => resolve()));
        open.closeAllConnections();
        await closed;
        await closeApp(app);
      },
    };
  } catch (error) {
    server?.close();
    await closeApp(app);
    throw error;
  }
}
