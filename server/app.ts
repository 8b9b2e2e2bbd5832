/**
 * The Express app, built by a factory so tests can use it without listening on a port.
 * Every request gets an id (taken from a well-formed `X-Request-Id` or generated) that appears in
 * its log lines and its answer. Security headers come from helmet; bodies are capped at 1 MB;
 * sign-ins are rate-limited per address. Errors leave as `application/problem+json`.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import cookieParser from 'cookie-parser';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { AuditLog, type AuditAnchor } from './audit/auditLog';
import { CheckpointFile, CheckpointSigner } from './audit/checkpoints';
import { LoginThrottle, type LoginThrottleOptions } from './auth/loginThrottle';
import {
  DEFAULTS,
  type FreezeSettings,
  type SecuritySettings,
  type WarningSettings,
} from './config';
import { FreezeService } from './freeze/service';
import type { Executor } from './db/executor';
import { RingtraceError, notFound } from './errors';
import { mountRoutes } from './http/routing';
import { removeAbandonedUploads, uploadsDir } from './ingest/upload';
import { AnalysisService } from './services/analysis';
import type { ApiContext } from './routes/context';
import { apiRoutes } from './routes/index';
import type { HealthContext } from './services/health';
import { PrincipalCache } from './auth/principalCache';
import { SessionService } from './services/sessions';
import { TokenService } from './services/tokens';
import { UserService } from './services/users';
import { WarningService } from './warning/service';

export interface AppOptions extends HealthContext {
  readonly logger: Logger;
  readonly executor: Executor;
  readonly security: SecuritySettings;
  /** Overrides of the failed-login slow-down (tests shorten it). */
  readonly loginThrottle?: Partial<LoginThrottleOptions>;
  /** Folder of the built client; served with an index.html fallback when given and present. */
  readonly clientDir?: string | undefined;
  /** Folder for ingestion checkpoints, rejects and uploads. */
  readonly ingestDir: string;
  /**
   * Folder of the local audit journal: requests wait for a local sync of their audit record and
   * the trail in Neo4j is written from it. Without it, each request waits for the Neo4j commit.
   */
  readonly auditJournalDir?: string | undefined;
  /**
   * Where the audit trail's head is anchored outside Neo4j: the Ed25519 key that signs it (created
   * on first use) and the folder of signed checkpoints. Without it the trail is not anchored.
   */
  readonly auditAnchor?: { readonly keyFile: string; readonly checkpointDir: string } | undefined;
  /** Early warning's thresholds (default `DEFAULTS.warning`). */
  readonly warning?: WarningSettings;
  /** Stop-payment holds and the centre's policy (default `DEFAULTS.freeze`). */
  readonly freeze?: FreezeSettings;
  /** The analysis threads' heap in MiB (default Node's own). */
  readonly analysisHeapMegabytes?: number;
  /** The clock early warning stamps and escalates alerts by (tests move it). */
  readonly clock?: () => Date;
}

/** Checkpoints are signed at most this often under load, and when the server stops. */
const AUDIT_CHECKPOINT_EVERY_MS = 10_000;

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

function requestId(req: express.Request, res: express.Response): string {
  const given = req.header('x-request-id');
  const id = given && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/** Sends a problem document (RFC 9457). */
function sendProblem(
  res: express.Response,
  status: number,
  title: string,
  detail: string,
  requestIdValue: unknown,
): void {
  res
    .status(status)
    .type('application/problem+json')
    .json({ type: 'about:blank', title, status, detail, requestId: requestIdValue });
}

const apiNotFound: RequestHandler = (req, _res, next) => {
  next(notFound(`No API route ${req.method} ${req.path}. See the README for the routes.`));
};

function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (error instanceof RingtraceError) {
      if (error.status >= 500) req.log.error({ err: error.cause ?? error }, error.message);
      if (error.retryAfterSeconds !== undefined) {
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
      }
      if (error.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="ringtrace"');
      sendProblem(res, error.status, error.title, error.message, req.id);
      return;
    }
    // Body parser and other HTTP errors carry their own 4xx status.
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const detail =
        status === 413
          ? 'The request body is too large (1 MB at most).'
          : (error as { type?: string }).type === 'entity.parse.failed'
            ? 'The request body is not valid JSON.'
            : 'The request could not be read.';
      sendProblem(res, status, 'Bad request', detail, req.id);
      return;
    }
    (req.log ?? logger).error({ err: error }, 'Unexpected error');
    sendProblem(
      res,
      500,
      'Internal error',
      'Something went wrong; the request id is in the log.',
      req.id,
    );
  };
}

/** Builds the services the routes use from the executor and the settings. */
function auditAnchor(where: { keyFile: string; checkpointDir: string }): AuditAnchor {
  const signer = CheckpointSigner.fromFile(where.keyFile);
  const file = new CheckpointFile(where.checkpointDir);
  file.publishKey(signer);
  return { signer, file, everyMs: AUDIT_CHECKPOINT_EVERY_MS };
}

export function createApiContext(options: AppOptions): ApiContext {
  const { executor, security } = options;
  const sessions = new SessionService(
    executor,
    { idleMinutes: security.sessionIdleMinutes, maxHours: security.sessionMaxHours },
    new PrincipalCache(security.principalCacheSeconds * 1000),
  );
  const accessChanged = () => sessions.accessChanged();
  const clock = options.clock ? { now: options.clock } : {};
  const warning = new WarningService(executor, {
    settings: options.warning ?? DEFAULTS.warning,
    logger: options.logger,
    ...clock,
  });
  const freeze = new FreezeService(executor, {
    settings: options.freeze ?? DEFAULTS.freeze,
    logger: options.logger,
    warning,
    ...clock,
  });
  warning.afterScoring((writes, transfers) => freeze.applyPolicy(writes, transfers));
  return {
    executor,
    analysis: new AnalysisService(executor, options.logger, options.analysisHeapMegabytes),
    warning,
    freeze,
    health: {
      executor,
      kind: options.kind,
      schemaNames: options.schemaNames,
      localNeo4j: options.localNeo4j,
    },
    sessions,
    users: new UserService(executor, accessChanged),
    tokens: new TokenService(executor, undefined, accessChanged),
    audit: new AuditLog(executor, {
      journalDir: options.auditJournalDir,
      anchor: options.auditAnchor && auditAnchor(options.auditAnchor),
      journalSyncMs: security.auditSyncMs,
      onWriteError: (error) =>
        options.logger.error({ err: error }, 'Writing the audit trail to Neo4j failed; retrying'),
    }),
    loginThrottle: new LoginThrottle(options.loginThrottle),
    cookieSecure: security.cookieSecure,
    ingest: { workDir: options.ingestDir, maxUploadBytes: security.maxUploadMegabytes * 1_048_576 },
  };
}

/** The API router alone (the route-table tests inspect it). */
export function createApiRouter(options: AppOptions, context: ApiContext): express.Router {
  const api = express.Router();
  api.use(
    '/auth/login',
    rateLimit({
      windowMs: 15 * 60_000,
      limit: options.security.loginsPerIpPer15Minutes,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      // X-Forwarded-For from an untrusted client is ignored on purpose (TRUST_PROXY).
      validate: { xForwardedForHeader: false },
      handler: (_req, _res, next) =>
        next(
          new RingtraceError('too-many-requests', 'Too many sign-in attempts from this address.', {
            retryAfterSeconds: 900,
          }),
        ),
    }),
  );
  mountRoutes(api, apiRoutes, context, {
    sessions: context.sessions,
    audit: context.audit,
    expensivePerMinute: options.security.expensiveQueriesPerMinute,
  });
  api.use(methodNotAllowed(apiRoutes));
  api.use(apiNotFound);
  return api;
}

/** A known path asked with a method it does not take: 405 with the methods it does take. */
function methodNotAllowed(routes: readonly { method: string; path: string }[]): express.Router {
  const router = express.Router();
  const methods = new Map<string, Set<string>>();
  for (const route of routes) {
    const allowed = methods.get(route.path) ?? new Set<string>();
    allowed.add(route.method.toUpperCase());
    if (route.method === 'get') allowed.add('HEAD');
    methods.set(route.path, allowed);
  }
  for (const [routePath, allowed] of methods) {
    const allow = [...allowed].join(', ');
    router.all(routePath, (req, res, next) => {
      res.setHeader('Allow', allow);
      next(
        new RingtraceError(
          'method-not-allowed',
          `${req.method} is not allowed on ${req.baseUrl}${req.path}; use ${allow}.`,
        ),
      );
    });
  }
  return router;
}

const contexts = new WeakMap<Express, ApiContext>();

/** Finishes what an app still has in hand (the audit records not yet in Neo4j) before a stop. */
export async function closeApp(app: Express): Promise<void> {
  const context = contexts.get(app);
  context?.freeze.stop();
  await context?.warning.stop();
  await context?.audit.close();
}

/** The stop-payment service of an app (tests drive its timers). */
export function freezeOf(app: Express): FreezeService | undefined {
  return contexts.get(app)?.freeze;
}

/** The early-warning service of an app (tests drive its watch state and escalation). */
export function warningOf(app: Express): WarningService | undefined {
  return contexts.get(app)?.warning;
}

export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  // The client's address (sign-in throttle, audit) and HTTPS come from forwarded headers only when
  // the proxy sending them is configured as trusted (TRUST_PROXY).
  app.set('trust proxy', options.security.trustProxy);
  app.use(pinoHttp({ logger: options.logger, genReqId: requestId }));
  app.use(helmet());
  app.use(express.json({ limit: '1mb' }));
  app.use(cookieParser());

  const abandoned = removeAbandonedUploads(uploadsDir(options.ingestDir));
  if (abandoned > 0) options.logger.info({ abandoned }, 'Removed uploads left by a stopped server');
  const context = createApiContext(options);
  contexts.set(app, context);
  context.warning.start().catch((error: unknown) => {
    options.logger.error({ err: error }, 'Early warning did not start; it retries its watch state');
  });
  context.freeze.start().catch((error: unknown) => {
    options.logger.error(
      { err: error },
      'Stop-payment timers did not read the open stops; retrying',
    );
  });
  app.use('/api', createApiRouter(options, context));

  const clientDir = options.clientDir;
  if (clientDir && existsSync(path.join(clientDir, 'index.html'))) {
    app.use(express.static(clientDir, { index: 'index.html', maxAge: '1h' }));
    app.get(/^(?!\/api\/).*/, (_req, res) => res.sendFile(path.join(clientDir, 'index.html')));
  }

  app.use(errorHandler(options.logger));
  return app;
}
