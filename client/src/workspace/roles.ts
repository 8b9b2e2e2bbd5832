/**
 * Roles in a ring view: a fill colour per role, so a ring's ringleader, organisers, callers,
 * herders, mules and cash-out can be told apart without zooming, and whether a link joins two
 * members of the same role (drawn firmer) or of different roles (drawn lighter). Pure.
 */

/** Fill colours by role (colour-blind-safe where it matters: warm leaders, cool mules). */
export const ROLE_COLOR: Readonly<Record<string, string>> = {
  ringleader: '#c9302c',
  key_member: '#8e44ad',
  organiser: '#8e44ad',
  caller: '#1b9e77',
  mule_herder: '#e6860b',
  mule: '#4f7cac',
  cash_out: '#6b3d1f',
  member: '#9aa5b1',
};

/** The role's fill colour; grey for an unknown role. */
export function roleColor(role: string): string {
  return ROLE_COLOR[role] ?? '#9aa5b1';
}

/** Roles that share a band (key members and organisers are one). */
function band(role: string | undefined): string {
  return role === 'key_member' ? 'organiser' : (role ?? 'member');
}

/** `same-role` for a link inside one role, `cross-role` for a link between two. */
export function roleLinkClass(sourceRole: string | undefined, targetRole: string | undefined) {
  return band(sourceRole) === band(targetRole) ? 'same-role' : 'cross-role';
}
