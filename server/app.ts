/**
 * The Express app, built by a factory so tests can use it without listening on a port.
 * Every request gets an id (taken from a well-formed `X-Request-Id` or generated) that appears in
 * its log lines and its answer. Errors leave as `application/problem+json`.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import { RingtraceError, notFound } from './errors';
import { healthRoutes } from './routes/health';
import type { HealthContext } from './services/health';

export interface AppOptions extends HealthContext {
  readonly logger: Logger;
  /** Folder of the built client; served with an index.html fallback when given and present. */
  readonly clientDir?: string;
}

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
      sendProblem(res, error.status, error.title, error.message, req.id);
      return;
    }
    // Body parser and other HTTP errors carry their own 4xx status.
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const detail =
        status === 413
          ? 'The request body is too large.'
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

export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(pinoHttp({ logger: options.logger, genReqId: requestId }));
  app.use(express.json({ limit: '1mb' }));

  const api = express.Router();
  api.use(healthRoutes(options));
  api.use(apiNotFound);
  app.use('/api', api);

  const clientDir = options.clientDir;
  if (clientDir && existsSync(path.join(clientDir, 'index.html'))) {
    app.use(express.static(clientDir, { index: 'index.html', maxAge: '1h' }));
    app.get(/^(?!\/api\/).*/, (_req, res) => res.sendFile(path.join(clientDir, 'index.html')));
  }

  app.use(errorHandler(options.logger));
  return app;
}
