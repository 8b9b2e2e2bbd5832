/**
 * `police-reports`: one row a case reported at a police station, with the victim and the numbers,
 * bank accounts and platform handles the report names.
 */
import { queries } from '../../db/queries';
import {
  RowError,
  bankAccountId,
  normaliseCurrency,
  oneOf,
  platformAccountId,
  splitList,
} from '../normalize';
import {
  defineKind,
  instant,
  mapOptional,
  may,
  minorUnits,
  need,
  phone,
  type BulkPlan,
  type Cells,
  type ParseContext,
} from './define';
import { bankAccountMention, platformAccountMention } from './mentions';
import { rowWriter } from './write';

const COLUMNS = {
  case_number: 'required',
  reported_at: 'required',
  station_id: 'required',
  station_name: 'optional',
  scam_type: 'required',
  loss_amount: 'optional',
  currency: 'optional',
  victim_id: 'optional',
  victim_name: 'optional',
  victim_phone: 'optional',
  named_numbers: 'optional',
  named_accounts: 'optional',
  named_handles: 'optional',
} as const;

export const SCAM_TYPES = [
  'fake_police',
  'safety_deposit',
  'shopping_refund',
  'investment',
  'game_coupon',
  'other',
] as const;

function parse(row: Cells<typeof COLUMNS>, context: ParseContext) {
  const reported = instant(need(row, 'reported_at'), context);
  const lossRaw = may(row, 'loss_amount');
  const currency = lossRaw ? normaliseCurrency(need(row, 'currency')) : null;
  const victimPhone = mapOptional(may(row, 'victim_phone'), (text) => phone(text, context));
  const victimName = may(row, 'victim_name');
  const victimId = may(row, 'victim_id')?.toUpperCase() ?? null;
  if ((victimName || victimPhone) && !victimId) {
    throw new RowError('victim details are given without victim_id');
  }
  return {
    id: need(row, 'case_number').toUpperCase(),
    reportedAt: reported.utc,
    reportedOffset: reported.offset,
    stationId: need(row, 'station_id').toUpperCase(),
    stationName: may(row, 'station_name'),
    scamType: oneOf(need(row, 'scam_type'), SCAM_TYPES, 'scam_type'),
    lossMinor: lossRaw && currency ? minorUnits(lossRaw, currency, context) : null,
    currency,
    victimId,
    victimName,
    victimPhone: victimPhone?.id ?? null,
    victimPhoneRaw: victimPhone?.raw ?? null,
    numbers: splitList(row.named_numbers).map((text) => phone(text, context)),
    accounts: splitList(row.named_accounts).map((text) => {
      const [bank, ...number] = text.split(':');
      if (!bank || number.length === 0) {
        throw new RowError(`named account "${text}" is not BANK:NUMBER`);
      }
      return bankAccountId(bank, number.join(':'));
    }),
    handles: splitList(row.named_handles).map((text) => {
      const [platform, ...handle] = text.split(':');
      if (!platform || handle.length === 0) {
        throw new RowError(`named handle "${text}" is not platform:handle`);
      }
      return platformAccountId(platform, handle.join(':'));
    }),
    line: context.line,
  };
}

export type ReportRow = ReturnType<typeof parse>;

const bulk: BulkPlan<ReportRow> = (graph, row) => {
  graph.event('Case', row.id, {
    reportedAt: row.reportedAt,
    reportedOffset: row.reportedOffset,
    scamType: row.scamType,
    lossMinor: row.lossMinor,
    currency: row.currency,
  });
  graph.identity('Station', row.stationId, { name: row.stationName });
  graph.relationship('REPORTED_AT', 'Case', row.id, 'Station', row.stationId);
  if (row.victimId !== null) {
    graph.identity('Person', row.victimId, { name: row.victimName, victim: true });
    graph.relationship('REPORTED', 'Person', row.victimId, 'Case', row.id);
    if (row.victimPhone !== null) {
      graph.identity('PhoneNumber', row.victimPhone, { raw: row.victimPhoneRaw });
      graph.link('USES_NUMBER', 'Person', row.victimId, 'PhoneNumber', row.victimPhone);
    }
  }
  for (const named of row.numbers) {
    graph.identity('PhoneNumber', named.id, { raw: named.raw });
    graph.relationship('NAMES', 'Case', row.id, 'PhoneNumber', named.id);
  }
  for (const named of row.accounts) {
    graph.identity('BankAccount', named.id, bankAccountMention(named.bank, named.number));
    graph.relationship('NAMES', 'Case', row.id, 'BankAccount', named.id);
  }
  for (const named of row.handles) {
    graph.identity(
      'PlatformAccount',
      named.id,
      platformAccountMention(named.platform, named.handle),
    );
    graph.relationship('NAMES', 'Case', row.id, 'PlatformAccount', named.id);
  }
};

export const policeReports = defineKind({
  kind: 'police-reports',
  columns: COLUMNS,
  recordLabel: 'Case',
  parse,
  write: rowWriter(queries.writeReports),
  bulk,
});
