/**
 * Roles and what each may do. Routes name the permission they need; this table is the only place
 * that says which role has it. API tokens carry scopes, a subset of their owner's permissions.
 */

export const ROLES = [
  'investigator',
  'supervisor',
  'administrator',
  'partner',
  'station_officer',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  /** Search, view, expand and trace anything in the graph. */
  'graph:read',
  /** Save investigations and record decisions (same-person reviews): writes, unlike graph:read. */
  'investigations:write',
  /** View only the accounts and numbers of one's own organisation (partners). */
  'graph:read-own',
  /** Submit data files. */
  'data:submit',
  /** Start ring and risk analyses. */
  'analysis:run',
  /** Export evidence graphs and views. */
  'export:create',
  /** Search and export the audit trail. */
  'audit:read',
  /** Create, change and disable user accounts; revoke anyone's API tokens. */
  'users:manage',
  /** Hold API tokens of one's own. */
  'tokens:own',
  /** See every station's early-warning alerts and the watch list (the centre). */
  'alerts:read',
  /** See one's own station's alerts only (station officers). */
  'alerts:read-station',
  /** Acknowledge alerts and record their outcome. */
  'alerts:handle',
  /** See every stop-payment request and hold, and the money they secured (the centre). */
  'stops:read',
  /** Ask banks to hold money; renew, freeze and release holds. */
  'stops:request',
  /** Answer one's own bank's stop-payment requests (a bank's commissioner or system). */
  'stops:answer',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const INVESTIGATOR: readonly Permission[] = [
  'graph:read',
  'investigations:write',
  'data:submit',
  'analysis:run',
  'export:create',
  'tokens:own',
  'alerts:read',
  'alerts:handle',
  'stops:read',
  'stops:request',
];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  investigator: INVESTIGATOR,
  supervisor: [...INVESTIGATOR, 'audit:read'],
  // Administrators run the accounts, not investigations: they do not read the graph.
  administrator: ['users:manage', 'audit:read', 'tokens:own'],
  // Only a bank partner answers stop-payment requests, and only its own bank's.
  partner: ['graph:read-own', 'data:submit', 'tokens:own', 'stops:answer'],
  // A station officer acts on the alerts of their station (`organisation`: the station's id) and
  // opens their subjects in the workspace.
  station_officer: [
    'graph:read',
    'alerts:read-station',
    'alerts:handle',
    'tokens:own',
    'stops:read',
  ],
};

export const ROLE_DESCRIPTIONS: Readonly<Record<Role, string>> = {
  investigator: 'Investigator: explores the graph, traces money, runs analyses, exports evidence.',
  supervisor: 'Supervisor: an investigator who also reviews the audit trail.',
  administrator: 'Administrator: manages accounts and reviews the audit trail; no case data.',
  partner: 'Partner (bank, telecom operator, platform): submits data, sees only its own records.',
  station_officer:
    "Station officer: acts on the early-warning alerts of one police station (the account's organisation is the station's id).",
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function hasPermission(
  role: Role,
  permission: Permission,
  scopes?: readonly Permission[],
): boolean {
  if (!ROLE_PERMISSIONS[role].includes(permission)) return false;
  return scopes === undefined || scopes.includes(permission);
}
