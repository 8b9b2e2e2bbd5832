/** `GET /api/trace/forward?transfer=`: where a victim's money went, and where it still sits. */
import { z } from 'zod';
import { parseInput } from '../http/validation';
import { TRACE_DEFAULTS, traceForward } from '../services/trace';
import type { ApiRoute } from './context';

const traceQuery = z.object({
  transfer: z.string().trim().min(1).max(200),
  depth: z.coerce.number().int().min(1).max(TRACE_DEFAULTS.maxDepth).default(TRACE_DEFAULTS.depth),
  windowHours: z.coerce
    .number()
    .positive()
    .max(TRACE_DEFAULTS.maxWindowHours)
    .default(TRACE_DEFAULTS.windowHours),
  method: z.enum(['proportional', 'fifo']).default('proportional'),
});

export const traceRoutes: ApiRoute[] = [
  {
    method: 'get',
    path: '/trace/forward',
    summary:
      "Trace a victim's transfer forward through the mule layers: flow and what can be frozen",
    access: ['graph:read'],
    audit: 'trace.forward',
    expensive: true,
    async handle(req, _res, context) {
      const query = parseInput(traceQuery, req.query, 'query');
      const trace = await traceForward(context.executor, query.transfer, query);
      return {
        body: trace,
        audit: {
          target: `Transfer:${query.transfer}`,
          params: { depth: query.depth, windowHours: query.windowHours, method: query.method },
          resultSize: trace.hops.length,
        },
      };
    },
  },
];
