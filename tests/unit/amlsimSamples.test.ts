/**
 * AMLSim samples bench:detection finds by itself: files told apart by their header rows, in the
 * published samples' format or AMLSim's output format, and the truth read from the output's own
 * alert columns (suspicious alerts only, typologies from the alerts file, the organiser as leader).
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { amlsimOutput, writeAmlsimOutput } from '../../seed/typologies/amlsimOutput';
import {
  findAmlsimSample,
  headerKind,
  outputTruth,
  patternLeader,
  sampleFolders,
  typologyName,
} from '../bench/detection/amlsimSamples';
import { tinyWorld } from './tinyPlantedWorld';

const acct = (id: string) => `BankAccount:AMLSIM:${id}`;

const folders: string[] = [];
function tempFolder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ringtrace-amlsim-'));
  folders.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe('AMLSim files by their header', () => {
  it('tells each kind of file from its columns, whatever the case and byte-order mark', () => {
    expect(headerKind('nodeid,isFraud,init_balance,fraudStep')).toBe('nodes');
    expect(headerKind('sourceNodeId,targetNodeId,value,time')).toBe('edges');
    expect(headerKind('\uFEFFACCT_ID,DSPLY_NM,TYPE')).toBe('accounts');
    expect(headerKind('tran_id,orig_acct,bene_acct,tx_type,base_amt,tran_timestamp')).toBe(
      'transactions',
    );
    expect(headerKind('alert_id,alert_type,is_sar,tran_id,orig_acct,bene_acct')).toBe('alerts');
    expect(headerKind('from,to,amount')).toBeNull();
  });

  it('finds a sample in either format, and samples one folder down', async () => {
    const root = tempFolder();
    const output = path.join(root, 'run-a', 'output');
    await writeAmlsimOutput(tinyWorld(), output);
    const samples = path.join(root, 'run-b');
    mkdirSync(samples);
    writeFileSync(path.join(samples, 'a.csv'), 'nodeid,isFraud,init_balance,fraudStep\n1,0,1,0\n');
    writeFileSync(path.join(samples, 'b.csv'), 'sourceNodeId,targetNodeId,value,time\n');
    mkdirSync(path.join(root, 'notes'));
    writeFileSync(path.join(root, 'notes', 'x.csv'), 'from,to\n');

    expect(findAmlsimSample(output)).toEqual({
      format: 'output',
      accounts: path.join(output, 'accounts.csv'),
      transactions: path.join(output, 'transactions.csv'),
      alerts: path.join(output, 'alert_transactions.csv'),
    });
    expect(findAmlsimSample(samples)?.format).toBe('samples');
    expect(findAmlsimSample(path.join(root, 'notes'))).toBeNull();
    expect(sampleFolders(root)).toEqual([output, samples]);
  });
});

describe("the truth of AMLSim's output", () => {
  it('makes each suspicious alert a ring with its typology and organiser', () => {
    const files = amlsimOutput(tinyWorld());
    const truth = outputTruth(files.accounts, files.transactions, files.alertTransactions);
    expect(truth.rings).toEqual([
      {
        id: 'alert 0',
        typology: 'fan_in',
        entities: ['2', '1', '3', '4'].map(acct),
        leaders: [acct('1')],
      },
      { id: 'alert 1', typology: 'cycle', entities: ['5', '6', '7'].map(acct), leaders: [] },
    ]);
    expect(truth.positives).toEqual(['1', '2', '3', '4', '5', '6', '7'].map(acct));
  });

  it('writes a step a day, as the converter does', () => {
    const lines = amlsimOutput(tinyWorld()).transactions.split('\n');
    expect(lines[1]).toBe('0,2,1,TRANSFER,150.00,2017-01-04T00:00:00Z,True,0');
    expect(lines[7]).toBe('6,8,9,TRANSFER,150.00,2017-01-10T00:00:00Z,False,-1');
  });

  it('leaves out alerts that are not suspicious, and names unknown typologies so', () => {
    const accounts = 'acct_id,dsply_nm\n1,a\n2,b\n3,c\n4,d\n';
    const transactions = [
      'tran_id,orig_acct,bene_acct,tx_type,base_amt,tran_timestamp,is_sar,alert_id',
      '1,2,1,TRANSFER,10,2017-01-01T00:00:00Z,true,7',
      '2,3,1,TRANSFER,10,2017-01-01T00:00:00Z,true,7',
      '3,4,3,TRANSFER,10,2017-01-01T00:00:00Z,false,8',
      '4,4,2,TRANSFER,10,2017-01-01T00:00:00Z,false,-1',
    ].join('\n');
    const truth = outputTruth(accounts, transactions, null);
    expect(truth.rings).toEqual([
      { id: 'alert 7', typology: 'unknown', entities: ['2', '1', '3'].map(acct), leaders: [] },
    ]);
    // Without an is_sar column on the accounts, the rings' accounts are the positives.
    expect(truth.positives).toEqual(['2', '1', '3'].map(acct));
  });

  it("names AMLSim's typologies however they are spelt", () => {
    expect(typologyName('Fan-In')).toBe('fan_in');
    expect(typologyName('fanout')).toBe('fan_out');
    expect(typologyName('scatter_gather')).toBe('scatter_gather');
    expect(typologyName('GatherScatter')).toBe('gather_scatter');
    expect(typologyName(undefined)).toBe('unknown');
  });

  it('leads a scatter-gather by its origin, a gather-scatter by its hub, a cycle by nobody', () => {
    const scatterGather: [string, string][] = [
      ['o', 'a'],
      ['o', 'b'],
      ['a', 'z'],
      ['b', 'z'],
    ];
    expect(patternLeader('scatter_gather', scatterGather)).toBe('o');
    const gatherScatter: [string, string][] = [
      ['a', 'h'],
      ['b', 'h'],
      ['h', 'c'],
      ['h', 'd'],
    ];
    expect(patternLeader('gather_scatter', gatherScatter)).toBe('h');
    expect(patternLeader('fan_in', scatterGather)).toBeNull();
    expect(patternLeader('cycle', gatherScatter)).toBeNull();
  });
});
