/**
 * Queries of `cypher/sessions/`. Login sessions and the user behind each.
 */
import { defineQuery } from '../query';
import type { PrincipalRow } from './users';

export const sessionsQueries = {
  createSession: defineQuery<
    { id: string; csrfToken: string; username: string; ip: string; userAgent: string },
    { id: string }
  >('sessions/createSession', 'write'),
  sessionWithUser: defineQuery<
    { id: string },
    PrincipalRow & { csrfToken: string; idleSeconds: number; ageSeconds: number }
  >('sessions/sessionWithUser', 'read'),
  touchSession: defineQuery<{ id: string }, never>('sessions/touchSession', 'write'),
  deleteSession: defineQuery<{ id: string }, never>('sessions/deleteSession', 'write'),
  deleteSessionsOfUser: defineQuery<{ username: string }, never>(
    'sessions/deleteSessionsOfUser',
    'write',
  ),
  deleteExpiredSessions: defineQuery<{ idleMinutes: number; maxHours: number }, never>(
    'sessions/deleteExpiredSessions',
    'write',
    { integerParams: ['idleMinutes', 'maxHours'] },
  ),
} as const;
