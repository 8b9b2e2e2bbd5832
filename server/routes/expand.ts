/**
 * Guarded expansion of one entity: `.../neighbours/counts` first, then `.../neighbours` with
 * filters and paging. Police users only: a partner's scope stops at its own records.
 */
import { z } from 'zod';
import { ENTITY_TYPES } from '../services/entities';
import {
  EXPAND_DEFAULTS,
  NEIGHBOUR_TYPES,
  RELATIONSHIP_TYPES,
  neighbourCounts,
  neighbourPage,
  twoHopNeighbourPage,
} from '../services/expand';
import { neighbourAnswer, neighbourCounts as countsAnswer } from '../contract/explore';
import { FROM_BEFORE_TO, commaList, fromBeforeTo, timeWindow } from '../http/validation';
import { badRequest } from '../errors';
import { PATH_LINK_TYPES } from '../services/paths';
import { route, type ApiRoute } from './context';

const entityParams = z.object({
  type: z.enum(ENTITY_TYPES),
  id: z.string().trim().min(1).max(200),
});

const pageQuery = z
  .object({
    relationships: commaList(RELATIONSHIP_TYPES).optional(),
    types: commaList(NEIGHBOUR_TYPES).optional(),
    hops: z.coerce.number().int().min(1).max(2).default(1),
    ...timeWindow,
    order: z.enum(['most', 'least']).default('most'),
    skip: z.coerce.number().int().min(0).max(EXPAND_DEFAULTS.scanCap).default(0),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(EXPAND_DEFAULTS.maxLimit)
      .default(EXPAND_DEFAULTS.limit),
  })
  .refine(fromBeforeTo, FROM_BEFORE_TO);

export const expandRoutes: ApiRoute[] = [
  route({
    method: 'get',
    path: '/entities/:type/:id/neighbours/counts',
    summary: 'How many neighbours an entity has, by relationship and kind (before expanding)',
    access: ['graph:read'],
    audit: 'entity.expand-counts',
    input: { params: entityParams },
    output: countsAnswer,
    async handle({ params: { type, id } }, context) {
      const result = await neighbourCounts(context.executor, type, id);
      return { body: result, audit: { target: `${type}:${id}`, resultSize: result.counts.length } };
    },
  }),
  route({
    method: 'get',
    path: '/entities/:type/:id/neighbours',
    summary:
      'A page of an entity’s neighbours by relationship, kind and time window; hops=2 for ' +
      'neighbours of neighbours over identity links (guarded at both hops)',
    access: ['graph:read'],
    audit: 'entity.expand',
    input: { params: entityParams, query: pageQuery },
    output: neighbourAnswer,
    async handle({ params: { type, id }, query }, context) {
      if (query.hops === 2) {
        if (query.from || query.to || query.order === 'least') {
          throw badRequest(
            'Two-hop expansion has no time window or order; expand one hop for those.',
          );
        }
        const allowed = new Set<string>(PATH_LINK_TYPES);
        const relationships = query.relationships ?? [...PATH_LINK_TYPES];
        const events = relationships.filter((relationship) => !allowed.has(relationship));
        if (events.length > 0) {
          throw badRequest(
            `Two-hop expansion follows identity links only, not ${events.join(', ')}; use ` +
              `${PATH_LINK_TYPES.join(', ')}.`,
          );
        }
        const page = await twoHopNeighbourPage(context.executor, type, id, {
          relationships,
          neighbourTypes: query.types,
          skip: query.skip,
          limit: query.limit,
        });
        return {
          body: page,
          audit: {
            target: `${type}:${id}`,
            params: { hops: 2, relationships },
            resultSize: page.neighbours.length,
          },
        };
      }
      const page = await neighbourPage(context.executor, type, id, {
        relationships: query.relationships,
        neighbourTypes: query.types,
        from: query.from,
        to: query.to,
        order: query.order,
        skip: query.skip,
        limit: query.limit,
      });
      const params = Object.fromEntries(
        Object.entries(query).filter(([, value]) => value !== undefined),
      ) as Record<string, string | number | string[]>;
      return {
        body: page,
        audit: { target: `${type}:${id}`, params, resultSize: page.neighbours.length },
      };
    },
  }),
];
