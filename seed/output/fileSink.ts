/**
 * Writes scenario rows into one CSV file per kind, through buffered write streams: rows collect in
 * a string until it reaches a chunk size, and the generator waits for the streams to drain between
 * steps, so memory stays flat however large the scenario is.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { csvHeader, csvLine } from './csv';
import { FILE_KINDS, fileName, type FileKind, type Row, type ScenarioSink } from './formats';

const CHUNK_CHARS = 1 << 16;

interface OpenFile {
  stream: WriteStream;
  pending: string;
  rows: number;
}

/** A sink writing `<outDir>/<kind>.csv` for every kind, each with its header row. */
export class CsvFileSink implements ScenarioSink {
  private readonly files: Record<FileKind, OpenFile>;

  /** Opens (and truncates) every file; `outDir` must exist. */
  constructor(outDir: string) {
    this.files = {} as Record<FileKind, OpenFile>;
    for (const kind of FILE_KINDS) {
      const stream = createWriteStream(join(outDir, fileName(kind)), { encoding: 'utf8' });
      this.files[kind] = { stream, pending: csvHeader(kind), rows: 0 };
    }
  }

  write<K extends FileKind>(kind: K, row: Row<K>): void {
    const file = this.files[kind];
    file.pending += csvLine(kind, row);
    file.rows += 1;
    if (file.pending.length >= CHUNK_CHARS) {
      file.stream.write(file.pending);
      file.pending = '';
    }
  }

  /** Rows written so far, per kind. */
  rowCounts(): Record<FileKind, number> {
    const counts = {} as Record<FileKind, number>;
    for (const kind of FILE_KINDS) counts[kind] = this.files[kind].rows;
    return counts;
  }

  /** Resolves once every stream has taken what it was given (call between generation steps). */
  async drain(): Promise<void> {
    for (const kind of FILE_KINDS) {
      const { stream } = this.files[kind];
      if (stream.writableNeedDrain) await once(stream, 'drain');
    }
  }

  /** Writes what is left and closes every file. */
  async close(): Promise<void> {
    await Promise.all(
      FILE_KINDS.map(async (kind) => {
        const file = this.files[kind];
        file.stream.end(file.pending);
        file.pending = '';
        await once(file.stream, 'finish');
      }),
    );
  }
}
