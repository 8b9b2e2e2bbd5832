/**
 * Reading partner files as a stream of rows with their line numbers, in flat memory: CSV (header
 * row, RFC 4180) or JSON Lines. Before anything is loaded, `inspectFile` hashes the file, refuses
 * one that is not text, and reads its header (CSV) or first record (JSON Lines).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { badRequest } from '../errors';
import type { RawRow } from './kinds';
import { CsvSplitter, LineSplitter, READ_LIMITS, type Piece, type ReadLimits } from './records';

export type FileFormat = 'csv' | 'jsonl';

export interface FileInfo {
  readonly path: string;
  readonly name: string;
  /** SHA-256 of the content; with the supplying organisation, the Source id (`sourceOf`). */
  readonly hash: string;
  readonly bytes: number;
  readonly format: FileFormat;
  /** CSV header, or the keys of the first JSON Lines record. */
  readonly header: string[];
}

/** One row read, or a line that could not be read as a row. */
export type ReadResult =
  | { readonly line: number; readonly row: RawRow }
  | { readonly line: number; readonly error: string; readonly raw: string };

const PROBE_BYTES = 64 * 1024;

function refuse(name: string, reason: string): never {
  throw badRequest(`${name} was refused: ${reason}. Nothing was loaded.`);
}

async function readHead(file: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of createReadStream(file, { start: 0, end: PROBE_BYTES - 1 })) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return Buffer.concat(chunks, size);
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function checkText(name: string, head: Buffer): string {
  if (head.includes(0)) refuse(name, 'it is a binary file, not CSV or JSON Lines');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    return refuse(name, 'it is not UTF-8 text');
  }
}

/**
 * A header with every column named once: a name that repeats is read, from its second time on,
 * as `name.1`, `name.2` ... (as pandas reads such files), so a mapping can tell the columns apart
 * (`Account` and `Account.1` for a payer's and a payee's account).
 */
export function uniqueHeader(columns: readonly string[]): string[] {
  const seen = new Set<string>();
  return columns.map((column) => {
    let name = column;
    for (let repeat = 1; seen.has(name); repeat += 1) name = `${column}.${repeat}`;
    seen.add(name);
    return name;
  });
}

function csvHeader(name: string, text: string): string[] {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  if (!firstLine.trim()) refuse(name, 'it is empty or has no header row');
  return uniqueHeader(
    firstLine.split(',').map((column) => column.trim().replace(/^"(.*)"$/, '$1')),
  );
}

function jsonlKeys(name: string, text: string): string[] {
  const first = text.split(/\r?\n/).find((line) => line.trim() !== '');
  if (!first) refuse(name, 'it is empty');
  try {
    const value: unknown = JSON.parse(first);
    if (value && typeof value === 'object' && !Array.isArray(value)) return Object.keys(value);
  } catch {
    // fall through
  }
  return refuse(name, 'its first line is not a JSON object');
}

/** Hashes the file and reads its header; refuses empty, binary or non-UTF-8 files. */
export async function inspectFile(file: string, displayName?: string): Promise<FileInfo> {
  const name = displayName ?? path.basename(file);
  const size = await stat(file).then(
    (stats) => (stats.isFile() ? stats.size : refuse(name, 'it is not a file')),
    () => refuse(name, `there is no file at ${file}`),
  );
  if (size === 0) refuse(name, 'it is empty');
  const text = checkText(name, await readHead(file));
  const format: FileFormat =
    /\.(jsonl|ndjson)$/i.test(name) || text.trimStart().startsWith('{') ? 'jsonl' : 'csv';
  const header = format === 'csv' ? csvHeader(name, text) : jsonlKeys(name, text);
  return { path: file, name, hash: await hashFile(file), bytes: size, format, header };
}

/** Counts bytes flowing through, for progress. */
export class ByteCounter extends Transform {
  bytes = 0;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.bytes += chunk.length;
    this.push(chunk);
    done();
  }
}

function toRow(header: readonly string[], fields: readonly string[]): RawRow {
  const row: Record<string, string> = {};
  header.forEach((column, index) => {
    const value = fields[index];
    if (value !== undefined) row[column] = value;
  });
  return row;
}

/** The pieces of a file as its bytes arrive (see `records.ts`). */
async function* pieces(
  info: FileInfo,
  counter: ByteCounter,
  splitter: CsvSplitter | LineSplitter,
): AsyncGenerator<Piece> {
  for await (const chunk of createReadStream(info.path).pipe(counter)) {
    yield* splitter.push(chunk as Buffer);
  }
  yield* splitter.end();
}

async function* readCsv(
  info: FileInfo,
  counter: ByteCounter,
  limits: ReadLimits,
): AsyncGenerator<ReadResult> {
  let header: string[] | undefined;
  for await (const piece of pieces(info, counter, new CsvSplitter(limits))) {
    if ('error' in piece) {
      // Without its header no row can be read: the file is refused before any row loads.
      if (!header) refuse(info.name, `its header row cannot be read (it ${piece.error})`);
      yield { line: piece.line, error: piece.error, raw: piece.raw };
      continue;
    }
    if (!('fields' in piece)) continue;
    if (!header) {
      header = uniqueHeader(piece.fields.map((column) => column.trim()));
      continue;
    }
    if (piece.fields.length !== header.length) {
      yield {
        line: piece.line,
        error: `has ${piece.fields.length} fields, the header has ${header.length}`,
        raw: piece.fields.join(','),
      };
      continue;
    }
    yield { line: piece.line, row: toRow(header, piece.fields) };
  }
}

function stringValues(value: Record<string, unknown>): RawRow {
  const row: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry === null || entry === undefined) continue;
    row[key] = Array.isArray(entry)
      ? entry.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).join(';')
      : typeof entry === 'string'
        ? entry
        : JSON.stringify(entry);
  }
  return row;
}

async function* readJsonl(
  info: FileInfo,
  counter: ByteCounter,
  limits: ReadLimits,
): AsyncGenerator<ReadResult> {
  for await (const piece of pieces(info, counter, new LineSplitter(limits))) {
    if ('error' in piece) {
      yield { line: piece.line, error: piece.error, raw: piece.raw };
      continue;
    }
    if (!('text' in piece) || !piece.text.trim()) continue;
    const { line, text } = piece;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      yield { line, error: 'is not valid JSON', raw: text };
      continue;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      yield { line, error: 'is not a JSON object', raw: text };
      continue;
    }
    const row = stringValues(value as Record<string, unknown>);
    const long = Object.keys(row).find((key) => (row[key]?.length ?? 0) > limits.fieldBytes);
    if (long !== undefined) {
      yield {
        line,
        error: `has field ${long} longer than ${limits.fieldBytes} characters`,
        raw: text,
      };
      continue;
    }
    yield { line, row };
  }
}

/**
 * Streams the rows of an inspected file; `counter.bytes` tells how far it has read. A row that
 * cannot be read, is too long or is not UTF-8 comes as an error with its line (`records.ts`).
 */
export function readRows(
  info: FileInfo,
  counter: ByteCounter,
  limits: ReadLimits = READ_LIMITS,
): AsyncGenerator<ReadResult> {
  return info.format === 'csv' ? readCsv(info, counter, limits) : readJsonl(info, counter, limits);
}
