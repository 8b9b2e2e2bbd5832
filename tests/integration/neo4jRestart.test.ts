/**
 * The local Neo4j dies while Ringtrace runs: Ringtrace starts it again, answers 503 with
 * Retry-After meanwhile, and reports the restart in /api/health.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { openDatabase } from '../../server/db/database';
import { queries } from '../../server/db/queries';
import { isAlive } from '../../server/neo4j/localServer';
import { silentLogger } from './support/testDatabase';
import { testAppOptions } from './support/testApp';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-restart-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('a local Neo4j that dies while Ringtrace runs', () => {
  it('is started again, and the health report and 503 answers say so', async () => {
    const config = loadConfig({
      RINGTRACE_DATA_DIR: path.join(scratch, 'data'),
      NEO4J_BOLT_PORT: process.env.RINGTRACE_TEST_RESTART_PORT ?? '7690',
      NEO4J_HEAP: '512m',
      NEO4J_PAGECACHE: '128m',
    });
    const database = await openDatabase(config, silentLogger, { keepLocalRunning: true });
    try {
      const app = createApp(
        testAppOptions(database.executor, {
          schemaNames: database.schemaNames,
          localNeo4j: () => database.localStatus(),
        }),
      );
      expect(database.localStatus()).toMatchObject({ state: 'running', restarts: 0 });
      const pidFile = path.join(config.dataDir, 'neo4j', 'run', 'ringtrace-neo4j.pid');
      const pid = Number(readFileSync(pidFile, 'utf8').trim());
      process.kill(pid, 'SIGKILL');
      await until(() => Promise.resolve(isAlive(pid) ? undefined : true), 10_000);

      // Starting Neo4j takes well over a second: meanwhile the health report says what happens.
      const meanwhile = await request(app).get('/api/health').expect(503);
      expect(meanwhile.headers['retry-after']).toBe('10');
      expect(meanwhile.body).toMatchObject({
        status: 'unavailable',
        neo4j: { reachable: false, local: { state: 'restarting', restarts: 0 } },
      });

      await until(async () => {
        const row = await database.executor.first(queries.dbmsComponents, {});
        return row ? true : undefined;
      }, 180_000);
      expect(database.localStatus()).toMatchObject({ state: 'running', restarts: 1 });
      expect(database.localStatus()?.lastExit).toMatch(/signal SIGKILL/);

      const health = await request(app).get('/api/health').expect(200);
      expect(health.body).toMatchObject({ neo4j: { local: { state: 'running', restarts: 1 } } });
    } finally {
      await database.close();
    }
    expect(database.localStatus()?.state).toBe('stopped');
  }, 300_000);
});
