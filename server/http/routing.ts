/**
 * The API's route table and how it is mounted. Every route declares who may call it; `mountRoutes`
 * puts the same guard in front of each one (sign-in, CSRF for browser sessions, permission,
 * rate limit for expensive routes) and records audited actions before the answer leaves, so a
 * request whose audit entry cannot be written fails instead of going unrecorded. Refusals are
 * recorded too: 401s (bounded per client address, `RefusalBudget`), CSRF refusals, missing
 * permissions, and handler failures including 5xx after data may have been committed.
 */
import type { Request, RequestHandler, Response, Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { z } from 'zod';
import type { AuditLog } from '../audit/auditLog';
import type { JsonValue } from '../audit/chain';
import { RefusalBudget } from '../audit/refusalBudget';
import { RingtraceError, forbidden } from '../errors';
import { can, type Principal } from '../auth/principal';
import type { Permission } from '../auth/roles';
import { sameSecret } from '../auth/secrets';
import type { SessionService } from '../services/sessions';
import { parseInput } from './validation';

export const SESSION_COOKIE = 'rt_session';
export const CSRF_HEADER = 'x-csrf-token';

export type Access = 'public' | 'signed-in' | readonly Permission[];

export interface AuditDetails {
  readonly target?: string | null;
  readonly params?: { readonly [key: string]: JsonValue };
  readonly resultSize?: number;
  /** Overrides the actor (a failed login names the username tried). */
  readonly actor?: string;
  readonly outcome?: string;
}

export interface RouteResult<Body = unknown> {
  readonly status?: number;
  readonly body?: Body;
  readonly audit?: AuditDetails;
  /** Writes the answer itself (streams), after the audit entry is recorded. */
  readonly send?: (res: Response) => Promise<void> | void;
}

/**
 * The inputs a route reads, as zod schemas: `mountRoutes` parses them once, before the handler
 * runs, and the OpenAPI document is generated from them.
 */
export interface RouteInput {
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /**
   * Reads the value the `body` schema parses (a body of another media type, a size check before
   * parsing); by default the JSON body the app has parsed.
   */
  readonly readBody?: (req: Request) => unknown;
}

/**
 * What a route answers: JSON described by a zod schema (the API contract, `server/contract/`),
 * nothing (`empty`: 204), or a stream of another media type that the route writes itself.
 */
export type RouteOutput = z.ZodType | 'empty' | { readonly stream: string };

type Parsed<Schema> = Schema extends z.ZodType ? z.output<Schema> : undefined;

/** The JSON a route's handler answers with, as its output schema describes it. */
export type RouteAnswer<Output> = Output extends z.ZodType ? z.output<Output> : undefined;

/** What a handler is called with: its inputs parsed, the caller, the request and response. */
export interface RouteCall<Input extends RouteInput = RouteInput, A extends Access = Access> {
  readonly params: Parsed<Input['params']>;
  readonly query: Parsed<Input['query']>;
  readonly body: Parsed<Input['body']>;
  /** Who is calling: always known on a route that is not public. */
  readonly principal: A extends 'public' ? Principal | undefined : Principal;
  readonly req: Request;
  readonly res: Response;
}

export interface RouteSpec<
  Context,
  Input extends RouteInput = RouteInput,
  A extends Access = Access,
  Output extends RouteOutput = RouteOutput,
> {
  readonly method: 'get' | 'post' | 'patch' | 'delete';
  readonly path: string;
  readonly summary: string;
  /** Who may call it: anyone, anyone signed in, or holders of any one of these permissions. */
  readonly access: A;
  /** Audit action name; absent for routes that record nothing (health, session info). */
  readonly audit?: string;
  /**
   * Error statuses the route answers beyond those every route of its kind may give (the OpenAPI
   * document lists them): e.g. 401 for a wrong password on the public sign-in.
   */
  readonly alsoAnswers?: readonly 401[];
  /** `output`: a 503 answers with the route's own output (health), not a problem document. */
  readonly unavailableAnswer?: 'output';
  /** Subject to the per-user rate limit for expensive queries. */
  readonly expensive?: boolean;
  readonly input?: Input;
  readonly output: Output;
  handle(call: RouteCall<Input, A>, context: Context): Promise<RouteResult<RouteAnswer<Output>>>;
}

export interface GuardServices {
  readonly sessions: SessionService;
  readonly audit: AuditLog;
  readonly expensivePerMinute: number;
  /** Bounds how many 401s are recorded per client address (default `REFUSAL_BUDGET_DEFAULTS`). */
  readonly refusals?: RefusalBudget;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Reads the caller's credentials: `Authorization: Bearer <token>` or the session cookie. */
async function identify(req: Request, sessions: SessionService): Promise<Principal | undefined> {
  const authorization = req.header('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match?.[1]) {
      throw new RingtraceError('unauthenticated', 'Use "Authorization: Bearer <API token>".');
    }
    return sessions.fromToken(match[1]);
  }
  const cookie = (req.cookies as Record<string, string | undefined> | undefined)?.[SESSION_COOKIE];
  return cookie ? sessions.fromCookie(cookie) : undefined;
}

function recordFor(
  req: Request,
  action: string,
  principal: Principal | undefined,
  details: AuditDetails,
  fallbackOutcome: string,
) {
  return {
    actor: details.actor ?? principal?.username ?? 'anonymous',
    role: principal?.role ?? null,
    action,
    target: details.target ?? null,
    params: details.params ?? {},
    resultSize: details.resultSize ?? 0,
    outcome: details.outcome ?? fallbackOutcome,
    requestId: typeof req.id === 'string' ? req.id : null,
  };
}

function actionOf(spec: RouteSpec<unknown>): string {
  return spec.audit ?? `${spec.method} ${spec.path}`;
}

/**
 * Who is calling, or a 401. Refusals are recorded (`failed:401`, with the client's address and
 * the reason), as many per address as `refusals` allows, so anonymous probing is visible in the
 * trail without letting anyone who can reach the port grow it without bound.
 */
async function caller(
  spec: RouteSpec<unknown>,
  req: Request,
  services: GuardServices,
  refusals: RefusalBudget,
): Promise<Principal> {
  let refusal: RingtraceError;
  try {
    const principal = await identify(req, services.sessions);
    if (principal) return principal;
    refusal = new RingtraceError('unauthenticated', 'Sign in first, or send an API token.');
  } catch (error) {
    if (!(error instanceof RingtraceError) || error.status !== 401) throw error;
    refusal = error;
  }
  const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
  const verdict = refusals.take(address);
  if (verdict.record) {
    const params = {
      address,
      reason: refusal.message,
      ...(verdict.leftOut > 0 ? { leftOut: verdict.leftOut } : {}),
    };
    await services.audit.append(
      recordFor(req, actionOf(spec), undefined, { params }, `failed:${refusal.status}`),
    );
  }
  throw refusal;
}

function guard<Context>(
  spec: RouteSpec<Context>,
  services: GuardServices,
  refusals: RefusalBudget,
): RequestHandler {
  return async (req, _res, next) => {
    if (spec.access === 'public') return next();
    const principal = await caller(spec, req, services, refusals);
    req.principal = principal;
    if (principal.via === 'session' && !SAFE_METHODS.has(req.method)) {
      const sent = req.header(CSRF_HEADER) ?? '';
      if (!principal.csrfToken || !sameSecret(sent, principal.csrfToken)) {
        await services.audit.append(recordFor(req, actionOf(spec), principal, {}, 'denied:csrf'));
        throw forbidden(`Missing or wrong ${CSRF_HEADER} header; reload the page and try again.`);
      }
    }
    if (spec.access !== 'signed-in' && !spec.access.some((needed) => can(principal, needed))) {
      await services.audit.append(recordFor(req, actionOf(spec), principal, {}, 'denied'));
      throw forbidden(
        `Your ${principal.via === 'token' ? 'token' : 'role'} does not allow this ` +
          `(needs ${spec.access.join(' or ')}).`,
      );
    }
    next();
  };
}

/** Parses a route's inputs in order (path, query, body); the first that fails is a 400. */
async function parseCall(
  spec: RouteSpec<unknown>,
  req: Request,
  res: Response,
): Promise<RouteCall> {
  const input = spec.input;
  const params = input?.params ? parseInput(input.params, req.params, 'path') : undefined;
  const query = input?.query ? parseInput(input.query, req.query, 'query') : undefined;
  const body = input?.body
    ? parseInput(
        input.body,
        input.readBody ? await input.readBody(req) : (req.body as unknown),
        'body',
      )
    : undefined;
  return { params, query, body, principal: req.principal, req, res };
}

function handler<Context>(
  spec: RouteSpec<Context>,
  context: Context,
  audit: AuditLog,
): RequestHandler {
  return async (req, res) => {
    let result: RouteResult;
    try {
      result = await spec.handle(await parseCall(spec, req, res), context);
    } catch (error) {
      if (spec.audit) await recordFailure(req, spec.audit, audit, error);
      throw error;
    }
    if (spec.audit) {
      await audit.append(recordFor(req, spec.audit, req.principal, result.audit ?? {}, 'ok'));
    }
    if (result.send) {
      await result.send(res);
      return;
    }
    if (result.body === undefined) res.status(result.status ?? 204).end();
    else res.status(result.status ?? 200).json(result.body);
  };
}

/** The status an error thrown by a handler answers with (the error middleware's rule). */
function statusOf(error: unknown): number {
  if (error instanceof RingtraceError) return error.status;
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
}

/**
 * Records a handler's failure. A 5xx may come after the handler committed data (an upload cut off
 * by a database outage), so it is recorded too (`failed:500`, `failed:503`); if even that record
 * cannot be written, the original error is still what the client gets, and the log says so.
 */
async function recordFailure(
  req: Request,
  action: string,
  audit: AuditLog,
  error: unknown,
): Promise<void> {
  const status = statusOf(error);
  const outcome = status === 429 ? 'throttled' : `failed:${status}`;
  const details = (error as { audit?: AuditDetails } | null)?.audit ?? {};
  try {
    await audit.append(recordFor(req, action, req.principal, details, outcome));
  } catch (auditError) {
    if (status < 500) throw auditError;
    req.log.error({ err: auditError }, 'The audit record of a failed request could not be written');
  }
}

/** Attaches audit details to an error so the failed attempt is recorded with them. */
export function withAudit(error: RingtraceError, details: AuditDetails): RingtraceError {
  return Object.assign(error, { audit: details });
}

export function mountRoutes<Context>(
  router: Router,
  specs: readonly RouteSpec<Context>[],
  context: Context,
  services: GuardServices,
): void {
  const expensiveLimiter = rateLimit({
    windowMs: 60_000,
    limit: services.expensivePerMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) => req.principal?.username ?? 'anonymous',
    handler: (_req, _res, next) =>
      next(
        new RingtraceError('too-many-requests', 'Too many expensive queries; wait a minute.', {
          retryAfterSeconds: 60,
        }),
      ),
  });
  const refusals = services.refusals ?? new RefusalBudget();
  for (const spec of specs) {
    const chain: RequestHandler[] = [guard(spec, services, refusals)];
    if (spec.expensive) chain.push(expensiveLimiter);
    chain.push(handler(spec, context, services.audit));
    router[spec.method](spec.path, ...chain);
  }
}
