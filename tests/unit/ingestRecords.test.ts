import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ByteCounter, inspectFile, readRows } from '../../server/ingest/reader';
import {
  CsvSplitter,
  LineSplitter,
  READ_LIMITS,
  rawText,
  type Piece,
} from '../../server/ingest/records';

const SMALL = { ...READ_LIMITS, fieldBytes: 16, rowBytes: 64 };

/** All pieces of `bytes`, pushed in chunks of `size` bytes. */
function split(
  bytes: Buffer | string,
  size = 65_536,
  make: () => CsvSplitter | LineSplitter = () => new CsvSplitter(SMALL),
): Piece[] {
  const data = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  const splitter = make();
  const out: Piece[] = [];
  for (let at = 0; at < data.length; at += size)
    out.push(...splitter.push(data.subarray(at, at + size)));
  out.push(...splitter.end());
  return out;
}

/** The same pieces whatever the chunk size, down to one byte at a time. */
function splitEverywhere(
  bytes: Buffer | string,
  make: () => CsvSplitter | LineSplitter = () => new CsvSplitter(SMALL),
) {
  const whole = split(bytes, 65_536, make);
  for (const size of [1, 2, 3, 5, 7, 13]) expect(split(bytes, size, make)).toEqual(whole);
  return whole;
}

describe('splitting CSV', () => {
  it('reads quoted fields over lines, escaped quotes, CRLF, a BOM and empty lines', () => {
    const text = '\uFEFFa,b\r\n1,"two\nlines, ""q"""\r\n\r\n3,\n"",x';
    expect(splitEverywhere(text, () => new CsvSplitter())).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', 'two\nlines, "q"'] },
      { line: 5, fields: ['3', ''] },
      { line: 6, fields: ['', 'x'] },
    ]);
  });

  it('rejects a row whose quote never closes, and reads on from the next line', () => {
    const text = 'a,b\n1,"open\n2,x\n3,y\n';
    expect(splitEverywhere(text)).toEqual([
      { line: 1, fields: ['a', 'b'] },
      {
        line: 2,
        error: 'opens a quote in field 2 that is not closed by the end of the file',
        raw: '1,"open',
      },
      { line: 3, fields: ['2', 'x'] },
      { line: 4, fields: ['3', 'y'] },
    ]);
    const long = `a,b\n1,"open\n${'2,x\n'.repeat(20)}`;
    const pieces = splitEverywhere(long);
    expect(pieces[1]).toMatchObject({
      line: 2,
      error: 'has field 2 longer than 16 bytes, or a quote in it not closed',
    });
    expect(pieces.slice(2)).toHaveLength(20);
    expect(pieces.at(-1)).toEqual({ line: 22, fields: ['2', 'x'] });
  });

  it('rejects a field or row over the limits without keeping it, and reads on', () => {
    const text = `a,b\n1,${'x'.repeat(1_000)}\n2,"${'y'.repeat(20)}"\n3,z\n${'1,'.repeat(40)}\n4,w`;
    expect(splitEverywhere(text).map((piece) => ('error' in piece ? piece.error : piece))).toEqual([
      { line: 1, fields: ['a', 'b'] },
      'has field 2 longer than 16 bytes',
      'has field 2 longer than 16 bytes, or a quote in it not closed',
      { line: 4, fields: ['3', 'z'] },
      'is longer than 64 bytes',
      { line: 6, fields: ['4', 'w'] },
    ]);
  });

  it('rejects text after a closing quote, a NUL byte and bytes that are not UTF-8', () => {
    const gbk = Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]); // 张三 in GBK
    const bytes = Buffer.concat([
      Buffer.from('a,b\n1,"x"y\n2,'),
      gbk,
      Buffer.from('\n3,\u5f20\u4e09\n4,a\0b\n'),
    ]);
    expect(splitEverywhere(bytes)).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, error: 'has text after the closing quote of field 2', raw: '1,"x"y' },
      {
        line: 3,
        error: 'is not UTF-8 text (is the file in another encoding, such as GBK?)',
        raw: '2,\\xd5\\xc5\\xc8\\xfd',
      },
      { line: 4, fields: ['3', '张三'] },
      { line: 5, error: 'holds a NUL byte', raw: '4,a\\x00b' },
    ]);
  });
});

describe('splitting JSON Lines', () => {
  it('reads lines, and skips a line over the limit without keeping it', () => {
    const text = `{"a":1}\r\n${'{"b":"'.padEnd(200, 'x')}"}\n\n{"c":2}`;
    const pieces = splitEverywhere(text, () => new LineSplitter(SMALL));
    expect(pieces).toEqual([
      { line: 1, text: '{"a":1}' },
      { line: 2, error: 'is longer than 64 bytes', raw: expect.stringMatching(/^\{"b":"x+/) },
      { line: 4, text: '{"c":2}' },
    ]);
  });
});

describe('raw text of a rejected row', () => {
  it('keeps valid text and shows other bytes as \\xNN, cut at the limit', () => {
    expect(rawText(Buffer.from([0x61, 0xff, 0xe5, 0xbc, 0xa0]))).toBe('a\\xff张');
    expect(rawText(Buffer.from('abcdef'), 3)).toBe('abc … (6 bytes)');
  });
});

describe('reading a CSV file', () => {
  it('refuses a file whose header row cannot be read, before any row', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-records-'));
    const file = path.join(dir, 'broken.csv');
    writeFileSync(file, 'transfer_id,"amount\n1,2\n');
    const info = await inspectFile(file);
    const rows = async () => {
      for await (const row of readRows(info, new ByteCounter())) expect(row).toBeUndefined();
    };
    await expect(rows()).rejects.toThrow(
      /broken\.csv was refused: its header row cannot be read \(it opens a quote in field 2/,
    );
  });
});
