/**
 * Looking up one identity by type and id. Partners see only their own organisation's accounts and
 * numbers: the scope is applied inside the query, so nothing else ever leaves the database.
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
  return { type, id, labels: row.entity.labels, properties: row.entity.properties };
}
