/** API tokens: create, list and revoke one's own; administrators see and revoke all. */
import { z } from 'zod';
import { can } from '../auth/principal';
import { PERMISSIONS } from '../auth/roles';
import { forbidden } from '../errors';
import { createdToken, tokenPage } from '../contract/auth';
import { pageQuery } from '../http/validation';
import { route, type ApiRoute } from './context';

const newTokenBody = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(z.enum(PERMISSIONS)).min(1),
  expiresInDays: z.number().int().min(1).max(366).optional(),
});

const listQuery = pageQuery().extend({ all: z.enum(['true', 'false']).default('false') });
const tokenParam = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{12}$/, 'not a token id') });

export const tokenRoutes: ApiRoute[] = [
  route({
    method: 'get',
    path: '/tokens',
    summary: "List one's API tokens (all=true: everyone's, administrators only)",
    access: ['tokens:own'],
    audit: 'tokens.list',
    input: { query: listQuery },
    output: tokenPage,
    async handle({ query, principal }, context) {
      if (query.all === 'true' && !can(principal, 'users:manage')) {
        throw forbidden('Only administrators may list everyone’s tokens.');
      }
      const owner = query.all === 'true' ? null : principal.username;
      const tokens = await context.tokens.list(owner, query.skip, query.limit);
      return {
        body: { tokens, skip: query.skip, limit: query.limit },
        audit: {
          target: owner === null ? null : `User:${owner}`,
          params: { all: query.all === 'true', skip: query.skip, limit: query.limit },
          resultSize: tokens.length,
        },
      };
    },
  }),
  route({
    method: 'post',
    path: '/tokens',
    summary: 'Create an API token with some of your permissions; the token is shown once',
    access: ['tokens:own'],
    audit: 'tokens.create',
    input: { body: newTokenBody },
    output: createdToken,
    async handle({ body, principal }, context) {
      if (principal.via !== 'session') {
        throw forbidden('Create API tokens from a signed-in browser session; a token cannot.');
      }
      const created = await context.tokens.create(principal, body);
      return {
        status: 201,
        body: created,
        audit: {
          target: `ApiToken:${created.id}`,
          params: {
            name: body.name,
            scopes: body.scopes,
            expiresInDays: body.expiresInDays ?? null,
          },
          resultSize: 1,
        },
      };
    },
  }),
  route({
    method: 'delete',
    path: '/tokens/:id',
    summary: 'Revoke an API token (your own; administrators: any)',
    access: ['tokens:own'],
    audit: 'tokens.revoke',
    input: { params: tokenParam },
    output: 'empty',
    async handle({ params: { id }, principal }, context) {
      const owner = can(principal, 'users:manage') ? null : principal.username;
      const revoked = await context.tokens.revoke(id, owner, principal.username);
      return {
        audit: { target: `ApiToken:${id}`, params: { owner: revoked.owner }, resultSize: 1 },
      };
    },
  }),
];
