/** One identity by type and id; partners see only their own organisation's records. */
import { z } from 'zod';
import { entityView } from '../contract/explore';
import { ENTITY_TYPES, viewEntity } from '../services/entities';
import { withAudit } from '../http/routing';
import { RingtraceError } from '../errors';
import { route, type ApiRoute } from './context';

const entityParams = z.object({
  type: z.enum(ENTITY_TYPES),
  id: z.string().trim().min(1).max(200),
});

export const entityRoutes: ApiRoute[] = [
  route({
    method: 'get',
    path: '/entities/:type/:id',
    summary: 'View one identity: bank account, phone number, SIM, device, platform account, ...',
    access: ['graph:read', 'graph:read-own'],
    audit: 'entity.view',
    input: { params: entityParams },
    output: entityView,
    async handle({ params: { type, id }, principal }, context) {
      const target = `${type}:${id}`;
      try {
        const entity = await viewEntity(context.executor, principal, type, id);
        return { body: entity, audit: { target, resultSize: 1 } };
      } catch (error) {
        if (error instanceof RingtraceError) throw withAudit(error, { target });
        throw error;
      }
    },
  }),
];
