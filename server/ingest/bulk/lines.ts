/**
 * Text written a line at a time to a stream (a file, or the input of `sort`), gathered into large
 * writes and paced by the stream's backpressure, and the escaping used for the lines that go
 * through `sort`: tab-separated fields, with tabs, line breaks, backslashes and the key separator
 * escaped, and `\N` for null.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';

const WRITE_CHUNK = 1 << 16;

export class LineWriter {
  readonly #stream: Writable;
  #parts: string[] = [];
  #size = 0;
  #blocked: Promise<unknown> | undefined;

  constructor(stream: Writable) {
    this.#stream = stream;
  }

  /** Adds text (one or more whole lines, each ending in `\n`). */
  push(text: string): void {
    this.#parts.push(text);
    this.#size += text.length;
    if (this.#size >= WRITE_CHUNK) this.#flush();
  }

  #flush(): void {
    if (this.#size === 0) return;
    const text = this.#parts.join('');
    this.#parts = [];
    this.#size = 0;
    if (!this.#stream.write(text) && !this.#blocked) {
      this.#blocked = once(this.#stream, 'drain').finally(() => {
        this.#blocked = undefined;
      });
    }
  }

  /** Resolves when the stream can take more (call it now and then from the producing loop). */
  async ready(): Promise<void> {
    await this.#blocked;
  }

  async end(): Promise<void> {
    this.#flush();
    await this.#blocked;
    const stream = this.#stream;
    await new Promise<void>((resolve, reject) => {
      stream.once('error', reject);
      stream.end(() => resolve());
    });
  }
}

/** Separates the parts of a composite sort key (type, start, end, extra). */
export const KEY_SEPARATOR = '\x1f';
// The key separator is a control character; built with `RegExp` to say so plainly.
const ESCAPED = `[\\t\\n\\r\\\\${KEY_SEPARATOR}]`;
const NEEDS_ESCAPE = new RegExp(ESCAPED);
const ESCAPE_ALL = new RegExp(ESCAPED, 'g');

/** A value as one field of a sort line. */
export function encode(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  const text = typeof value === 'string' ? value : String(value);
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(ESCAPE_ALL, (char) =>
    char === '\t'
      ? '\\t'
      : char === '\n'
        ? '\\n'
        : char === '\r'
          ? '\\r'
          : char === '\\'
            ? '\\\\'
            : '\\u',
  );
}

const DECODE: Readonly<Record<string, string>> = {
  t: '\t',
  n: '\n',
  r: '\r',
  '\\': '\\',
  u: KEY_SEPARATOR,
};

/** The value of a field written by `encode`. */
export function decode(field: string): string | null {
  if (field === '\\N') return null;
  if (!field.includes('\\')) return field;
  return field.replace(/\\(.)/g, (_match, char: string) => DECODE[char] ?? char);
}
