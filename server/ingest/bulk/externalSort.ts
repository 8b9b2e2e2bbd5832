/**
 * Grouping more records than memory should hold: lines go to GNU `sort` (an external merge sort
 * with bounded memory that spills to temporary files), sorted by their first field and stable, so
 * the lines of one key come back together and in the order they were written.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { StartupError } from '../../errors';
import { LineWriter } from './lines';

export const SORT_DEFAULTS = {
  /** Memory of each `sort` process before it spills to disk. */
  memory: '256M',
  threads: 2,
} as const;

export function requireSort(): void {
  const probe = spawnSync('sort', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0 || !probe.stdout.includes('GNU')) {
    throw new StartupError(
      'The bulk load needs GNU sort (coreutils) to group records in bounded memory; it was not ' +
        'found. Install coreutils, or load without --bulk.',
    );
  }
}

/** One external sort: write lines while reading the files, then read them back grouped. */
export class ExternalSort {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #writer: LineWriter;
  readonly #done: Promise<void>;
  #stderr = '';

  constructor(
    readonly name: string,
    tmpDir: string,
  ) {
    this.#child = spawn(
      'sort',
      [
        '-t',
        '\t',
        '-s',
        '-k1,1',
        '-S',
        SORT_DEFAULTS.memory,
        `--parallel=${SORT_DEFAULTS.threads}`,
        '-T',
        tmpDir,
      ],
      { env: { ...process.env, LC_ALL: 'C' }, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    this.#child.stderr.on('data', (chunk: Buffer) => {
      this.#stderr += chunk.toString('utf8');
    });
    this.#done = new Promise((resolve, reject) => {
      this.#child.once('error', reject);
      this.#child.once('close', (code) => {
        if (code === 0) resolve();
        else reject(new Error(`sort (${name}) failed with exit ${String(code)}: ${this.#stderr}`));
      });
    });
    // Surface a failed sort where it is awaited, not as an unhandled rejection.
    this.#done.catch(() => undefined);
    this.#writer = new LineWriter(this.#child.stdin);
  }

  /** Adds one line (without its line break). */
  push(line: string): void {
    this.#writer.push(`${line}\n`);
  }

  ready(): Promise<void> {
    return this.#writer.ready();
  }

  /** Ends the input; the sorted lines follow. */
  async *sorted(): AsyncGenerator<string> {
    await this.#writer.end();
    for await (const line of createInterface({ input: this.#child.stdout, crlfDelay: Infinity })) {
      yield line;
    }
    await this.#done;
  }

  /** Stops the sort without reading it (after a failure elsewhere). */
  abort(): void {
    this.#child.kill('SIGTERM');
  }
}
