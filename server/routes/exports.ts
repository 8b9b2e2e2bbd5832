/**
 * `POST /api/exports`: the client makes PNG, SVG, GraphML, JSON and CSV exports of the view in the
 * browser; before it writes the file it tells the server, which records who exported what (format,
 * counts, investigation, entity ids) in the audit trail. The client exports nothing the server has
 * not recorded.
 */
import { exportRecorded, exportRequest } from '../contract/exports';
import { route, type ApiRoute } from './context';

export const exportRoutes: ApiRoute[] = [
  route({
    method: 'post',
    path: '/exports',
    summary: 'Record an export of the view (format, counts, investigation) before the file is made',
    access: ['export:create'],
    audit: 'export.create',
    input: { body: exportRequest },
    output: exportRecorded,
    // eslint-disable-next-line @typescript-eslint/require-await
    async handle({ body }) {
      const { format, nodes, edges, investigationId, investigationName, entities } = body;
      return {
        status: 201,
        body: { format, nodes, edges, recordedAt: new Date().toISOString() },
        audit: {
          target: investigationId === null ? null : `Workspace:${investigationId}`,
          params: { format, nodes, edges, investigationName, entities },
          resultSize: nodes + edges,
        },
      };
    },
  }),
];
