/**
 * AMLSim samples bench:detection finds by itself: files told apart by their header rows, in the
 * published samples' format, AMLSim's output format, its earlier output or its simulator's
 * transaction log, and the truth read from the output's own
 * alert columns (suspicious alerts only, typologies from the alerts file, the organiser as leader).
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { amlsimOutput, writeAmlsimOutput } from '../../seed/typologies/amlsimOutput';
import {
  LEGACY_ACCOUNT_HEADER,
  LEGACY_ALERT_HEADER,
  LEGACY_TRANSACTION_HEADER,
  amlsimLegacy,
  pythonAmount,
  writeAmlsimLegacy,
} from '../../seed/typologies/amlsimLegacy';
import { AMLGENTEX_TX_LOG_HEADER, amlgentexTxLog } from '../../seed/typologies/amlgentexTxLog';
import { TX_LOG_HEADER, amlsimTxLog, writeAmlsimTxLog } from '../../seed/typologies/amlsimTxLog';
import {
  findAmlsimSample,
  headerKind,
  legacyTruth,
  outputTruth,
  patternLeader,
  sampleFolders,
  txlogTruth,
  typologyName,
} from '../bench/detection/amlsimSamples';
import { tinyWorld } from './tinyPlantedWorld';

const acct = (id: string) => `BankAccount:AMLSIM:${id}`;

/** The tiny world's patterns as true rings: its fan-in led by its collector, and its cycle. */
const TINY_RINGS = [
  {
    id: 'alert 0',
    typology: 'fan_in',
    entities: ['2', '1', '3', '4'].map(acct),
    leaders: [acct('1')],
  },
  { id: 'alert 1', typology: 'cycle', entities: ['5', '6', '7'].map(acct), leaders: [] },
];

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
    expect(truth.rings).toEqual(TINY_RINGS);
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

describe("AMLSim's earlier output", () => {
  it('tells its files from their headers and finds the sample by them', async () => {
    expect(headerKind(LEGACY_ACCOUNT_HEADER)).toBe('legacy-accounts');
    expect(headerKind(LEGACY_TRANSACTION_HEADER)).toBe('legacy-transactions');
    expect(headerKind(LEGACY_ALERT_HEADER)).toBe('legacy-alerts');
    const dir = tempFolder();
    await writeAmlsimLegacy(tinyWorld(), dir);
    expect(findAmlsimSample(dir)).toEqual({
      format: 'legacy',
      accounts: path.join(dir, 'accounts.csv'),
      transactions: path.join(dir, 'tx.csv'),
      alerts: path.join(dir, 'alerts.csv'),
    });
  });

  it('writes steps, amounts and alerts as AMLSim wrote them', () => {
    const files = amlsimLegacy(tinyWorld());
    expect(files.transactions.split('\n')[1]).toBe('0,2,1,WIRE,1,150.0,3,3');
    expect(files.accounts.split('\n')[1]).toBe('1,C_1,100.00,1,10,US,I,False,true,0');
    expect(files.accounts.split('\n')[8]).toBe('8,C_8,100.00,1,10,US,I,False,false,0');
    // The fan-in's last payment is at step 5, 2017-01-06; each of its accounts is alerted.
    expect(files.alerts.split('\n').slice(1, 3)).toEqual([
      '0,0,1,C_1,20170106,fan_in,INDIVIDUAL,YES',
      '1,0,2,C_2,20170106,fan_in,INDIVIDUAL,YES',
    ]);
    expect(pythonAmount(12_505)).toBe('125.05');
    expect(pythonAmount(1_117)).toBe('11.17');
  });

  it("takes the accounts flagged isFraud as the truth, else the alerts' accounts, and no rings", () => {
    const files = amlsimLegacy(tinyWorld());
    const truth = legacyTruth(files.accounts, files.alerts);
    expect(truth.rings).toBeNull();
    expect(truth.positives).toEqual(['1', '2', '3', '4', '5', '6', '7'].map(acct));
    const alertsOnly = legacyTruth(null, `${LEGACY_ALERT_HEADER}\n0,1,25,25,20170218,cycle\n`);
    expect(alertsOnly.positives).toEqual([acct('25')]);
  });
});

describe("AMLSim's transaction log", () => {
  it('is found alone in a folder, by its header', async () => {
    expect(headerKind(TX_LOG_HEADER)).toBe('txlog');
    const dir = tempFolder();
    await writeAmlsimTxLog(tinyWorld(), dir);
    expect(findAmlsimSample(dir)).toEqual({
      format: 'txlog',
      accounts: null,
      transactions: path.join(dir, 'tx_log.csv'),
      alerts: null,
    });
  });

  it('logs each payment in time order with balances, and its alert where it has one', () => {
    const lines = amlsimTxLog(tinyWorld()).split('\n');
    expect(lines[0]).toBe(TX_LOG_HEADER);
    expect(lines[1]).toBe('3,TRANSFER,150.00,2,100.00,-50.00,1,100.00,250.00,1,0');
    expect(lines[8]).toBe('10,TRANSFER,150.00,9,250.00,100.00,2,-50.00,100.00,0,-1');
  });

  it('makes each suspicious alert a ring and the accounts of suspicious payments the positives', () => {
    const truth = txlogTruth(amlsimTxLog(tinyWorld()));
    expect(truth.rings).toEqual([
      { id: 'alert 0', typology: 'unknown', entities: ['2', '1', '3', '4'].map(acct), leaders: [] },
      { id: 'alert 1', typology: 'unknown', entities: ['5', '6', '7'].map(acct), leaders: [] },
    ]);
    expect(truth.positives).toEqual(['2', '1', '3', '4', '5', '6', '7'].map(acct));
    // PaySim's logs flag fraud per payment and name no alerts: positives, no rings.
    const paysim = [
      'step,type,amount,nameOrig,oldbalanceOrg,newbalanceOrig,nameDest,oldbalanceDest,' +
        'newbalanceDest,isFraud,isFlaggedFraud',
      '1,TRANSFER,181.00,C1,181.00,0.00,C2,0.00,0.00,1,0',
      '1,PAYMENT,9.64,C3,170.00,160.36,M4,0.00,0.00,0,0',
    ].join('\n');
    expect(txlogTruth(paysim)).toEqual({
      rings: null,
      roleClasses: [],
      positives: ['C1', 'C2'].map(acct),
    });
  });
});

describe("AMLGentex's transaction log", () => {
  it('logs opening balances, incomes and expenses outside the bank, and typologies by number', () => {
    const world = tinyWorld();
    world.transfers.push({ from: '8', to: '9', cents: 9_000, step: 30 });
    const lines = amlgentexTxLog(world).trim().split('\n');
    expect(headerKind(lines[0]!)).toBe('txlog');
    expect(lines[0]).toBe(AMLGENTEX_TX_LOG_HEADER);
    expect(lines[1]).toMatch(
      /^0,INITALBALANCE,100\.00,-2,1,source,bank_\d,0,0,0\.00,0\.00,0,0,0\.00,100\.00,0,-1,0$/,
    );
    // The fan-in's first payment: suspicious, pattern 0, AMLGentex's fan-in (2).
    expect(lines[10]).toMatch(
      /^3,TRANSFER,150\.00,2,1,bank_\d,bank_\d,3,0,100\.00,-50\.00,3,0,100\.00,250\.00,1,0,2$/,
    );
    const outside = lines.filter((line) => /^\d+,\w+,[\d.]+,(-2,\d+|\d+,-1),/.test(line));
    expect(outside).toHaveLength(9 * 3);
  });

  it('reads rings with their typology and leader, and never the source or sink as a positive', () => {
    const truth = txlogTruth(amlgentexTxLog(tinyWorld()));
    expect(truth.rings).toEqual(TINY_RINGS);
    expect(truth.positives).toEqual(['2', '1', '3', '4', '5', '6', '7'].map(acct));
    const sinkFlagged = `${AMLGENTEX_TX_LOG_HEADER}\n5,TRANSFER,10.00,3,-1,b,sink,0,0,0,0,0,0,0,0,1,4,1\n`;
    expect(txlogTruth(sinkFlagged).positives).toEqual([]);
  });
});
