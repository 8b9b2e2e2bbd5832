/**
 * What the signed-in user may see. The server enforces every permission; the client only hides
 * what a role cannot use.
 */

export interface SessionUser {
  username: string;
  displayName: string;
  role: string;
  organisation: string | null;
  permissions: string[];
}

export interface SessionDto {
  user: SessionUser;
  csrfToken: string | null;
}

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
