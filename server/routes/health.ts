/** `GET /api/health`: public, for operators and the sign-in page; 503 when Neo4j is unreachable. */
import { healthReport } from '../contract/health';
import { checkHealth } from '../services/health';
import { route, type ApiRoute } from './context';

export const healthRoutes: ApiRoute[] = [
  route({
    method: 'get',
    path: '/health',
    summary: 'Neo4j version and edition, GDS and APOC, schema',
    access: 'public',
    output: healthReport,
    async handle(_call, context) {
      const report = await checkHealth(context.health);
      return { status: report.status === 'unavailable' ? 503 : 200, body: report };
    },
  }),
];
