/**
 * How each kind's batch is written. Most kinds send their rows to one `UNWIND` query that skips
 * records already in the graph. Transfers and calls, the high-volume kinds, first ask which ids
 * exist, then send only the new rows as columns (see `columnar.ts`), in one transaction.
 */
import type { Executor } from '../db/executor';
import { queries, type BatchParams } from '../db/queries';
import type { QueryDefinition } from '../db/query';
import { planCalls, planTransfers, type CallRow, type TransferRow } from './columnar';
import type { FileKind } from './kinds';

type Row = Record<string, unknown> & { id: string };

/**
 * Writes one batch of a source supplied by `organisation`; resolves with how many rows added a
 * record (the rest were duplicates).
 */
export type BatchWriter = (
  executor: Executor,
  rows: Row[],
  sourceId: string,
  organisation: string,
) => Promise<number>;

function rowWriter(query: QueryDefinition<BatchParams, { created: number }>): BatchWriter {
  return async (executor, rows, sourceId, organisation) =>
    (await executor.first(query, { rows, sourceId, organisation }))?.created ?? 0;
}

/** `plan` receives the rows `kinds.ts` produced for this kind, of type `Kind`. */
function columnWriter<Kind extends Row, Plan>(
  existing: QueryDefinition<{ ids: string[] }, { ids: string[] }>,
  write: QueryDefinition<Plan & { organisation: string }, { created: number }>,
  plan: (rows: Kind[], sourceId: string) => Plan,
): BatchWriter {
  return (executor, rows, sourceId, organisation) =>
    executor.transaction('write', async (tx) => {
      const [found] = await tx.run(existing, { ids: rows.map((row) => row.id) });
      const known = new Set(found?.ids ?? []);
      const fresh = known.size === 0 ? rows : rows.filter((row) => !known.has(row.id));
      if (fresh.length === 0) return 0;
      const [result] = await tx.run(write, {
        ...plan(fresh as Kind[], sourceId),
        organisation,
      });
      return result?.created ?? 0;
    });
}

export const WRITERS: Readonly<Record<FileKind, BatchWriter>> = {
  'bank-transfers': columnWriter<TransferRow, ReturnType<typeof planTransfers>>(
    queries.existingTransfers,
    queries.writeTransferColumns,
    planTransfers,
  ),
  'bank-accounts': rowWriter(queries.writeBankAccounts),
  'telecom-cdr': columnWriter<CallRow, ReturnType<typeof planCalls>>(
    queries.existingCalls,
    queries.writeCallColumns,
    planCalls,
  ),
  'telecom-sightings': rowWriter(queries.writeSightings),
  'platform-accounts': rowWriter(queries.writePlatformAccounts),
  'platform-logins': rowWriter(queries.writeLogins),
  'platform-messages': rowWriter(queries.writeMessages),
  'police-reports': rowWriter(queries.writeReports),
};
