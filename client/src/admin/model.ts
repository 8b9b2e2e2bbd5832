/**
 * The administration page's pure logic: the request bodies its forms send (`POST /api/users`,
 * `PATCH /api/users/:username`, `POST /api/users/:username/password`), the checks made before
 * sending (the server checks everything again and its `detail` is shown when it refuses), and the
 * words its tables show. No DOM here.
 */
import type { ApiToken, User } from '../../../server/contract';
import { formatTime } from '../time';

/** The roles the server knows (`server/auth/roles.ts`; a unit test keeps the two lists equal). */
export const ROLES = [
  'investigator',
  'supervisor',
  'administrator',
  'partner',
  'station_officer',
] as const;
export type Role = (typeof ROLES)[number];

/** What each role may do, as the new-user form explains it. */
export const ROLE_DESCRIPTIONS: Readonly<Record<Role, string>> = {
  investigator: 'Investigator: explores the graph, traces money, runs analyses, exports evidence.',
  supervisor: 'Supervisor: an investigator who also reviews the audit trail.',
  administrator: 'Administrator: manages accounts and reviews the audit trail; no case data.',
  partner:
    'Partner (bank, telecom operator, platform): give its organisation (bank code, platform name) and sector; it submits data and sees only its own records.',
  station_officer:
    "Station officer: acts on the early-warning alerts of one police station; the organisation is the station's id (e.g. 310104000003).",
};

/** A partner's sectors (`server/auth/sectors.ts`). */
export const SECTORS = ['bank', 'telecom', 'platform'] as const;
export type Sector = (typeof SECTORS)[number];

/** The shortest password the server takes. */
export const MIN_PASSWORD = 12;

/** What the new-user and edit forms hold, as typed. */
export interface UserForm {
  username: string;
  displayName: string;
  role: string;
  organisation: string;
  sector: string;
}

export interface NewUserBody {
  username: string;
  displayName: string;
  role: Role;
  organisation?: string | null;
  sector?: Sector | null;
  password: string;
}

export interface UserChangesBody {
  displayName?: string;
  role?: Role;
  organisation?: string | null;
  sector?: Sector | null;
  disabled?: boolean;
}

/** A body to send, or what to fix first. */
export type Checked<T> = { ok: true; body: T } | { ok: false; problem: string };

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

function isSector(value: string): value is Sector {
  return (SECTORS as readonly string[]).includes(value);
}

/** Organisation and sector as the server takes them: only partners and station officers have one. */
function membership(form: UserForm): { organisation: string | null; sector: Sector | null } {
  const organisation = form.organisation.trim() || null;
  const sector = isSector(form.sector) ? form.sector : null;
  if (form.role === 'partner') return { organisation, sector };
  if (form.role === 'station_officer') return { organisation, sector: null };
  return { organisation: null, sector: null };
}

/** Why a password cannot be used, before the server is asked; null when it may. */
export function passwordProblem(password: string): string | null {
  return password.length < MIN_PASSWORD
    ? `A password needs at least ${MIN_PASSWORD} characters.`
    : null;
}

/** The body of `POST /api/users` from the new-user form. */
export function newUserBody(form: UserForm, password: string): Checked<NewUserBody> {
  const username = form.username.trim().toLowerCase();
  const displayName = form.displayName.trim();
  if (!username) return { ok: false, problem: 'Give a username.' };
  if (!displayName) return { ok: false, problem: 'Give the name the user is shown by.' };
  if (!isRole(form.role)) return { ok: false, problem: 'Choose a role.' };
  const weak = passwordProblem(password);
  if (weak) return { ok: false, problem: weak };
  const { organisation, sector } = membership(form);
  return {
    ok: true,
    body: {
      username,
      displayName,
      role: form.role,
      ...(organisation !== null ? { organisation } : {}),
      ...(sector !== null ? { sector } : {}),
      password,
    },
  };
}

/**
 * The body of `PATCH /api/users/:username`: what the edit form changed, with the organisation and
 * sector always (the server clears them when they are left out).
 */
export function userChanges(user: User, form: UserForm): Checked<UserChangesBody> {
  const changes: UserChangesBody = {};
  const displayName = form.displayName.trim();
  if (!displayName) return { ok: false, problem: 'Give the name the user is shown by.' };
  if (displayName !== user.displayName) changes.displayName = displayName;
  if (!isRole(form.role)) return { ok: false, problem: 'Choose a role.' };
  if (form.role !== user.role) changes.role = form.role;
  const { organisation, sector } = membership(form);
  const moved = organisation !== user.organisation || sector !== user.sector;
  if (Object.keys(changes).length === 0 && !moved)
    return { ok: false, problem: 'Nothing was changed.' };
  // The server keeps a partner's or station officer's organisation only when it is sent again.
  return { ok: true, body: { ...changes, organisation, sector } };
}

/**
 * The body that locks or unlocks an account. The organisation and sector go with it: the server
 * clears a station officer's organisation when it is left out of a change, and refuses the change.
 */
export function lockBody(user: User, disabled: boolean): UserChangesBody {
  return {
    disabled,
    organisation: user.organisation,
    sector: isSector(user.sector ?? '') ? (user.sector as Sector) : null,
  };
}

/** A role as the tables show it: `station officer`. */
export function roleName(role: string): string {
  return role.replace(/_/g, ' ');
}

/** The cells of a user's row: username, name, role, organisation, sector, state, created. */
export function userCells(user: User): string[] {
  return [
    user.username,
    user.displayName,
    roleName(user.role),
    user.organisation ?? '',
    user.sector ?? '',
    user.disabled ? 'locked' : 'active',
    formatTime(user.createdAt),
  ];
}

export type TokenState = 'active' | 'revoked' | 'expired';

/** Whether a token still works at `now`. */
export function tokenState(token: ApiToken, now: number): TokenState {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && Date.parse(token.expiresAt) <= now) return 'expired';
  return 'active';
}

/** The cells of a token's row: name, owner, scopes, created, expires, last used, state. */
export function tokenCells(token: ApiToken, now: number): string[] {
  const state = tokenState(token, now);
  return [
    token.name,
    token.owner,
    token.scopes.join(', '),
    formatTime(token.createdAt),
    token.expiresAt ? formatTime(token.expiresAt) : 'never',
    token.lastUsedAt ? formatTime(token.lastUsedAt) : 'not yet',
    state === 'revoked' ? `revoked ${formatTime(token.revokedAt)}` : state,
  ];
}

/** Tokens in the order the table lists them: working ones first, newest first. */
export function tokenOrder(tokens: readonly ApiToken[], now: number): ApiToken[] {
  const rank = (token: ApiToken) => (tokenState(token, now) === 'active' ? 0 : 1);
  return [...tokens].sort((a, b) => rank(a) - rank(b) || b.createdAt.localeCompare(a.createdAt));
}
