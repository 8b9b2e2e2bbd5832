/** One identity by type and id; partners see only their own organisation's records. */
import { z } from 'zod';
import type { Principal } from '../auth/principal';
import { ENTITY_TYPES, viewEntity } from '../services/entities';
import { withAudit } from '../http/routing';
import { parseInput } from '../http/validation';
import { RingtraceError } from '../errors';
import type { ApiRoute } from './context';

const entityParams = z.object({
  type: z.enum(ENTITY_TYPES),
  id: z.string().trim().min(1).max(200),
});

export const entityRoutes: ApiRoute[] = [
  {
    method: 'get',
    path: '/entities/:type/:id',
    summary: 'View one identity: bank account, phone number, SIM, device, platform account, ...',
    access: ['graph:read', 'graph:read-own'],
    audit: 'entity.view',
    input: { params: entityParams },
    async handle(req, _res, context) {
      const { type, id } = parseInput(entityParams, req.params, 'path');
      const target = `${type}:${id}`;
      try {
        const entity = await viewEntity(context.executor, req.principal as Principal, type, id);
        return { body: entity, audit: { target, resultSize: 1 } };
      } catch (error) {
        if (error instanceof RingtraceError) throw withAudit(error, { target });
        throw error;
      }
    },
  },
];
