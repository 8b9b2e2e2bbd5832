/** `GET /api/health`: public, for operators and the sign-in page; 503 when Neo4j is unreachable. */
import { checkHealth } from '../services/health';
import type { ApiRoute } from './context';

export const healthRoutes: ApiRoute[] = [
  {
    method: 'get',
    path: '/health',
    summary: 'Neo4j version and edition, GDS and APOC, schema',
    access: 'public',
    async handle(_req, _res, context) {
      const report = await checkHealth(context.health);
      return { status: report.status === 'unavailable' ? 503 : 200, body: report };
    },
  },
];
