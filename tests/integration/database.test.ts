import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { openDatabase } from '../../server/db/database';
import { Executor } from '../../server/db/executor';
import { queries } from '../../server/db/queries';
import { loadQueries } from '../../server/db/query';
import { StartupError } from '../../server/errors';
import { LocalNeo4j, isAlive } from '../../server/neo4j/localServer';
import { FIXTURE_DIR, fixtureQueries, silentLogger, useTestDatabase } from './support/testDatabase';

const db = useTestDatabase();
const scratch = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-db-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('connecting to a Neo4j given by NEO4J_URI', () => {
  it('uses that server and starts no local one', async () => {
    const dataDir = path.join(scratch, 'remote');
    const config = loadConfig({
      NEO4J_URI: db.settings.uri,
      NEO4J_USER: db.settings.user,
      NEO4J_PASSWORD: db.settings.password,
      NEO4J_DATABASE: db.settings.database,
      RINGTRACE_DATA_DIR: dataDir,
    });
    const database = await openDatabase(config, silentLogger);
    try {
      expect(database.kind).toBe('remote');
      const kernel = await database.executor.first(queries.dbmsComponents, {});
      expect(kernel?.versions[0]).toMatch(/^5\.26\./);
      expect(existsSync(path.join(dataDir, 'neo4j'))).toBe(false);
    } finally {
      await database.close();
    }
  });

  it('stops start-up with a message naming the variables to check when sign-in fails', async () => {
    const config = loadConfig({
      NEO4J_URI: db.settings.uri,
      NEO4J_PASSWORD: 'not-the-password',
    });
    const failure = openDatabase(config, silentLogger);
    await expect(failure).rejects.toBeInstanceOf(StartupError);
    await expect(failure).rejects.toThrow(/NEO4J_PASSWORD/);
  });
});

describe('the local Neo4j runtime', () => {
  it('refuses a Bolt port that is already taken, with a message saying what to do', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const config = loadConfig({
        RINGTRACE_DATA_DIR: path.join(scratch, 'taken'),
        NEO4J_BOLT_PORT: String(port),
      });
      if (config.neo4j.kind !== 'local') throw new Error('expected a local configuration');
      const server = new LocalNeo4j(config.neo4j, silentLogger);
      const failure = server.start();
      await expect(failure).rejects.toBeInstanceOf(StartupError);
      await expect(failure).rejects.toThrow(`Port ${port} on 127.0.0.1 is already in use`);
      await expect(failure).rejects.toThrow(/NEO4J_BOLT_PORT/);
    } finally {
      blocker.close();
    }
  });
});

describe('the local Neo4j lifecycle', () => {
  it('starts, keeps its data between runs, and leaves no Java process when stopped', async () => {
    const dataDir = path.join(scratch, 'lifecycle');
    const config = loadConfig({
      RINGTRACE_DATA_DIR: dataDir,
      NEO4J_BOLT_PORT: '7689',
      NEO4J_HEAP: '512m',
      NEO4J_PAGECACHE: '64m',
    });
    const pidFile = path.join(dataDir, 'neo4j', 'run', 'ringtrace-neo4j.pid');
    const fixtures = loadQueries(FIXTURE_DIR, Object.values(fixtureQueries));

    const first = await openDatabase(config, silentLogger);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    try {
      expect(first.kind).toBe('local');
      expect(isAlive(pid)).toBe(true);
      const writer = new Executor(first.driver, {
        database: config.database,
        texts: fixtures,
        logger: silentLogger,
      });
      await writer.run(fixtureQueries.createPhoneNumber, {
        id: '+447700900123',
        raw: '07700 900123',
        firstSeen: '2026-05-04T09:00:00+01:00',
        calls: 3,
      });
    } finally {
      await first.close();
    }
    expect(isAlive(pid)).toBe(false);
    expect(existsSync(pidFile)).toBe(false);

    const second = await openDatabase(config, silentLogger);
    try {
      const reader = new Executor(second.driver, {
        database: config.database,
        texts: fixtures,
        logger: silentLogger,
      });
      const row = await reader.first(fixtureQueries.phoneNumberById, { id: '+447700900123' });
      expect(row).toMatchObject({ raw: '07700 900123', calls: 3 });
    } finally {
      await second.close();
    }
  }, 240_000);
});
