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

const GRAPH_LABELS: readonly (readonly [string, string])[] = [
  ['Person', 'People'],
  ['PhoneNumber', 'Phone numbers'],
  ['SIM', 'SIM cards'],
  ['Device', 'Handsets'],
  ['BankAccount', 'Bank accounts'],
  ['PlatformAccount', 'Platform accounts'],
  ['IPAddress', 'IP addresses'],
  ['Transfer', 'Transfers'],
  ['Call', 'Calls'],
  ['Sighting', 'SIM sightings'],
  ['Login', 'Logins'],
  ['Message', 'Messages'],
  ['Case', 'Reported cases'],
  ['Station', 'Police stations'],
  ['Source', 'Source files'],
];

/** The graph summary as label / count rows, in a fixed order, with thousands separated. */
export function graphRows(counts: Record<string, number>): [string, string][] {
  return GRAPH_LABELS.map(([label, name]) => [name, (counts[label] ?? 0).toLocaleString('en')]);
}
