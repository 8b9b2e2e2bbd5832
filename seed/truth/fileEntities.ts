/**
 * Which ground-truth entities a row of a partner file names, in the forms `truth.json` uses:
 * numbers normalised to E.164 whatever style they are written in, accounts as `BANK:NUMBER`,
 * handles as `platform:handle`, people by their resident id. Identifiers truth never lists (IP
 * addresses, ICCIDs, cells, case numbers) are left out. Runs on many rows a variant writes, so
 * it hands over ids without building the `Type:` strings.
 */
import type { KindColumn } from '../../server/ingest/kinds';
import type { FileKind } from '../output/formats';

/** A row as generated or as parsed from a CSV file with a header. */
export type FileRow = Readonly<Record<string, string>>;

export type EntityType =
  'Person' | 'PhoneNumber' | 'SIM' | 'Device' | 'BankAccount' | 'PlatformAccount';

/** The types of entity each kind of file can name. */
export const KIND_ENTITY_TYPES: Record<FileKind, readonly EntityType[]> = {
  'bank-transfers': ['BankAccount'],
  'bank-accounts': ['BankAccount', 'Person', 'PhoneNumber'],
  'telecom-cdr': ['PhoneNumber', 'SIM', 'Device'],
  'telecom-sightings': ['PhoneNumber', 'SIM', 'Device'],
  'platform-accounts': ['PlatformAccount', 'PhoneNumber', 'Device'],
  'platform-logins': ['PlatformAccount', 'Device'],
  'platform-messages': ['PlatformAccount'],
  'police-reports': ['Person', 'PhoneNumber', 'BankAccount', 'PlatformAccount'],
};

/** An entity id split into its type and the rest, e.g. `BankAccount` and `ICBC:6222...`. */
export function splitEntity(entity: string): { type: string; id: string } {
  const colon = entity.indexOf(':');
  return { type: entity.slice(0, colon), id: entity.slice(colon + 1) };
}

/**
 * Called with each entity a row names: its type and its id without the `Type:` prefix (E.164 for
 * numbers, `BANK:NUMBER`, `platform:handle`, resident id, IMSI, IMEI).
 */
export type FoundEntity = (type: EntityType, id: string) => void;

/** The E.164 form (`+86...`) of a Chinese mobile number as partners write it; '' for an empty cell. */
export function writtenPhoneE164(written: string): string {
  if (!written) return '';
  let digits = /^\d{11}$/.test(written) ? written : written.replace(/\D/g, '');
  if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.startsWith('86') && digits.length === 13) digits = digits.slice(2);
  return digits ? `+86${digits}` : '';
}

function cell(row: FileRow, name: KindColumn<FileKind>): string {
  return row[name] ?? '';
}

function named(type: EntityType, id: string, found: FoundEntity): void {
  if (id) found(type, id);
}

function phone(written: string, found: FoundEntity): void {
  named('PhoneNumber', writtenPhoneE164(written), found);
}

function pair(row: FileRow, first: KindColumn<FileKind>, second: KindColumn<FileKind>): string {
  return `${cell(row, first)}:${cell(row, second)}`;
}

/** Calls `found` with every entity `row` of a `kind` file names; one named twice, twice. */
export function forEachRowEntity(kind: FileKind, row: FileRow, found: FoundEntity): void {
  switch (kind) {
    case 'bank-transfers':
      found('BankAccount', pair(row, 'from_bank', 'from_account'));
      found('BankAccount', pair(row, 'to_bank', 'to_account'));
      return;
    case 'bank-accounts':
      found('BankAccount', pair(row, 'bank', 'account'));
      named('Person', cell(row, 'holder_id'), found);
      phone(cell(row, 'holder_phone'), found);
      return;
    case 'telecom-cdr':
      phone(cell(row, 'calling_number'), found);
      phone(cell(row, 'called_number'), found);
      named('SIM', cell(row, 'imsi'), found);
      named('Device', cell(row, 'imei'), found);
      return;
    case 'telecom-sightings':
      named('SIM', cell(row, 'imsi'), found);
      named('Device', cell(row, 'imei'), found);
      phone(cell(row, 'msisdn'), found);
      return;
    case 'platform-accounts':
      found('PlatformAccount', pair(row, 'platform', 'handle'));
      phone(cell(row, 'phone'), found);
      named('Device', cell(row, 'registration_imei'), found);
      return;
    case 'platform-logins':
      found('PlatformAccount', pair(row, 'platform', 'handle'));
      named('Device', cell(row, 'imei'), found);
      return;
    case 'platform-messages':
      found('PlatformAccount', pair(row, 'platform', 'from_handle'));
      found('PlatformAccount', pair(row, 'platform', 'to_handle'));
      return;
    case 'police-reports':
      named('Person', cell(row, 'victim_id'), found);
      phone(cell(row, 'victim_phone'), found);
      for (const number of cell(row, 'named_numbers').split(';')) phone(number, found);
      for (const account of cell(row, 'named_accounts').split(';')) {
        named('BankAccount', account, found);
      }
      for (const handle of cell(row, 'named_handles').split(';')) {
        named('PlatformAccount', handle, found);
      }
      return;
  }
}

/**
 * Every entity named anywhere in `files` (rows per kind, e.g. a `MemorySink`'s or parsed CSVs),
 * as truth names them: `PhoneNumber:+86...`, `BankAccount:ICBC:6222...`, ...
 */
export function entitiesInFiles(
  files: Readonly<Partial<Record<FileKind, readonly FileRow[]>>>,
): Set<string> {
  const entities = new Set<string>();
  const add: FoundEntity = (type, id) => void entities.add(`${type}:${id}`);
  for (const kind of Object.keys(files) as FileKind[]) {
    for (const row of files[kind] ?? []) forEachRowEntity(kind, row, add);
  }
  return entities;
}
