/**
 * Domain errors: what went wrong, in words a user can act on, with the HTTP status it maps to.
 * Database errors are translated into these once, in the executor; the error middleware turns them
 * into `application/problem+json` answers. No stack trace or query text reaches a client.
 */

export type ErrorKind =
  | 'bad-request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'method-not-allowed'
  | 'conflict'
  | 'payload-too-large'
  | 'too-many-requests'
  | 'database-unavailable'
  | 'query-timeout'
  | 'internal';

const STATUS: Record<ErrorKind, number> = {
  'bad-request': 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  'method-not-allowed': 405,
  conflict: 409,
  'payload-too-large': 413,
  'too-many-requests': 429,
  'database-unavailable': 503,
  'query-timeout': 503,
  internal: 500,
};

const TITLE: Record<ErrorKind, string> = {
  'bad-request': 'Bad request',
  unauthenticated: 'Not signed in',
  forbidden: 'Forbidden',
  'not-found': 'Not found',
  'method-not-allowed': 'Method not allowed',
  conflict: 'Conflict',
  'payload-too-large': 'Payload too large',
  'too-many-requests': 'Too many requests',
  'database-unavailable': 'Database unavailable',
  'query-timeout': 'Query took too long',
  internal: 'Internal error',
};

/** Seconds a client should wait before trying again when the service is unavailable. */
const RETRY_AFTER_SECONDS: Partial<Record<ErrorKind, number>> = {
  'database-unavailable': 10,
  'query-timeout': 30,
};

export class RingtraceError extends Error {
  readonly status: number;
  readonly title: string;
  /** Seconds to wait before trying again (429 and 503 answers). */
  readonly retryAfterSeconds: number | undefined;

  /**
   * @param kind     what sort of failure; decides the HTTP status
   * @param message  shown to the user: say what to fix, never include query text
   * @param cause    the underlying error, logged but never sent to a client
   */
  constructor(
    readonly kind: ErrorKind,
    message: string,
    options?: { cause?: unknown; retryAfterSeconds?: number },
  ) {
    super(message, options);
    this.name = 'RingtraceError';
    this.status = STATUS[kind];
    this.title = TITLE[kind];
    this.retryAfterSeconds = options?.retryAfterSeconds ?? RETRY_AFTER_SECONDS[kind];
  }
}

export function badRequest(message: string): RingtraceError {
  return new RingtraceError('bad-request', message);
}

export function notFound(message: string): RingtraceError {
  return new RingtraceError('not-found', message);
}

export function forbidden(message: string): RingtraceError {
  return new RingtraceError('forbidden', message);
}

/** Problems Ringtrace cannot recover from at start (missing Java, port taken, ...). */
export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartupError';
  }
}
