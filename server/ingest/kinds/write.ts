/**
 * The two ways a kind's batch is written online. Most kinds send their rows as they are to one
 * `UNWIND` query that skips records already in the graph. The high-volume kinds (transfers,
 * calls) first ask which ids exist, then send only the new rows, planned as columns (see
 * `../columnar.ts`), in one transaction.
 */
import type { BatchParams } from '../../db/queries';
import type { QueryDefinition } from '../../db/query';
import type { BatchWriter, KeyedRow } from './define';

/**
 * Sends the rows as `$rows` to `query`; a query that also answers the `ids` it created tells
 * which rows were fresh.
 */
export function rowWriter<Row extends KeyedRow>(
  query: QueryDefinition<BatchParams, { created: number; ids?: string[] }>,
): BatchWriter<Row> {
  return async (executor, rows, sourceId, organisation) => {
    const result = await executor.first(query, { rows, sourceId, organisation });
    const ids = result?.ids ? new Set(result.ids) : null;
    return {
      created: result?.created ?? 0,
      fresh: ids ? rows.filter((row) => ids.has(row.id)) : null,
    };
  };
}

/** Sends the rows whose ids `existing` does not find, as `plan` lays them out, to `write`. */
export function columnWriter<Row extends KeyedRow, Plan>(
  existing: QueryDefinition<{ ids: string[] }, { ids: string[] }>,
  write: QueryDefinition<Plan & { organisation: string }, { created: number }>,
  plan: (rows: readonly Row[], sourceId: string) => Plan,
): BatchWriter<Row> {
  return (executor, rows, sourceId, organisation) =>
    executor.transaction('write', async (tx) => {
      const [found] = await tx.run(existing, { ids: rows.map((row) => row.id) });
      const known = new Set(found?.ids ?? []);
      const fresh = known.size === 0 ? rows : rows.filter((row) => !known.has(row.id));
      if (fresh.length === 0) return { created: 0, fresh };
      const [result] = await tx.run(write, { ...plan(fresh, sourceId), organisation });
      return { created: result?.created ?? 0, fresh };
    });
}
