import { describe, expect, it } from 'vitest';
import {
  entityRows,
  linkCounts,
  linkRows,
  propertyName,
  timeText,
} from '../../client/src/workspace/details';

describe('the details panel', () => {
  it('shows what a detective reads of an account and folds the internal fields', () => {
    const rows = entityRows({
      type: 'BankAccount',
      id: 'ICBC:6222020000000001',
      labels: ['BankAccount'],
      properties: {
        id: 'ICBC:6222020000000001',
        bank: 'ICBC',
        number: '6222020000000001',
        openedAt: '2026-10-01T01:30:00Z',
        openedOffset: '+08:00',
        recordSourceId: 'ICBC:9f2c…',
        recordLine: 17,
      },
      context: {
        people: ['王秀英'],
        source: { organisation: 'ICBC', kind: 'bank-accounts', fileName: 'accounts-2026-10.csv' },
        links: [
          { relationship: 'SENT', outgoing: true, count: 14 },
          { relationship: 'TO', outgoing: false, count: 3 },
          { relationship: 'HOLDS', outgoing: false, count: 1 },
          { relationship: 'NAMES', outgoing: false, count: 1 },
        ],
      },
    });
    const facts = Object.fromEntries(rows.facts);
    expect(facts.Holder).toBe('王秀英');
    expect(facts.Bank).toBe('ICBC');
    expect(facts.Number).toBe('6222020000000001');
    expect(facts.Opened).toMatch(/^2026-10-01 /);
    expect(facts.Links).toBe(
      '14 transfers sent; 3 transfers received; 1 holder; named in 1 report',
    );
    expect(facts.Source).toBe('ICBC, bank-accounts file accounts-2026-10.csv');
    expect(rows.facts.map(([name]) => name)).not.toContain('recordSourceId');
    expect(rows.provenance).toEqual([
      ['openedOffset', '+08:00'],
      ['recordSourceId', 'ICBC:9f2c…'],
      ['recordLine', '17'],
    ]);
  });

  it('shows money from minor units and keeps the raw figure in the fold', () => {
    const rows = entityRows({
      type: 'Case',
      id: 'C-1',
      labels: ['Case'],
      properties: { id: 'C-1', lossMinor: 2906671, currency: 'CNY', scamType: 'investment' },
    });
    expect(rows.facts).toContainEqual(['Loss', '29,066.71 CNY']);
    expect(rows.facts).toContainEqual(['Scam type', 'investment']);
    expect(rows.provenance).toContainEqual(['lossMinor (minor units)', '2906671']);
  });

  it('gives a time in the investigator’s zone and the record’s own offset when it differs', () => {
    expect(timeText('2026-11-02T02:00:00Z', '+08:00', 'Asia/Shanghai')).toBe(
      '2026-11-02 10:00 (UTC+08:00)',
    );
    expect(timeText('2026-11-02T02:00:00Z', '+08:00', 'Europe/Berlin')).toBe(
      '2026-11-02 03:00 (UTC+01:00), recorded 2026-11-02 10:00:00 (UTC+08:00)',
    );
    expect(timeText('2026-11-02T02:00:00Z', undefined, 'Asia/Shanghai')).toBe(
      '2026-11-02 10:00 (UTC+08:00)',
    );
  });

  it('names a link’s ends by their labels and folds the source records', () => {
    const rows = linkRows(
      {
        id: 'e1',
        source: 'BankAccount:ICBC:1',
        target: 'BankAccount:BOC:2',
        type: 'TRANSFERRED',
        amountMinor: 100000,
        currency: 'CNY',
        count: 2,
        properties: { sourceId: 'ICBC:ab12', sourceLine: 4 },
      },
      (id) => (id === 'BankAccount:ICBC:1' ? 'ICBC …0001' : 'BOC …0002'),
    );
    expect(rows.facts).toEqual([
      ['Link', 'transferred'],
      ['From', 'ICBC …0001'],
      ['To', 'BOC …0002'],
      ['Amount', '1,000.00 CNY'],
      ['Count', '2'],
    ]);
    expect(rows.provenance).toContainEqual(['sourceId', 'ICBC:ab12']);
    expect(rows.provenance).toContainEqual(['amountMinor (minor units)', '100000']);
  });

  it('spells out property names and link counts it has no words for', () => {
    expect(propertyName('registeredAt')).toBe('Registered at');
    expect(propertyName('openedAt')).toBe('Opened');
    expect(linkCounts([{ relationship: 'FROM_IP', outgoing: true, count: 3 }])).toBe(
      'from ip (out): 3',
    );
  });
});
