import { spawnSync } from 'node:child_process';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config';
import { useTestDatabase } from './support/testDatabase';
import { useTestApp } from './support/testApp';

const db = useTestDatabase();
const testApp = useTestApp(db);

function createAdmin(args: string[], password: string) {
  return spawnSync('npx', ['tsx', 'server/cli/createAdmin.ts', ...args], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    input: `${password}\n`,
    env: {
      ...process.env,
      NEO4J_URI: db.settings.uri,
      NEO4J_USER: db.settings.user,
      NEO4J_PASSWORD: db.settings.password,
      NEO4J_DATABASE: db.settings.database,
    },
  });
}

describe('npm run admin:create', () => {
  it('creates an administrator who can then sign in', async () => {
    const result = createAdmin(
      ['--username', 'chief.admin', '--name', 'Chief Administrator'],
      'a very long admin password',
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Administrator chief\.admin created/);
    const response = await request(testApp.app)
      .post('/api/auth/login')
      .send({ username: 'chief.admin', password: 'a very long admin password' })
      .expect(200);
    expect(response.body).toMatchObject({ user: { role: 'administrator' } });
  });

  it('refuses a short password and says why', () => {
    const result = createAdmin(['--username', 'weak.admin', '--name', 'Weak'], 'short');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/at least 12 characters/);
  });
});
