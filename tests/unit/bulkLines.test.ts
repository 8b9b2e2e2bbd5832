/**
 * The text formats of the bulk load: fields of the lines that go through `sort` survive any
 * value, and the import tool's CSV quotes strings and leaves missing values out.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvTables } from '../../server/ingest/bulk/csvTables';
import { KEY_SEPARATOR, decode, encode } from '../../server/ingest/bulk/lines';

describe('sort line fields', () => {
  it('round-trip any text, keep null apart from the text \\N, and hold no separator', () => {
    for (const value of [
      'plain',
      'a\tb',
      'two\nlines\r',
      'back\\slash',
      `x${KEY_SEPARATOR}y`,
      '\\N',
      '',
    ]) {
      const field = encode(value);
      expect(decode(field)).toBe(value);
      expect(field).not.toMatch(/[\t\n\r]/);
      expect(field.includes(KEY_SEPARATOR)).toBe(false);
    }
    expect(decode(encode(null))).toBeNull();
    expect(encode(42)).toBe('42');
  });
});

describe('import CSV tables', () => {
  it('quote strings, double quotes, leave missing values empty and note line breaks', async () => {
    const tables = new CsvTables(mkdtempSync(path.join(os.tmpdir(), 'ringtrace-csv-')));
    const table = tables.get('Transfer', () => ({
      kind: 'nodes',
      name: 'Transfer',
      header: ['id:ID(Transfer)', 'reference', 'amountMinor:long'],
      perRecord: false,
    }));
    table.push(['ICBC:T1', 'say "hi", twice', 1500]);
    table.push(['ICBC:T2', null, 0]);
    expect(tables.multiline).toBe(false);
    table.push(['ICBC:T3', 'two\nlines', undefined]);
    expect(tables.multiline).toBe(true);
    await tables.end();
    expect(readFileSync(table.file, 'utf8')).toBe(
      'id:ID(Transfer),reference,amountMinor:long\n' +
        '"ICBC:T1","say ""hi"", twice",1500\n' +
        '"ICBC:T2",,0\n' +
        '"ICBC:T3","two\nlines",\n',
    );
    expect(tables.importArguments()).toEqual([`--nodes=Transfer=${table.file}`]);
  });
});
