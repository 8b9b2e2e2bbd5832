/**
 * Uploading a partner file: `POST /api/ingest/:kind` with the file as the body (CSV or JSON
 * Lines). A partner uploads only its sector's kinds, recorded as from its own organisation and
 * loaded as its own records (its namespace; rows about other organisations' records rejected).
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { loadSummary } from '../contract/ingest';
import { uploadRefusal } from '../auth/sectors';
import { forbidden } from '../errors';
import { FILE_KINDS } from '../ingest/kinds';
import { loadFile } from '../ingest/loader';
import { shippedMapping } from '../ingest/mapping';
import { saveUpload } from '../ingest/upload';
import { route, type ApiRoute } from './context';

const uploadQuery = z.object({
  org: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{2,64}$/, 'use 2-64 letters, digits, dot, dash or underscore')
    .optional(),
  mapping: z.string().trim().max(64).optional(),
  fileName: z.string().trim().min(1).max(200).optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'a two-letter country code')
    .default('CN'),
});

const kindParams = z.object({ kind: z.enum(FILE_KINDS) });

export const ingestRoutes: ApiRoute[] = [
  route({
    method: 'post',
    path: '/ingest/:kind',
    summary: 'Load a partner file sent as the body; answers with the load summary',
    access: ['data:submit'],
    audit: 'data.submit',
    expensive: true,
    input: { params: kindParams, query: uploadQuery },
    output: loadSummary,
    async handle({ params: { kind }, query, principal, req }, context) {
      const partner = principal.role === 'partner';
      const refusal = partner ? uploadRefusal(principal.sector, kind) : null;
      if (refusal) throw forbidden(refusal);
      const organisation = partner ? (principal.organisation ?? '') : (query.org ?? 'police');
      const mapping = query.mapping ? shippedMapping(query.mapping) : undefined;
      const file = await saveUpload(
        req,
        path.join(context.ingest.workDir, 'uploads'),
        context.ingest.maxUploadBytes,
      );
      try {
        const summary = await loadFile(context.executor, file, {
          kind,
          organisation,
          partner,
          workDir: context.ingest.workDir,
          fileName: query.fileName ?? `upload.${kind}`,
          country: query.country as 'CN',
          ...(mapping ? { mapping } : {}),
        });
        return {
          body: { ...summary, rejectsFile: undefined },
          audit: {
            target: `Source:${summary.sourceId}`,
            params: {
              kind,
              organisation,
              fileName: summary.file,
              rowsRead: summary.rowsRead,
              rejected: summary.rejected,
            },
            resultSize: summary.loaded,
          },
        };
      } finally {
        rmSync(file, { force: true });
        // Even a load that failed part way may have written rows: risk answers read them.
        context.analysis.dataLoaded();
      }
    },
  }),
];
