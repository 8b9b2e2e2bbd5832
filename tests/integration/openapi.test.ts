/**
 * The OpenAPI document against the real routes: it lists every route of the table and nothing
 * else, each documented operation is mounted (a request without credentials reaches the guard),
 * and every documented required query parameter is really required by the route.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { hasPermission, type Permission } from '../../server/auth/roles';
import { apiRoutes } from '../../server/routes/index';
import { useTestDatabase } from './support/testDatabase';
import { USERS, useTestApp } from './support/testApp';

const db = useTestDatabase();
const testApp = useTestApp(db);

interface Operation {
  summary: string;
  'x-ringtrace-access': unknown;
  parameters: { name: string; in: string; required: boolean }[];
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
}
interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
}
type Document = { openapi: string; paths: Record<string, Record<string, Operation>> };

/** A concrete URL for an OpenAPI path template. */
function urlOf(template: string): string {
  return template
    .replace('{username}', 'someone')
    .replace('{type}', 'BankAccount')
    .replace('{kind}', 'bank-transfers')
    .replace(/\{[a-z]+\}/gi, 'abcdefghijkl');
}

async function fetchDocument(): Promise<Document> {
  const response = await request(testApp.app).get('/api/openapi.json').expect(200);
  return response.body as Document;
}

describe('GET /api/openapi.json', () => {
  it('documents every route of the table, with its summary and access, and nothing else', async () => {
    const document = await fetchDocument();
    expect(document.openapi).toBe('3.1.0');
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    );
    const table = apiRoutes.map(
      (route) => `${route.method} /api${route.path.replace(/:([A-Za-z]+)/g, '{$1}')}`,
    );
    expect(documented.sort()).toEqual([...table].sort());
    for (const route of apiRoutes) {
      const operation =
        document.paths[`/api${route.path.replace(/:([A-Za-z]+)/g, '{$1}')}`]?.[route.method];
      expect(operation?.summary).toBe(route.summary);
      expect(operation?.['x-ringtrace-access']).toEqual(route.access);
      if (route.input?.body) expect(operation?.requestBody, route.path).toBeDefined();
    }
    const paths = document.paths['/api/paths']?.get?.parameters.map((p) => p.name);
    expect(paths).toEqual(expect.arrayContaining(['entities', 'k', 'maxHops', 'timeRespecting']));
  });

  it('documents each answer with its contract schema: JSON, no content, or a stream', async () => {
    const document = await fetchDocument();
    const operationOf = (method: string, path: string) =>
      document.paths[`/api${path.replace(/:([A-Za-z]+)/g, '{$1}')}`]?.[method];
    for (const route of apiRoutes) {
      const responses = operationOf(route.method, route.path)?.responses ?? {};
      const key = `${route.method} ${route.path}`;
      if (route.output === 'empty') expect(Object.keys(responses), key).toContain('204');
      else if ('stream' in route.output) {
        expect(Object.keys(responses['200']?.content ?? {}), key).toEqual([route.output.stream]);
      } else {
        expect(responses['2XX']?.content?.['application/json']?.schema, key).toBeDefined();
      }
    }
    // The two trace directions answer differently: what the client draws from each.
    const schemaOf = (path: string) =>
      operationOf('get', path)?.responses['2XX']?.content?.['application/json']?.schema;
    expect(schemaOf('/trace/forward')?.required).toEqual(
      expect.arrayContaining(['transfer', 'hops', 'holdings']),
    );
    expect(schemaOf('/trace/backward')?.required).toEqual(
      expect.arrayContaining(['account', 'receivedMinor', 'hops', 'origins']),
    );
    expect(schemaOf('/trace/backward')?.properties?.transfer).toBeUndefined();
  });

  it('describes only mounted operations: each reaches the guard or its handler', async () => {
    const document = await fetchDocument();
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const call = request(testApp.app)[method as 'get' | 'post' | 'patch' | 'delete'](
          urlOf(path),
        );
        const response = await call;
        if (operation['x-ringtrace-access'] === 'public') {
          expect(
            String((response.body as { detail?: string }).detail ?? ''),
            `${method} ${path}`,
          ).not.toMatch(/No API route/);
        } else {
          expect(response.status, `${method} ${path}`).toBe(401);
        }
      }
    }
  });

  it('lists the error answers each operation can give; other methods on its path answer 405', async () => {
    const document = await fetchDocument();
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const key = `${method} ${path}`;
        const codes = Object.keys(operation.responses);
        expect(codes, key).toEqual(expect.arrayContaining(['400', '404', '429', '503']));
        if (operation['x-ringtrace-access'] !== 'public') {
          expect(codes, key).toEqual(expect.arrayContaining(['401', '403']));
        }
        if (method !== 'get') expect(codes, key).toContain('409');
        if (operation.requestBody) expect(codes, key).toContain('413');
        const unavailable = operation.responses['503'] as { headers?: Record<string, unknown> };
        expect(Object.keys(unavailable.headers ?? {}), key).toEqual(['Retry-After']);
      }
      const documented = Object.keys(operations).map((method) => method.toUpperCase());
      const allowed = [...documented, ...(documented.includes('GET') ? ['HEAD'] : [])].sort();
      for (const other of ['get', 'post', 'put', 'patch', 'delete'] as const) {
        if (documented.includes(other.toUpperCase())) continue;
        const response = await request(testApp.app)[other](urlOf(path));
        expect(response.status, `${other} ${path}`).toBe(405);
        expect(String(response.headers.allow).split(', ').sort(), path).toEqual(allowed);
      }
    }
  });

  it('requires what it says is required: leaving a required query parameter out is a 400 naming it', async () => {
    const document = await fetchDocument();
    const { agent } = await testApp.signIn(USERS.supervisor.username);
    let checked = 0;
    for (const [path, operations] of Object.entries(document.paths)) {
      const operation = operations.get;
      if (!operation) continue;
      const access = operation['x-ringtrace-access'];
      if (
        !Array.isArray(access) ||
        !access.some((p) => hasPermission('supervisor', p as Permission))
      )
        continue;
      for (const parameter of operation.parameters) {
        if (parameter.in !== 'query' || !parameter.required) continue;
        const response = await agent.get(urlOf(path));
        expect(response.status, `${path} without ${parameter.name}`).toBe(400);
        expect((response.body as { detail: string }).detail).toContain(`query.${parameter.name}`);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(4);
  });
});
