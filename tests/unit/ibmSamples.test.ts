/**
 * IBM's AMLworld data as bench:detection reads it: found in a folder by its header rows (the
 * smallest transactions file, with the accounts and patterns of its prefix), its truth from the
 * `Is Laundering` flags and the laundering attempts of `Patterns.txt`, and the writer that lays a
 * planted world out so.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ibmOutput, writeIbmOutput } from '../../seed/typologies/ibmOutput';
import {
  findAmlsimSample,
  headerKind,
  ibmAccount,
  ibmTruth,
} from '../bench/detection/amlsimSamples';
import { tinyWorld } from './tinyPlantedWorld';

const folders: string[] = [];
function tempFolder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ringtrace-ibm-'));
  folders.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe("IBM's AMLworld layout", () => {
  it('writes two Account columns, hourly yyyy/MM/dd HH:mm times and the laundering flag', () => {
    const lines = ibmOutput(tinyWorld()).transactions.split('\n');
    expect(lines[0]).toBe(
      'Timestamp,From Bank,Account,To Bank,Account,Amount Received,Receiving Currency,' +
        'Amount Paid,Payment Currency,Payment Format,Is Laundering',
    );
    expect(lines[1]).toMatch(
      /^2022\/09\/01 03:00,0\d\d,2,0\d\d,1,150\.00,US Dollar,150\.00,US Dollar,ACH,1$/,
    );
    expect(lines[6]).toMatch(/^2022\/09\/01 09:00,0\d\d,7,0\d\d,5,.*,1$/);
    expect(lines[7]).toMatch(/,8,0\d\d,9,.*,0$/);
  });

  it('is found by its headers, and its truth read back from the files', async () => {
    const dir = tempFolder();
    await writeIbmOutput(tinyWorld(), dir);
    const files = findAmlsimSample(dir);
    expect(files).toEqual({
      format: 'ibm',
      accounts: path.join(dir, 'accounts.csv'),
      transactions: path.join(dir, 'Trans.csv'),
      alerts: path.join(dir, 'Patterns.txt'),
    });

    const truth = ibmTruth(files!.transactions, files!.alerts);
    const bankOf = new Map(
      ibmOutput(tinyWorld())
        .accounts.split('\n')
        .slice(1, -1)
        .map((line) => [line.split(',')[2]!, line.split(',')[1]!]),
    );
    const acct = (id: string) => ibmAccount(bankOf.get(id)!, id);
    expect(truth.rings).toEqual([
      {
        id: 'attempt 1',
        typology: 'fan_in',
        entities: ['2', '1', '3', '4'].map(acct),
        leaders: [acct('1')],
      },
      { id: 'attempt 2', typology: 'cycle', entities: ['5', '6', '7'].map(acct), leaders: [] },
    ]);
    expect(truth.positives.sort()).toEqual(['1', '2', '3', '4', '5', '6', '7'].map(acct).sort());
    // The transactions write banks with leading zeros, the accounts without: one account id.
    expect(acct('8')).toMatch(/^BankAccount:IBM00000000\d\d:8$/);
  });

  it('takes the smallest transactions file of a folder, with the files of its prefix', () => {
    const dir = tempFolder();
    const header = ibmOutput(tinyWorld()).transactions.split('\n')[0]!;
    const row =
      '2022/09/01 00:20,010,8000EBD30,010,8000EBD30,1.00,US Dollar,1.00,US Dollar,ACH,0\n';
    writeFileSync(path.join(dir, 'HI-Large_Trans.csv'), `${header}\n${row.repeat(50)}`);
    writeFileSync(path.join(dir, 'HI-Small_Trans.csv'), `${header}\n${row}`);
    // Each set with its accounts and patterns (a patterns file may open with a blank line).
    for (const prefix of ['HI-Large', 'HI-Small']) {
      writeFileSync(
        path.join(dir, `${prefix}_accounts.csv`),
        'Bank Name,Bank ID,Account Number,Entity ID,Entity Name\n',
      );
      writeFileSync(
        path.join(dir, `${prefix}_Patterns.txt`),
        '\nBEGIN LAUNDERING ATTEMPT - STACK\n',
      );
    }
    expect(headerKind('Bank Name,Bank ID,Account Number,Entity ID,Entity Name')).toBe(
      'ibm-accounts',
    );
    expect(findAmlsimSample(dir)).toEqual({
      format: 'ibm',
      accounts: path.join(dir, 'HI-Small_accounts.csv'),
      transactions: path.join(dir, 'HI-Small_Trans.csv'),
      alerts: path.join(dir, 'HI-Small_Patterns.txt'),
    });
  });

  it('has no rings without a patterns file, only the flagged accounts', () => {
    const dir = tempFolder();
    const file = path.join(dir, 'Trans.csv');
    writeFileSync(
      file,
      'Timestamp,From Bank,Account,To Bank,Account,Amount Received,Receiving Currency,Amount Paid,Payment Currency,Payment Format,Is Laundering\n' +
        '2022/09/01 00:20,010,A1,20,B2,1.00,Euro,1.00,Euro,Wire,1\n' +
        '2022/09/01 00:21,010,A1,20,C3,1.00,Euro,1.00,Euro,Wire,0\r\n',
    );
    const truth = ibmTruth(file, null);
    expect(truth.rings).toBeNull();
    expect(truth.positives).toEqual([
      'BankAccount:IBM0000000010:A1',
      'BankAccount:IBM0000000020:B2',
    ]);
  });
});
