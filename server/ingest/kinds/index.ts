/**
 * The kinds of partner file Ringtrace loads (see docs/data-formats.md), each defined whole in its
 * own file beside this one (`define.ts` says what a kind is made of). A new kind of record goes
 * in a new file here and in `FILE_KINDS`; the maps below do not compile until both agree.
 */
import { bankAccounts } from './bankAccounts';
import { bankTransfers } from './bankTransfers';
import type { KindDefinition } from './define';
import { platformAccounts } from './platformAccounts';
import { platformLogins } from './platformLogins';
import { platformMessages } from './platformMessages';
import { policeReports } from './policeReports';
import { telecomCdr } from './telecomCdr';
import { telecomSightings } from './telecomSightings';

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

const DEFINITIONS = {
  'bank-transfers': bankTransfers,
  'bank-accounts': bankAccounts,
  'telecom-cdr': telecomCdr,
  'telecom-sightings': telecomSightings,
  'platform-accounts': platformAccounts,
  'platform-logins': platformLogins,
  'platform-messages': platformMessages,
  'police-reports': policeReports,
} as const satisfies { readonly [K in FileKind]: { readonly kind: K } };

type Definitions = typeof DEFINITIONS;

/** The normalised row of a kind, as its parse returns it. */
export type KindRow<K extends FileKind> = ReturnType<Definitions[K]['parse']>;

/** The column names of a kind (of any of them, for a union of kinds). */
export type KindColumn<K extends FileKind> = K extends FileKind
  ? keyof Definitions[K]['columns'] & string
  : never;

/** Every kind, each with its own row type. */
export const KINDS: { readonly [K in FileKind]: KindDefinition<KindRow<K>> } = DEFINITIONS;

/**
 * A kind's definition for code that handles any kind (the loaders): parse, write and bulk plan
 * typed together, so rows parsed by one kind go only to that kind's writer.
 */
export function kindDefinition<K extends FileKind>(kind: K): KindDefinition<KindRow<K>> {
  return KINDS[kind];
}

/** Each kind's columns in file order (what the scenario generator writes). */
export const KIND_COLUMNS = Object.fromEntries(
  FILE_KINDS.map((kind) => [kind, Object.keys(KINDS[kind].columns)]),
) as unknown as { readonly [K in FileKind]: readonly KindColumn<K>[] };

export function isFileKind(value: string): value is FileKind {
  return (FILE_KINDS as readonly string[]).includes(value);
}

export type { RawRow, ParseContext, KindDefinition, KeyedRow } from './define';
export { SCAM_TYPES } from './policeReports';
