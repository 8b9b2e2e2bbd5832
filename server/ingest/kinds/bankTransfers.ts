/**
 * `bank-transfers`: one row a transfer between two bank accounts. Written online as columns
 * (`writeTransferColumns`), the accounts merged once per batch and the per-pair totals summed.
 * A bank's own file (a partner's upload) holds transfers to or from its own accounts, both sides as
 * it reports them, under its own ids; a police load's ids take the sending bank.
 */
import { queries, type TransferPlan } from '../../db/queries';
import { Index, PairTotals, columnsOf } from '../columnar';
import { RowError, bankAccountId, normaliseCurrency, oneOf } from '../normalize';
import {
  defineKind,
  instant,
  mapOptional,
  may,
  minorUnits,
  need,
  recordId,
  type BulkPlan,
  type Cells,
  type ParseContext,
} from './define';
import { bankAccountMention } from './mentions';
import { columnWriter } from './write';

const COLUMNS = {
  transfer_id: 'required',
  from_bank: 'required',
  from_account: 'required',
  to_bank: 'required',
  to_account: 'required',
  amount: 'required',
  currency: 'required',
  time: 'required',
  channel: 'optional',
  reference: 'optional',
} as const;

const CHANNELS = ['mobile', 'online', 'atm', 'counter', 'pos', 'third_party'] as const;

function parse(row: Cells<typeof COLUMNS>, context: ParseContext) {
  const from = bankAccountId(need(row, 'from_bank'), need(row, 'from_account'));
  const to = bankAccountId(need(row, 'to_bank'), need(row, 'to_account'));
  const currency = normaliseCurrency(need(row, 'currency'));
  const time = instant(need(row, 'time'), context);
  const transferId = recordId(row, 'transfer_id');
  const own = context.organisation;
  if (context.partner && from.bank !== own && to.bank !== own) {
    throw new RowError(
      `transfer between ${from.bank} and ${to.bank} accounts: ${own} reports only transfers to ` +
        'or from its own accounts',
    );
  }
  return {
    id: `${context.partner ? own : from.bank}:${transferId}`,
    recordId: transferId,
    fromId: from.id,
    fromBank: from.bank,
    fromNumber: from.number,
    toId: to.id,
    toBank: to.bank,
    toNumber: to.number,
    amountMinor: minorUnits(need(row, 'amount'), currency, context),
    currency,
    time: time.utc,
    timeOffset: time.offset,
    channel: mapOptional(may(row, 'channel'), (text) => oneOf(text, CHANNELS, 'channel')),
    reference: may(row, 'reference'),
    line: context.line,
  };
}

export type TransferRow = ReturnType<typeof parse>;

/** Parameters of `cypher/ingest/writeTransferColumns.cypher`, from rows that are all new. */
export function planTransfers(rows: readonly TransferRow[], sourceId: string): TransferPlan {
  const accounts = new Index<{ id: string; bank: string; number: string }>();
  const pairs = new PairTotals();
  const fromIdx: number[] = [];
  const toIdx: number[] = [];
  for (const row of rows) {
    const from = accounts.positionOf(row.fromId, () => ({
      id: row.fromId,
      bank: row.fromBank,
      number: row.fromNumber,
    }));
    const to = accounts.positionOf(row.toId, () => ({
      id: row.toId,
      bank: row.toBank,
      number: row.toNumber,
    }));
    fromIdx.push(from);
    toIdx.push(to);
    pairs.add(from, to, row.currency, row.amountMinor, row.time);
  }
  return {
    sourceId,
    accounts: accounts.items,
    cols: {
      ...columnsOf(rows, [
        'id',
        'recordId',
        'time',
        'timeOffset',
        'amountMinor',
        'currency',
        'channel',
        'reference',
        'line',
      ]),
      fromIdx,
      toIdx,
    },
    pairs: pairs.columns(),
  };
}

const bulk: BulkPlan<TransferRow> = (graph, row) => {
  graph.event('Transfer', row.id, {
    recordId: row.recordId,
    time: row.time,
    timeOffset: row.timeOffset,
    amountMinor: row.amountMinor,
    currency: row.currency,
    channel: row.channel,
    reference: row.reference,
  });
  graph.identity('BankAccount', row.fromId, bankAccountMention(row.fromBank, row.fromNumber));
  graph.identity('BankAccount', row.toId, bankAccountMention(row.toBank, row.toNumber));
  graph.relationship('SENT', 'BankAccount', row.fromId, 'Transfer', row.id);
  graph.relationship('TO', 'Transfer', row.id, 'BankAccount', row.toId);
  graph.aggregate(
    'TRANSFERRED',
    'BankAccount',
    row.fromId,
    'BankAccount',
    row.toId,
    row.time,
    row.amountMinor,
    row.currency,
  );
};

export const bankTransfers = defineKind({
  kind: 'bank-transfers',
  columns: COLUMNS,
  recordLabel: 'Transfer',
  parse,
  write: columnWriter(queries.existingTransfers, queries.writeTransferColumns, planTransfers),
  bulk,
});
