/**
 * Call records whose parties are pseudonymised subscriber ids of varying length load in full
 * through a mapping that pads the ids into +86 138 mobile numbers (`{caller:08}`), the example of
 * docs/data-formats.md. A simulator's log whose source and sink of outside money are the ids -2
 * and -1 loads its payments between accounts and rejects those rows, never making accounts 1
 * and 2 of them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config';
import { loadFile } from '../../server/ingest/loader';
import { loadMappingFile, shippedMapping } from '../../server/ingest/mapping';
import { amlgentexTxLog } from '../../seed/typologies/amlgentexTxLog';
import { tinyWorld } from '../unit/tinyPlantedWorld';
import { fixtureQueries, useTestDatabase } from './support/testDatabase';

const db = useTestDatabase();
const fixture = (name: string) => path.join(PROJECT_ROOT, 'tests', 'fixtures', 'ingest', name);

describe('a mapping that pads subscriber ids into phone numbers', () => {
  it('loads every row, each party a valid +86 138 number', async () => {
    const summary = await loadFile(db.executor, fixture('cdr-subscribers.csv'), {
      kind: 'telecom-cdr',
      organisation: 'CMCC',
      workDir: mkdtempSync(path.join(os.tmpdir(), 'ringtrace-subscribers-')),
      mapping: loadMappingFile(fixture('cdr-subscribers.mapping.json')),
    });
    expect(summary).toMatchObject({ rowsRead: 5, loaded: 5, duplicates: 0, rejected: 0 });

    const nodes = await db.executor.run(fixtureQueries.allNodes, {});
    const numbers = nodes
      .filter((node) => node.labels.includes('PhoneNumber'))
      .map(({ props }) => [props.id, props.raw])
      .sort();
    expect(numbers).toEqual([
      ['+8613800000005', '+8613800000005'],
      ['+8613800000007', '+8613800000007'],
      ['+8613800000042', '+8613800000042'],
      ['+8613800000123', '+8613800000123'],
      ['+8613800045678', '+8613800045678'],
      ['+8613812345678', '+8613812345678'],
      ['+8613898765432', '+8613898765432'],
    ]);
    const caller = await db.executor.run(fixtureQueries.linksOf, { id: '+8613800045678' });
    expect(
      caller.filter((link) => link.type === 'CALLED').map((link) => [link.other, link.outgoing]),
    ).toEqual(
      expect.arrayContaining([
        ['+8613800000007', true],
        ['+8613800000123', false],
      ]),
    );
  });
});

describe("a simulator's log with money from and to outside the bank", () => {
  it('loads the payments between accounts and rejects the rows of the source -2 and sink -1', async () => {
    const world = tinyWorld();
    // A payment in the second month, so that the log holds a month's incomes and expenses too.
    world.transfers.push({ from: '8', to: '9', cents: 9_000, step: 30 });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-amlgentex-'));
    const log = path.join(dir, 'tx_log.csv');
    writeFileSync(log, amlgentexTxLog(world));
    const summary = await loadFile(db.executor, log, {
      kind: 'bank-transfers',
      organisation: 'POLICE',
      workDir: dir,
      mapping: shippedMapping('amlsim-txlog-transactions'),
    });
    // 9 opening balances, 9 incomes and 9 expenses are money from or to outside the bank.
    expect(summary).toMatchObject({ rowsRead: 9 + 27, loaded: 9, duplicates: 0, rejected: 27 });
    expect(summary.rejects[0]).toEqual({
      line: 2,
      reason: expect.stringMatching(/account number "-2" starts with a minus/),
    });
    expect(summary.rejectReasons).toEqual([
      { reason: expect.stringMatching(/^account number "…" starts with a minus/), rows: 27 },
    ]);

    const nodes = await db.executor.run(fixtureQueries.allNodes, {});
    const accounts = nodes
      .filter((node) => node.labels.includes('BankAccount'))
      .map(({ props }) => String(props.id))
      .sort();
    expect(accounts).toEqual(
      ['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((n) => `AMLSIM:${n}`),
    );
    // Account 1 was paid by the fan-in's three payers and paid no one: no source, no sink.
    const links = await db.executor.run(fixtureQueries.linksOf, { id: 'AMLSIM:1' });
    const transferred = links.filter((link) => link.type === 'TRANSFERRED');
    expect(transferred.map((link) => [link.other, link.outgoing]).sort()).toEqual([
      ['AMLSIM:2', false],
      ['AMLSIM:3', false],
      ['AMLSIM:4', false],
    ]);
  });
});
