/**
 * RFC 4180 encoding of one CSV line: fields joined by commas, a field quoted (and its quotes
 * doubled) only when it holds a comma, a quote or a line break; lines end with `\n`. Only columns
 * that carry free text (names, references, lists) are checked; the generator writes the others
 * (identifiers, times, amounts) from characters that never need quoting.
 */
import type { KindColumn } from '../../server/ingest/kinds';
import { COLUMNS, type FileKind, type Row } from './formats';

const NEEDS_QUOTES = /[",\r\n]/;

/** Columns whose text may need quoting. */
const FREE_TEXT: ReadonlySet<string> = new Set<KindColumn<FileKind>>([
  'reference',
  'holder_name',
  'display_name',
  'station_name',
  'victim_name',
  'named_numbers',
  'named_accounts',
  'named_handles',
]);

/** One field as it appears in a CSV line. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The header line of a file kind. */
export function csvHeader(kind: FileKind): string {
  return `${COLUMNS[kind].join(',')}\n`;
}

const LAYOUT = Object.fromEntries(
  (Object.keys(COLUMNS) as FileKind[]).map((kind) => [
    kind,
    COLUMNS[kind].map((name: string) => ({ name, freeText: FREE_TEXT.has(name) })),
  ]),
) as Record<FileKind, { name: string; freeText: boolean }[]>;

/** A row as one CSV line, its fields in the column order of its kind. */
export function csvLine<K extends FileKind>(kind: K, row: Row<K>): string {
  const values = row as Record<string, string>;
  let line = '';
  let first = true;
  for (const { name, freeText } of LAYOUT[kind]) {
    const value = values[name] ?? '';
    line += first ? '' : ',';
    line += freeText ? csvField(value) : value;
    first = false;
  }
  return `${line}\n`;
}
