/**
 * The kinds of partner file Ringtrace loads (see docs/data-formats.md): for each, its columns and
 * how one raw row becomes a normalised row for its batch write in `cypher/ingest/`. A parse
 * function throws a `RowError` whose message is the reject reason.
 */
import type { CountryCode } from 'libphonenumber-js';
import {
  RowError,
  bankAccountId,
  normaliseCurrency,
  normaliseIccid,
  normaliseImei,
  normaliseImsi,
  normaliseIp,
  normalisePhone,
  oneOf,
  parseInstant,
  parseNonNegativeInteger,
  platformAccountId,
  splitList,
  toMinorUnits,
} from './normalize';

export const FILE_KINDS = [
  'bank-transfers',
  'bank-accounts',
  'telecom-cdr',
  'telecom-sightings',
  'platform-accounts',
  'platform-logins',
  'platform-messages',
  'police-reports',
] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export type RawRow = Readonly<Record<string, string | undefined>>;

export interface ParseContext {
  /** Who supplied the file; event ids are namespaced by it where the record id is theirs. */
  readonly organisation: string;
  /** Country for phone numbers written without one. */
  readonly country: CountryCode;
  /** Offset for times written without one; undefined: such times are rejected. */
  readonly defaultOffset: string | undefined;
  readonly line: number;
}

export interface KindDefinition {
  readonly kind: FileKind;
  readonly required: readonly string[];
  readonly optional: readonly string[];
  /** Normalises one row; the result is sent as one element of `$rows`. */
  parse(row: RawRow, context: ParseContext): Record<string, unknown> & { id: string };
}

const CHANNELS = ['mobile', 'online', 'atm', 'counter', 'pos', 'third_party'] as const;
const MESSAGE_KINDS = ['text', 'voice', 'image', 'link', 'payment_request'] as const;
export const SCAM_TYPES = [
  'fake_police',
  'safety_deposit',
  'shopping_refund',
  'investment',
  'game_coupon',
  'other',
] as const;

/** A required cell's trimmed text; a missing or empty one rejects the row. */
function need(row: RawRow, column: string): string {
  const value = row[column]?.trim();
  if (!value) throw new RowError(`${column} is missing`);
  return value;
}

/** An optional cell's trimmed text, or null. */
function may(row: RawRow, column: string): string | null {
  const value = row[column]?.trim();
  return value ? value : null;
}

function mapOptional<T>(value: string | null, map: (text: string) => T): T | null {
  return value === null ? null : map(value);
}

function recordId(row: RawRow, column: string): string {
  const value = need(row, column);
  if (value.length > 128) throw new RowError(`${column} is longer than 128 characters`);
  return value;
}

function phone(raw: string, context: ParseContext) {
  return { id: normalisePhone(raw, context.country), raw };
}

function instant(raw: string, context: ParseContext) {
  return parseInstant(raw, context.defaultOffset);
}

const bankTransfers: KindDefinition = {
  kind: 'bank-transfers',
  required: [
    'transfer_id',
    'from_bank',
    'from_account',
    'to_bank',
    'to_account',
    'amount',
    'currency',
    'time',
  ],
  optional: ['channel', 'reference'],
  parse(row, context) {
    const from = bankAccountId(need(row, 'from_bank'), need(row, 'from_account'));
    const to = bankAccountId(need(row, 'to_bank'), need(row, 'to_account'));
    const currency = normaliseCurrency(need(row, 'currency'));
    const time = instant(need(row, 'time'), context);
    const transferId = recordId(row, 'transfer_id');
    return {
      id: `${from.bank}:${transferId}`,
      recordId: transferId,
      fromId: from.id,
      fromBank: from.bank,
      fromNumber: from.number,
      toId: to.id,
      toBank: to.bank,
      toNumber: to.number,
      amountMinor: toMinorUnits(need(row, 'amount'), currency),
      currency,
      time: time.utc,
      timeOffset: time.offset,
      channel: mapOptional(may(row, 'channel'), (text) => oneOf(text, CHANNELS, 'channel')),
      reference: may(row, 'reference'),
      line: context.line,
    };
  },
};

const bankAccounts: KindDefinition = {
  kind: 'bank-accounts',
  required: ['bank', 'account'],
  optional: ['holder_id', 'holder_name', 'opened_at'],
  parse(row, context) {
    const account = bankAccountId(need(row, 'bank'), need(row, 'account'));
    const opened = mapOptional(may(row, 'opened_at'), (text) => instant(text, context));
    const holderName = may(row, 'holder_name');
    const holderId = may(row, 'holder_id')?.toUpperCase() ?? null;
    if (holderName && !holderId) throw new RowError('holder_name is given without holder_id');
    return {
      ...account,
      holderId,
      holderName,
      openedAt: opened?.utc ?? null,
      openedOffset: opened?.offset ?? null,
      line: context.line,
    };
  },
};

const telecomCdr: KindDefinition = {
  kind: 'telecom-cdr',
  required: ['record_id', 'calling_number', 'called_number', 'start_time', 'duration_s'],
  optional: ['imsi', 'imei', 'cell_id'],
  parse(row, context) {
    const from = phone(need(row, 'calling_number'), context);
    const to = phone(need(row, 'called_number'), context);
    const start = instant(need(row, 'start_time'), context);
    const device = mapOptional(may(row, 'imei'), normaliseImei);
    const id = recordId(row, 'record_id');
    return {
      id: `${context.organisation}:${id}`,
      recordId: id,
      from: from.id,
      fromRaw: from.raw,
      to: to.id,
      toRaw: to.raw,
      start: start.utc,
      startOffset: start.offset,
      duration: parseNonNegativeInteger(need(row, 'duration_s'), 'duration_s'),
      imsi: mapOptional(may(row, 'imsi'), normaliseImsi),
      imei: device?.imei ?? null,
      tac: device?.tac ?? null,
      cell: may(row, 'cell_id'),
      line: context.line,
    };
  },
};

const telecomSightings: KindDefinition = {
  kind: 'telecom-sightings',
  required: ['record_id', 'imsi', 'imei', 'seen_at'],
  optional: ['msisdn', 'iccid', 'cell_id'],
  parse(row, context) {
    const device = normaliseImei(need(row, 'imei'));
    const seen = instant(need(row, 'seen_at'), context);
    const msisdn = mapOptional(may(row, 'msisdn'), (text) => phone(text, context));
    const id = recordId(row, 'record_id');
    return {
      id: `${context.organisation}:${id}`,
      recordId: id,
      imsi: normaliseImsi(need(row, 'imsi')),
      imei: device.imei,
      tac: device.tac,
      msisdn: msisdn?.id ?? null,
      msisdnRaw: msisdn?.raw ?? null,
      iccid: mapOptional(may(row, 'iccid'), normaliseIccid),
      seenAt: seen.utc,
      seenOffset: seen.offset,
      cell: may(row, 'cell_id'),
      line: context.line,
    };
  },
};

const platformAccounts: KindDefinition = {
  kind: 'platform-accounts',
  required: ['platform', 'handle'],
  optional: ['display_name', 'phone', 'registered_at', 'registration_ip', 'registration_imei'],
  parse(row, context) {
    const account = platformAccountId(need(row, 'platform'), need(row, 'handle'));
    const registered = mapOptional(may(row, 'registered_at'), (text) => instant(text, context));
    const registeredPhone = mapOptional(may(row, 'phone'), (text) => phone(text, context));
    const device = mapOptional(may(row, 'registration_imei'), normaliseImei);
    return {
      ...account,
      displayName: may(row, 'display_name'),
      phone: registeredPhone?.id ?? null,
      phoneRaw: registeredPhone?.raw ?? null,
      registeredAt: registered?.utc ?? null,
      registeredOffset: registered?.offset ?? null,
      ip: mapOptional(may(row, 'registration_ip'), normaliseIp),
      imei: device?.imei ?? null,
      tac: device?.tac ?? null,
      line: context.line,
    };
  },
};

const platformLogins: KindDefinition = {
  kind: 'platform-logins',
  required: ['record_id', 'platform', 'handle', 'time'],
  optional: ['ip', 'imei'],
  parse(row, context) {
    const account = platformAccountId(need(row, 'platform'), need(row, 'handle'));
    const time = instant(need(row, 'time'), context);
    const device = mapOptional(may(row, 'imei'), normaliseImei);
    const id = recordId(row, 'record_id');
    return {
      id: `${account.platform}:${id}`,
      recordId: id,
      accountId: account.id,
      platform: account.platform,
      handle: account.handle,
      time: time.utc,
      timeOffset: time.offset,
      ip: mapOptional(may(row, 'ip'), normaliseIp),
      imei: device?.imei ?? null,
      tac: device?.tac ?? null,
      line: context.line,
    };
  },
};

const platformMessages: KindDefinition = {
  kind: 'platform-messages',
  required: ['record_id', 'platform', 'from_handle', 'to_handle', 'time'],
  optional: ['kind'],
  parse(row, context) {
    const platform = need(row, 'platform');
    const from = platformAccountId(platform, need(row, 'from_handle'));
    const to = platformAccountId(platform, need(row, 'to_handle'));
    const time = instant(need(row, 'time'), context);
    const id = recordId(row, 'record_id');
    return {
      id: `${from.platform}:${id}`,
      recordId: id,
      platform: from.platform,
      fromId: from.id,
      fromHandle: from.handle,
      toId: to.id,
      toHandle: to.handle,
      time: time.utc,
      timeOffset: time.offset,
      kind: mapOptional(may(row, 'kind'), (text) => oneOf(text, MESSAGE_KINDS, 'kind')),
      line: context.line,
    };
  },
};

const policeReports: KindDefinition = {
  kind: 'police-reports',
  required: ['case_number', 'reported_at', 'station_id', 'scam_type'],
  optional: [
    'station_name',
    'loss_amount',
    'currency',
    'victim_id',
    'victim_name',
    'victim_phone',
    'named_numbers',
    'named_accounts',
    'named_handles',
  ],
  parse(row, context) {
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
      lossMinor: lossRaw && currency ? toMinorUnits(lossRaw, currency) : null,
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
  },
};

export const KINDS: Readonly<Record<FileKind, KindDefinition>> = {
  'bank-transfers': bankTransfers,
  'bank-accounts': bankAccounts,
  'telecom-cdr': telecomCdr,
  'telecom-sightings': telecomSightings,
  'platform-accounts': platformAccounts,
  'platform-logins': platformLogins,
  'platform-messages': platformMessages,
  'police-reports': policeReports,
};

export function isFileKind(value: string): value is FileKind {
  return (FILE_KINDS as readonly string[]).includes(value);
}
