/**
 * What start-up says when it cannot use Neo4j: a port where nothing listens is a connection
 * problem (which port, and how to point Ringtrace at the right one), never a password problem, and
 * never advice to delete the local graph.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Neo4jError } from 'neo4j-driver';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import {
  connectionFailureMessage,
  connectionProblem,
  loadAllQueries,
  localCredentials,
} from '../../server/db/database';
import { RingtraceError, StartupError } from '../../server/errors';
import { LocalNeo4j } from '../../server/neo4j/localServer';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-connection-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** What the driver throws when nothing listens on the port. */
const refused = (port: number) =>
  new Neo4jError(
    'Failed to connect to server. Please ensure that your database is listening on the correct ' +
      `host and port. Caused by: connect ECONNREFUSED 127.0.0.1:${port}`,
    'ServiceUnavailable',
    '',
    '',
  );
const wrongPassword = new Neo4jError(
  'The client is unauthorized due to authentication failure.',
  'Neo.ClientError.Security.Unauthorized',
  '',
  '',
);
const local = { homeDir: '/srv/ringtrace/.ringtrace/data/neo4j', passwordFile: '/x/password' };

/** A port on 127.0.0.1 where nothing listens. */
async function unusedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the message when start-up cannot use Neo4j', () => {
  it('tells a refused connection from a refused sign-in, through wrapped causes', () => {
    expect(connectionProblem(refused(7687))).toBe('unreachable');
    expect(
      connectionProblem(
        new RingtraceError('database-unavailable', 'The graph database cannot be reached.', {
          cause: refused(7687),
        }),
      ),
    ).toBe('unreachable');
    expect(connectionProblem(wrongPassword)).toBe('sign-in-refused');
    expect(connectionProblem(new Error('something else'))).toBe('other');
  });

  it('says nothing answers on the local port and how to name the right one, deleting nothing', () => {
    const message = connectionFailureMessage(
      new RingtraceError('database-unavailable', 'The graph database cannot be reached.', {
        cause: refused(7687),
      }),
      { uri: 'bolt://127.0.0.1:7687', database: 'system', local },
    );
    expect(message).toMatch(/^Nothing answers on 127\.0\.0\.1:7687/);
    expect(message).toMatch(/NEO4J_BOLT_PORT/);
    expect(message).toMatch(/NEO4J_URI/);
    expect(message).not.toMatch(/accept the password|remove|delete/i);
  });

  it('says nothing answers at NEO4J_URI and to check that variable', () => {
    const message = connectionFailureMessage(refused(7687), {
      uri: 'bolt://127.0.0.1:7687',
      database: 'neo4j',
    });
    expect(message).toMatch(/^Nothing answers on 127\.0\.0\.1:7687/);
    expect(message).toMatch(/Check NEO4J_URI/);
    expect(message).not.toMatch(/remove|delete/i);
  });

  it('keeps the password advice for a password the local server refuses', () => {
    expect(
      connectionFailureMessage(wrongPassword, {
        uri: 'bolt://127.0.0.1:7687',
        database: 'system',
        local,
      }),
    ).toMatch(/does not accept the password kept in \/x\/password/);
    expect(
      connectionFailureMessage(wrongPassword, { uri: 'bolt://db:7687', database: 'neo4j' }),
    ).toMatch(/refused the sign-in: check NEO4J_USER and NEO4J_PASSWORD/);
  });
});

describe('signing in to a local Neo4j that does not answer', () => {
  it('says nothing answers on its port instead of blaming the password', async () => {
    const port = await unusedPort();
    const config = loadConfig({
      RINGTRACE_DATA_DIR: path.join(scratch, 'data'),
      NEO4J_BOLT_PORT: String(port),
    });
    if (config.neo4j.kind !== 'local') throw new Error('expected a local configuration');
    const server = new LocalNeo4j(config.neo4j, pino({ level: 'silent' }));
    // A password kept from an earlier start, as when the local Neo4j has been set up before.
    mkdirSync(server.homeDir, { recursive: true });
    writeFileSync(path.join(server.homeDir, 'password'), 'kept\n');
    const failure = localCredentials(server, loadAllQueries().texts, pino({ level: 'silent' }));
    await expect(failure).rejects.toBeInstanceOf(StartupError);
    await expect(failure).rejects.toThrow(`Nothing answers on 127.0.0.1:${port}`);
    await expect(failure).rejects.not.toThrow(/deletes the local graph/);
  });
});
