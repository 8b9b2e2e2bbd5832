/**
 * Entity ids as the ground truth names them, in the forms ingestion normalises identifiers to:
 * `Person:<holder id>`, `PhoneNumber:+86...`, `SIM:<imsi>`, `Device:<imei>`,
 * `BankAccount:<BANK>:<number>`, `PlatformAccount:<platform>:<handle>`.
 */
import { accountKey } from '../ids/banks';
import { e164 } from '../ids/phones';
import { handleKey } from '../ids/platforms';
import type { BankAccount, Person, PlatformAccount } from '../population/model';

export function personEntity(person: Person): string {
  return `Person:${person.id}`;
}

export function phoneEntity(msisdn: string): string {
  return `PhoneNumber:${e164(msisdn)}`;
}

export function simEntity(imsi: string): string {
  return `SIM:${imsi}`;
}

export function deviceEntity(imei: string): string {
  return `Device:${imei}`;
}

export function bankAccountEntity(account: BankAccount): string {
  return `BankAccount:${accountKey(account.bank, account.number)}`;
}

export function platformAccountEntity(account: PlatformAccount): string {
  return `PlatformAccount:${handleKey(account.platform, account.handle)}`;
}
