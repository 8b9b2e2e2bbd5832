/**
 * Random secrets for sessions, CSRF and API tokens, and their stored form (SHA-256: the secrets
 * are 256-bit random values, so a fast hash is enough and lookups stay indexed).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

const TOKEN_PREFIX = 'rt';

/** An API token as shown once to its owner: `rt_<id>_<secret>`. */
export function newApiToken(): { id: string; secret: string; token: string } {
  const id = randomBytes(9).toString('base64url');
  const secret = randomSecret();
  return { id, secret, token: `${TOKEN_PREFIX}_${id}_${secret}` };
}

/** Splits a presented token; undefined when it is not in Ringtrace's format. */
export function parseApiToken(token: string): { id: string; secret: string } | undefined {
  const match = /^rt_([A-Za-z0-9_-]{12})_([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match?.[1] || !match[2]) return undefined;
  return { id: match[1], secret: match[2] };
}
