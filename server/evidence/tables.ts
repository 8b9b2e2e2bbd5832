/**
 * The bundle's data as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs read
 * Chinese names): `nodes.csv`, one row per identity, and `links.csv`, one row per record and per
 * stated link, each with its source (organisation, file, line, record id, file hash).
 */
import type { EvidenceFacts, SourceRef } from './model';

const BOM = '\uFEFF';

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return BOM + [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

function sourceCells(source: SourceRef | null): unknown[] {
  return source
    ? [source.organisation, source.fileName, source.line, source.recordId, source.fileSha256]
    : ['', '', '', '', ''];
}

const SOURCE_HEADER = [
  'source_organisation',
  'source_file',
  'source_line',
  'source_record_id',
  'source_file_sha256',
] as const;

export function nodesCsv(facts: Pick<EvidenceFacts, 'nodes'>): string {
  return csv(
    [
      'key',
      'type',
      'id',
      'label',
      'role',
      'score',
      'reasons',
      'x',
      'y',
      'properties',
      ...SOURCE_HEADER,
    ],
    facts.nodes.map((node) => [
      node.key,
      node.type,
      node.id,
      node.label,
      node.role,
      node.score,
      node.reasons.join('; '),
      node.position?.x,
      node.position?.y,
      node.properties,
      ...sourceCells(node.source),
    ]),
  );
}

export function linksCsv(facts: Pick<EvidenceFacts, 'events' | 'links'>): string {
  return csv(
    [
      'kind',
      'id',
      'from',
      'to',
      'time_utc',
      'time_offset',
      'amount_minor',
      'currency',
      'traced_minor',
      'duration_seconds',
      'detail',
      ...SOURCE_HEADER,
    ],
    [
      ...facts.events.map((event) => [
        event.kind,
        event.id,
        event.from,
        event.to,
        event.at,
        event.offset,
        event.amountMinor,
        event.currency,
        event.tracedMinor,
        event.durationSeconds,
        event.detail,
        ...sourceCells(event.source),
      ]),
      ...facts.links.map((link) => [
        link.type,
        '',
        link.from,
        link.to,
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        ...sourceCells(link.source),
      ]),
    ],
  );
}
