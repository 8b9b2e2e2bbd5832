/**
 * IBM's synthetic anti-money-laundering data loads through the shipped mappings
 * (`ibm-aml-transactions`, `ibm-aml-accounts`): its two columns both named `Account` are the payer
 * and the payee, its `yyyy/MM/dd HH:mm` times and currency names are read, yen with cents are
 * rounded to the yen, bitcoin keeps its satoshis, and a row the mapping cannot read is rejected
 * with its line and reason while the others load.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config';
import { loadFile } from '../../server/ingest/loader';
import { shippedMapping } from '../../server/ingest/mapping';
import { fixtureQueries, useTestDatabase } from './support/testDatabase';

const db = useTestDatabase();
const fixture = (name: string) => path.join(PROJECT_ROOT, 'tests', 'fixtures', 'ingest', name);

describe("IBM's AML transactions and accounts", () => {
  it('load with the payee from the second Account column, and the rows it cannot read rejected', async () => {
    const workDir = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-ibm-'));
    const transfers = await loadFile(db.executor, fixture('ibm-aml-trans.csv'), {
      kind: 'bank-transfers',
      organisation: 'IBM',
      workDir,
      mapping: shippedMapping('ibm-aml-transactions'),
    });
    expect(transfers).toMatchObject({ rowsRead: 7, loaded: 5, duplicates: 0, rejected: 2 });
    expect(transfers.rejects.map(({ line, reason }) => [line, reason])).toEqual([
      [7, expect.stringMatching(/^Payment Currency "Dinar" is not one the mapping translates/)],
      [8, 'Timestamp "2022-09-01T09:00:00Z" is not a time written yyyy/MM/dd HH:mm'],
    ]);

    const loaded = await db.executor.run(fixtureQueries.transfersInGraph, {});
    const byLine = loaded
      .map((t) => [t.sourceLine, t.from, t.to, t.amountMinor, t.currency, t.time])
      .sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(byLine).toEqual([
      [
        2,
        'IBM0000000010:8000EBD30',
        'IBM0000000010:8000EBD30',
        369734,
        'USD',
        '2022-09-01T00:20:00Z',
      ],
      [3, 'IBM0000003208:8000F4580', 'IBM0000000001:8000F5340', 1, 'USD', '2022-09-01T00:20:00Z'],
      [
        4,
        'IBM0000000010:8000EBD30',
        'IBM0000001120:8001A7FD0',
        1402,
        'USD',
        '2022-09-01T05:14:00Z',
      ],
      [
        5,
        'IBM0000001120:8001A7FD0',
        'IBM0000211050:80B2B5EB0',
        1527,
        'JPY',
        '2022-09-01T06:03:00Z',
      ],
      [
        6,
        'IBM0000211050:80B2B5EB0',
        'IBM0000000070:81A8C6C40',
        345000,
        'BTC',
        '2022-09-01T07:41:00Z',
      ],
    ]);

    const accounts = await loadFile(db.executor, fixture('ibm-aml-accounts.csv'), {
      kind: 'bank-accounts',
      organisation: 'IBM',
      workDir,
      mapping: shippedMapping('ibm-aml-accounts'),
    });
    expect(accounts).toMatchObject({ rowsRead: 3, loaded: 3, rejected: 0 });
    // One entity holding two accounts, in banks written 10 and 001120: the accounts the transfers
    // name (banks 010 and 1120), so the holder joins them.
    const holder = await db.executor.run(fixtureQueries.linksOf, { id: '800062530' });
    expect(holder.filter((link) => link.outgoing).map((link) => [link.label, link.other])).toEqual(
      expect.arrayContaining([
        ['BankAccount', 'IBM0000000010:8000EBD30'],
        ['BankAccount', 'IBM0000001120:8001A7FD0'],
      ]),
    );
  });
});
