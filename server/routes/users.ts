/** User administration (administrators only). */
import { z } from 'zod';
import { ROLES } from '../auth/roles';
import { SECTORS } from '../auth/sectors';
import { user as userAnswer, userPage } from '../contract/auth';
import { pageQuery } from '../http/validation';
import { route, type ApiRoute } from './context';

const username = z
  .string()
  .trim()
  .regex(
    /^[a-z0-9][a-z0-9._-]{2,63}$/,
    'use 3-64 lowercase letters, digits, dot, dash or underscore',
  );
const displayName = z.string().trim().min(1).max(120);
const organisation = z.string().trim().min(2).max(64).nullable();
/** A partner's sector: bank, telecom or platform (what file kinds it uploads). */
const sector = z.enum(SECTORS).nullable();

const newUserBody = z.object({
  username,
  displayName,
  role: z.enum(ROLES),
  organisation: organisation.optional(),
  sector: sector.optional(),
  password: z.string().max(256),
});

const changesBody = z
  .object({
    displayName: displayName.optional(),
    role: z.enum(ROLES).optional(),
    organisation: organisation.optional(),
    sector: sector.optional(),
    disabled: z.boolean().optional(),
  })
  .strict();

const passwordBody = z.object({ password: z.string().max(256) });
const usernameParam = z.object({ username });

export const userRoutes: ApiRoute[] = [
  route({
    method: 'get',
    path: '/users',
    summary: 'List user accounts, a page at a time',
    access: ['users:manage'],
    audit: 'users.list',
    input: { query: pageQuery() },
    output: userPage,
    async handle({ query: page }, context) {
      const result = await context.users.list(page.skip, page.limit);
      return {
        body: { ...result, ...page },
        audit: { params: page, resultSize: result.users.length },
      };
    },
  }),
  route({
    method: 'post',
    path: '/users',
    summary: 'Create a user account',
    access: ['users:manage'],
    audit: 'users.create',
    input: { body: newUserBody },
    output: userAnswer,
    async handle({ body, principal }, context) {
      const user = await context.users.create(body, principal.username);
      return {
        status: 201,
        body: user,
        audit: {
          target: `User:${user.username}`,
          params: { role: user.role, organisation: user.organisation, sector: user.sector },
          resultSize: 1,
        },
      };
    },
  }),
  route({
    method: 'patch',
    path: '/users/:username',
    summary: 'Change role, name, organisation, sector, or lock/unlock an account',
    access: ['users:manage'],
    audit: 'users.update',
    input: { params: usernameParam, body: changesBody },
    output: userAnswer,
    async handle({ params: { username: target }, body: changes, principal }, context) {
      const user = await context.users.update(target, changes, principal.username);
      return {
        body: user,
        audit: { target: `User:${target}`, params: { ...changes }, resultSize: 1 },
      };
    },
  }),
  route({
    method: 'post',
    path: '/users/:username/password',
    summary: "Reset a user's password (ends their sessions and revokes their API tokens)",
    access: ['users:manage'],
    audit: 'users.password-reset',
    input: { params: usernameParam, body: passwordBody },
    output: 'empty',
    async handle({ params: { username: target }, body: { password }, principal }, context) {
      await context.users.setPassword(target, password, principal.username);
      return { audit: { target: `User:${target}` } };
    },
  }),
];
