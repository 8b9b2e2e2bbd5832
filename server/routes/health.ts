/** `GET /api/health`: public, for operators and the sign-in page; 503 when Neo4j is unreachable. */
import { healthReport } from '../contract/health';
import { checkHealth } from '../services/health';
import { route, type ApiRoute } from './context';

/** When Neo4j cannot be reached, ask callers to look again after this long. */
const RETRY_AFTER_SECONDS = 10;

export const healthRoutes: ApiRoute[] = [
  route({
    method: 'get',
    path: '/health',
    summary: 'Neo4j version and edition, GDS and APOC, schema',
    access: 'public',
    output: healthReport,
    unavailableAnswer: 'output',
    async handle({ res }, context) {
      const report = await checkHealth(context.health);
      if (report.status === 'unavailable')
        res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      return { status: report.status === 'unavailable' ? 503 : 200, body: report };
    },
  }),
];
