/**
 * `npm run admin:create -- --username <name> --name "<full name>"`: creates an administrator.
 * This is how the first administrator comes to exist; there is no default account or password.
 * The password is typed twice (hidden) on a terminal, or read from the first line of stdin.
 * Uses the local Neo4j of a running Ringtrace server if there is one, else starts it briefly.
 */
import { parseArgs } from 'node:util';
import { AuditLog } from '../audit/auditLog';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { RingtraceError } from '../errors';
import { createLogger } from '../logger';
import { runCommand } from './run';
import { UserService } from '../services/users';
import { readSecret } from './prompt';

const USAGE = 'Usage: npm run admin:create -- --username <name> --name "<full name>"';

async function createAdmin(): Promise<void> {
  const { values } = parseArgs({
    options: { username: { type: 'string' }, name: { type: 'string' } },
  });
  if (!values.username || !values.name) throw new RingtraceError('bad-request', USAGE);
  const username = values.username.trim();
  if (!/^[a-z0-9][a-z0-9._-]{2,63}$/.test(username)) {
    throw new RingtraceError(
      'bad-request',
      'The username needs 3-64 lowercase letters, digits, dot, dash or underscore.',
    );
  }
  const password = await readSecret(`Password for ${username}: `);
  if (process.stdin.isTTY && (await readSecret('Repeat the password: ')) !== password) {
    throw new RingtraceError('bad-request', 'The two passwords differ.');
  }

  const config = loadConfig(process.env);
  const logger = createLogger({ logLevel: 'warn' }, Boolean(process.stdout.isTTY));
  const database = await openDatabase(config, logger, { reuseRunning: true });
  try {
    const users = new UserService(database.executor);
    const user = await users.create(
      { username, displayName: values.name.trim(), role: 'administrator', password },
      'cli',
    );
    await new AuditLog(database.executor).append({
      actor: 'cli',
      role: null,
      action: 'users.create',
      target: `User:${user.username}`,
      params: { role: 'administrator', via: 'admin:create' },
      resultSize: 1,
      outcome: 'ok',
      requestId: null,
    });
    console.log(`Administrator ${user.username} created. Sign in at the Ringtrace page.`);
  } finally {
    await database.close();
  }
}

runCommand(createAdmin);
