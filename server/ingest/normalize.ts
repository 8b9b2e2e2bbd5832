/**
 * Normalising identifiers and values from partner files. Each function returns the normalised
 * value or throws a `RowError` whose message is the reject reason a user reads.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export class RowError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RowError';
  }
}

/**
 * Numbers recently normalised (E.164, or the reject reason), so repeats skip the parser: call
 * records name the same numbers again and again. Two generations of at most 200,000 inputs each:
 * when the newer one is full, the older is dropped, so memory stays bounded.
 */
const PHONE_CACHE_GENERATION = 200_000;
let phonesNew = new Map<string, { number: string } | { reason: string }>();
let phonesOld = new Map<string, { number: string } | { reason: string }>();

/** E.164 form of a phone number in any common format; national numbers use `country`. */
export function normalisePhone(raw: string, country: CountryCode): string {
  const key = `${country}|${raw}`;
  let known = phonesNew.get(key);
  if (!known) {
    known = phonesOld.get(key);
    if (!known) {
      const cleaned = raw.trim().replace(/^00/, '+');
      const parsed = parsePhoneNumberFromString(cleaned, country);
      known = parsed?.isValid()
        ? { number: parsed.number }
        : { reason: `"${raw}" is not a valid phone number` };
    }
    if (phonesNew.size >= PHONE_CACHE_GENERATION) {
      phonesOld = phonesNew;
      phonesNew = new Map();
    }
    phonesNew.set(key, known);
  }
  if ('reason' in known) throw new RowError(known.reason);
  return known.number;
}

/** True when the digits pass the Luhn check (the IMEI check digit). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** A 15-digit IMEI with a valid check digit (spaces, dashes and slashes allowed in the raw). */
export function normaliseImei(raw: string): { imei: string; tac: string } {
  const digits = raw.replace(/[\s/-]/g, '');
  if (!/^\d{15}$/.test(digits)) throw new RowError(`IMEI "${raw}" must have 15 digits`);
  if (!luhnValid(digits)) throw new RowError(`IMEI "${raw}" fails its check digit`);
  return { imei: digits, tac: digits.slice(0, 8) };
}

export function normaliseImsi(raw: string): string {
  const digits = raw.replace(/\s/g, '');
  if (!/^\d{14,15}$/.test(digits)) throw new RowError(`IMSI "${raw}" must have 14 or 15 digits`);
  return digits;
}

export function normaliseIccid(raw: string): string {
  const digits = raw.replace(/\s/g, '');
  if (!/^89\d{16,20}$/.test(digits)) throw new RowError(`ICCID "${raw}" is not a SIM serial`);
  return digits;
}

/** Minor-unit exponents of currencies that differ from 2 (ISO 4217). */
const CURRENCY_EXPONENT: Readonly<Record<string, number>> = {
  JPY: 0,
  KRW: 0,
  VND: 0,
  IDR: 2,
  KWD: 3,
  BHD: 3,
  JOD: 3,
  OMR: 3,
  TND: 3,
  // Not ISO 4217, but what banks and exchanges write for bitcoin; amounts to the satoshi.
  BTC: 8,
};

export function normaliseCurrency(raw: string): string {
  const code = raw.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) throw new RowError(`currency "${raw}" is not an ISO 4217 code`);
  return code;
}

/**
 * Digits of a fraction up to its last non-zero one. A loop, not `replace(/0+$/, '')`: that regex
 * retries from every zero of `0000…01` and takes time quadratic in the length.
 */
function significantDecimals(fraction: string): number {
  let end = fraction.length;
  while (end > 0 && fraction.charCodeAt(end - 1) === 48) end -= 1;
  return end;
}

/**
 * A non-negative decimal amount in major units -> integer minor units. More decimals than the
 * currency has reject the amount, or with `round` are rounded half up to the minor unit (for
 * files whose amounts are computed, such as converted yen with cents); with `round`, an amount in
 * exponent notation (`1.5E-4`) is read too.
 */
export function toMinorUnits(raw: string, currency: string, round = false): number {
  const text = raw.trim().replace(/,/g, '');
  const exponent = CURRENCY_EXPONENT[currency] ?? 2;
  if (round && /^\d+(?:\.\d+)?[eE][+-]?\d{1,3}$/.test(text)) {
    // A computed amount printed in exponent notation (`1.5E-4`), read as a number and rounded.
    const minor = Math.round(Number(text) * 10 ** exponent);
    if (!Number.isSafeInteger(minor)) throw new RowError(`amount "${raw}" is too large`);
    return minor;
  }
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match?.[1]) {
    throw new RowError(
      text.startsWith('-') ? `amount "${raw}" is negative` : `amount "${raw}" is not a number`,
    );
  }
  const fraction = match[2] ?? '';
  if (!round && significantDecimals(fraction) > exponent) {
    throw new RowError(`amount "${raw}" has more decimals than ${currency} allows`);
  }
  const roundUp = round && (fraction.charCodeAt(exponent) || 0) >= 53; // the next digit is 5-9
  const minor =
    Number(match[1]) * 10 ** exponent +
    Number(fraction.slice(0, exponent).padEnd(exponent, '0') || '0') +
    (roundUp ? 1 : 0);
  if (!Number.isSafeInteger(minor)) throw new RowError(`amount "${raw}" is too large`);
  return minor;
}

export interface Instant {
  /** ISO 8601 in UTC, milliseconds, `Z`. */
  readonly utc: string;
  /** The offset the record was written with, e.g. `+08:00`. */
  readonly offset: string;
}

const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** An ISO 8601 time; without an offset in the text, `defaultOffset` is used if given. */
export function parseInstant(raw: string, defaultOffset?: string): Instant {
  const match = ISO_TIME.exec(raw.trim());
  if (!match) throw new RowError(`time "${raw}" is not an ISO 8601 time`);
  const [, year, month, day, hour, minute, second = '00', fraction = '', zone] = match;
  let offset = zone ?? defaultOffset;
  if (!offset) throw new RowError(`time "${raw}" has no offset (add Z or +hh:mm)`);
  if (offset !== 'Z' && !offset.includes(':')) offset = `${offset.slice(0, 3)}:${offset.slice(3)}`;
  const millis = fraction.padEnd(3, '0').slice(0, 3);
  const text = `${year}-${month}-${day}T${hour}:${minute}:${second}.${millis}${offset}`;
  const date = new Date(text);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) === 'Invalid') {
    throw new RowError(`time "${raw}" is not a real date`);
  }
  // Reject dates that roll over (2026-02-30 -> March).
  const check = new Date(`${year}-${month}-${day}T00:00:00Z`);
  if (check.getUTCDate() !== Number(day)) throw new RowError(`time "${raw}" is not a real date`);
  return { utc: date.toISOString(), offset: offset === 'Z' ? '+00:00' : offset };
}

export function parseNonNegativeInteger(raw: string, what: string): number {
  const text = raw.trim();
  if (!/^\d+$/.test(text)) throw new RowError(`${what} "${raw}" is not a whole number`);
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RowError(`${what} "${raw}" is too large`);
  return value;
}

export function oneOf<T extends string>(raw: string, allowed: readonly T[], what: string): T {
  const value = raw.trim().toLowerCase();
  if (!(allowed as readonly string[]).includes(value)) {
    throw new RowError(`${what} "${raw}" is not one of ${allowed.join(', ')}`);
  }
  return value as T;
}

/** Bank code and account number -> the account's id `BANK:NUMBER`. */
export function bankAccountId(
  bankRaw: string,
  numberRaw: string,
): {
  id: string;
  bank: string;
  number: string;
} {
  const bank = bankRaw.trim().toUpperCase();
  if (numberRaw.trim().startsWith('-')) {
    // Without this check `-1` would lose its minus as a separator and become account 1.
    throw new RowError(
      `account number "${numberRaw}" starts with a minus: simulators' logs write such ids ` +
        "(AMLSim's - for cash at a branch, AMLGentex's -1 and -2) for money leaving the bank or " +
        'arriving from outside it (cash, spending, income, opening balances), which is no account',
    );
  }
  const number = numberRaw.replace(/[\s-]/g, '');
  if (!/^[A-Z0-9_]{2,20}$/.test(bank)) throw new RowError(`bank code "${bankRaw}" is not valid`);
  if (!/^[A-Za-z0-9]{1,34}$/.test(number)) {
    throw new RowError(`account number "${numberRaw}" is not valid`);
  }
  return { id: `${bank}:${number}`, bank, number };
}

/** Platform and handle -> the platform account's id `platform:handle`. */
export function platformAccountId(
  platformRaw: string,
  handleRaw: string,
): {
  id: string;
  platform: string;
  handle: string;
} {
  const platform = platformRaw.trim().toLowerCase();
  const handle = handleRaw.trim().replace(/^@/, '');
  if (!/^[a-z0-9_.-]{2,30}$/.test(platform)) {
    throw new RowError(`platform "${platformRaw}" is not valid`);
  }
  if (!/^[\p{L}\p{N}_.-]{1,64}$/u.test(handle)) {
    throw new RowError(`handle "${handleRaw}" is not valid`);
  }
  return { id: `${platform}:${handle}`, platform, handle };
}

/** An IPv4 or IPv6 address in canonical text. */
export function normaliseIp(raw: string): string {
  const text = raw.trim().toLowerCase();
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const parts = v4.slice(1).map(Number);
    if (parts.every((part) => part <= 255)) return parts.join('.');
  } else if (/^[0-9a-f:]+$/.test(text) && text.includes(':') && text.length <= 39) {
    return text;
  }
  throw new RowError(`"${raw}" is not an IP address`);
}

/** Splits a `;`-separated list cell, dropping empty entries. */
export function splitList(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(';')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
