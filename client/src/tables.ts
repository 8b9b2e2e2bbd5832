/** Pure row mapping for the audit and user tables. */
import { NODE_LABELS, NODES } from '../../server/contract/graph';
import type { AuditEntry, User } from '../../server/contract';

export type AuditEntryDto = Pick<
  AuditEntry,
  'seq' | 'at' | 'actor' | 'action' | 'target' | 'resultSize' | 'outcome'
>;
export type UserDto = Pick<User, 'username' | 'displayName' | 'role' | 'organisation' | 'disabled'>;

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

/** The labels the graph summary counts: identities, events and loaded files. */
const GRAPH_LABELS = NODE_LABELS.filter((label) =>
  ['identity', 'event', 'provenance'].includes(NODES[label].kind),
);

/** The graph summary as label / count rows, in a fixed order, with thousands separated. */
export function graphRows(counts: Record<string, number>): [string, string][] {
  return GRAPH_LABELS.map((label) => [
    NODES[label].plural,
    (counts[label] ?? 0).toLocaleString('en'),
  ]);
}
