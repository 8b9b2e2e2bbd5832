/** Pure row mapping for the audit and user tables. */

export interface AuditEntryDto {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  resultSize: number;
  outcome: string;
}

export interface UserDto {
  username: string;
  displayName: string;
  role: string;
  organisation: string | null;
  disabled: boolean;
}

export function auditRow(entry: AuditEntryDto): string[] {
  return [
    String(entry.seq),
    entry.at.replace('T', ' ').replace(/\.\d+Z$/, ''),
    entry.actor,
    entry.action,
    entry.target ?? '',
    String(entry.resultSize),
    entry.outcome,
  ];
}

export function userRow(user: UserDto): string[] {
  return [
    user.username,
    user.displayName,
    user.role,
    user.organisation ?? '',
    user.disabled ? 'locked' : 'active',
  ];
}
