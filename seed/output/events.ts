/**
 * Turns entities and events into rows of the partner files: formats times, amounts and phone
 * numbers (in the varied ways partners write them), issues record ids (unique per file) and
 * transfer ids (unique per bank), counts rows per file, and hands each row to the sink.
 */
import type { BankIssuer } from '../ids/banks';
import { CDR_STYLES, FORM_STYLES, writePhone, type Sim, type StyleMix } from '../ids/phones';
import type { Platform } from '../ids/platforms';
import type { BankAccount, Line, PlatformAccount } from '../population/model';
import type { Rng } from '../../server/lib/random';
import { formatTime } from '../time';
import { FILE_KINDS, type FileKind, type Row, type ScenarioSink } from './formats';

export type Channel = 'mobile' | 'online' | 'atm' | 'counter' | 'pos' | 'third_party';
export type MessageKind = 'text' | 'voice' | 'image' | 'link' | 'payment_request';

/** `150000` minor units as `1500.00`. */
export function formatAmount(minor: number): string {
  const cents = minor % 100;
  return `${Math.floor(minor / 100)}.${cents < 10 ? '0' : ''}${cents}`;
}

/** A transfer as written, for callers that keep track of money flows. */
export interface WrittenTransfer {
  transferId: string;
  from: BankAccount;
  to: BankAccount;
  amountMinor: number;
  time: number;
}

/** Writes scenario rows to a sink. */
export class EventWriter {
  readonly counts: Record<FileKind, number>;
  private readonly nextRecord = { cdr: 0, sighting: 0, login: 0, message: 0 };

  /**
   * @param sink   where rows go
   * @param rng    used only to vary how phone numbers are written
   * @param banks  issues transfer ids
   */
  constructor(
    private readonly sink: ScenarioSink,
    private readonly rng: Rng,
    private readonly banks: BankIssuer,
  ) {
    this.counts = Object.fromEntries(FILE_KINDS.map((kind) => [kind, 0])) as Record<
      FileKind,
      number
    >;
  }

  private write<K extends FileKind>(kind: K, row: Row<K>): void {
    this.counts[kind] += 1;
    this.sink.write(kind, row);
  }

  /** A phone number written the way a kind of source writes it. */
  phone(msisdn: string, mix: StyleMix = FORM_STYLES): string {
    return writePhone(this.rng, msisdn, mix);
  }

  /** A call from `from` (on handset `imei`, in `cell`) to the number `to`. */
  call(from: Line, to: string, start: number, durationS: number, imei: string, cell: string): void {
    this.nextRecord.cdr += 1;
    this.write('telecom-cdr', {
      record_id: `CDR${String(this.nextRecord.cdr).padStart(12, '0')}`,
      calling_number: writePhone(this.rng, from.sim.msisdn, CDR_STYLES),
      called_number: writePhone(this.rng, to, CDR_STYLES),
      start_time: formatTime(start),
      duration_s: String(Math.round(durationS)),
      imsi: from.sim.imsi,
      imei,
      cell_id: cell,
    });
  }

  /** A transfer; returns it with its new transfer id. */
  transfer(
    from: BankAccount,
    to: BankAccount,
    amountMinor: number,
    time: number,
    channel: Channel,
    reference = '',
  ): WrittenTransfer {
    if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) {
      throw new Error(`seed: transfer amount must be a positive number of fen, got ${amountMinor}`);
    }
    const transferId = this.banks.transferId(from.bank, time);
    this.write('bank-transfers', {
      transfer_id: transferId,
      from_bank: from.bank,
      from_account: from.number,
      to_bank: to.bank,
      to_account: to.number,
      amount: formatAmount(amountMinor),
      currency: 'CNY',
      time: formatTime(time),
      channel,
      reference,
    });
    return { transferId, from, to, amountMinor, time };
  }

  /** A SIM seen in a handset. */
  sighting(sim: Sim, imei: string, seenAt: number, cell: string): void {
    this.nextRecord.sighting += 1;
    this.write('telecom-sightings', {
      record_id: `SGT${String(this.nextRecord.sighting).padStart(12, '0')}`,
      imsi: sim.imsi,
      imei,
      msisdn: sim.msisdn,
      iccid: sim.iccid,
      seen_at: formatTime(seenAt),
      cell_id: cell,
    });
  }

  /** A login to a platform account. */
  login(account: PlatformAccount, time: number, ip: string, imei: string): void {
    this.nextRecord.login += 1;
    this.write('platform-logins', {
      record_id: `LGN${String(this.nextRecord.login).padStart(12, '0')}`,
      platform: account.platform,
      handle: account.handle,
      time: formatTime(time),
      ip,
      imei,
    });
  }

  /** A message between two accounts of one platform. */
  message(
    platform: Platform,
    fromHandle: string,
    toHandle: string,
    time: number,
    kind: MessageKind,
  ): void {
    this.nextRecord.message += 1;
    this.write('platform-messages', {
      record_id: `MSG${String(this.nextRecord.message).padStart(12, '0')}`,
      platform,
      from_handle: fromHandle,
      to_handle: toHandle,
      time: formatTime(time),
      kind,
    });
  }

  /** A bank account, its holder and the holder's registered mobile number (people only). */
  bankAccount(account: BankAccount): void {
    this.write('bank-accounts', {
      bank: account.bank,
      account: account.number,
      holder_id: account.holderId,
      holder_name: account.holderName,
      opened_at: formatTime(account.openedAt),
      holder_phone: account.holderPhone ? this.phone(account.holderPhone) : '',
    });
  }

  /** A platform account as registered. */
  platformAccount(account: PlatformAccount): void {
    this.write('platform-accounts', {
      platform: account.platform,
      handle: account.handle,
      display_name: account.displayName,
      phone: account.phone ? this.phone(account.phone) : '',
      registered_at: formatTime(account.registeredAt),
      registration_ip: account.registrationIp,
      registration_imei: account.registrationImei,
    });
  }

  /** A police report row, already formatted. */
  report(row: Row<'police-reports'>): void {
    this.write('police-reports', row);
  }
}
