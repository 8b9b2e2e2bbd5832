/**
 * Mapping sources for files laid out other than Ringtrace's: a header that names a column twice
 * (read as `name`, `name.1`), placeholders naming columns with spaces, times in a fixed layout,
 * values translated by a table, and amounts rounded to their currency's minor unit.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config';
import {
  applyMapping,
  mappingByPathOrName,
  parseMapping,
  shippedMapping,
} from '../../server/ingest/mapping';
import { RowError, parseInstant, toMinorUnits } from '../../server/ingest/normalize';
import { uniqueHeader } from '../../server/ingest/reader';

function rejectReason(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(RowError);
    return (error as Error).message;
  }
  return 'no reject';
}

function refusal(columns: Record<string, unknown>): string {
  try {
    parseMapping({ columns }, 'm.json');
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
}

describe('a header that names a column twice', () => {
  it('reads the repeats as name.1, name.2, keeping every other name', () => {
    expect(
      uniqueHeader(['Timestamp', 'Account', 'To Bank', 'Account', 'Amount', 'Account']),
    ).toEqual(['Timestamp', 'Account', 'To Bank', 'Account.1', 'Amount', 'Account.2']);
    expect(uniqueHeader(['a', 'a', 'a.1'])).toEqual(['a', 'a.1', 'a.1.1']);
  });
});

describe('a template placeholder', () => {
  it('names a column with spaces or dots', () => {
    const mapping = parseMapping(
      {
        columns: {
          from_bank: { template: 'IBM{From Bank:06}' },
          to_account: { template: '{Account.1}' },
        },
      },
      'm.json',
    );
    expect(applyMapping(mapping, { 'From Bank': '70', 'Account.1': '80A' }, 2)).toMatchObject({
      from_bank: 'IBM000070',
      to_account: '80A',
    });
  });
});

describe('a time in a fixed layout', () => {
  const mapping = parseMapping(
    {
      columns: { time: { column: 'When', timeFormat: 'dd.MM.yyyy HH:mm' } },
      defaultOffset: '+08:00',
    },
    'm.json',
  );

  it('becomes an ISO time that takes the default offset', () => {
    const row = applyMapping(mapping, { When: '01.09.2022 21:05' }, 2);
    expect(row.time).toBe('2022-09-01T21:05:00');
    expect(parseInstant(row.time!, mapping.defaultOffset).utc).toBe('2022-09-01T13:05:00.000Z');
  });

  it('rejects a value in another layout, naming the layout', () => {
    expect(rejectReason(() => applyMapping(mapping, { When: '2022-09-01 21:05' }, 2))).toBe(
      'When "2022-09-01 21:05" is not a time written dd.MM.yyyy HH:mm',
    );
  });

  it('is checked before anything loads', () => {
    expect(refusal({ time: { column: 't', timeFormat: 'yyyy/MM/dd hh:mm' } })).toMatch(
      /columns\.time\.timeFormat: "h" is not a field: a layout is made of yyyy, MM, dd, HH, mm and ss/,
    );
    expect(refusal({ time: { column: 't', timeFormat: 'HH:mm' } })).toMatch(
      /it has no yyyy, MM, dd: a time needs its date/,
    );
    expect(refusal({ time: { column: 't', timeFormat: 'yyyy/MM/dd HH:mm' } })).toBe('accepted');
  });
});

describe('values translated by a table', () => {
  const mapping = parseMapping(
    {
      columns: {
        currency: { column: 'Payment Currency', values: { 'US Dollar': 'USD', Yen: 'JPY' } },
      },
    },
    'm.json',
  );

  it('gives the table value, and rejects a value the table lacks with the values it knows', () => {
    expect(applyMapping(mapping, { 'Payment Currency': ' Yen ' }, 2).currency).toBe('JPY');
    expect(rejectReason(() => applyMapping(mapping, { 'Payment Currency': 'Dinar' }, 2))).toBe(
      'Payment Currency "Dinar" is not one the mapping translates (US Dollar, Yen)',
    );
  });

  it('leaves an empty value empty, for the kind to call missing', () => {
    expect(applyMapping(mapping, { 'Payment Currency': '' }, 2).currency).toBe('');
  });
});

describe('amounts with more decimals than the currency has', () => {
  it('are rejected, or rounded half up to the minor unit where the mapping says so', () => {
    expect(rejectReason(() => toMinorUnits('1527.49', 'JPY'))).toBe(
      'amount "1527.49" has more decimals than JPY allows',
    );
    expect(toMinorUnits('1527.49', 'JPY', true)).toBe(1527);
    expect(toMinorUnits('1527.50', 'JPY', true)).toBe(1528);
    expect(toMinorUnits('12.999', 'USD', true)).toBe(1300);
    expect(toMinorUnits('12.30', 'USD', true)).toBe(1230);
  });

  it('are read in exponent notation only where the mapping rounds them', () => {
    expect(toMinorUnits('1.5E-4', 'BTC', true)).toBe(15_000);
    expect(toMinorUnits('2.5e3', 'USD', true)).toBe(250_000);
    expect(rejectReason(() => toMinorUnits('1.5E-4', 'BTC'))).toBe(
      'amount "1.5E-4" is not a number',
    );
  });

  it('keep bitcoin to the satoshi', () => {
    expect(toMinorUnits('0.00345', 'BTC')).toBe(345_000);
    expect(toMinorUnits('0.123456789', 'BTC', true)).toBe(12_345_679);
  });
});

describe('a mapping named on the command line', () => {
  it('is a file path or the name of a shipped mapping, and neither says what is shipped', () => {
    const file = path.join(
      PROJECT_ROOT,
      'tests',
      'fixtures',
      'ingest',
      'cdr-subscribers.mapping.json',
    );
    expect(mappingByPathOrName(file).kind).toBe('telecom-cdr');
    expect(mappingByPathOrName('ibm-aml-transactions')).toEqual(
      shippedMapping('ibm-aml-transactions'),
    );
    expect(() => mappingByPathOrName('ibm-aml')).toThrow(
      /There is no mapping file ibm-aml, nor a shipped mapping of that name \(shipped: .*ibm-aml-accounts, ibm-aml-transactions\)/,
    );
  });
});
