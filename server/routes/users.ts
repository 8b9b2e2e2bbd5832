/** User administration (administrators only). */
import { z } from 'zod';
import type { Principal } from '../auth/principal';
import { ROLES } from '../auth/roles';
import { pageQuery, parseInput } from '../http/validation';
import type { ApiRoute } from './context';

const username = z
  .string()
  .trim()
  .regex(
    /^[a-z0-9][a-z0-9._-]{2,63}$/,
    'use 3-64 lowercase letters, digits, dot, dash or underscore',
  );
const displayName = z.string().trim().min(1).max(120);
const organisation = z.string().trim().min(2).max(64).nullable();

const newUserBody = z.object({
  username,
  displayName,
  role: z.enum(ROLES),
  organisation: organisation.optional(),
  password: z.string().max(256),
});

const changesBody = z
  .object({
    displayName: displayName.optional(),
    role: z.enum(ROLES).optional(),
    organisation: organisation.optional(),
    disabled: z.boolean().optional(),
  })
  .strict();

const passwordBody = z.object({ password: z.string().max(256) });
const usernameParam = z.object({ username });

export const userRoutes: ApiRoute[] = [
  {
    method: 'get',
    path: '/users',
    summary: 'List user accounts, a page at a time',
    access: ['users:manage'],
    audit: 'users.list',
    input: { query: pageQuery() },
    async handle(req, _res, context) {
      const page = parseInput(pageQuery(), req.query, 'query');
      const result = await context.users.list(page.skip, page.limit);
      return {
        body: { ...result, ...page },
        audit: { params: page, resultSize: result.users.length },
      };
    },
  },
  {
    method: 'post',
    path: '/users',
    summary: 'Create a user account',
    access: ['users:manage'],
    audit: 'users.create',
    input: { body: newUserBody },
    async handle(req, _res, context) {
      const body = parseInput(newUserBody, req.body, 'body');
      const user = await context.users.create(body, (req.principal as Principal).username);
      return {
        status: 201,
        body: user,
        audit: {
          target: `User:${user.username}`,
          params: { role: user.role, organisation: user.organisation },
          resultSize: 1,
        },
      };
    },
  },
  {
    method: 'patch',
    path: '/users/:username',
    summary: 'Change role, name, organisation, or lock/unlock an account',
    access: ['users:manage'],
    audit: 'users.update',
    input: { params: usernameParam, body: changesBody },
    async handle(req, _res, context) {
      const { username: target } = parseInput(usernameParam, req.params, 'path');
      const changes = parseInput(changesBody, req.body, 'body');
      const user = await context.users.update(
        target,
        changes,
        (req.principal as Principal).username,
      );
      return {
        body: user,
        audit: { target: `User:${target}`, params: { ...changes }, resultSize: 1 },
      };
    },
  },
  {
    method: 'post',
    path: '/users/:username/password',
    summary: "Reset a user's password (ends their sessions)",
    access: ['users:manage'],
    audit: 'users.password-reset',
    input: { params: usernameParam, body: passwordBody },
    async handle(req, _res, context) {
      const { username: target } = parseInput(usernameParam, req.params, 'path');
      const { password } = parseInput(passwordBody, req.body, 'body');
      await context.users.setPassword(target, password);
      return { audit: { target: `User:${target}` } };
    },
  },
];
