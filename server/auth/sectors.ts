/**
 * Partner sectors: what kind of organisation a partner account speaks for, which file kinds it
 * may upload, and how its organisation must be written so that its own records are found (a bank
 * by the bank code of its account ids, a platform by the platform name of its handles).
 */
import type { FileKind } from '../ingest/kinds';

export const SECTORS = ['bank', 'telecom', 'platform'] as const;
export type Sector = (typeof SECTORS)[number];

/** The file kinds each sector supplies; police reports come from police users only. */
export const SECTOR_KINDS: Readonly<Record<Sector, readonly FileKind[]>> = {
  bank: ['bank-transfers', 'bank-accounts'],
  telecom: ['telecom-cdr', 'telecom-sightings'],
  platform: ['platform-accounts', 'platform-logins', 'platform-messages'],
};

const SECTOR_NAMES: Readonly<Record<Sector, string>> = {
  bank: 'a bank',
  telecom: 'a telecom operator',
  platform: 'a platform',
};

export function isSector(value: string): value is Sector {
  return (SECTORS as readonly string[]).includes(value);
}

/** Why a partner of `sector` may not upload `kind`, or null when it may. */
export function uploadRefusal(sector: Sector | null, kind: FileKind): string | null {
  if (sector === null) {
    return 'This partner account has no sector (bank, telecom or platform), so it may upload nothing; ask an administrator to set it.';
  }
  if (SECTOR_KINDS[sector].includes(kind)) return null;
  return (
    `A partner that is ${SECTOR_NAMES[sector]} uploads only ${SECTOR_KINDS[sector].join(', ')} ` +
    `files, not ${kind}.`
  );
}

/** Why `organisation` cannot be the organisation of a `sector` partner, or null when it can. */
export function organisationProblem(sector: Sector, organisation: string): string | null {
  if (sector === 'bank' && !/^[A-Z0-9_]{2,20}$/.test(organisation)) {
    return 'A bank partner\'s organisation is its bank code as its account ids use it (2-20 capital letters, digits or "_", e.g. ICBC).';
  }
  if (sector === 'platform' && !/^[a-z0-9_.-]{2,30}$/.test(organisation)) {
    return 'A platform partner\'s organisation is the platform name its handles use (2-30 lowercase letters, digits, ".", "-" or "_", e.g. wechat).';
  }
  if (!/^[A-Za-z0-9_.-]{2,64}$/.test(organisation)) {
    return 'A partner\'s organisation is 2-64 letters, digits, ".", "-" or "_".';
  }
  return null;
}
