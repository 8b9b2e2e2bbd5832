/** What the graph holds: counts of identities, events and cases by kind. */
import { graphSummary } from '../contract/explore';
import { queries } from '../db/queries';
import { route, type ApiRoute } from './context';

export const graphRoutes: ApiRoute[] = [
  route({
    method: 'get',
    path: '/graph/summary',
    summary: 'How many people, numbers, accounts, transfers, calls, cases ... the graph holds',
    access: ['graph:read'],
    audit: 'graph.summary',
    output: graphSummary,
    async handle(_call, context) {
      const rows = await context.executor.run(queries.graphSummary, {});
      return {
        body: { counts: Object.fromEntries(rows.map((row) => [row.label, row.count])) },
        audit: { resultSize: rows.length },
      };
    },
  }),
];
