/** Signing in, the session, users and API tokens. */
import { z } from 'zod';

const nullableText = z.string().nullable();

/** The signed-in user as the client shows them. */
export const sessionUser = z.object({
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  organisation: nullableText,
  /** A partner's sector (bank, telecom, platform): which file kinds it uploads; null for police. */
  sector: nullableText,
  permissions: z.array(z.string()),
});
export type SessionUser = z.infer<typeof sessionUser>;

/** `POST /api/auth/login`. */
export const login = z.object({ user: sessionUser, csrfToken: z.string() });
export type Login = z.infer<typeof login>;

/** `GET /api/auth/session`. */
export const session = z.object({
  user: sessionUser,
  via: z.enum(['session', 'token']),
  csrfToken: nullableText,
  idleMinutes: z.number(),
});
export type Session = z.infer<typeof session>;

/** A user account as administrators see it. */
export const user = z.object({
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  organisation: nullableText,
  /** A partner's sector (bank, telecom, platform); null for police users. */
  sector: nullableText,
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof user>;

/** `GET /api/users`. */
export const userPage = z.object({
  users: z.array(user),
  total: z.number().int(),
  skip: z.number().int(),
  limit: z.number().int(),
});
export type UserPage = z.infer<typeof userPage>;

/** An API token as listed (never the secret itself). */
export const apiToken = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  owner: z.string(),
  createdAt: z.string(),
  expiresAt: nullableText,
  lastUsedAt: nullableText,
  revokedAt: nullableText,
});
export type ApiToken = z.infer<typeof apiToken>;

/** `GET /api/tokens`. */
export const tokenPage = z.object({
  tokens: z.array(apiToken),
  skip: z.number().int(),
  limit: z.number().int(),
});
export type TokenPage = z.infer<typeof tokenPage>;

/** `POST /api/tokens`: the token itself is shown this once. */
export const createdToken = z.object({
  token: z.string(),
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  expiresAt: nullableText,
});
export type CreatedToken = z.infer<typeof createdToken>;
