/**
 * Queries of `cypher/tokens/`. API tokens and the user behind each.
 */
import { defineQuery, type Nullable } from '../query';
import type { PrincipalRow } from './users';

export interface TokenRow {
  id: string;
  name: string;
  scopes: string[];
  owner: string;
  createdAt: string;
  expiresAt: Nullable<string>;
  lastUsedAt: Nullable<string>;
  revokedAt: Nullable<string>;
}

export const tokensQueries = {
  createToken: defineQuery<
    {
      id: string;
      secretHash: string;
      name: string;
      scopes: string[];
      expiresAt: Nullable<string>;
      username: string;
    },
    Pick<TokenRow, 'id' | 'name' | 'scopes' | 'createdAt' | 'expiresAt'>
  >('tokens/createToken', 'write'),
  tokenWithUser: defineQuery<
    { id: string },
    PrincipalRow & { secretHash: string; scopes: string[]; revoked: boolean; expired: boolean }
  >('tokens/tokenWithUser', 'read'),
  listTokens: defineQuery<{ username: Nullable<string>; skip: number; limit: number }, TokenRow>(
    'tokens/listTokens',
    'read',
    { integerParams: ['skip', 'limit'] },
  ),
  revokeToken: defineQuery<
    { id: string; owner: Nullable<string>; revokedBy: string },
    { id: string; owner: string }
  >('tokens/revokeToken', 'write'),
  revokeTokensOfUser: defineQuery<{ username: string; revokedBy: string }, { revoked: number }>(
    'tokens/revokeTokensOfUser',
    'write',
  ),
  touchToken: defineQuery<{ id: string }, never>('tokens/touchToken', 'write'),
} as const;
