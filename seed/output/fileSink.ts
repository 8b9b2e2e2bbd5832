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

/** A sink writing `<outDir>/<kind>.csv` for each of its kinds, each with its header row. */
export class CsvFileSink implements ScenarioSink {
  private readonly files: Partial<Record<FileKind, OpenFile>> = {};
  private readonly kinds: readonly FileKind[];

  /**
   * Opens (and truncates) the file of each of `kinds` (default: every kind); `outDir` must exist.
   * A row of another kind is an error.
   */
  constructor(outDir: string, kinds: readonly FileKind[] = FILE_KINDS) {
    this.kinds = FILE_KINDS.filter((kind) => kinds.includes(kind));
    for (const kind of this.kinds) {
      const stream = createWriteStream(join(outDir, fileName(kind)), { encoding: 'utf8' });
      this.files[kind] = { stream, pending: csvHeader(kind), rows: 0 };
    }
  }

  private file(kind: FileKind): OpenFile {
    const file = this.files[kind];
    if (!file) throw new Error(`seed: no ${fileName(kind)} is being written`);
    return file;
  }

  write<K extends FileKind>(kind: K, row: Row<K>): void {
    const file = this.file(kind);
    file.pending += csvLine(kind, row);
    file.rows += 1;
    if (file.pending.length >= CHUNK_CHARS) {
      file.stream.write(file.pending);
      file.pending = '';
    }
  }

  /** Rows written so far, per kind (0 for kinds without a file). */
  rowCounts(): Record<FileKind, number> {
    const counts = {} as Record<FileKind, number>;
    for (const kind of FILE_KINDS) counts[kind] = this.files[kind]?.rows ?? 0;
    return counts;
  }

  /** Resolves once every stream has taken what it was given (call between generation steps). */
  async drain(): Promise<void> {
    for (const kind of this.kinds) {
      const { stream } = this.file(kind);
      if (stream.writableNeedDrain) await once(stream, 'drain');
    }
  }

  /** Writes what is left and closes every file. */
  async close(): Promise<void> {
    await Promise.all(
      this.kinds.map(async (kind) => {
        const file = this.file(kind);
        file.stream.end(file.pending);
        file.pending = '';
        await once(file.stream, 'finish');
      }),
    );
  }
}
