/**
 * Mapping templates that pad an id, `{column:0N}`: pseudonymised subscriber ids of any length up
 * to N become fixed-width, valid phone numbers; an id that does not fit rejects its row with a
 * reason; a malformed template or a mapping for another kind is refused with a clear message.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config';
import { RingtraceError } from '../../server/errors';
import {
  applyMapping,
  loadMappingFile,
  mappedHeader,
  parseMapping,
} from '../../server/ingest/mapping';
import { checkHeader } from '../../server/ingest/loader';
import { normalisePhone, RowError } from '../../server/ingest/normalize';
import type { FileInfo } from '../../server/ingest/reader';

const subscribers = loadMappingFile(
  path.join(PROJECT_ROOT, 'tests', 'fixtures', 'ingest', 'cdr-subscribers.mapping.json'),
);

function callerNumber(caller: string): string {
  const row = applyMapping(subscribers, { id: 'P1', caller, callee: '7' }, 2);
  return normalisePhone(row.calling_number ?? '', 'CN');
}

describe('a template that zero-pads an id', () => {
  it('turns subscriber ids of any length up to the width into valid +86 138 numbers', () => {
    expect(callerNumber('123')).toBe('+8613800000123');
    expect(callerNumber('45678')).toBe('+8613800045678');
    expect(callerNumber('7')).toBe('+8613800000007');
    expect(callerNumber('98765432')).toBe('+8613898765432');
  });

  it('is what a bare prefix cannot do: ids of other lengths give invalid numbers', () => {
    const bare = parseMapping(
      { columns: { calling_number: { template: '+861380000{caller}' } } },
      'bare.json',
    );
    const number = (caller: string) => applyMapping(bare, { caller }, 2).calling_number ?? '';
    expect(() => normalisePhone(number('123'), 'CN')).toThrow(/not a valid phone number/);
    expect(() => normalisePhone(number('45678'), 'CN')).toThrow(/not a valid phone number/);
  });

  it('rejects the row of an id that does not fit, with the reason', () => {
    const reason = (caller: string) => {
      try {
        applyMapping(subscribers, { caller, callee: '7' }, 9);
      } catch (error) {
        expect(error).toBeInstanceOf(RowError);
        return (error as Error).message;
      }
      return 'no reject';
    };
    expect(reason('123456789')).toBe(
      'caller "123456789" has 9 digits, more than the 8 the mapping pads it to',
    );
    expect(reason('12a')).toBe(
      'caller "12a" is not all digits, so the mapping cannot pad it to 8 digits',
    );
    expect(reason('')).toBe('caller is missing');
  });

  it('reads the padded columns from the file, so a file without them is refused', () => {
    expect(mappedHeader(subscribers, ['id', 'caller', 'callee', 'start', 'seconds'])).toEqual(
      expect.arrayContaining(['calling_number', 'called_number', 'record_id']),
    );
    expect(() => mappedHeader(subscribers, ['id', 'start', 'seconds'])).toThrow(
      /does not have: caller, callee/,
    );
  });
});

describe('checking a mapping file', () => {
  const refusal = (value: unknown) => {
    try {
      parseMapping(value, 'mine.json');
    } catch (error) {
      expect(error).toBeInstanceOf(RingtraceError);
      return (error as Error).message;
    }
    return 'accepted';
  };

  it('refuses a template whose braces are not placeholders, saying how to write one', () => {
    expect(refusal({ columns: { calling_number: { template: '+86138{caller:8}' } } })).toBe(
      'Mapping mine.json: columns.calling_number.template: "{caller:8}" is not a placeholder: ' +
        "write {column} for a column's value, {line} for the line number, or {column:0N} for " +
        'the value zero-padded to N digits (e.g. {subscriber:08})',
    );
    expect(refusal({ columns: { record_id: { template: 'X-{id' } } })).toMatch(
      /columns\.record_id\.template: "\{id" is not a placeholder/,
    );
    expect(refusal({ columns: { record_id: { template: '{id:00}' } } })).toMatch(
      /"\{id:00\}" pads to 0 digits; the width must be 1 to 30/,
    );
  });

  it('refuses a column source of the wrong shape, listing the shapes', () => {
    expect(refusal({ columns: { amount: 7 } })).toMatch(
      /^Mapping mine\.json: columns\.amount: must be a column name/,
    );
  });

  it('refuses columns its kind does not have', () => {
    expect(
      refusal({ kind: 'telecom-cdr', columns: { calling_numbr: { template: '+86{a:08}' } } }),
    ).toMatch(/columns: calling_numbr is not a telecom-cdr column \(its columns: record_id, /);
  });

  it('is refused for a load of another kind, before anything loads', () => {
    const info: FileInfo = {
      path: '/data/calls.csv',
      name: 'calls.csv',
      hash: '0'.repeat(64),
      bytes: 100,
      format: 'csv',
      header: ['id', 'caller', 'callee', 'start', 'seconds'],
    };
    expect(() => checkHeader(info, 'telecom-cdr', subscribers)).not.toThrow();
    expect(() => checkHeader(info, 'telecom-sightings', subscribers)).toThrow(
      'calls.csv was refused: its mapping is for telecom-cdr files, and it is being loaded as ' +
        'telecom-sightings.',
    );
  });
});
