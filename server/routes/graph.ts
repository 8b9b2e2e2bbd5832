/** What the graph holds: counts of identities, events and cases by kind. */
import { queries } from '../db/queries';
import type { ApiRoute } from './context';

export const graphRoutes: ApiRoute[] = [
  {
    method: 'get',
    path: '/graph/summary',
    summary: 'How many people, numbers, accounts, transfers, calls, cases ... the graph holds',
    access: ['graph:read'],
    async handle(_req, _res, context) {
      const rows = await context.executor.run(queries.graphSummary, {});
      return { body: { counts: Object.fromEntries(rows.map((row) => [row.label, row.count])) } };
    },
  },
];
