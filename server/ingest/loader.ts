/**
 * Loading one partner file into the graph: streamed, in batches written with `UNWIND`, idempotent
 * and resumable.
 *
 * Every row is normalised on its own; a bad row goes to the rejects file with its line and reason
 * while the good rows load. Each batch commits in one transaction and a checkpoint records the
 * last line committed, so an interrupted load resumes after it; rows already in the graph are
 * counted as duplicates and left alone, so loading a file again changes nothing. The next batch
 * is parsed while the previous one is written.
 *
 * A file is a `Source` of the organisation that supplied it: the same file from two organisations
 * is two sources, each with its own checkpoint, rejects file and counts.
 */
import { createHash } from 'node:crypto';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import type { CountryCode } from 'libphonenumber-js';
import type { Executor } from '../db/executor';
import { queries } from '../db/queries';
import { RingtraceError, badRequest } from '../errors';
import {
  KINDS,
  kindDefinition,
  type FileKind,
  type KindDefinition,
  type KeyedRow,
  type ParseContext,
  type RawRow,
} from './kinds';
import { applyMapping, mappedHeader, type Mapping } from './mapping';
import { RowError } from './normalize';
import { ByteCounter, inspectFile, readRows, type FileInfo, type ReadResult } from './reader';
import { READ_LIMITS } from './records';

export const LOAD_DEFAULTS = {
  batchSize: 5_000,
  /**
   * Rows a batch of an upload over HTTP: the driver encodes a batch in one go on the server's one
   * thread (5,000 transfers: some 20-90 ms), so uploads write smaller batches than the CLI and
   * other requests wait less (`npm run bench:upload`: health p99 under a hostile upload 47 ms
   * with 500, 60-70 ms with 1,000).
   */
  uploadBatchSize: 500,
  country: 'CN' as CountryCode,
  /** Rejected rows kept in the summary (all of them go to the rejects file). */
  rejectsInSummary: 100,
  /** Kinds of reason counted in the summary, the most common first. */
  reasonsInSummary: 20,
  /**
   * Longest value of a kind's column, in characters; the list columns (`LIST_COLUMNS`) may be as
   * long as the reader keeps a field (`READ_LIMITS.fieldBytes`).
   */
  columnChars: 4_096,
  /** Most milliseconds of reading and normalising before other requests get their turn. */
  sliceMs: 4,
  /** Rows that the database refused one by one before a load gives up (the fault is not theirs). */
  writeRejectsAllowed: 100,
} as const;

/** Columns holding a list (or free text), allowed up to `READ_LIMITS.fieldBytes`. */
const LIST_COLUMNS: ReadonlySet<string> = new Set([
  'named_numbers',
  'named_accounts',
  'named_handles',
]);

/** Lets other requests run between slices of a load's work. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The kind's column of `row` that is too long, and its length, if any. */
function overLongColumn(row: RawRow, columns: readonly string[]): [string, number] | undefined {
  for (const column of columns) {
    const length = row[column]?.length ?? 0;
    const limit = LIST_COLUMNS.has(column) ? READ_LIMITS.fieldBytes : LOAD_DEFAULTS.columnChars;
    if (length > limit) return [column, length];
  }
  return undefined;
}

export interface LoadOptions {
  readonly kind: FileKind;
  /** Who supplied the file (bank, operator, platform, police unit). */
  readonly organisation: string;
  /** The organisation's own records (a partner's upload): see `ParseContext.partner`. */
  readonly partner?: boolean;
  /** Folder for checkpoints and rejects files. */
  readonly workDir: string;
  readonly country?: CountryCode;
  readonly mapping?: Mapping;
  readonly batchSize?: number;
  /** The name to record for the file (an upload's original name). */
  readonly fileName?: string;
  /** Told after each committed batch: what the graph holds of this load so far. */
  readonly onProgress?: (progress: LoadProgress) => void;
  /** Told once the file is inspected (hashed, its header read), before anything is loaded. */
  readonly onInspected?: (info: FileInfo) => void;
  /** Stops after this many batches, as if interrupted (for tests of resuming). */
  readonly stopAfterBatches?: number;
  /**
   * Told each committed batch's rows that added records (all of the batch's rows where the kind
   * cannot tell), before the batch counts as committed: early warning scores them here.
   */
  readonly onWritten?: (kind: FileKind, rows: readonly KeyedRow[]) => Promise<void>;
}

export interface LoadProgress {
  readonly rowsRead: number;
  readonly loaded: number;
  readonly rejected: number;
  readonly bytesRead: number;
  readonly bytesTotal: number;
}

export interface RejectedRow {
  readonly line: number;
  readonly reason: string;
}

/** How many rejected rows gave one reason, its quoted values left out (`amount "…" is too large`). */
export interface RejectReason {
  readonly reason: string;
  readonly rows: number;
}

export interface LoadSummary {
  readonly file: string;
  readonly kind: FileKind;
  readonly organisation: string;
  readonly sourceId: string;
  readonly rowsRead: number;
  readonly loaded: number;
  readonly duplicates: number;
  readonly rejected: number;
  /** Where every rejected row went; null when none was rejected. */
  readonly rejectsFile: string | null;
  readonly rejects: readonly RejectedRow[];
  /** Every rejected row counted by its reason, values left out (`RejectsFile.reasons`). */
  readonly rejectReasons: readonly RejectReason[];
  /** The line after which this load resumed an interrupted one; null for a full load. */
  readonly resumedAfterLine: number | null;
  /** False when the load stopped early (`stopAfterBatches`); run it again to resume. */
  readonly complete: boolean;
  readonly seconds: number;
}

interface Checkpoint {
  /** What the load was run with (country, mapping): a checkpoint of other settings is not resumed. */
  settings?: string;
  /** SHA-256 of the file, so that only the same bytes resume. */
  hash?: string;
  line: number;
  rowsRead: number;
  loaded: number;
  duplicates: number;
  rejected: number;
}

interface Counts extends Checkpoint {
  rejects: RejectedRow[];
}

/**
 * The Source a file supplied by `organisation` is recorded as: its id (`organisation:` and the
 * SHA-256 of the content, so the same file from two organisations is two sources) and the stem of
 * its checkpoint and rejects files (`<kind>-<organisation>-<hash prefix>`).
 */
export function sourceOf(
  kind: FileKind,
  organisation: string,
  hash: string,
): { id: string; stem: string } {
  return {
    id: `${organisation}:${hash}`,
    stem: `${kind}-${encodeURIComponent(organisation)}-${hash.slice(0, 16)}`,
  };
}

/**
 * Refuses a file, whole, whose mapping is for another kind or whose (mapped) header lacks a
 * required column of its kind.
 */
export function checkHeader(info: FileInfo, kind: FileKind, mapping: Mapping | undefined): void {
  if (mapping?.kind && mapping.kind !== kind) {
    throw badRequest(
      `${info.name} was refused: its mapping is for ${mapping.kind} files, and it is being ` +
        `loaded as ${kind}. Use a mapping for ${kind}, or load it as ${mapping.kind}. ` +
        'Nothing was loaded.',
    );
  }
  const header = mapping ? mappedHeader(mapping, info.header) : info.header;
  const missing = KINDS[kind].required.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    throw badRequest(
      `${info.name} was refused: it lacks the ${kind} column(s) ${missing.join(', ')} ` +
        `(its columns: ${info.header.join(', ')}). Is it a ${kind} file? For other column names ` +
        'use a mapping file (docs/data-formats.md). Nothing was loaded.',
    );
  }
}

const REJECTS_HEADER = 'line,reason,raw\n';

/** One rejected row as a line of the rejects file, its text fields quoted. */
function rejectsLine(line: number, reason: string, raw: string): string {
  const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;
  return `${line},${quote(reason)},${quote(raw)}\n`;
}

/** Writes rejected rows as CSV (line, reason, raw) to a file opened on the first reject. */
export class RejectsFile {
  #stream: ReturnType<typeof createWriteStream> | undefined;
  /** Rows in the file by `reasonKind` of their reason. */
  readonly #reasons = new Map<string, number>();

  constructor(readonly path: string) {}

  get used(): boolean {
    return this.#stream !== undefined || existsSync(this.path);
  }

  /**
   * Keeps the rejects of lines up to `line` (a resumed load writes the rest again), read as CSV
   * (a raw row may hold line breaks); a record cut short by a crash is dropped.
   */
  keepUpTo(line: number): void {
    if (!existsSync(this.path)) return;
    const rows = parseCsv<{ line: string; reason: string; raw: string }>(
      readFileSync(this.path, 'utf8'),
      { columns: true, skip_records_with_error: true },
    );
    const kept = rows.filter((row) => Number(row.line) <= line);
    for (const { reason } of kept) this.#count(reason);
    writeFileSync(
      this.path,
      REJECTS_HEADER +
        kept.map((row) => rejectsLine(Number(row.line), row.reason, row.raw)).join(''),
    );
  }

  write(line: number, reason: string, raw: string): void {
    this.#count(reason);
    if (!this.#stream) {
      mkdirSync(path.dirname(this.path), { recursive: true });
      const fresh = !existsSync(this.path);
      this.#stream = createWriteStream(this.path, { flags: 'a' });
      if (fresh) this.#stream.write(REJECTS_HEADER);
    }
    this.#stream.write(rejectsLine(line, reason, raw));
  }

  async close(): Promise<void> {
    const stream = this.#stream;
    if (stream) await new Promise<void>((resolve) => stream.end(resolve));
  }

  /**
   * Every row in the file counted by its reason with the quoted values left out, so that the
   * rows rejected for one cause count together (`amount "…" is too large`): the `limit` most
   * common, then one entry for the rest.
   */
  reasons(limit: number = LOAD_DEFAULTS.reasonsInSummary): RejectReason[] {
    const sorted = [...this.#reasons]
      .map(([reason, rows]) => ({ reason, rows }))
      .sort((a, b) => b.rows - a.rows || a.reason.localeCompare(b.reason));
    if (sorted.length <= limit) return sorted;
    const rest = sorted.slice(limit).reduce((sum, { rows }) => sum + rows, 0);
    return [...sorted.slice(0, limit), { reason: 'other reasons', rows: rest }];
  }

  #count(reason: string): void {
    const kind = reasonKind(reason);
    this.#reasons.set(kind, (this.#reasons.get(kind) ?? 0) + 1);
  }
}

/** A reason with its quoted values left out: the cause, whatever the row held. */
export function reasonKind(reason: string): string {
  return reason.replace(/"[^"]*"/g, '"…"');
}

/** A row normalised for its kind, or why it is rejected (and its raw text for the rejects file). */
export type ParsedRead<Row> =
  { readonly row: Row } | { readonly reason: string; readonly raw: string };

/**
 * Normalises one row read from a file: the mapping (if any), then the kind's parse. Every load,
 * online or bulk, goes through this, so both reject the same rows for the same reasons.
 */
export function parseRead<Row extends { readonly id: string }>(
  read: ReadResult,
  definition: KindDefinition<Row>,
  mapping: Mapping | undefined,
  context: Omit<ParseContext, 'line'>,
): ParsedRead<Row> {
  if ('error' in read) return { reason: `line ${read.error}`, raw: read.raw };
  try {
    const row = mapping ? applyMapping(mapping, read.row, read.line) : read.row;
    const long = overLongColumn(row, Object.keys(definition.columns));
    if (long) {
      const [column, length] = long;
      const limit = LIST_COLUMNS.has(column) ? READ_LIMITS.fieldBytes : LOAD_DEFAULTS.columnChars;
      throw new RowError(
        `${column} is ${length.toLocaleString('en')} characters long; at most ` +
          `${limit.toLocaleString('en')} are read`,
      );
    }
    return { row: definition.parse(row, { ...context, line: read.line }) };
  } catch (error) {
    if (!(error instanceof RowError)) throw error;
    return { reason: error.message, raw: JSON.stringify(read.row) };
  }
}

/** Loads one file; see the module comment. Refuses a file that is not what it claims, whole. */
export async function loadFile(
  executor: Executor,
  file: string,
  options: LoadOptions,
): Promise<LoadSummary> {
  const started = performance.now();
  const definition = kindDefinition(options.kind);
  const info = await inspectFile(file, options.fileName);
  options.onInspected?.(info);
  checkHeader(info, options.kind, options.mapping);

  const source = sourceOf(options.kind, options.organisation, info.hash);
  const rejects = new RejectsFile(
    path.join(options.workDir, 'rejects', `${source.stem}.rejects.csv`),
  );
  const country = options.country ?? LOAD_DEFAULTS.country;
  const settings = createHash('sha256')
    .update(
      JSON.stringify({ country, mapping: options.mapping ?? null, partner: !!options.partner }),
    )
    .digest('hex');
  // Keyed by organisation, kind and file (the stem) and by the settings (country, mapping): only
  // the same organisation loading the same bytes the same way resumes where it was cut off.
  const checkpointFile = path.join(
    options.workDir,
    'checkpoints',
    `${source.stem}-${settings.slice(0, 16)}.json`,
  );
  const saved = existsSync(checkpointFile)
    ? (JSON.parse(readFileSync(checkpointFile, 'utf8')) as Checkpoint)
    : undefined;
  // An interrupted load resumes only with the settings it ran with; otherwise it starts again
  // (what it committed counts as duplicates).
  const resumed = saved?.settings === settings && saved.hash === info.hash ? saved : undefined;
  if (resumed) rejects.keepUpTo(resumed.line);
  else rmSync(rejects.path, { force: true });
  const counts: Counts = {
    line: resumed?.line ?? 0,
    rowsRead: resumed?.rowsRead ?? 0,
    loaded: resumed?.loaded ?? 0,
    duplicates: resumed?.duplicates ?? 0,
    rejected: resumed?.rejected ?? 0,
    rejects: [],
  };
  const context: Omit<ParseContext, 'line'> = {
    organisation: options.organisation,
    partner: options.partner ?? false,
    country,
    defaultOffset: options.mapping?.defaultOffset,
    roundAmounts: options.mapping?.roundAmounts,
  };
  const batchSize = options.batchSize ?? LOAD_DEFAULTS.batchSize;
  const counter = new ByteCounter();
  type Row = ReturnType<typeof definition.parse>;

  let batch: Row[] = [];
  let batchLines: number[] = [];
  let batchIds = new Set<string>();
  let batchLine = counts.line;
  let batches = 0;
  let writing: Promise<void> = Promise.resolve();

  const reject = (line: number, reason: string, raw: string) => {
    counts.rejected += 1;
    if (counts.rejects.length < LOAD_DEFAULTS.rejectsInSummary)
      counts.rejects.push({ line, reason });
    rejects.write(line, reason, raw);
  };

  let refusedByDatabase = 0;
  /**
   * Writes a batch; when the database refuses it (not when it is unreachable), writes its halves
   * apart, down to the single rows it refuses, which are rejected: one bad row never costs the
   * rows around it.
   */
  const writeRows = async (
    rows: Row[],
    lines: number[],
  ): Promise<{ created: number; refused: { line: number; raw: string }[] }> => {
    let written: Awaited<ReturnType<typeof definition.write>>;
    try {
      written = await definition.write(executor, rows, source.id, options.organisation);
    } catch (error) {
      const refusal =
        error instanceof RingtraceError && (error.kind === 'internal' || error.kind === 'conflict');
      if (!refusal) throw error;
      if (rows.length === 1) {
        refusedByDatabase += 1;
        if (refusedByDatabase > LOAD_DEFAULTS.writeRejectsAllowed) throw error;
        return { created: 0, refused: [{ line: lines[0] ?? 0, raw: JSON.stringify(rows[0]) }] };
      }
      const half = Math.ceil(rows.length / 2);
      const first = await writeRows(rows.slice(0, half), lines.slice(0, half));
      const second = await writeRows(rows.slice(half), lines.slice(half));
      return {
        created: first.created + second.created,
        refused: [...first.refused, ...second.refused],
      };
    }
    // Scoring failures are not the rows' fault: they fail the load (which resumes), not the rows.
    await options.onWritten?.(options.kind, written.fresh ?? rows);
    return { created: written.created, refused: [] };
  };

  // What is committed: the checkpoint is written from this, never from rows still in flight.
  const committed: Checkpoint = {
    settings,
    hash: info.hash,
    line: counts.line,
    rowsRead: counts.rowsRead,
    loaded: counts.loaded,
    duplicates: counts.duplicates,
    rejected: counts.rejected,
  };

  const flush = async () => {
    await writing;
    if (batch.length === 0) return;
    const rows = batch;
    const lines = batchLines;
    const boundary = { line: batchLine, rowsRead: counts.rowsRead, rejected: counts.rejected };
    const dedupedInBatch = counts.duplicates - committed.duplicates;
    batch = [];
    batchLines = [];
    batchIds = new Set();
    batches += 1;
    writing = writeRows(rows, lines).then(({ created, refused }) => {
      for (const { line, raw } of refused) {
        reject(line, 'could not be written: the graph database refused it', raw);
      }
      const written = rows.length - refused.length;
      counts.loaded += created;
      counts.duplicates += written - created;
      Object.assign(committed, boundary, {
        rejected: boundary.rejected + refused.length,
        loaded: committed.loaded + created,
        duplicates: committed.duplicates + dedupedInBatch + written - created,
      });
      mkdirSync(path.dirname(checkpointFile), { recursive: true });
      writeFileSync(checkpointFile, JSON.stringify(committed));
      options.onProgress?.({
        rowsRead: counts.rowsRead,
        loaded: counts.loaded,
        rejected: counts.rejected,
        bytesRead: counter.bytes,
        bytesTotal: info.bytes,
      });
    });
    // Handled where it is awaited (the next flush); this only keeps a failure that comes while
    // the next batch is read from counting as unhandled.
    writing.catch(() => undefined);
  };

  let stoppedEarly = false;
  let slice = performance.now();
  for await (const read of readRows(info, counter)) {
    if (read.line <= (resumed?.line ?? 0)) continue;
    // Reading and normalising run on the server's one thread: give other requests their turn.
    if ((counts.rowsRead & 31) === 0 && performance.now() - slice > LOAD_DEFAULTS.sliceMs) {
      await nextTurn();
      slice = performance.now();
    }
    counts.rowsRead += 1;
    const result = parseRead(read, definition, options.mapping, context);
    if ('reason' in result) reject(read.line, result.reason, result.raw);
    else if (batchIds.has(result.row.id)) counts.duplicates += 1;
    else {
      batchIds.add(result.row.id);
      batch.push(result.row);
      batchLines.push(read.line);
    }
    batchLine = read.line;
    if (batch.length >= batchSize) {
      await flush();
      if (options.stopAfterBatches !== undefined && batches >= options.stopAfterBatches) {
        stoppedEarly = true;
        break;
      }
    }
  }
  if (!stoppedEarly) await flush();
  await writing;
  await rejects.close();

  if (!stoppedEarly) {
    await executor.run(queries.recordSource, {
      id: source.id,
      organisation: options.organisation,
      kind: options.kind,
      fileName: info.name,
      rowsRead: counts.rowsRead,
      rowsLoaded: counts.loaded,
      rowsRejected: counts.rejected,
    });
    rmSync(checkpointFile, { force: true });
  }
  return {
    file: info.name,
    kind: options.kind,
    organisation: options.organisation,
    sourceId: source.id,
    rowsRead: counts.rowsRead,
    loaded: counts.loaded,
    duplicates: counts.duplicates,
    rejected: counts.rejected,
    rejectsFile: rejects.used ? rejects.path : null,
    rejects: counts.rejects,
    rejectReasons: rejects.reasons(),
    resumedAfterLine: resumed?.line ?? null,
    complete: !stoppedEarly,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}
