/** `GET /api/search?q=`: identifier-first search over the graph, ranked, one line per hit. */
import { z } from 'zod';
import { searchHits } from '../contract/explore';
import { search } from '../services/search';
import { route, type ApiRoute } from './context';

const searchQuery = z.object({
  q: z.string(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'a two-letter country code')
    .default('CN'),
});

export const searchRoutes: ApiRoute[] = [
  route({
    method: 'get',
    path: '/search',
    summary: 'Find numbers, handsets, SIMs, accounts, handles, cases and people by what you know',
    access: ['graph:read', 'graph:read-own'],
    audit: 'search',
    input: { query: searchQuery },
    output: searchHits,
    async handle({ query, principal }, context) {
      const hits = await search(context.executor, principal, query.q, {
        country: query.country as 'CN',
        limit: query.limit,
      });
      return {
        body: { hits },
        audit: { params: { q: query.q, limit: query.limit }, resultSize: hits.length },
      };
    },
  }),
];
