/**
 * What the signed-in user may see. The server enforces every permission; the client only hides
 * what a role cannot use.
 */
import type { Login, Session, SessionUser } from '../../server/contract';

export type { SessionUser };

/** What signing in (`POST /api/auth/login`) and `GET /api/auth/session` both answer. */
export type SessionDto = Login | Session;

export type Panel = 'graph' | 'audit' | 'users';

const PANEL_PERMISSION: Record<Panel, string> = {
  graph: 'graph:read',
  audit: 'audit:read',
  users: 'users:manage',
};

export function visiblePanels(user: SessionUser): Panel[] {
  return (Object.keys(PANEL_PERMISSION) as Panel[]).filter((panel) =>
    user.permissions.includes(PANEL_PERMISSION[panel]),
  );
}

export function describeUser(user: SessionUser): string {
  const role = user.organisation ? `${user.role}, ${user.organisation}` : user.role;
  return `${user.displayName} (${role})`;
}
