/** Who is making a request, as established by a session cookie or an API token. */
import type { PrincipalRow } from '../db/queries';
import { RingtraceError } from '../errors';
import { ROLE_PERMISSIONS, hasPermission, isRole, type Permission, type Role } from './roles';
import { isSector, type Sector } from './sectors';

export interface Principal {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  /** A partner's organisation; null for police users. */
  readonly organisation: string | null;
  /** A partner's sector: which file kinds it uploads; null for police users. */
  readonly sector: Sector | null;
  readonly via: 'session' | 'token';
  /** Token scopes; undefined for a browser session (all of the role's permissions). */
  readonly scopes?: readonly Permission[];
  /** The session's id (hash of the cookie) and CSRF token, for browser sessions. */
  readonly sessionId?: string;
  readonly csrfToken?: string;
  readonly tokenId?: string;
}

export function principalFromRow(
  row: PrincipalRow,
  via: Principal['via'],
  extra: Partial<Principal> = {},
): Principal {
  if (!isRole(row.role)) {
    throw new RingtraceError('internal', `User ${row.username} has an unknown role.`);
  }
  return {
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    organisation: row.organisation,
    sector: row.sector !== null && isSector(row.sector) ? row.sector : null,
    via,
    ...extra,
  };
}

export function can(principal: Principal, permission: Permission): boolean {
  return hasPermission(principal.role, permission, principal.scopes);
}

/** The permissions this principal holds right now (role, narrowed by token scopes). */
export function permissionsOf(principal: Principal): Permission[] {
  return ROLE_PERMISSIONS[principal.role].filter((permission) => can(principal, permission));
}

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}
