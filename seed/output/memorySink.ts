/**
 * Sinks that keep nothing on disk: one collecting rows in memory (tests, small scenarios) and one
 * only counting them (benchmarks of large scenarios).
 */
import { FILE_KINDS, type FileKind, type Row, type ScenarioSink } from './formats';

/** Keeps every row, per kind, in the order written. */
export class MemorySink implements ScenarioSink {
  readonly rows: { [K in FileKind]: Row<K>[] };

  constructor() {
    this.rows = Object.fromEntries(FILE_KINDS.map((kind) => [kind, []])) as unknown as {
      [K in FileKind]: Row<K>[];
    };
  }

  write<K extends FileKind>(kind: K, row: Row<K>): void {
    (this.rows[kind] as Row<K>[]).push(row);
  }
}

/** Counts rows per kind and drops them. */
export class CountingSink implements ScenarioSink {
  readonly counts = Object.fromEntries(FILE_KINDS.map((kind) => [kind, 0])) as Record<
    FileKind,
    number
  >;

  write<K extends FileKind>(kind: K, _row: Row<K>): void {
    this.counts[kind] += 1;
  }
}
