/**
 * Queries of `cypher/ingest/`. Ingestion: one batch of normalised partner rows per write, the
 * columnar plans of the high-volume kinds, and the record of each Source.
 */
import { defineQuery, type NoParams } from '../query';

/**
 * Pairs merged once per batch, as columns: positions of the two ends, count, sum, first and last
 * time.
 */
export interface PairColumns {
  from: number[];
  to: number[];
  extra: string[];
  count: number[];
  total: number[];
  first: string[];
  last: string[];
}

/**
 * Parameters of `writeTransferColumns` (built in `server/ingest/`): each account once, the
 * transfers as one list per field with `fromIdx`/`toIdx` positions in `accounts`, and the
 * per-pair totals.
 */
export interface TransferPlan {
  sourceId: string;
  accounts: { id: string; bank: string; number: string }[];
  cols: { [field: string]: unknown[]; fromIdx: number[]; toIdx: number[] };
  pairs: PairColumns;
}

/**
 * Parameters of `writeCallColumns` (built in `server/ingest/`): each number, SIM and handset
 * once, the calls as one list per field with positions in those lists (-1 for none), the
 * per-pair call totals and the SIM-in-handset sightings.
 */
export interface CallPlan {
  sourceId: string;
  numbers: { id: string; raw: string }[];
  sims: string[];
  devices: { id: string; tac: string | null }[];
  cols: {
    [field: string]: unknown[];
    fromIdx: number[];
    toIdx: number[];
    simIdx: number[];
    deviceIdx: number[];
  };
  pairs: PairColumns;
  seen: PairColumns;
}

/** One batch of normalised rows for an ingest write, and the Source they come from. */
export interface BatchParams {
  rows: Record<string, unknown>[];
  sourceId: string;
  /** Who supplied the rows: a telecom operator's SIMs and calling numbers are its own. */
  organisation: string;
}

export const ingestQueries = {
  existingTransfers: defineQuery<{ ids: string[] }, { ids: string[] }>(
    'ingest/existingTransfers',
    'read',
  ),
  writeTransferColumns: defineQuery<TransferPlan & { organisation: string }, { created: number }>(
    'ingest/writeTransferColumns',
    'write',
  ),
  writeBankAccounts: defineQuery<BatchParams, { created: number }>(
    'ingest/writeBankAccounts',
    'write',
  ),
  existingCalls: defineQuery<{ ids: string[] }, { ids: string[] }>('ingest/existingCalls', 'read'),
  writeCallColumns: defineQuery<CallPlan & { organisation: string }, { created: number }>(
    'ingest/writeCallColumns',
    'write',
  ),
  writeSightings: defineQuery<BatchParams, { created: number }>('ingest/writeSightings', 'write'),
  writePlatformAccounts: defineQuery<BatchParams, { created: number }>(
    'ingest/writePlatformAccounts',
    'write',
  ),
  writeLogins: defineQuery<BatchParams, { created: number }>('ingest/writeLogins', 'write'),
  writeMessages: defineQuery<BatchParams, { created: number }>('ingest/writeMessages', 'write'),
  writeReports: defineQuery<BatchParams, { created: number; ids: string[] }>(
    'ingest/writeReports',
    'write',
  ),
  recordSource: defineQuery<
    {
      id: string;
      organisation: string;
      kind: string;
      fileName: string;
      rowsRead: number;
      rowsLoaded: number;
      rowsRejected: number;
    },
    never
  >('ingest/recordSource', 'write'),
  // Bulk first load (server/ingest/bulk/).
  countNodes: defineQuery<NoParams, { nodes: number }>('ingest/countNodes', 'read'),
} as const;
