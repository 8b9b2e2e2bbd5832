/**
 * `bank-accounts`: one row an account, with its holder where the bank names one, and the mobile
 * number the bank has registered for that holder (`holder_phone`, a `USES_NUMBER` link). A bank's
 * own file (a partner's upload) describes only its own accounts.
 */
import { queries } from '../../db/queries';
import { RowError, bankAccountId } from '../normalize';
import {
  defineKind,
  instant,
  mapOptional,
  may,
  need,
  ownedBy,
  phone,
  type BulkPlan,
  type Cells,
  type ParseContext,
} from './define';
import { rowWriter } from './write';

const COLUMNS = {
  bank: 'required',
  account: 'required',
  holder_id: 'optional',
  holder_name: 'optional',
  opened_at: 'optional',
  holder_phone: 'optional',
} as const;

function parse(row: Cells<typeof COLUMNS>, context: ParseContext) {
  const account = bankAccountId(need(row, 'bank'), need(row, 'account'));
  ownedBy(context, account.bank, `account ${account.id}`);
  const opened = mapOptional(may(row, 'opened_at'), (text) => instant(text, context));
  const holderName = may(row, 'holder_name');
  const holderId = may(row, 'holder_id')?.toUpperCase() ?? null;
  if (holderName && !holderId) throw new RowError('holder_name is given without holder_id');
  const holderPhone = mapOptional(may(row, 'holder_phone'), (text) => phone(text, context));
  if (holderPhone && !holderId) throw new RowError('holder_phone is given without holder_id');
  return {
    ...account,
    holderId,
    holderName,
    holderPhone: holderPhone?.id ?? null,
    holderPhoneRaw: holderPhone?.raw ?? null,
    openedAt: opened?.utc ?? null,
    openedOffset: opened?.offset ?? null,
    line: context.line,
  };
}

export type BankAccountRow = ReturnType<typeof parse>;

const bulk: BulkPlan<BankAccountRow> = (graph, row) => {
  graph.identity('BankAccount', row.id, {
    bank: row.bank,
    number: row.number,
    recordSourceId: graph.sourceId,
    recordLine: graph.line,
    openedAt: row.openedAt,
    openedOffset: row.openedOffset,
  });
  if (row.holderId !== null) {
    graph.identity('Person', row.holderId, { name: row.holderName, victim: null });
    graph.link('HOLDS', 'Person', row.holderId, 'BankAccount', row.id);
    if (row.holderPhone !== null) {
      graph.identity('PhoneNumber', row.holderPhone, { raw: row.holderPhoneRaw });
      graph.link('USES_NUMBER', 'Person', row.holderId, 'PhoneNumber', row.holderPhone);
    }
  }
};

export const bankAccounts = defineKind({
  kind: 'bank-accounts',
  columns: COLUMNS,
  recordLabel: 'BankAccount',
  parse,
  write: rowWriter(queries.writeBankAccounts),
  bulk,
});
