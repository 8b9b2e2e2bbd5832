/**
 * Scenario variants: the same simulated world seen through different sets of partners. A variant
 * only decides what is written (which files, which police-report columns are left empty) and
 * therefore what the ground truth can fairly ask for, so variants of one seed are comparable.
 */
import { FILE_KINDS, type FileKind } from './output/formats';

export const VARIANTS = ['full', 'telecom', 'banking', 'unreported'] as const;
export type VariantName = (typeof VARIANTS)[number];

/** Police-report columns naming leads; a variant may leave some of them empty. */
export type NamedColumn = 'named_numbers' | 'named_accounts' | 'named_handles';

export interface VariantSpec {
  /** Files written, in the order of `FILE_KINDS`. */
  files: readonly FileKind[];
  /** Police-report columns written empty on every row. */
  emptyColumns: readonly NamedColumn[];
}

/** What each variant writes. */
export const VARIANT_SPECS: Record<VariantName, VariantSpec> = {
  /** Every partner sends every kind of record, and victims report. */
  full: { files: FILE_KINDS, emptyColumns: [] },
  /** A telecom operator and the police; reports name phone numbers only. */
  telecom: {
    files: ['telecom-cdr', 'telecom-sightings', 'police-reports'],
    emptyColumns: ['named_accounts', 'named_handles'],
  },
  /** The banks and the police; reports name bank accounts only. */
  banking: {
    files: ['bank-transfers', 'bank-accounts', 'police-reports'],
    emptyColumns: ['named_numbers', 'named_handles'],
  },
  /** Every partner but the police: no victim reports at all. */
  unreported: { files: FILE_KINDS.filter((kind) => kind !== 'police-reports'), emptyColumns: [] },
};

/** Whether `variant` writes files of `kind`. */
export function writesFile(variant: VariantName, kind: FileKind): boolean {
  return VARIANT_SPECS[variant].files.includes(kind);
}
