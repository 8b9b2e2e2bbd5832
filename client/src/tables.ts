/** Pure row mapping for the audit table (times in the investigator's zone) and the graph summary. */
import { NODE_LABELS, NODES } from '../../server/contract/graph';
import type { AuditEntry } from '../../server/contract';
import { formatClock } from './time';

export type AuditEntryDto = Pick<
  AuditEntry,
  'seq' | 'at' | 'actor' | 'action' | 'target' | 'resultSize' | 'outcome'
>;

export function auditRow(entry: AuditEntryDto): string[] {
  return [
    String(entry.seq),
    formatClock(entry.at, { seconds: true }),
    entry.actor,
    entry.action,
    entry.target ?? '',
    String(entry.resultSize),
    entry.outcome,
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
