/**
 * The files a scenario writes and their columns, exactly as docs/data-formats.md lists them
 * (required and optional), and the sink every generator writes rows to. A row is typed by its
 * file kind, so a generator that forgets or misspells a column does not compile.
 */

/** Columns of each partner file, in the order they are written. */
export const COLUMNS = {
  'bank-transfers': [
    'transfer_id',
    'from_bank',
    'from_account',
    'to_bank',
    'to_account',
    'amount',
    'currency',
    'time',
    'channel',
    'reference',
  ],
  'bank-accounts': ['bank', 'account', 'holder_id', 'holder_name', 'opened_at'],
  'telecom-cdr': [
    'record_id',
    'calling_number',
    'called_number',
    'start_time',
    'duration_s',
    'imsi',
    'imei',
    'cell_id',
  ],
  'telecom-sightings': ['record_id', 'imsi', 'imei', 'msisdn', 'iccid', 'seen_at', 'cell_id'],
  'platform-accounts': [
    'platform',
    'handle',
    'display_name',
    'phone',
    'registered_at',
    'registration_ip',
    'registration_imei',
  ],
  'platform-logins': ['record_id', 'platform', 'handle', 'time', 'ip', 'imei'],
  'platform-messages': ['record_id', 'platform', 'from_handle', 'to_handle', 'time', 'kind'],
  'police-reports': [
    'case_number',
    'reported_at',
    'station_id',
    'station_name',
    'scam_type',
    'loss_amount',
    'currency',
    'victim_id',
    'victim_name',
    'victim_phone',
    'named_numbers',
    'named_accounts',
    'named_handles',
  ],
} as const;

export type FileKind = keyof typeof COLUMNS;

/** Every file kind, in the order files are listed in summaries. */
export const FILE_KINDS = Object.keys(COLUMNS) as FileKind[];

/** One row of a file: every column present, as text (empty text for an unknown value). */
export type Row<K extends FileKind> = Record<(typeof COLUMNS)[K][number], string>;

/** File name of a kind, e.g. `bank-transfers.csv`. */
export function fileName(kind: FileKind): string {
  return `${kind}.csv`;
}

/** Where generated rows go: CSV files on disk, memory in tests, a counter in benchmarks. */
export interface ScenarioSink {
  write<K extends FileKind>(kind: K, row: Row<K>): void;
}
