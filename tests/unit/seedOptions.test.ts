import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../seed/cliArgs';
import { DEFAULTS, resolveOptions, SIZE_PRESETS, SIZES } from '../../seed/options';
import { csvField, csvLine } from '../../seed/output/csv';

describe('resolveOptions', () => {
  it('scales people and rings up from demo to large', () => {
    const sizes = SIZES.map((size) => resolveOptions(size, 1));
    for (let i = 1; i < sizes.length; i += 1) {
      expect(sizes[i]?.people).toBeGreaterThan(sizes[i - 1]?.people ?? Infinity);
      expect(sizes[i]?.rings).toBeGreaterThan(sizes[i - 1]?.rings ?? Infinity);
    }
    expect(resolveOptions('demo', 1).people).toBe(DEFAULTS.people);
    expect(resolveOptions('medium', 1).people).toBe(SIZE_PRESETS.medium.people);
  });

  it('applies overrides and says which option is wrong', () => {
    expect(resolveOptions('demo', 5, { rings: 2, days: 14 })).toMatchObject({ rings: 2, days: 14 });
    expect(() => resolveOptions('demo', -1)).toThrow(/seed must be an integer/);
    expect(() => resolveOptions('demo', 1, { days: 3 })).toThrow(/days must be an integer from 7/);
    expect(() => resolveOptions('demo', 1, { reportRate: 1.5 })).toThrow(/reportRate/);
    expect(() => resolveOptions('demo', 1, { rings: 200 })).toThrow(/rings/);
    expect(() => resolveOptions('huge' as 'demo', 1)).toThrow(/size must be one of demo, small/);
    expect(() => resolveOptions('demo', 1, { start: '1 Oct' })).toThrow(/start must be a date/);
    expect(() => resolveOptions('demo', 1, { start: '2026-02-30' })).toThrow(/not a calendar date/);
  });
});

describe('parseCliArgs', () => {
  it('reads size, seed, output directory and overrides', () => {
    expect(
      parseCliArgs(['--size', 'small', '--seed', '7', '--out', '/tmp/x', '--rings', '3']),
    ).toEqual({ size: 'small', seed: 7, out: '/tmp/x', overrides: { rings: 3 } });
  });

  it('rejects what it cannot use with a message naming the argument', () => {
    expect(() => parseCliArgs(['--size', 'tiny', '--out', 'x'])).toThrow(/--size must be one of/);
    expect(() => parseCliArgs(['--seed', 'abc', '--out', 'x'])).toThrow(/--seed must be a whole/);
    expect(() => parseCliArgs(['--size', 'demo'])).toThrow(/--out <directory> is required/);
    expect(() => parseCliArgs(['--out', 'x', '--colour', 'red'])).toThrow(/colour/);
  });
});

describe('CSV encoding', () => {
  it('quotes only fields that need it and survives a round trip through a CSV parser', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    const row = {
      transfer_id: '1',
      from_bank: 'ICBC',
      from_account: '6222020200001234',
      to_bank: 'CMB',
      to_account: '6214830000001234',
      amount: '1500.00',
      currency: 'CNY',
      time: '2026-10-01T09:00:00+08:00',
      channel: 'mobile',
      reference: '还款, "急"\n第二行',
    };
    const [parsed] = parse<Record<string, string>>(
      'transfer_id,from_bank,from_account,to_bank,to_account,amount,currency,time,channel,reference\n' +
        csvLine('bank-transfers', row),
      { columns: true },
    );
    expect(parsed).toEqual(row);
  });
});
