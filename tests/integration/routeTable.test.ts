/**
 * Walks the route table: every route that is not public refuses a request without credentials
 * (401), refuses every role that lacks its permission (403), and every state-changing route
 * refuses a browser session without the CSRF token. A route added to the table is covered here
 * without further work; a route mounted outside the table fails the first test.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApiContext, createApiRouter } from '../../server/app';
import { ROLE_PERMISSIONS, ROLES, type Role } from '../../server/auth/roles';
import { apiRoutes } from '../../server/routes/index';
import { useTestDatabase } from './support/testDatabase';
import { USERS, testAppOptions, useTestApp } from './support/testApp';

const db = useTestDatabase();
const testApp = useTestApp(db);

/** A concrete URL for a route pattern. */
function urlOf(path: string): string {
  return `/api${path
    .replace(':username', 'someone')
    .replace(':type', 'BankAccount')
    .replace(':kind', 'bank-transfers')
    .replace(':id', 'abcdefghijkl')}`;
}

const guarded = apiRoutes.filter((route) => route.access !== 'public');

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

describe('the route table', () => {
  it('is the only way routes are mounted on the API router', () => {
    const options = testAppOptions(db.executor);
    const router = createApiRouter(options, createApiContext(options));
    const mounted = (router.stack as Layer[])
      .filter((layer) => layer.route)
      .flatMap((layer) =>
        Object.keys(layer.route?.methods ?? {}).map((method) => `${method} ${layer.route?.path}`),
      )
      .sort();
    const declared = apiRoutes.map((route) => `${route.method} ${route.path}`).sort();
    expect(mounted).toEqual(declared);
  });

  it('leaves only sign-in, health and the API description open', () => {
    const open = apiRoutes.filter((route) => route.access === 'public');
    expect(open.map((route) => `${route.method} ${route.path}`).sort()).toEqual([
      'get /health',
      'get /openapi.json',
      'post /auth/login',
    ]);
  });

  it.each(guarded.map((route) => [route.method.toUpperCase(), route.path, route] as const))(
    '%s %s answers 401 without credentials',
    async (_method, path, route) => {
      const response = await request(testApp.app)[route.method](urlOf(path)).send({});
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    },
  );

  const permissioned = guarded.flatMap((route) =>
    typeof route.access === 'string' ? [] : [{ route, needed: route.access }],
  );
  it.each(
    permissioned.map(
      ({ route, needed }) => [route.method.toUpperCase(), route.path, route, needed] as const,
    ),
  )(
    '%s %s answers 403 to every role without its permission',
    async (_method, path, route, needed) => {
      const refused = ROLES.filter(
        (role: Role) => !needed.some((permission) => ROLE_PERMISSIONS[role].includes(permission)),
      );
      for (const role of refused) {
        const { agent } = await testApp.signIn(USERS[role].username);
        const response = await agent[route.method](urlOf(path)).send({});
        expect(response.status, `${role} on ${route.method} ${path}`).toBe(403);
        expect((response.body as { detail: string }).detail).toMatch(/does not allow this/);
      }
    },
  );

  const stateChanging = guarded.filter((route) => route.method !== 'get');
  it.each(stateChanging.map((route) => [route.method.toUpperCase(), route.path, route] as const))(
    '%s %s refuses a browser session without the CSRF token',
    async (_method, path, route) => {
      const access = route.access;
      const allowed = ROLES.find(
        (role) =>
          access === 'signed-in' ||
          access === 'public' ||
          access.some((permission) => ROLE_PERMISSIONS[role].includes(permission)),
      ) as Role;
      const { agent } = await testApp.signIn(USERS[allowed].username);
      const response = await agent[route.method](urlOf(path))
        .set('x-csrf-token', 'forged')
        .send({});
      expect(response.status).toBe(403);
      expect((response.body as { detail: string }).detail).toMatch(/x-csrf-token/);
    },
  );
});
