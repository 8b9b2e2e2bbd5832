/**
 * Queries of `cypher/users/`. User accounts.
 */
import { defineQuery, type NoParams, type Nullable } from '../query';

export interface UserRow {
  username: string;
  displayName: string;
  role: string;
  organisation: Nullable<string>;
  /** A partner's sector (bank, telecom, platform); null for police users. */
  sector: Nullable<string>;
  disabled: boolean;
  createdAt: string;
}

/** The user behind a session or token, as the auth layer reads it. */
export interface PrincipalRow {
  username: string;
  displayName: string;
  role: string;
  organisation: Nullable<string>;
  /** A partner's sector (bank, telecom, platform); null for police users. */
  sector: Nullable<string>;
  disabled: boolean;
}

export const usersQueries = {
  createUser: defineQuery<
    {
      username: string;
      displayName: string;
      role: string;
      organisation: Nullable<string>;
      sector: Nullable<string>;
      passwordHash: string;
      createdBy: string;
    },
    { username: string }
  >('users/createUser', 'write'),
  userByUsername: defineQuery<{ username: string }, UserRow & { passwordHash: string }>(
    'users/userByUsername',
    'read',
  ),
  listUsers: defineQuery<{ skip: number; limit: number }, UserRow>('users/listUsers', 'read', {
    integerParams: ['skip', 'limit'],
  }),
  countUsers: defineQuery<NoParams, { total: number; activeAdministrators: number }>(
    'users/countUsers',
    'read',
  ),
  updateUser: defineQuery<
    {
      username: string;
      displayName: string;
      role: string;
      organisation: Nullable<string>;
      sector: Nullable<string>;
      disabled: boolean;
      updatedBy: string;
    },
    { username: string }
  >('users/updateUser', 'write'),
  setPasswordHash: defineQuery<{ username: string; passwordHash: string }, { username: string }>(
    'users/setPasswordHash',
    'write',
  ),
} as const;
