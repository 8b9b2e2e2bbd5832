/**
 * Every route of the table says what it answers: JSON described by a schema of the API contract
 * (`server/contract/`), nothing (204), or a stream of another media type. The integration test
 * `contract.test.ts` checks the JSON answers against their schemas on a real server.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiRoutes } from '../../server/routes/index';

describe('the route table', () => {
  it.each(apiRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s declares its answer',
    (_key, route) => {
      const output: unknown = route.output;
      const described =
        output instanceof z.ZodType ||
        output === 'empty' ||
        (typeof output === 'object' &&
          output !== null &&
          typeof (output as { stream?: unknown }).stream === 'string');
      expect(described).toBe(true);
    },
  );

  it('answers JSON on most routes, and nothing or a stream only where it says so', () => {
    const nonJson = apiRoutes
      .filter((route) => !(route.output instanceof z.ZodType))
      .map((route) => `${route.method} ${route.path}`)
      .sort();
    expect(nonJson).toEqual([
      'delete /tokens/:id',
      'delete /workspaces/:id',
      'get /alerts/stream',
      'get /audit/export',
      'get /evidence/:id/download',
      'post /auth/logout',
      'post /auth/password',
      'post /users/:username/password',
    ]);
  });
});
