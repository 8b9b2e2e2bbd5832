/**
 * Calls to the Ringtrace API: JSON in and out, the session cookie sent by the browser, the CSRF
 * token added to state-changing requests, problem documents turned into `ApiError`s.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The problem document's title (`Not found`, `Bad request`, ...). */
    readonly title = '',
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A message for the user: the problem's title and detail, or what went wrong on the way. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 404 && /^No API route/.test(error.message)) {
      return 'This server does not offer that yet (no such API route); ask for an update.';
    }
    return error.title ? `${error.title}: ${error.message}` : error.message;
  }
  if (error instanceof TypeError) return 'The Ringtrace server cannot be reached.';
  return error instanceof Error ? error.message : String(error);
}

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/**
 * Calls the API. `T` is the answer's type from the API contract (`server/contract/`), imported
 * with `import type` so the client never copies the server's types. `contentType` overrides `application/json` for bodies (saved workspaces use
 * their own media type, which allows larger bodies).
 */
export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  contentType = 'application/json',
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = contentType;
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(`/api${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return undefined as T;
  const payload = (await response.json().catch(() => ({}))) as { detail?: string; title?: string };
  if (!response.ok) {
    throw new ApiError(
      response.status,
      payload.detail ?? `Request failed (${response.status}).`,
      payload.title ?? '',
    );
  }
  return payload as T;
}
