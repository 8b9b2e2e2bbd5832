import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config';
import { RingtraceError } from '../../server/errors';
import { loadFile, type LoadOptions } from '../../server/ingest/loader';
import { fixtureQueries, graphCounts, useTestDatabase } from './support/testDatabase';

const db = useTestDatabase();
const FIXTURES = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'ingest');
const fixture = (name: string) => path.join(FIXTURES, name);

function options(kind: LoadOptions['kind'], extra: Partial<LoadOptions> = {}): LoadOptions {
  return {
    kind,
    organisation: 'ICBC',
    workDir: mkdtempSync(path.join(os.tmpdir(), 'ringtrace-ingest-')),
    ...extra,
  };
}

describe('loading bank transfers', () => {
  it('loads the good rows, rejects the bad ones with line and reason, and sums up', async () => {
    const summary = await loadFile(
      db.executor,
      fixture('transfers.csv'),
      options('bank-transfers'),
    );
    expect(summary).toMatchObject({ rowsRead: 12, loaded: 5, duplicates: 1, rejected: 6 });
    expect(summary.rejects).toEqual([
      { line: 7, reason: 'amount "-50.00" is negative' },
      { line: 8, reason: 'amount "lots" is not a number' },
      { line: 9, reason: 'time "yesterday" is not an ISO 8601 time' },
      { line: 10, reason: expect.stringMatching(/channel "pigeon" is not one of mobile/) },
      { line: 11, reason: 'from_account is missing' },
      { line: 12, reason: 'line has 8 fields, the header has 10' },
    ]);
    const rejectsFile = readFileSync(summary.rejectsFile ?? '', 'utf8')
      .trim()
      .split('\n');
    expect(rejectsFile[0]).toBe('line,reason,raw');
    expect(rejectsFile).toHaveLength(7);
    expect(rejectsFile[1]).toMatch(/^7,"amount ""-50.00"" is negative",/);

    const transfers = await db.executor.run(fixtureQueries.transfersInGraph, {});
    expect(transfers.map((transfer) => transfer.id)).toEqual([
      'ABC:T2',
      'ABC:T3',
      'CCB:T5',
      'ICBC:T1',
      'ICBC:T4',
    ]);
    expect(transfers.find((transfer) => transfer.id === 'CCB:T5')).toMatchObject({
      amountMinor: 120025,
      currency: 'CNY',
      time: '2026-10-03T13:40:00Z',
      timeOffset: '+00:00',
      sourceId: summary.sourceId,
      sourceLine: 6,
    });
    expect(transfers.find((transfer) => transfer.id === 'ICBC:T1')).toMatchObject({
      from: 'ICBC:6222020200001111',
      to: 'ABC:6228480000002222',
      time: '2026-10-03T13:15:00Z',
      timeOffset: '+08:00',
      amountMinor: 150000,
    });
    const aggregates = await db.executor.run(fixtureQueries.transferAggregates, {});
    expect(aggregates.find((row) => row.from === 'ICBC:6222020200001111')).toEqual({
      from: 'ICBC:6222020200001111',
      to: 'ABC:6228480000002222',
      currency: 'CNY',
      count: 2,
      totalMinor: 180000,
      first: '2026-10-03T13:15:00Z',
      last: '2026-10-04T01:00:00Z',
    });
  });

  it('changes nothing when the same file is loaded again', async () => {
    await loadFile(db.executor, fixture('transfers.csv'), options('bank-transfers'));
    const before = await graphCounts(db.executor);
    const aggregatesBefore = await db.executor.run(fixtureQueries.transferAggregates, {});
    const again = await loadFile(db.executor, fixture('transfers.csv'), options('bank-transfers'));
    expect(again).toMatchObject({ loaded: 0, duplicates: 6, rejected: 6 });
    expect(await graphCounts(db.executor)).toEqual(before);
    expect(await db.executor.run(fixtureQueries.transferAggregates, {})).toEqual(aggregatesBefore);
  });

  it('resumes an interrupted load after the last committed batch, without duplicates', async () => {
    const lines = ['transfer_id,from_bank,from_account,to_bank,to_account,amount,currency,time'];
    for (let index = 1; index <= 25; index += 1) {
      const minute = String(index).padStart(2, '0');
      lines.push(
        `R${index},ICBC,6222020200001111,ABC,6228480000002222,${index}.00,CNY,2026-10-05T10:${minute}:00+08:00`,
      );
    }
    lines.splice(
      8,
      0,
      'RX,ICBC,6222020200001111,ABC,6228480000002222,-1,CNY,2026-10-05T10:00:00+08:00',
    );
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ringtrace-resume-')), 'big.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const settings = options('bank-transfers', { batchSize: 10 });

    const first = await loadFile(db.executor, file, { ...settings, stopAfterBatches: 1 });
    expect(first).toMatchObject({ complete: false, loaded: 10, rejected: 1 });
    const second = await loadFile(db.executor, file, settings);
    expect(second).toMatchObject({
      complete: true,
      resumedAfterLine: 12,
      rowsRead: 26,
      loaded: 25,
      duplicates: 0,
      rejected: 1,
    });
    expect(
      readFileSync(second.rejectsFile ?? '', 'utf8')
        .trim()
        .split('\n'),
    ).toHaveLength(2);
    // The row the interrupted load rejected still counts by its reason.
    expect(second.rejectReasons).toEqual([
      { reason: expect.stringMatching(/^amount "…"/), rows: 1 },
    ]);
    const [aggregate] = await db.executor.run(fixtureQueries.transferAggregates, {});
    expect(aggregate).toMatchObject({ count: 25, totalMinor: 32500 });
  });

  it('refuses a file that is not what it claims, loading nothing', async () => {
    const wrongKind = loadFile(db.executor, fixture('cdr.csv'), options('bank-transfers'));
    await expect(wrongKind).rejects.toBeInstanceOf(RingtraceError);
    await expect(wrongKind).rejects.toThrow(/lacks the bank-transfers column\(s\) transfer_id/);
    const binary = loadFile(db.executor, fixture('binary.csv'), options('bank-transfers'));
    await expect(binary).rejects.toThrow(/binary file/);
    expect((await graphCounts(db.executor)).labels).toEqual({});
  });
});

describe('loading telecom records', () => {
  it('normalises numbers, checks IMEIs, links calls to SIM and handset, aggregates CALLED', async () => {
    const summary = await loadFile(
      db.executor,
      fixture('cdr.csv'),
      options('telecom-cdr', { organisation: 'CMCC' }),
    );
    expect(summary).toMatchObject({ rowsRead: 6, loaded: 3, rejected: 3 });
    expect(summary.rejects.map((reject) => reject.reason)).toEqual([
      '"12345" is not a valid phone number',
      'IMEI "490154203237519" fails its check digit',
      'duration_s "ten" is not a whole number',
    ]);
    const caller = await db.executor.run(fixtureQueries.linksOf, { id: '+8613800138000' });
    const called = caller.filter((link) => link.type === 'CALLED');
    expect(called.map((link) => [link.other, link.props.count, link.props.totalSeconds])).toEqual([
      ['+8613912345678', 2, 357],
      ['+8615012345678', 1, 0],
    ]);
    const device = await db.executor.run(fixtureQueries.linksOf, { id: '490154203237518' });
    expect(device.filter((link) => link.type === 'SEEN_IN').map((link) => link.other)).toEqual([
      '460001234567890',
      '460001234567891',
    ]);
    const node = await db.executor.first(fixtureQueries.nodeById, { id: '490154203237518' });
    expect(node?.props).toMatchObject({ tac: '49015420' });
  });

  it('loads SIM sightings from JSON Lines: a handset cycling SIMs, and their numbers', async () => {
    const summary = await loadFile(
      db.executor,
      fixture('sightings.jsonl'),
      options('telecom-sightings', { organisation: 'CMCC' }),
    );
    expect(summary).toMatchObject({ loaded: 4, rejected: 2 });
    expect(summary.rejects).toEqual([
      { line: 5, reason: 'line is not valid JSON' },
      { line: 6, reason: 'IMSI "46000" must have 14 or 15 digits' },
    ]);
    const sims = (await db.executor.run(fixtureQueries.linksOf, { id: '490154203237518' })).filter(
      (link) => link.type === 'SEEN_IN',
    );
    expect(sims.map((link) => [link.other, link.props.count])).toEqual([
      ['460001234567890', 2],
      ['460001234567891', 1],
      ['460001234567892', 1],
    ]);
    const numbers = (
      await db.executor.run(fixtureQueries.linksOf, { id: '460001234567890' })
    ).filter((link) => link.type === 'HAS_NUMBER');
    expect(numbers.map((link) => link.other)).toEqual(['+8613800138000']);
  });
});

describe('loading bank accounts, platforms and reports', () => {
  it('links holders to accounts with provenance, and rejects a name without an id', async () => {
    const summary = await loadFile(
      db.executor,
      fixture('bank-accounts.csv'),
      options('bank-accounts'),
    );
    expect(summary).toMatchObject({ loaded: 4, rejected: 1 });
    const holder = await db.executor.run(fixtureQueries.linksOf, { id: '110101200002024321' });
    expect(holder.map((link) => [link.type, link.other, link.props.sourceLine])).toEqual([
      ['HOLDS', 'ABC:6228480000002222', 3],
      ['HOLDS', 'CCB:6217000000003333', 4],
    ]);
    expect(holder[0]?.props.sourceId).toBe(summary.sourceId);
  });

  it('links holders to the mobile number their bank registered, and rejects one without an id', async () => {
    const summary = await loadFile(
      db.executor,
      fixture('bank-accounts-phones.csv'),
      options('bank-accounts'),
    );
    expect(summary).toMatchObject({ loaded: 3, rejected: 2 });
    expect(summary.rejects).toEqual([
      { line: 3, reason: 'holder_phone is given without holder_id' },
      { line: 5, reason: expect.stringMatching(/"12345" is not a valid phone number/) },
    ]);
    const uses = async (person: string) =>
      (await db.executor.run(fixtureQueries.linksOf, { id: person }))
        .filter((link) => link.type === 'USES_NUMBER')
        .map((link) => [link.other, link.props.sourceId, link.props.sourceLine]);
    expect(await uses('110101199001011234')).toEqual([['+8613912345678', summary.sourceId, 2]]);
    // Two accounts of one holder with the number written two ways: one link, from the first row.
    expect(await uses('110101198505051111')).toEqual([['+8615012345678', summary.sourceId, 4]]);
    const number = await db.executor.first(fixtureQueries.nodeById, { id: '+8615012345678' });
    expect(number?.props).toMatchObject({ raw: '0086-150-1234-5678' });
    // The row without a holder loads nothing: not the account, not the number.
    expect(
      await db.executor.first(fixtureQueries.nodeById, { id: '+8613800138000' }),
    ).toBeUndefined();
  });

  it('links platform accounts to the handset and address they were opened from', async () => {
    const accounts = await loadFile(
      db.executor,
      fixture('platform-accounts.csv'),
      options('platform-accounts', { organisation: 'wechat' }),
    );
    expect(accounts).toMatchObject({ loaded: 3, rejected: 1 });
    expect(accounts.rejects[0]?.reason).toBe('"999.1.1.1" is not an IP address');
    const logins = await loadFile(
      db.executor,
      fixture('platform-logins.csv'),
      options('platform-logins', { organisation: 'wechat' }),
    );
    expect(logins).toMatchObject({ loaded: 3, rejected: 0 });
    const messages = await loadFile(
      db.executor,
      fixture('platform-messages.csv'),
      options('platform-messages', { organisation: 'wechat' }),
    );
    expect(messages).toMatchObject({ loaded: 2, rejected: 1 });

    const device = await db.executor.run(fixtureQueries.linksOf, { id: '490154203237518' });
    expect(
      device.filter((link) => link.type === 'REGISTERED_FROM').map((link) => link.other),
    ).toEqual(['wechat:safe_officer_01', 'wechat:safe_officer_02']);
    const officer = await db.executor.run(fixtureQueries.linksOf, { id: 'wechat:safe_officer_01' });
    expect(officer.find((link) => link.type === 'USED_DEVICE')?.props.count).toBe(2);
    expect(officer.find((link) => link.type === 'MESSAGED')?.props.count).toBe(2);
  });

  it('loads victim reports with their station and everything the victim names', async () => {
    const summary = await loadFile(
      db.executor,
      fixture('reports.csv'),
      options('police-reports', { organisation: 'police' }),
    );
    expect(summary).toMatchObject({ loaded: 2, rejected: 1 });
    expect(summary.rejects[0]?.reason).toMatch(/scam_type "alien_abduction" is not one of/);
    const scamNumber = await db.executor.run(fixtureQueries.linksOf, { id: '+8613800138000' });
    expect(scamNumber.filter((link) => link.type === 'NAMES').map((link) => link.other)).toEqual([
      'A2026-001',
      'A2026-002',
    ]);
    const mule = await db.executor.run(fixtureQueries.linksOf, { id: 'ABC:6228480000002222' });
    expect(mule.filter((link) => link.type === 'NAMES')).toHaveLength(2);
    const firstCase = await db.executor.run(fixtureQueries.linksOf, { id: 'A2026-001' });
    expect(firstCase.map((link) => [link.type, link.other])).toEqual(
      expect.arrayContaining([
        ['REPORTED_AT', 'ST-CHAOYANG'],
        ['REPORTED', '110101199001011234'],
        ['NAMES', 'wechat:safe_officer_01'],
      ]),
    );
    const victim = await db.executor.first(fixtureQueries.nodeById, { id: '110101199001011234' });
    expect(victim?.labels.sort()).toEqual(['Person', 'Victim']);
    const theCase = await db.executor.first(fixtureQueries.nodeById, { id: 'A2026-001' });
    expect(theCase?.props).toMatchObject({ lossMinor: 180000, scamType: 'fake_police' });
  });
});
