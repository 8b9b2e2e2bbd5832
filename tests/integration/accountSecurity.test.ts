/**
 * Accounts and tokens tried as an attacker would: guessing passwords from a shared address,
 * choosing one's own address with X-Forwarded-For, changing a password or minting tokens with a
 * token, writing with a read-only token, and telling a locked account from a wrong password.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { USERS, PASSWORD, useTestApp } from './support/testApp';
import { useTestDatabase } from './support/testDatabase';

const db = useTestDatabase();
const testApp = useTestApp(db, {
  loginThrottle: { freeAttempts: 3, addressFreeAttempts: 6, baseDelayMs: 60_000 },
});
const behindProxy = useTestApp(db, {
  loginThrottle: { freeAttempts: 3, addressFreeAttempts: 6, baseDelayMs: 60_000 },
  security: { ...loadConfig({ TRUST_PROXY: 'loopback' }).security },
});

function login(app: typeof testApp.app, username: string, password: string, forwardedFor?: string) {
  const call = request(app).post('/api/auth/login');
  if (forwardedFor) call.set('x-forwarded-for', forwardedFor);
  return call.send({ username, password });
}

async function tokenFor(username: string, scopes: string[]): Promise<string> {
  const { agent } = await testApp.signIn(username);
  const created = await agent.post('/api/tokens').send({ name: 'script', scopes }).expect(201);
  return (created.body as { token: string }).token;
}

describe('sign-in throttling', () => {
  it('slows one username without locking out the other users at the same address', async () => {
    for (let n = 0; n < 3; n += 1) {
      await login(testApp.app, USERS.investigator.username, `guess ${n}`).expect(401);
    }
    await login(testApp.app, USERS.investigator.username, PASSWORD).expect(429);
    await login(testApp.app, USERS.supervisor.username, PASSWORD).expect(200);
  });

  it('slows an address trying many usernames, whatever X-Forwarded-For it sends', async () => {
    for (let n = 0; n < 6; n += 1) {
      await login(testApp.app, `nobody.${n}`, 'a wrong password', `203.0.113.${n}`).expect(401);
    }
    const refused = await login(testApp.app, USERS.supervisor.username, PASSWORD, '198.51.100.7');
    expect(refused.status).toBe(429);
  });

  it('believes X-Forwarded-For only from a proxy configured in TRUST_PROXY', async () => {
    for (let n = 0; n < 6; n += 1) {
      await login(behindProxy.app, `nobody.${n}`, 'a wrong password', '203.0.113.9').expect(401);
    }
    await login(behindProxy.app, USERS.supervisor.username, PASSWORD, '203.0.113.9').expect(429);
    await login(behindProxy.app, USERS.supervisor.username, PASSWORD, '198.51.100.7').expect(200);
  });

  it('answers a locked account exactly as a wrong password, and records which it was', async () => {
    const { agent: admin } = await testApp.signIn(USERS.administrator.username);
    await admin.patch(`/api/users/${USERS.investigator.username}`).send({ disabled: true });
    const locked = await login(testApp.app, USERS.investigator.username, PASSWORD).expect(401);
    const wrong = await login(testApp.app, USERS.supervisor.username, 'not it at all').expect(401);
    const { title, detail } = wrong.body as { title: string; detail: string };
    expect(locked.body).toMatchObject({ title, detail });

    const { agent: supervisor } = await testApp.signIn(USERS.supervisor.username);
    const trail = await supervisor
      .get('/api/audit')
      .query({ actor: USERS.investigator.username, action: 'auth.login' })
      .expect(200);
    expect((trail.body as { entries: { outcome: string }[] }).entries[0]?.outcome).toBe(
      'refused:locked',
    );
  });
});

describe('passwords and tokens', () => {
  it('refuses a password change made with an API token, whatever its scopes', async () => {
    const token = await tokenFor(USERS.investigator.username, ['data:submit']);
    const response = await request(testApp.app)
      .post('/api/auth/password')
      .set('authorization', `Bearer ${token}`)
      .send({ currentPassword: PASSWORD, newPassword: 'a brand new password 2026' })
      .expect(403);
    expect((response.body as { detail: string }).detail).toMatch(/browser session/);
  });

  it('slows guessing the current password in a password change', async () => {
    const { agent } = await testApp.signIn(USERS.investigator.username);
    for (let n = 0; n < 3; n += 1) {
      await agent
        .post('/api/auth/password')
        .send({ currentPassword: `guess ${n}`, newPassword: 'a brand new password 2026' })
        .expect(400);
    }
    await agent
      .post('/api/auth/password')
      .send({ currentPassword: PASSWORD, newPassword: 'a brand new password 2026' })
      .expect(429);
  });

  it('revokes every token of a user whose password is changed or reset', async () => {
    const own = await tokenFor(USERS.investigator.username, ['graph:read']);
    const { agent } = await testApp.signIn(USERS.investigator.username);
    await agent
      .post('/api/auth/password')
      .send({ currentPassword: PASSWORD, newPassword: 'a brand new password 2026' })
      .expect(204);
    await request(testApp.app)
      .get('/api/auth/session')
      .set('authorization', `Bearer ${own}`)
      .expect(401);

    const partnerToken = await tokenFor(USERS.partner.username, ['data:submit']);
    const { agent: admin } = await testApp.signIn(USERS.administrator.username);
    await admin
      .post(`/api/users/${USERS.partner.username}/password`)
      .send({ password: 'another long password 2026' })
      .expect(204);
    await request(testApp.app)
      .get('/api/auth/session')
      .set('authorization', `Bearer ${partnerToken}`)
      .expect(401);
  });

  it('does not let a token mint tokens, even one scoped tokens:own', async () => {
    const token = await tokenFor(USERS.investigator.username, ['tokens:own']);
    const response = await request(testApp.app)
      .post('/api/tokens')
      .set('authorization', `Bearer ${token}`)
      .send({ name: 'escalate', scopes: ['graph:read', 'tokens:own'] })
      .expect(403);
    expect((response.body as { detail: string }).detail).toMatch(/browser session/);
    await request(testApp.app)
      .get('/api/tokens')
      .set('authorization', `Bearer ${token}`)
      .expect(200);
  });

  it('keeps a graph:read token to reading: no reviews, no saved investigations', async () => {
    const token = await tokenFor(USERS.investigator.username, ['graph:read']);
    const review = await request(testApp.app)
      .post('/api/shared/same-person/reviews')
      .set('authorization', `Bearer ${token}`)
      .send({ a: 'Person:P-1', b: 'PlatformAccount:WX:wx1', decision: 'confirmed', note: '' })
      .expect(403);
    expect((review.body as { detail: string }).detail).toMatch(/investigations:write/);
    await request(testApp.app)
      .post('/api/workspaces')
      .set('authorization', `Bearer ${token}`)
      .send({ name: 'x', document: {} })
      .expect(403);
    await request(testApp.app)
      .get('/api/workspaces')
      .set('authorization', `Bearer ${token}`)
      .expect(200);
  });
});
