/**
 * Splitting a partner file's bytes into rows: CSV records (RFC 4180, a quoted field may span
 * lines) or JSON lines. Memory and time stay bounded whatever the bytes are: a field longer than
 * `READ_LIMITS.fieldBytes` or a row longer than `READ_LIMITS.rowBytes` is not kept but rejected
 * with its line, and a row that cannot be read (a quote never closed, text after a closing quote)
 * is rejected with its line while reading goes on at the next line, so one bad row never takes
 * the rows after it along. A row that is not UTF-8, or holds a NUL byte, is rejected too; its raw
 * text in the rejects file shows each invalid byte as `\xNN`, so nothing of it is lost.
 */
import { isUtf8 } from 'node:buffer';

export const READ_LIMITS = {
  /** Longest field, in bytes; a longer one rejects its row. */
  fieldBytes: 64 * 1024,
  /** Longest row, in bytes: a CSV record (over one or more lines) or a JSON line. */
  rowBytes: 256 * 1024,
  /** Most of a rejected row's raw text kept for the rejects file. */
  rawBytes: 4 * 1024,
} as const;

export type ReadLimits = { readonly [Key in keyof typeof READ_LIMITS]: number };

/** A CSV record's fields or a JSON line's text, with its (first) line, or why it is rejected. */
export type Piece =
  | { readonly line: number; readonly fields: string[] }
  | { readonly line: number; readonly text: string }
  | { readonly line: number; readonly error: string; readonly raw: string };

const LF = 0x0a;
const CR = 0x0d;
const COMMA = 0x2c;
const QUOTE = 0x22;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

const kb = (bytes: number) => (bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} bytes`);

/**
 * Text of bytes for the rejects file: valid UTF-8 as is, any other byte (and NUL) as `\xNN`; at
 * most `limit` bytes of it, then how long it was (`total`).
 */
export function rawText(
  bytes: Buffer,
  limit: number = READ_LIMITS.rawBytes,
  total: number = bytes.length,
): string {
  const kept = bytes.length > limit ? bytes.subarray(0, limit) : bytes;
  const suffix = total > limit ? ` … (${total.toLocaleString('en')} bytes)` : '';
  if (isUtf8(kept) && !kept.includes(0)) return kept.toString('utf8') + suffix;
  let text = '';
  let index = 0;
  while (index < kept.length) {
    const byte = kept[index] ?? 0;
    const width = byte < 0x80 ? 1 : byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 0;
    const sequence = kept.subarray(index, index + width);
    if (width > 0 && byte !== 0 && sequence.length === width && isUtf8(sequence)) {
      text += sequence.toString('utf8');
      index += width;
    } else {
      text += `\\x${byte.toString(16).padStart(2, '0')}`;
      index += 1;
    }
  }
  return text + suffix;
}

/** Why a complete row's bytes cannot be loaded as text, or null. */
function encodingProblem(bytes: Buffer): string | null {
  if (bytes.includes(0)) return 'holds a NUL byte';
  if (!isUtf8(bytes)) return 'is not UTF-8 text (is the file in another encoding, such as GBK?)';
  return null;
}

type Step =
  | { readonly kind: 'row'; readonly piece: Piece; readonly end: number; readonly lines: number }
  | { readonly kind: 'more' }
  | { readonly kind: 'unreadable'; readonly reason: string };

const MORE: Step = { kind: 'more' };

/**
 * Rows from bytes pushed in chunks: `push` each chunk, then `end`. Each returns the rows it
 * completed. The bytes of a row not yet complete are kept, never more than the row limit.
 */
abstract class Splitter {
  #buffer = Buffer.alloc(0);
  /** Line number of the first byte of `#buffer`. */
  #line = 1;
  #started = false;
  /** Discarding the rest of an over-long line that began at `line`. */
  #skipping: { line: number; reason: string; head: Buffer; bytes: number } | undefined;

  constructor(protected readonly limits: ReadLimits = READ_LIMITS) {}

  /** The row at `start`, if `buffer` holds all of it. */
  protected abstract step(buffer: Buffer, start: number, line: number, eof: boolean): Step;

  push(chunk: Buffer): Piece[] {
    return this.#run(chunk, false);
  }

  end(): Piece[] {
    return this.#run(Buffer.alloc(0), true);
  }

  #run(chunk: Buffer, eof: boolean): Piece[] {
    const out: Piece[] = [];
    let data = chunk;
    if (this.#skipping) {
      const skipped = this.#skipping;
      const newline = data.indexOf(LF);
      const part = newline < 0 ? data : data.subarray(0, newline);
      if (skipped.head.length < this.limits.rawBytes) {
        skipped.head = Buffer.concat([skipped.head, part.subarray(0, this.limits.rawBytes)]);
      }
      skipped.bytes += part.length;
      if (newline < 0 && !eof) return out;
      this.#skipping = undefined;
      const raw = rawText(skipped.head, this.limits.rawBytes, skipped.bytes);
      out.push({ line: skipped.line, error: skipped.reason, raw });
      this.#line = skipped.line + 1;
      data = newline < 0 ? Buffer.alloc(0) : data.subarray(newline + 1);
    }
    let buffer = this.#buffer.length > 0 ? Buffer.concat([this.#buffer, data]) : data;
    if (!this.#started && (buffer.length >= BOM.length || eof)) {
      this.#started = true;
      if (buffer.subarray(0, BOM.length).equals(BOM)) buffer = buffer.subarray(BOM.length);
    }
    let start = 0;
    while (start < buffer.length && this.#started) {
      // Empty lines are skipped.
      if (buffer[start] === LF) {
        start += 1;
        this.#line += 1;
        continue;
      }
      if (buffer[start] === CR && buffer[start + 1] === LF) {
        start += 2;
        this.#line += 1;
        continue;
      }
      let step = this.step(buffer, start, this.#line, eof);
      const end = step.kind === 'row' ? step.end : step.kind === 'more' ? buffer.length : start;
      if (end - start > this.limits.rowBytes) {
        // Rejected as unreadable whether it is complete yet or not, so that the rows after it
        // do not depend on how the bytes arrived.
        step = { kind: 'unreadable', reason: `is longer than ${kb(this.limits.rowBytes)}` };
      }
      if (step.kind === 'row') {
        out.push(step.piece);
        start = step.end;
        this.#line += step.lines;
        continue;
      }
      if (step.kind === 'more') break;
      // Unreadable: reject the row's first line and read on from the next one.
      const newline = buffer.indexOf(LF, start);
      if (newline < 0 && !eof) {
        this.#skipping = {
          line: this.#line,
          reason: step.reason,
          head: Buffer.from(buffer.subarray(start, start + this.limits.rawBytes)),
          bytes: buffer.length - start,
        };
        start = buffer.length;
        break;
      }
      const lineEnd = newline < 0 ? buffer.length : newline;
      out.push({
        line: this.#line,
        error: step.reason,
        raw: rawText(buffer.subarray(start, lineEnd), this.limits.rawBytes),
      });
      start = newline < 0 ? buffer.length : newline + 1;
      this.#line += 1;
    }
    this.#buffer = start >= buffer.length ? Buffer.alloc(0) : Buffer.from(buffer.subarray(start));
    return out;
  }

  /** The row's piece, or its rejection when its bytes are not text. */
  protected checked(buffer: Buffer, start: number, end: number, piece: Piece): Piece {
    const bytes = buffer.subarray(start, end);
    const problem = encodingProblem(bytes);
    if (!problem) return piece;
    return { line: piece.line, error: problem, raw: rawText(bytes, this.limits.rawBytes) };
  }
}

/** CSV records (RFC 4180): fields split by commas, optionally quoted, `""` a quote within. */
export class CsvSplitter extends Splitter {
  protected step(buffer: Buffer, start: number, line: number, eof: boolean): Step {
    const { fieldBytes } = this.limits;
    const fields: string[] = [];
    let at = start;
    let lines = 0;
    let newline = buffer.indexOf(LF, at);
    const row = (end: number, ended: number): Step => {
      let textEnd = end;
      if (buffer[textEnd - 1] === LF) textEnd -= 1;
      if (buffer[textEnd - 1] === CR) textEnd -= 1;
      const piece = this.checked(buffer, start, textEnd, { line, fields });
      return { kind: 'row', piece, end, lines: lines + ended };
    };
    for (;;) {
      const index = fields.length + 1;
      if (buffer[at] === QUOTE) {
        let search = at + 1;
        let escaped = false;
        let close = -1;
        for (;;) {
          const quote = buffer.indexOf(QUOTE, search);
          if (quote < 0 || (quote + 1 >= buffer.length && !eof)) break;
          if (buffer[quote + 1] === QUOTE) {
            escaped = true;
            search = quote + 2;
            continue;
          }
          close = quote;
          break;
        }
        const tooLong: Step = {
          kind: 'unreadable',
          reason: `has field ${index} longer than ${kb(fieldBytes)}, or a quote in it not closed`,
        };
        if (close < 0) {
          if (buffer.length - at > fieldBytes) return tooLong;
          if (!eof) return MORE;
          return {
            kind: 'unreadable',
            reason: `opens a quote in field ${index} that is not closed by the end of the file`,
          };
        }
        if (close - at - 1 > fieldBytes) return tooLong;
        const text = buffer.toString('utf8', at + 1, close);
        fields.push(escaped ? text.replaceAll('""', '"') : text);
        for (
          let lf = buffer.indexOf(LF, at);
          lf >= 0 && lf < close;
          lf = buffer.indexOf(LF, lf + 1)
        ) {
          lines += 1;
        }
        at = close + 1;
        if (at >= buffer.length) return eof ? row(at, 0) : MORE;
        const next = buffer[at];
        if (next === COMMA) {
          at += 1;
          continue;
        }
        if (next === LF) return row(at + 1, 1);
        if (next === CR) {
          if (at + 1 >= buffer.length) return eof ? row(at + 1, 0) : MORE;
          if (buffer[at + 1] === LF) return row(at + 2, 1);
        }
        return { kind: 'unreadable', reason: `has text after the closing quote of field ${index}` };
      }
      if (newline >= 0 && newline < at) newline = buffer.indexOf(LF, at);
      const lineEnd = newline < 0 ? buffer.length : newline;
      const comma = buffer.subarray(at, lineEnd).indexOf(COMMA);
      const fieldEnd = comma < 0 ? lineEnd : at + comma;
      if (fieldEnd - at > fieldBytes) {
        return { kind: 'unreadable', reason: `has field ${index} longer than ${kb(fieldBytes)}` };
      }
      if (comma >= 0) {
        fields.push(buffer.toString('utf8', at, fieldEnd));
        at = fieldEnd + 1;
        continue;
      }
      if (newline < 0 && !eof) return MORE;
      const textEnd = lineEnd > at && buffer[lineEnd - 1] === CR ? lineEnd - 1 : lineEnd;
      fields.push(buffer.toString('utf8', at, textEnd));
      return newline < 0 ? row(buffer.length, 0) : row(newline + 1, 1);
    }
  }
}

/** JSON Lines: one line a row (its JSON is parsed by the reader). */
export class LineSplitter extends Splitter {
  protected step(buffer: Buffer, start: number, line: number, eof: boolean): Step {
    const newline = buffer.indexOf(LF, start);
    if (newline < 0 && !eof) return MORE;
    const lineEnd = newline < 0 ? buffer.length : newline;
    const textEnd = lineEnd > start && buffer[lineEnd - 1] === CR ? lineEnd - 1 : lineEnd;
    const text = buffer.toString('utf8', start, textEnd);
    return {
      kind: 'row',
      piece: this.checked(buffer, start, textEnd, { line, text }),
      end: newline < 0 ? buffer.length : newline + 1,
      lines: 1,
    };
  }
}
