/** Signing in and out, the current session, and changing one's own password. */
import type { CookieOptions, Request } from 'express';
import { z } from 'zod';
import { RingtraceError, forbidden } from '../errors';
import { permissionsOf, type Principal } from '../auth/principal';
import { SESSION_COOKIE, withAudit } from '../http/routing';
import { login, session } from '../contract/auth';
import { route, type ApiContext, type ApiRoute } from './context';

const loginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

const passwordBody = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

function cookieOptions(req: Request, context: ApiContext): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'strict',
    secure: context.cookieSecure === 'auto' ? req.secure : context.cookieSecure,
    path: '/',
    maxAge: context.sessions.settings.maxHours * 3_600_000,
  };
}

/** Refuses an attempt while the sign-in throttle asks the caller to wait. */
function throwIfThrottled(waitMs: number, actor: string): void {
  if (waitMs <= 0) return;
  const seconds = Math.ceil(waitMs / 1000);
  throw withAudit(
    new RingtraceError(
      'too-many-requests',
      `Too many failed sign-ins; try again in ${seconds} s.`,
      {
        retryAfterSeconds: seconds,
      },
    ),
    { actor },
  );
}

function describe(principal: Principal) {
  return {
    username: principal.username,
    displayName: principal.displayName,
    role: principal.role,
    organisation: principal.organisation,
    sector: principal.sector,
    permissions: permissionsOf(principal),
  };
}

export const authRoutes: ApiRoute[] = [
  route({
    method: 'post',
    path: '/auth/login',
    summary: 'Sign in with username and password; sets the session cookie',
    access: 'public',
    alsoAnswers: [401],
    audit: 'auth.login',
    input: { body: loginBody },
    output: login,
    async handle({ body: { username, password }, req, res }, context) {
      const attempt = { user: username, address: req.ip ?? '' };
      throwIfThrottled(context.loginThrottle.retryAfterMs(attempt), username);
      let checked;
      try {
        checked = await context.sessions.checkPassword(username, password);
      } catch (error) {
        if (error instanceof RingtraceError) throw withAudit(error, { actor: username });
        throw error;
      }
      if ('refused' in checked) {
        context.loginThrottle.recordFailure(attempt);
        // A locked account is refused like a wrong password; only the audit trail tells them apart.
        throw withAudit(new RingtraceError('unauthenticated', 'Wrong username or password.'), {
          actor: username,
          outcome: checked.refused === 'locked' ? 'refused:locked' : 'failed:401',
        });
      }
      const { principal } = checked;
      context.loginThrottle.recordSuccess(attempt);
      const { cookie, csrfToken } = await context.sessions.open(principal, {
        ip: req.ip ?? '',
        userAgent: req.header('user-agent') ?? '',
      });
      req.principal = principal;
      res.cookie(SESSION_COOKIE, cookie, cookieOptions(req, context));
      return { body: { user: describe(principal), csrfToken }, audit: { resultSize: 1 } };
    },
  }),
  route({
    method: 'post',
    path: '/auth/logout',
    summary: 'End the browser session',
    access: 'signed-in',
    audit: 'auth.logout',
    output: 'empty',
    async handle({ principal, req, res }, context) {
      if (principal.sessionId) await context.sessions.close(principal.sessionId);
      res.clearCookie(SESSION_COOKIE, { ...cookieOptions(req, context), maxAge: undefined });
      return {};
    },
  }),
  route({
    method: 'get',
    path: '/auth/session',
    summary: 'Who is signed in, with their permissions and the CSRF token',
    access: 'signed-in',
    output: session,
    handle({ principal }, context) {
      return Promise.resolve({
        body: {
          user: describe(principal),
          via: principal.via,
          csrfToken: principal.csrfToken ?? null,
          idleMinutes: context.sessions.settings.idleMinutes,
        },
      });
    },
  }),
  route({
    method: 'post',
    path: '/auth/password',
    summary:
      "Change one's own password from a browser session (ends every session of the user and " +
      'revokes their API tokens)',
    access: 'signed-in',
    audit: 'auth.password',
    input: { body: passwordBody },
    output: 'empty',
    async handle({ body, principal, req, res }, context) {
      if (principal.via !== 'session') {
        throw forbidden(
          'Change a password from a signed-in browser session; an API token cannot change it.',
        );
      }
      const attempt = { user: principal.username, address: req.ip ?? '' };
      throwIfThrottled(context.loginThrottle.retryAfterMs(attempt), principal.username);
      const checked = await context.sessions.checkPassword(
        principal.username,
        body.currentPassword,
      );
      if (!('principal' in checked)) {
        context.loginThrottle.recordFailure(attempt);
        throw new RingtraceError('bad-request', 'The current password is wrong.');
      }
      await context.users.setPassword(principal.username, body.newPassword, principal.username);
      res.clearCookie(SESSION_COOKIE, { ...cookieOptions(req, context), maxAge: undefined });
      return { audit: { target: `User:${principal.username}` } };
    },
  }),
];
