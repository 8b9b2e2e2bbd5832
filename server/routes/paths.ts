/**
 * `GET /api/paths?entities=Type:id,Type:id&relationships=&k=&maxHops=&timeRespecting=&from=&to=`:
 * how two or more entities are connected.
 */
import { z } from 'zod';
import { pathsAnswer } from '../contract/explore';
import {
  FROM_BEFORE_TO,
  commaList,
  entityRefList,
  fromBeforeTo,
  timeWindow,
} from '../http/validation';
import { ENTITY_TYPES } from '../services/entities';
import {
  PATH_DEFAULTS,
  PATH_LINK_TYPES,
  shortestPaths,
  timeRespectingPaths,
} from '../services/paths';
import { route, type ApiRoute } from './context';

const DAY = 86_400_000;

const pathQuery = z
  .object({
    entities: entityRefList(ENTITY_TYPES, 2, PATH_DEFAULTS.maxEntities),
    relationships: commaList(PATH_LINK_TYPES).optional(),
    k: z.coerce.number().int().min(1).max(PATH_DEFAULTS.maxK).default(PATH_DEFAULTS.k),
    maxHops: z.coerce
      .number()
      .int()
      .min(1)
      .max(PATH_DEFAULTS.hopCap)
      .default(PATH_DEFAULTS.maxHops),
    timeRespecting: z.enum(['true', 'false']).default('false'),
    ...timeWindow,
  })
  .refine(fromBeforeTo, FROM_BEFORE_TO);

export const pathRoutes: ApiRoute[] = [
  route({
    method: 'get',
    path: '/paths',
    summary:
      'Shortest (or k shortest) paths between two to five entities over chosen link types, or ' +
      'time-respecting paths over transfers or calls within a window',
    access: ['graph:read'],
    audit: 'paths',
    expensive: true,
    input: { query: pathQuery },
    output: pathsAnswer,
    async handle({ query }, context) {
      const audit = {
        target: query.entities.map((entity) => `${entity.type}:${entity.id}`).join(','),
        params: { maxHops: query.maxHops, k: query.k, timeRespecting: query.timeRespecting },
      };
      if (query.timeRespecting === 'true') {
        const to = query.to ?? new Date().toISOString();
        const from =
          query.from ?? new Date(Date.parse(to) - PATH_DEFAULTS.windowDays * DAY).toISOString();
        const result = await timeRespectingPaths(context.executor, query.entities, {
          maxHops: query.maxHops,
          from,
          to,
        });
        return {
          body: {
            ...result,
            window: { from, to },
            note: 'Earliest-arriving path per pair: each transfer or call later than the one before.',
          },
          audit: { ...audit, resultSize: result.paths.length },
        };
      }
      const result = await shortestPaths(context.executor, query.entities, {
        relationships: query.relationships ?? PATH_LINK_TYPES,
        k: query.k,
        maxHops: query.maxHops,
      });
      return { body: result, audit: { ...audit, resultSize: result.paths.length } };
    },
  }),
];
