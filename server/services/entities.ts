/**
 * Looking up one identity by type and id. Partners see only their own organisation's accounts and
 * numbers: the scope is applied inside the query, so nothing else ever leaves the database. Of
 * their own records they are not shown what only the police know: which other source described
 * the record first. Police users also get what the details panel says beside the properties
 * (holders, source file, link counts).
 */
import type { EntityView } from '../contract/explore';
import type { Executor } from '../db/executor';
import { queries } from '../db/queries';
import { notFound } from '../errors';
import { can, type Principal } from '../auth/principal';
import type { EntityType } from '../db/entityTypes';

export { ENTITY_TYPES, type EntityType } from '../db/entityTypes';

export type { EntityView };

export async function viewEntity(
  executor: Executor,
  principal: Principal,
  type: EntityType,
  id: string,
): Promise<EntityView> {
  const organisation = can(principal, 'graph:read') ? null : (principal.organisation ?? '');
  const row = await executor.first(queries.entityById, { type, id, organisation });
  // Out of scope and absent look the same to a partner.
  if (!row) throw notFound(`No ${type} with id ${id}.`);
  if (organisation !== null) {
    const properties = partnerView(row.entity.properties, organisation);
    return { type, id, labels: row.entity.labels, properties };
  }
  const context = await executor.first(queries.entityContext, { type, id });
  return {
    type,
    id,
    labels: row.entity.labels,
    properties: row.entity.properties,
    ...(context ? { context } : {}),
  };
}

/**
 * A partner's own record without the provenance of other organisations' sources (`recordSourceId`
 * and `recordLine` when another source described it first) and without the `operator` that older
 * versions stored from whichever operator uploaded a number first.
 */
function partnerView(
  properties: Record<string, unknown>,
  organisation: string,
): Record<string, unknown> {
  const { operator: _firstUploader, recordSourceId, recordLine, ...rest } = properties;
  const own = typeof recordSourceId === 'string' && recordSourceId.startsWith(`${organisation}:`);
  return own ? { ...rest, recordSourceId, recordLine } : rest;
}
