/**
 * Constructors for single entities (a phone line, a bank account, a platform account), shared by
 * the background population and the scam rings so both look alike in the files.
 */
import type { BankCode } from '../ids/banks';
import type { DeviceClass } from '../ids/devices';
import type { Issuers } from '../ids/issuers';
import type { Operator } from '../ids/phones';
import type { Platform } from '../ids/platforms';
import type { Rng } from '../../server/lib/random';
import type { BankAccount, Line, PlatformAccount } from './model';

/** A new SIM in a new handset of `deviceClass`, usually served by `cell`. */
export function newLine(
  rng: Rng,
  issuers: Issuers,
  deviceClass: DeviceClass,
  cell: string,
  operator?: Operator,
): Line {
  return {
    sim: issuers.sims.issue(rng, operator),
    imei: issuers.imeis.issue(rng, deviceClass),
    cell,
    newHandset: null,
  };
}

/** A new SIM put into an existing handset (dual-SIM phones, SIM boxes, burner phones). */
export function lineInHandset(rng: Rng, issuers: Issuers, imei: string, cell: string): Line {
  return { sim: issuers.sims.issue(rng), imei, cell, newHandset: null };
}

/** A new personal account at `bank` for the holder, with the number of the holder's main line. */
export function newPersonalAccount(
  rng: Rng,
  issuers: Issuers,
  bank: BankCode,
  holder: { id: string; name: string; line: Line },
  openedAt: number,
): BankAccount {
  return {
    bank,
    number: issuers.banks.personalAccount(rng, bank),
    holderId: holder.id,
    holderName: holder.name,
    holderPhone: holder.line.sim.msisdn,
    openedAt,
  };
}

/** A new corporate account at `bank` for a company. */
export function newCorporateAccount(
  issuers: Issuers,
  bank: BankCode,
  holder: { id: string; name: string },
  openedAt: number,
): BankAccount {
  return {
    bank,
    number: issuers.banks.corporateAccount(bank),
    holderId: holder.id,
    holderName: holder.name,
    holderPhone: '',
    openedAt,
  };
}

/** What a platform records when an account is opened. */
export interface Registration {
  displayName: string;
  phone: string;
  at: number;
  ip: string;
  imei: string;
}

/** A new account on `platform` with a handle built from `pinyin`. */
export function newPlatformAccount(
  rng: Rng,
  issuers: Issuers,
  platform: Platform,
  pinyin: string,
  registration: Registration,
): PlatformAccount {
  return {
    platform,
    handle: issuers.handles.issue(rng, platform, pinyin),
    displayName: registration.displayName,
    phone: registration.phone,
    registeredAt: registration.at,
    registrationIp: registration.ip,
    registrationImei: registration.imei,
  };
}
