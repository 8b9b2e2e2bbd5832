import { describe, expect, it } from 'vitest';
import { TX_LOG_HEADER } from '../../seed/typologies/amlsimTxLog';
import { planTransfers, type TransferRow } from '../../server/ingest/kinds/bankTransfers';
import { planCalls, type CallRow } from '../../server/ingest/kinds/telecomCdr';
import { applyMapping, mappedHeader, parseMapping } from '../../server/ingest/mapping';
import { shippedMapping } from '../../server/ingest/mapping';

function transfer(
  id: string,
  from: string,
  to: string,
  amountMinor: number,
  time: string,
): TransferRow {
  const [fromBank = '', fromNumber = ''] = from.split(':');
  const [toBank = '', toNumber = ''] = to.split(':');
  return {
    id,
    recordId: id,
    fromId: from,
    fromBank,
    fromNumber,
    toId: to,
    toBank,
    toNumber,
    amountMinor,
    currency: 'CNY',
    time,
    timeOffset: '+00:00',
    channel: null,
    reference: null,
    line: 2,
  };
}

describe('columnar batch plans', () => {
  it('lists each account once and sums each pair', () => {
    const plan = planTransfers(
      [
        transfer('A:1', 'A:1', 'B:2', 100, '2026-10-01T10:00:00.000Z'),
        transfer('A:2', 'A:1', 'B:2', 250, '2026-10-01T09:00:00.000Z'),
        transfer('B:3', 'B:2', 'C:3', 300, '2026-10-01T11:00:00.000Z'),
      ],
      'source-1',
    );
    expect(plan.accounts.map((account) => account.id)).toEqual(['A:1', 'B:2', 'C:3']);
    expect(plan.cols.fromIdx).toEqual([0, 0, 1]);
    expect(plan.cols.toIdx).toEqual([1, 1, 2]);
    expect(plan.pairs).toEqual({
      from: [0, 1],
      to: [1, 2],
      extra: ['CNY', 'CNY'],
      count: [2, 1],
      total: [350, 300],
      first: ['2026-10-01T09:00:00.000Z', '2026-10-01T11:00:00.000Z'],
      last: ['2026-10-01T10:00:00.000Z', '2026-10-01T11:00:00.000Z'],
    });
  });

  it('marks calls without SIM or handset with -1 and pairs SIMs with handsets', () => {
    const call = (id: string, imsi: string | null, imei: string | null): CallRow => ({
      id,
      recordId: id,
      from: '+8613800138000',
      fromRaw: '13800138000',
      to: '+8613912345678',
      toRaw: '13912345678',
      start: '2026-10-01T10:00:00.000Z',
      startOffset: '+00:00',
      duration: 60,
      imsi,
      imei,
      tac: imei ? imei.slice(0, 8) : null,
      cell: null,
      line: 2,
    });
    const plan = planCalls([call('1', '460001', '490154203237518'), call('2', null, null)], 's');
    expect(plan.cols.simIdx).toEqual([0, -1]);
    expect(plan.cols.deviceIdx).toEqual([0, -1]);
    expect(plan.seen.count).toEqual([1]);
    expect(plan.pairs.total).toEqual([120]);
  });
});

describe('mapping files', () => {
  it('maps AMLSim columns, with simulation steps turned into times', () => {
    const mapping = shippedMapping('amlsim-transactions');
    expect(mappedHeader(mapping, ['sourceNodeId', 'targetNodeId', 'value', 'time'])).toEqual(
      expect.arrayContaining(['transfer_id', 'from_account', 'amount', 'time']),
    );
    const row = applyMapping(
      mapping,
      { sourceNodeId: '360', targetNodeId: '18984', value: '103.55', time: '25' },
      2,
    );
    expect(row).toMatchObject({
      transfer_id: 'T2',
      from_bank: 'AMLSIM',
      from_account: '360',
      to_account: '18984',
      amount: '103.55',
      currency: 'USD',
      time: '2026-01-02T01:00:00.000Z',
    });
  });

  it("maps AMLSim's own output, whose ids and times are the file's own", () => {
    const mapping = shippedMapping('amlsim-output-transactions');
    const header = ['tran_id', 'orig_acct', 'bene_acct', 'tx_type', 'base_amt', 'tran_timestamp'];
    expect(mappedHeader(mapping, header)).toEqual(
      expect.arrayContaining(['from_bank', 'currency']),
    );
    const row = applyMapping(
      mapping,
      {
        tran_id: '17',
        orig_acct: '7',
        bene_acct: '66',
        tx_type: 'TRANSFER',
        base_amt: '355.67',
        tran_timestamp: '2017-01-03T00:00:00Z',
        is_sar: 'True',
        alert_id: '12',
      },
      2,
    );
    expect(row).toMatchObject({
      transfer_id: '17',
      from_bank: 'AMLSIM',
      from_account: '7',
      to_bank: 'AMLSIM',
      to_account: '66',
      amount: '355.67',
      currency: 'USD',
      time: '2017-01-03T00:00:00Z',
    });
    const accounts = shippedMapping('amlsim-output-accounts');
    expect(applyMapping(accounts, { acct_id: '66', prior_sar_count: '1' }, 2)).toMatchObject({
      bank: 'AMLSIM',
      account: '66',
    });
  });

  it("maps AMLSim's earlier output, a step a day from 2017-01-01", () => {
    const mapping = shippedMapping('amlsim-legacy-transactions');
    const header = [
      'TXN_ID',
      'ACCOUNT_ID',
      'COUNTER_PARTY_ACCOUNT_NUM',
      'TXN_SOURCE_TYPE_CODE',
      'tx_count',
      'TXN_AMOUNT_ORIG',
      'start',
      'end',
    ];
    expect(mappedHeader(mapping, header)).toEqual(expect.arrayContaining(['time', 'amount']));
    const row = applyMapping(
      mapping,
      {
        TXN_ID: '13',
        ACCOUNT_ID: '20',
        COUNTER_PARTY_ACCOUNT_NUM: '19',
        TXN_SOURCE_TYPE_CODE: 'CREDIT',
        tx_count: '1',
        TXN_AMOUNT_ORIG: '131.0',
        start: '48',
        end: '48',
      },
      2,
    );
    expect(row).toMatchObject({
      transfer_id: '13',
      from_account: '20',
      to_account: '19',
      amount: '131.0',
      currency: 'USD',
      time: '2017-02-18T00:00:00.000Z',
    });
    const accounts = shippedMapping('amlsim-legacy-accounts');
    expect(
      applyMapping(accounts, { ACCOUNT_ID: '20', PRIMARY_CUSTOMER_ID: 'C_20', isFraud: 'true' }, 2),
    ).toMatchObject({ bank: 'AMLSIM', account: '20' });
  });

  it("maps AMLSim's transaction log, and PaySim's, whose accounts come with the transfers", () => {
    const mapping = shippedMapping('amlsim-txlog-transactions');
    const header = TX_LOG_HEADER.split(',');
    expect(mappedHeader(mapping, header)).toEqual(expect.arrayContaining(['time', 'amount']));
    const paysim = header.map((c) => (c === 'oldbalanceOrig' ? 'oldbalanceOrg' : c));
    expect(mappedHeader(mapping, paysim)).toEqual(expect.arrayContaining(['time', 'amount']));
    const row = applyMapping(
      mapping,
      { step: '48', type: 'TRANSFER', amount: '355.67', nameOrig: '7', nameDest: '66' },
      5,
    );
    expect(row).toMatchObject({
      transfer_id: 'T5',
      from_account: '7',
      to_account: '66',
      amount: '355.67',
      currency: 'USD',
      time: '2017-02-18T00:00:00.000Z',
    });
  });

  it('names a column the mapping reads that the file lacks, and a malformed mapping', () => {
    const mapping = shippedMapping('amlsim-transactions');
    expect(() => mappedHeader(mapping, ['sourceNodeId', 'value'])).toThrow(/targetNodeId, time/);
    expect(() => parseMapping({ columns: { amount: 7 } }, 'mine.json')).toThrow(
      /mine\.json: columns\.amount/,
    );
  });
});
