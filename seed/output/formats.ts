/**
 * The files a scenario writes and their columns, exactly as docs/data-formats.md lists them
 * (required and optional), and the sink every generator writes rows to. A row is typed by its
 * file kind, so a generator that forgets or misspells a column does not compile. The columns are
 * the loader's own (`server/ingest/kinds/`), so generator and loader cannot drift apart.
 */
import {
  FILE_KINDS as SERVER_FILE_KINDS,
  KIND_COLUMNS,
  type FileKind as ServerFileKind,
  type KindColumn,
} from '../../server/ingest/kinds';

/** Columns of each partner file, in the order they are written: those the loader reads. */
export const COLUMNS = KIND_COLUMNS;

export type FileKind = ServerFileKind;

/** Every file kind, in the order files are listed in summaries. */
export const FILE_KINDS: readonly FileKind[] = SERVER_FILE_KINDS;

/** One row of a file: every column present, as text (empty text for an unknown value). */
export type Row<K extends FileKind> = Record<KindColumn<K>, string>;

/** File name of a kind, e.g. `bank-transfers.csv`. */
export function fileName(kind: FileKind): string {
  return `${kind}.csv`;
}

/** Where generated rows go: CSV files on disk, memory in tests, a counter in benchmarks. */
export interface ScenarioSink {
  write<K extends FileKind>(kind: K, row: Row<K>): void;
}
