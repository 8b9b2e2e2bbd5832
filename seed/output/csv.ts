/**
 * RFC 4180 encoding of one CSV line: fields joined by commas, a field quoted (and its quotes
 * doubled) only when it holds a comma, a quote or a line break; lines end with `\n`.
 */
import { COLUMNS, type FileKind, type Row } from './formats';

const NEEDS_QUOTES = /[",\r\n]/;

/** One field as it appears in a CSV line. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The header line of a file kind. */
export function csvHeader(kind: FileKind): string {
  return `${COLUMNS[kind].join(',')}\n`;
}

/** A row as one CSV line, its fields in the column order of its kind. */
export function csvLine<K extends FileKind>(kind: K, row: Row<K>): string {
  const columns: readonly string[] = COLUMNS[kind];
  const values = row as Record<string, string>;
  let line = '';
  for (let i = 0; i < columns.length; i += 1) {
    if (i > 0) line += ',';
    line += csvField(values[columns[i] as string] ?? '');
  }
  return `${line}\n`;
}
