import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { fixtureQueries, useTestDatabase } from './support/testDatabase';
import { loadConfig } from '../../server/config';
import { PASSWORD, USERS, useTestApp } from './support/testApp';

const db = useTestDatabase();
const testApp = useTestApp(db, {
  loginThrottle: { freeAttempts: 3, baseDelayMs: 60_000 },
});
// Ages sessions in the database behind the server's back, so it must not trust recent checks.
const uncachedApp = useTestApp(db, {
  security: { ...loadConfig({}).security, principalCacheSeconds: 0 },
});

describe('signing in with a browser session', () => {
  it('sets an HttpOnly, SameSite=Strict cookie and tells who is signed in', async () => {
    const response = await request(testApp.app)
      .post('/api/auth/login')
      .send({ username: USERS.supervisor.username, password: PASSWORD })
      .expect(200);
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/^rt_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(response.body).toMatchObject({
      user: { username: USERS.supervisor.username, role: 'supervisor' },
    });

    const { agent } = await testApp.signIn(USERS.supervisor.username);
    const session = await agent.get('/api/auth/session').expect(200);
    expect(session.body).toMatchObject({
      via: 'session',
      user: {
        role: 'supervisor',
        permissions: expect.arrayContaining(['audit:read', 'graph:read']),
      },
    });
  });

  it('ends the session at logout', async () => {
    const { agent } = await testApp.signIn(USERS.investigator.username);
    await agent.post('/api/auth/logout').expect(204);
    await agent.get('/api/auth/session').expect(401);
  });

  it('refuses a wrong password without saying whether the user exists', async () => {
    const wrong = await request(testApp.app)
      .post('/api/auth/login')
      .send({ username: USERS.investigator.username, password: 'not the password at all' })
      .expect(401);
    const unknown = await request(testApp.app)
      .post('/api/auth/login')
      .send({ username: 'nobody.here', password: 'not the password at all' })
      .expect(401);
    expect((wrong.body as { detail: string }).detail).toBe(
      (unknown.body as { detail: string }).detail,
    );
  });

  it('slows repeated failed logins: after three, even the right password must wait', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await request(testApp.app)
        .post('/api/auth/login')
        .send({ username: USERS.investigator.username, password: 'guess number ' + attempt })
        .expect(401);
    }
    const throttled = await request(testApp.app)
      .post('/api/auth/login')
      .send({ username: USERS.investigator.username, password: PASSWORD })
      .expect(429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    expect((throttled.body as { detail: string }).detail).toMatch(/try again in \d+ s/);
  });

  it('expires a session left idle past the timeout', async () => {
    const { agent } = await uncachedApp.signIn(USERS.investigator.username);
    await agent.get('/api/auth/session').expect(200);
    await db.executor.run(fixtureQueries.ageSessions, { minutes: 31 });
    const expired = await agent.get('/api/auth/session').expect(401);
    expect((expired.body as { detail: string }).detail).toMatch(/expired/);
  });

  it('ends the sessions of an account an administrator locks', async () => {
    const { agent: investigator } = await testApp.signIn(USERS.investigator.username);
    const { agent: admin } = await testApp.signIn(USERS.administrator.username);
    await admin
      .patch(`/api/users/${USERS.investigator.username}`)
      .send({ disabled: true })
      .expect(200);
    await investigator.get('/api/auth/session').expect(401);
    // Locked answers like a wrong password: a guesser cannot tell they found the password.
    const locked = await request(testApp.app)
      .post('/api/auth/login')
      .send({ username: USERS.investigator.username, password: PASSWORD })
      .expect(401);
    expect((locked.body as { detail: string }).detail).toBe('Wrong username or password.');
  });

  it('keeps a station officer’s station and a partner’s organisation when only the lock changes', async () => {
    const { agent: admin } = await testApp.signIn(USERS.administrator.username);
    for (const role of ['station_officer', 'partner'] as const) {
      const locked = await admin
        .patch(`/api/users/${USERS[role].username}`)
        .send({ disabled: true })
        .expect(200);
      expect((locked.body as { organisation: string | null }).organisation).toBe(
        USERS[role].organisation,
      );
    }
  });

  it('keeps the last administrator', async () => {
    const { agent: admin } = await testApp.signIn(USERS.administrator.username);
    const response = await admin
      .patch(`/api/users/${USERS.administrator.username}`)
      .send({ role: 'investigator' })
      .expect(409);
    expect((response.body as { detail: string }).detail).toMatch(/last active administrator/);
  });

  it('sends security headers and no stack traces', async () => {
    const response = await request(testApp.app)
      .post('/api/auth/login')
      .send({ username: 42 })
      .expect(400);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(response.body).toMatchObject({ detail: expect.stringMatching(/body\.username/) });
    expect(JSON.stringify(response.body)).not.toMatch(/\.ts:\d+|node_modules|MATCH/);
  });
});

describe('API tokens for partner systems and scripts', () => {
  it('works as a Bearer token within its scopes, and stops working once revoked', async () => {
    await db.executor.run(fixtureQueries.createBankAccount, { id: 'ICBC:6222001', bank: 'ICBC' });
    const { agent } = await testApp.signIn(USERS.investigator.username);
    const created = await agent
      .post('/api/tokens')
      .send({ name: 'nightly script', scopes: ['graph:read'], expiresInDays: 30 })
      .expect(201);
    const { token, id } = created.body as { token: string; id: string };
    expect(token).toMatch(/^rt_/);

    const viaToken = request(testApp.app);
    await viaToken
      .get('/api/entities/BankAccount/ICBC:6222001')
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    // The token carries graph:read only: creating tokens with it is refused.
    await request(testApp.app)
      .post('/api/tokens')
      .set('authorization', `Bearer ${token}`)
      .send({ name: 'escalate', scopes: ['graph:read'] })
      .expect(403);

    await agent.delete(`/api/tokens/${id}`).expect(204);
    const revoked = await request(testApp.app)
      .get('/api/entities/BankAccount/ICBC:6222001')
      .set('authorization', `Bearer ${token}`)
      .expect(401);
    expect((revoked.body as { detail: string }).detail).toMatch(/revoked/);
  });

  it('cannot carry permissions its owner does not hold', async () => {
    const { agent } = await testApp.signIn(USERS.partner.username);
    const response = await agent
      .post('/api/tokens')
      .send({ name: 'feed', scopes: ['data:submit', 'graph:read'] })
      .expect(400);
    expect((response.body as { detail: string }).detail).toMatch(/graph:read/);
  });

  it('refuses a malformed or unknown token', async () => {
    await request(testApp.app)
      .get('/api/auth/session')
      .set('authorization', 'Bearer rt_nottherightshape')
      .expect(401);
    await request(testApp.app)
      .get('/api/auth/session')
      .set('authorization', `Bearer rt_abcdefghijkl_${'x'.repeat(43)}`)
      .expect(401);
  });
});

describe('partner scope', () => {
  it('shows a partner its own bank accounts and nothing else', async () => {
    await db.executor.run(fixtureQueries.createBankAccount, { id: 'ICBC:6222001', bank: 'ICBC' });
    await db.executor.run(fixtureQueries.createBankAccount, { id: 'ABC:6228480', bank: 'ABC' });
    await db.executor.run(fixtureQueries.createPerson, { id: 'P-1', name: 'Li Wei' });

    const { agent: partner } = await testApp.signIn(USERS.partner.username);
    const own = await partner.get('/api/entities/BankAccount/ICBC:6222001').expect(200);
    expect(own.body).toMatchObject({ type: 'BankAccount', properties: { bank: 'ICBC' } });
    await partner.get('/api/entities/BankAccount/ABC:6228480').expect(404);
    await partner.get('/api/entities/Person/P-1').expect(404);

    const { agent: investigator } = await testApp.signIn(USERS.investigator.username);
    await investigator.get('/api/entities/BankAccount/ABC:6228480').expect(200);
    await investigator.get('/api/entities/Person/P-1').expect(200);
  });

  it('refuses an unknown entity type with a 400 that lists the types', async () => {
    const { agent } = await testApp.signIn(USERS.investigator.username);
    const response = await agent.get('/api/entities/Spaceship/1').expect(400);
    expect((response.body as { detail: string }).detail).toMatch(/path\.type.*BankAccount/);
  });
});
