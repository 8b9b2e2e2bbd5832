/**
 * Bank accounts of the seven banks in the scenario: personal debit cards (a bank's card BIN, a
 * serial and a Luhn check digit, 16 or 19 digits) and corporate settlement accounts (a branch
 * prefix and a serial, 17 to 19 digits), unique by construction. Transfer ids run per bank.
 */
import type { Rng } from '../../server/lib/random';
import { compactDate } from '../time';
import { luhnCheckDigit, scrambleDigits, seriesKey } from './digits';

export const BANKS = ['ICBC', 'ABC', 'BOC', 'CCB', 'CMB', 'BOCOM', 'PSBC'] as const;
export type BankCode = (typeof BANKS)[number];

interface BankPlan {
  /** Debit-card BINs and the card length. */
  cards: readonly { bin: string; length: number }[];
  /** Corporate account prefix and length. */
  corporate: { prefix: string; length: number };
  /** Share of personal customers. */
  share: number;
}

const PLANS: Record<BankCode, BankPlan> = {
  ICBC: {
    cards: [
      { bin: '622202', length: 19 },
      { bin: '621226', length: 19 },
    ],
    corporate: { prefix: '1001', length: 19 },
    share: 0.22,
  },
  ABC: {
    cards: [
      { bin: '622848', length: 19 },
      { bin: '622845', length: 19 },
    ],
    corporate: { prefix: '0335', length: 17 },
    share: 0.16,
  },
  BOC: {
    cards: [
      { bin: '621661', length: 19 },
      { bin: '621785', length: 19 },
    ],
    corporate: { prefix: '4378', length: 18 },
    share: 0.13,
  },
  CCB: {
    cards: [
      { bin: '621700', length: 19 },
      { bin: '436742', length: 19 },
    ],
    corporate: { prefix: '3105', length: 19 },
    share: 0.18,
  },
  CMB: {
    cards: [
      { bin: '621483', length: 16 },
      { bin: '622588', length: 16 },
    ],
    corporate: { prefix: '1219', length: 17 },
    share: 0.12,
  },
  BOCOM: {
    cards: [
      { bin: '622262', length: 19 },
      { bin: '622258', length: 19 },
    ],
    corporate: { prefix: '3100', length: 18 },
    share: 0.09,
  },
  PSBC: {
    cards: [
      { bin: '621799', length: 19 },
      { bin: '622188', length: 19 },
    ],
    corporate: { prefix: '9310', length: 19 },
    share: 0.1,
  },
};

const BANK_SHARES = BANKS.map((bank) => [bank, PLANS[bank].share] as const);

/** A bank draw weighted by market share, optionally not `except` (a second bank of a person). */
export function pickBank(rng: Rng, except?: BankCode): BankCode {
  for (;;) {
    const bank = rng.weighted(BANK_SHARES);
    if (bank !== except) return bank;
  }
}

/** `BANK:NUMBER`, the form accounts are named in reports and in the ground truth. */
export function accountKey(bank: BankCode, number: string): string {
  return `${bank}:${number}`;
}

/** Issues account numbers and per-bank transfer ids. */
export class BankIssuer {
  private readonly issued = new Map<string, number>();
  private readonly transfers = new Map<BankCode, number>();
  private readonly key: number;

  constructor(rng: Rng) {
    this.key = rng.nextUint32();
  }

  private nextSerial(series: string): number {
    const counter = this.issued.get(series) ?? 0;
    this.issued.set(series, counter + 1);
    return counter;
  }

  /** A new personal debit-card account number at `bank`. */
  personalAccount(rng: Rng, bank: BankCode): string {
    const card = rng.pick(PLANS[bank].cards);
    const serial = this.nextSerial(card.bin);
    const body = `${card.bin}${scrambleDigits(serial, card.length - 7, seriesKey(this.key, card.bin))}`;
    return `${body}${luhnCheckDigit(body)}`;
  }

  /** A new corporate account number at `bank`. */
  corporateAccount(bank: BankCode): string {
    const { prefix, length } = PLANS[bank].corporate;
    const serial = this.nextSerial(prefix);
    return `${prefix}${scrambleDigits(serial, length - prefix.length, seriesKey(this.key, prefix))}`;
  }

  /** The next transaction id of `bank`: the local date and a running number, unique per bank. */
  transferId(bank: BankCode, instant: number): string {
    const counter = (this.transfers.get(bank) ?? 0) + 1;
    this.transfers.set(bank, counter);
    return `${compactDate(instant)}${String(counter).padStart(12, '0')}`;
  }
}
